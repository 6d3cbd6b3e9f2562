// Runs every component's own checks over a whole stack config before the first resource is
// registered, reports each problem under the config key a person would edit, and hands on what it
// resolved (every default filled in), so nothing is resolved twice at the stack level.
// One run reports everything: the stack file's own problems (config/) and the combination checks
// over every section that parsed. A check that reads a section the schema refused is skipped: that
// section's problem is already said, and the check would only repeat it in other words.
import { ConfigError, stageLabel, type CheckedConfig, type Section, type StackConfig } from "../config";
import { clientPoolProblems, clientReferenceProblems, loopbackUrlProblems, resolveClient, resourceServerScopes, type PoolCapabilities, type ResolvedClient } from "./app-clients/settings";
import { domainProblems } from "./domain/settings";
import { identityPoolProblems } from "./identity-pool/settings";
import { untrustedClaims } from "./identity-pool/untrusted-claims";
import { identityProviderNames, identityProviderProblems, providerMappedAttributes } from "./identity-providers/settings";
import { joinField, type Problem } from "./shared/validation";
import { followedGroups, migrationMarkProblems, migrationProblems } from "./triggers/migration";
import { defaultGroupRisk, stackMigrationPool, triggerClientProblems, triggerProblems } from "./triggers/settings";
import { immutableAttributes, poolCapabilities, resolveUserPoolSettings, userPoolProblems, type ResolvedUserPoolSettings } from "./user-pool/settings";

export interface PreflightInput {
    /** The stack file as config/ checked it: its own problems, and the sections that parsed. */
    readonly checked: CheckedConfig;
    /** Secret values (or placeholders) by config key. */
    readonly secrets: Readonly<Record<string, unknown>>;
    /** Where relative file paths (branding, SAML metadata) start. */
    readonly baseDir: string;
}

/** A stack's settings with every default filled in, resolved once. */
export interface ResolvedStack {
    readonly config: StackConfig;
    readonly pool: ResolvedUserPoolSettings;
    readonly clients: readonly ResolvedClient[];
}

/** `make()` the first time it is asked for, its value after. */
function once<T>(make: () => T): () => T {
    let made: { value: T } | undefined;
    return () => (made ??= { value: make() }).value;
}

/** What the checks share, each resolved only when asked for: with a section refused, what needs it is never made. */
function resolver(config: Partial<StackConfig>) {
    const pool = once(() => resolveUserPoolSettings(config.userPool ?? {}));
    const providerNames = once(() => identityProviderNames(config.identityProviders));
    const capabilities = once((): PoolCapabilities => ({ ...poolCapabilities(pool()), providerMappedAttributes: providerMappedAttributes(config.identityProviders) }));
    const clients = once(() => (config.clients ?? []).map((c) => resolveClient(c, providerNames(), capabilities())));
    return { pool, providerNames, capabilities, clients };
}
type Resolver = ReturnType<typeof resolver>;

function resolvedStack(config: StackConfig, resolved: Resolver): ResolvedStack {
    return { config, pool: resolved.pool(), clients: resolved.clients() };
}

export function resolveStack(config: StackConfig): ResolvedStack {
    return resolvedStack(config, resolver(config));
}

/** One combination check: the sections it reads (it runs only when all of them parsed) and its problems. */
interface CombinationCheck {
    readonly reads: readonly Section[];
    /** Where its problems' fields start: "userPool", or "" for fields named from the top. */
    readonly under: string;
    readonly problems: () => readonly Problem[];
}

