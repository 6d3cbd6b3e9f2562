// Lambda triggers: what each one is (its folder, its place in the pool's lambdaConfig, the Cognito
// calls it makes, its memory), the settings its handler receives, and the combinations that cannot
// work. Pure: no resource is touched here.
import type { TriggerSettings } from "../config/schema";
import type { CustomMessageSettings } from "../lambdas/custom-message/handler";
import type { PostAuthenticationSettings } from "../lambdas/post-authentication/handler";
import type { PostConfirmationSettings } from "../lambdas/post-confirmation/handler";
import type { PreAuthenticationSettings } from "../lambdas/pre-authentication/handler";
import type { PreSignUpSettings } from "../lambdas/pre-sign-up/handler";
import type { PreTokenGenerationSettings } from "../lambdas/pre-token-generation/handler";
import { ProblemList, quoted, type Problem } from "./validation";

export type TriggerName = "preSignUp" | "postConfirmation" | "preAuthentication" | "postAuthentication" | "preTokenGeneration" | "customMessage";

interface TriggerDefinition {
    /** lambdas/<folder>/handler.ts */
    readonly folder: string;
    /** Cognito actions the handler calls, granted on this pool only. */
    readonly cognitoActions: readonly string[];
    /** Handlers that call AWS load the SDK: more memory also buys more CPU for that. */
    readonly memoryMb: number;
}

export const triggerDefinitions: Readonly<Record<TriggerName, TriggerDefinition>> = {
    preSignUp: { folder: "pre-sign-up", cognitoActions: ["cognito-idp:ListUsers", "cognito-idp:AdminLinkProviderForUser"], memoryMb: 256 },
    postConfirmation: { folder: "post-confirmation", cognitoActions: ["cognito-idp:AdminAddUserToGroup"], memoryMb: 256 },
    preAuthentication: { folder: "pre-authentication", cognitoActions: ["cognito-idp:AdminListGroupsForUser", "cognito-idp:DescribeUserPoolClient"], memoryMb: 256 },
    postAuthentication: { folder: "post-authentication", cognitoActions: [], memoryMb: 128 },
    preTokenGeneration: { folder: "pre-token-generation", cognitoActions: [], memoryMb: 128 },
    customMessage: { folder: "custom-message", cognitoActions: [], memoryMb: 128 },
};

export const triggerNames = Object.keys(triggerDefinitions) as TriggerName[];

export const triggerDefaults = {
    /** Cognito waits 5 seconds for a trigger, then fails the user's request. */
    timeoutSeconds: 5,
    runtime: "nodejs22.x",
    architecture: "arm64",
    logRetentionDays: 30,
    linkFederatedUsers: true,
    rolesClaim: "app_roles",
} as const;

/** Claims Cognito sets itself; a trigger may not override them. */
export const reservedClaims = ["acr", "amr", "aud", "at_hash", "auth_time", "azp", "cognito:username", "exp", "iat", "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use", "scope", "client_id", "event_id", "username", "version"];

interface HandlerSettings {
    preSignUp: PreSignUpSettings;
    postConfirmation: PostConfirmationSettings;
    preAuthentication: PreAuthenticationSettings;
    postAuthentication: PostAuthenticationSettings;
    preTokenGeneration: PreTokenGenerationSettings;
    customMessage: CustomMessageSettings;
}

/** The triggers a stack turns on, each with the settings its handler reads at run time. */
export function enabledTriggers(triggers: TriggerSettings | undefined, providerNames: readonly string[]): { [K in TriggerName]?: HandlerSettings[K] } {
    const t = triggers ?? {};
    return {
        ...(t.preSignUp && {
            preSignUp: {
                allowedEmailDomains: t.preSignUp.allowedEmailDomains ?? [],
                deniedEmailDomains: t.preSignUp.deniedEmailDomains ?? [],
                autoConfirmEmailDomains: t.preSignUp.autoConfirmEmailDomains ?? [],
                linkFederatedUsers: t.preSignUp.linkFederatedUsers ?? triggerDefaults.linkFederatedUsers,
                providerNames: [...providerNames],
            },
        }),
        ...(t.postConfirmation && { postConfirmation: { defaultGroup: t.postConfirmation.defaultGroup } }),
        ...(t.preAuthentication && { preAuthentication: { requiredGroups: t.preAuthentication.requiredGroups } }),
        ...(t.postAuthentication && { postAuthentication: {} }),
        ...(t.preTokenGeneration && {
            preTokenGeneration: {
                rolesClaim: t.preTokenGeneration.rolesClaim ?? triggerDefaults.rolesClaim,
                claims: t.preTokenGeneration.claims ?? {},
                accessTokenScopes: t.preTokenGeneration.accessTokenScopes ?? [],
            },
        }),
        ...(t.customMessage && { customMessage: { appName: t.customMessage.appName } }),
    };
}

/** Checks that need the pool: its plan and its groups. Client names are checked in preflight. */
export function triggerProblems(triggers: TriggerSettings | undefined, pool: { readonly featurePlan: string; readonly groups: readonly { readonly name: string }[] }): Problem[] {
    const p = new ProblemList();
    if (!triggers) return p.problems;
    const groups = pool.groups.map((g) => g.name);
    const knownGroup = (field: string, group: string) => p.check(groups.includes(group), field,
        `got ${JSON.stringify(group)}, which is not a group of the pool; allowed: ${groups.length ? quoted(groups) : "none (declare userPool.groups)"}`);

    if (triggers.postConfirmation) knownGroup("triggers.postConfirmation.defaultGroup", triggers.postConfirmation.defaultGroup);
    for (const [client, required] of Object.entries(triggers.preAuthentication?.requiredGroups ?? {})) {
        required.forEach((group, i) => knownGroup(`triggers.preAuthentication.requiredGroups.${client}[${i}]`, group));
    }
    const token = triggers.preTokenGeneration;
    if (token) {
        p.check(pool.featurePlan !== "LITE", "triggers.preTokenGeneration", `the V2 event (groups as claims, scopes) needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`);
        const names = [token.rolesClaim ?? triggerDefaults.rolesClaim, ...Object.keys(token.claims ?? {})];
        for (const claim of names.filter((n) => reservedClaims.includes(n) || n.startsWith("cognito:"))) {
            p.add(claim === (token.rolesClaim ?? triggerDefaults.rolesClaim) ? "triggers.preTokenGeneration.rolesClaim" : `triggers.preTokenGeneration.claims.${claim}`, `${JSON.stringify(claim)} is set by Cognito and cannot be overridden`);
        }
    }
    const signUp = triggers.preSignUp;
    if (signUp) {
        const both = (signUp.allowedEmailDomains ?? []).filter((d) => (signUp.deniedEmailDomains ?? []).includes(d));
        p.check(both.length === 0, "triggers.preSignUp.deniedEmailDomains", `${quoted(both)} is both allowed and denied`);
    }
    return p.problems;
}

/** The Cognito actions a trigger's role gets: pre sign-up only links users when linking is on. */
export function cognitoActionsFor(trigger: TriggerName, settings: unknown): readonly string[] {
    if (trigger === "preSignUp" && !(settings as PreSignUpSettings).linkFederatedUsers) return [];
    return triggerDefinitions[trigger].cognitoActions;
}

/** Function name: the pool's name and the trigger, as Lambda allows (64 characters at most). */
export function triggerFunctionName(poolName: string, trigger: TriggerName): string {
    const suffix = `-${triggerDefinitions[trigger].folder}`;
    return `${poolName.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 64 - suffix.length)}${suffix}`;
}
