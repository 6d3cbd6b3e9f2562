// Runs every component's own argument checks over a whole stack config before the first resource
// is registered, and reports each problem under the config key a person would edit.
import { ConfigError, type IdentityProviderSettings, type StackConfig } from "../config";
import { appClientProblems, resolveClient, resourceServerScopes, type PoolCapabilities } from "./app-clients/settings";
import { domainProblems } from "./domain";
import { identityPoolProblems } from "./identity-pool";
import { identityProviderNames, identityProviderProblems, providerMappedAttributes } from "./identity-providers";
import { triggerClientProblems, triggerProblems } from "./triggers/settings";
import { untrustedClaims } from "./identity-pool/untrusted-claims";
import { resolveUserPoolSettings, userPoolProblems, type ResolvedUserPoolSettings } from "./user-pool/settings";
import { joinField, type Problem } from "./shared/validation";

export interface PreflightInput {
    readonly config: StackConfig;
    /** Secret values (or placeholders) by config key. */
    readonly secrets: Readonly<Record<string, unknown>>;
    /** Where relative file paths (branding, SAML metadata) start. */
    readonly baseDir: string;
    readonly namespace: string;
    readonly source: string;
}

/** What clients depend on: the plan, passwordless factors, and which attributes they may write. */
export function poolCapabilities(pool: ResolvedUserPoolSettings, providers?: readonly IdentityProviderSettings[]): PoolCapabilities {
    const { emailOtp, smsOtp, passkeys } = pool.passwordless;
    return {
        featurePlan: pool.featurePlan,
        passwordless: emailOtp || smsOtp || passkeys !== undefined,
        immutableAttributes: immutableAttributes(pool),
        customAttributes: Object.keys(pool.customAttributes),
        providerMappedAttributes: providerMappedAttributes(providers),
    };
}

/** Attributes a provider must not map onto: immutable ones break every sign-in after the first. */
export function immutableAttributes(pool: ResolvedUserPoolSettings): string[] {
    return [
        ...Object.entries(pool.standardAttributes).filter(([, a]) => a?.mutable === false).map(([n]) => n),
        ...Object.entries(pool.customAttributes).filter(([, a]) => a.mutable === false).map(([n]) => `custom:${n}`),
    ];
}

export function stackProblems(input: PreflightInput): string[] {
    const { config } = input;
    const lines: string[] = [];
    const report = (prefix: string, problems: readonly Problem[]) =>
        lines.push(...problems.map((p) => `${input.namespace}:${joinField(prefix, p.field)}: ${p.message}`));

    const pool = resolveUserPoolSettings(config.userPool ?? {});
    report("userPool", userPoolProblems(pool));
    report("", triggerProblems(config.triggers, pool));

    const providers = config.identityProviders ?? [];
    report("", identityProviderProblems({ providers, secrets: input.secrets as Record<string, string>, poolAttributes: { immutable: immutableAttributes(pool) }, baseDir: input.baseDir }));

    const providerNames = identityProviderNames(providers);
    const capabilities = poolCapabilities(pool, providers);
    const clients = (config.clients ?? []).map((c) => resolveClient(c, providerNames, capabilities));
    report("", appClientProblems(clients, config.resourceServers ?? [], providerNames, capabilities));

    report("", triggerClientProblems(config.triggers, clients.map((c) => c.name), resourceServerScopes(config.resourceServers ?? [])));
    if (config.domain) report("domain", domainProblems(config.domain, input.baseDir));
    if (config.identityPool) report("identityPool", identityPoolProblems(config.identityPool, clients.filter((c) => c.kind !== "server").map((c) => c.name), untrustedClaims(clients, providers)));
    return lines;
}

export function preflight(input: PreflightInput): void {
    const problems = stackProblems(input);
    if (problems.length > 0) throw new ConfigError(problems, input.source);
}
