// Runs every component's own checks over a whole stack config before the first resource is
// registered, reports each problem under the config key a person would edit, and hands on what it
// resolved (every default filled in), so nothing is resolved twice at the stack level.
import { ConfigError, type StackConfig } from "../config";
import { appClientProblems, resolveClient, resourceServerScopes, type PoolCapabilities, type ResolvedClient } from "./app-clients/settings";
import { domainProblems } from "./domain/settings";
import { identityPoolProblems } from "./identity-pool/settings";
import { untrustedClaims } from "./identity-pool/untrusted-claims";
import { identityProviderNames, identityProviderProblems, providerMappedAttributes } from "./identity-providers/settings";
import { joinField, type Problem } from "./shared/validation";
import { triggerClientProblems, triggerProblems } from "./triggers/settings";
import { immutableAttributes, poolCapabilities, resolveUserPoolSettings, userPoolProblems, type ResolvedUserPoolSettings } from "./user-pool/settings";

export interface PreflightInput {
    readonly config: StackConfig;
    /** Secret values (or placeholders) by config key. */
    readonly secrets: Readonly<Record<string, unknown>>;
    /** Where relative file paths (branding, SAML metadata) start. */
    readonly baseDir: string;
    readonly namespace: string;
    readonly source: string;
}

/** A stack's settings with every default filled in, resolved once. */
export interface ResolvedStack {
    readonly config: StackConfig;
    readonly pool: ResolvedUserPoolSettings;
    readonly providerNames: readonly string[];
    /** What clients depend on, the providers' mapped attributes included. */
    readonly capabilities: PoolCapabilities;
    readonly clients: readonly ResolvedClient[];
}

export function resolveStack(config: StackConfig): ResolvedStack {
    const pool = resolveUserPoolSettings(config.userPool ?? {});
    const providerNames = identityProviderNames(config.identityProviders);
    const capabilities = { ...poolCapabilities(pool), providerMappedAttributes: providerMappedAttributes(config.identityProviders) };
    const clients = (config.clients ?? []).map((c) => resolveClient(c, providerNames, capabilities));
    return { config, pool, providerNames, capabilities, clients };
}

export function stackProblems(input: PreflightInput, stack: ResolvedStack = resolveStack(input.config)): string[] {
    const { config, pool, providerNames, capabilities, clients } = stack;
    const lines: string[] = [];
    const report = (prefix: string, problems: readonly Problem[]) =>
        lines.push(...problems.map((p) => `${input.namespace}:${joinField(prefix, p.field)}: ${p.message}`));

    report("userPool", userPoolProblems(pool));
    report("", triggerProblems(config.triggers, pool));
    const providers = config.identityProviders ?? [];
    report("", identityProviderProblems({ providers, secrets: input.secrets, poolAttributes: { immutable: immutableAttributes(pool) }, baseDir: input.baseDir }));
    report("", appClientProblems(clients, config.resourceServers ?? [], providerNames, capabilities));
    report("", triggerClientProblems(config.triggers, clients.map((c) => c.name), resourceServerScopes(config.resourceServers ?? [])));
    if (config.domain) report("domain", domainProblems(config.domain, input.baseDir));
    if (config.identityPool) report("identityPool", identityPoolProblems(config.identityPool, clients.filter((c) => c.kind !== "server").map((c) => c.name), untrustedClaims(clients, providers)));
    return lines;
}

/** Checks the whole stack; throws every problem at once, or returns the resolved stack. */
export function preflight(input: PreflightInput): ResolvedStack {
    const stack = resolveStack(input.config);
    const problems = stackProblems(input, stack);
    if (problems.length > 0) throw new ConfigError(problems, input.source);
    return stack;
}