function combinationChecks(input: PreflightInput, resolved: Resolver): CombinationCheck[] {
    const config = input.checked.parsed;
    const { pool, providerNames, capabilities, clients } = resolved;
    const providers = config.identityProviders ?? [];
    const servers = config.resourceServers ?? [];
    // What the reference checks read of a client does not depend on the pool (its defaults for scopes and providers do not).
    const clientsWithoutPool = once(() => (config.clients ?? []).map((c) => resolveClient(c, providerNames(), { featurePlan: "ESSENTIALS", passwordless: false })));
    const migration = () => stackMigrationPool(config, pool());
    return [
        { reads: ["userPool"], under: "userPool", problems: () => userPoolProblems(pool(), config.stage && config.stageDefaults ? { stage: config.stage, stageDefaults: config.stageDefaults, filled: input.checked.stageFilled } : undefined) },
        { reads: ["triggers", "userPool"], under: "", problems: () => triggerProblems(config.triggers, pool()) },
        { reads: ["triggers", "userPool"], under: "", problems: () => prodDefaultGroupProblems(config, pool()) },
        { reads: ["triggers", "userPool", "identityPool"], under: "", problems: () => migrationProblems(config.triggers?.userMigration, migration()) },
        {
            reads: ["triggers", "userPool", "identityPool", "clients", "identityProviders"],
            under: "",
            problems: () => migrationMarkProblems(followedGroups(config.triggers?.userMigration, migration()).length > 0, untrustedClaims(clients(), providers)),
        },
        {
            reads: ["identityProviders", "userPool"],
            under: "",
            problems: () => identityProviderProblems({ providers, secrets: input.secrets, poolAttributes: { immutable: immutableAttributes(pool()) }, baseDir: input.baseDir }),
        },
        // Names, URLs, scopes and providers need no pool: said even while the pool's section is refused.
        { reads: ["clients", "resourceServers", "identityProviders"], under: "", problems: () => clientReferenceProblems(clientsWithoutPool(), servers, providerNames()) },
        { reads: ["clients", "resourceServers", "identityProviders", "userPool"], under: "", problems: () => clientPoolProblems(clients(), capabilities()) },
        {
            reads: ["clients", "identityProviders"],
            under: "",
            problems: () => (config.stageDefaults === "prod" && config.stage ? loopbackUrlProblems(clientsWithoutPool(), stageLabel({ stage: config.stage, stageDefaults: "prod" })) : []),
        },
        // Client names only: they need no pool or provider to be resolved.
        { reads: ["triggers", "clients", "resourceServers"], under: "", problems: () => triggerClientProblems(config.triggers, (config.clients ?? []).map((c) => c.name), resourceServerScopes(servers)) },
        { reads: ["domain"], under: "domain", problems: () => (config.domain ? domainProblems(config.domain, input.baseDir) : []) },
        {
            reads: ["identityPool", "clients", "identityProviders", "userPool"],
            under: "identityPool",
            problems: () => (config.identityPool
                ? identityPoolProblems(config.identityPool, clients().filter((c) => c.kind !== "server").map((c) => c.name), untrustedClaims(clients(), providers))
                : []),
        },
    ];
}

/** On prod's defaults a default group that carries power is refused (elsewhere it is warned: weakenings.ts). */
function prodDefaultGroupProblems(config: Partial<StackConfig>, pool: ResolvedUserPoolSettings): Problem[] {
    const risk = config.stageDefaults === "prod" ? defaultGroupRisk(config.triggers, { providers: [], groups: pool.groups }) : undefined;
    if (!risk || !config.stage) return [];
    const stage = stageLabel({ stage: config.stage, stageDefaults: config.stageDefaults! });
    return [{
        field: "triggers.postConfirmation.defaultGroup",
        message: `got ${JSON.stringify(config.triggers!.postConfirmation!.defaultGroup)}, which ${risk}: every self sign-up and every federated user's first sign-in would join it; allowed in ${stage}: a group of ordinary users (such as "readers")`,
    }];
}

/** The problems of every combination check whose sections all parsed, as full lines under their config keys. */
function combinationProblems(input: PreflightInput, resolved: Resolver): string[] {
    const { namespace, unusable } = input.checked;
    return combinationChecks(input, resolved)
        .filter((check) => check.reads.every((section) => !unusable.has(section)))
        .flatMap((check) => check.problems().map((p) => `${namespace}:${joinField(check.under, p.field)}: ${p.message}`));
}

/** Checks the whole stack; throws every problem of the stack file at once, or returns the resolved stack. */
export function preflight(input: PreflightInput): ResolvedStack {
    const { checked } = input;
    const resolved = resolver(checked.parsed);
    const problems = [...checked.problems, ...combinationProblems(input, resolved)];
    if (problems.length > 0 || !checked.config) throw new ConfigError(problems, checked.source);
    return resolvedStack(checked.config, resolved);
}
