// Lambda triggers: what each one is (its folder, its place in the pool's lambdaConfig, the Cognito
// calls it makes, its memory), the settings its handler receives, and the combinations that cannot
// work. Pure: no resource is touched here.
import { awsFields, ruleProblem } from "../../config/aws-fields";
import type { IdentityPoolSettings, TriggerSettings } from "../../config/schema";
import type { CustomMessageSettings } from "../../lambdas/custom-message/handler";
import type { PostAuthenticationSettings } from "../../lambdas/post-authentication/handler";
import type { PostConfirmationSettings } from "../../lambdas/post-confirmation/handler";
import type { PreSignUpSettings } from "../../lambdas/pre-sign-up/handler";
import type { PreTokenGenerationSettings } from "../../lambdas/pre-token-generation/handler";
import type { UserMigrationSettings } from "../../lambdas/user-migration/handler";
import { awsDefaultPasswordPolicy, type PasswordPolicy } from "../../lambdas/shared/password-policy";
import { settingsVariable } from "../../lambdas/shared/entry";
import { closest, didYouMean } from "../../config/suggest";
import { roleRuleClaims } from "../identity-pool/settings";
import { allowedValues, ProblemList, quoted, type Problem } from "../shared/validation";
import { followedGroups, migrationAttributes, migrationSource, type MigrationPool } from "./migration";

export type TriggerName = "preSignUp" | "postConfirmation" | "postAuthentication" | "preTokenGeneration" | "customMessage" | "userMigration";

interface TriggerDefinition {
    /** lambdas/<folder>/handler.ts */
    readonly folder: string;
    /** Cognito actions the handler calls, granted on this pool only. */
    readonly cognitoActions: readonly string[];
    /** Handlers that call AWS load the SDK: more memory also buys more CPU for that. */
    readonly memoryMb: number;
}

export const triggerDefinitions: Readonly<Record<TriggerName, TriggerDefinition>> = {
    preSignUp: { folder: "pre-sign-up", cognitoActions: ["cognito-idp:ListUsers", "cognito-idp:AdminListGroupsForUser", "cognito-idp:AdminLinkProviderForUser"], memoryMb: 256 },
    postConfirmation: { folder: "post-confirmation", cognitoActions: ["cognito-idp:AdminAddUserToGroup"], memoryMb: 256 },
    // Reads and adds groups only while users migrate (migrationSource set): see cognitoActionsFor.
    postAuthentication: { folder: "post-authentication", cognitoActions: ["cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser", "cognito-idp:AdminAddUserToGroup"], memoryMb: 128 },
    // The groups come with the event; only client names are asked (for the gate and client grants),
    // from ListUserPoolClients: DescribeUserPoolClient would also hand out the client secret.
    preTokenGeneration: { folder: "pre-token-generation", cognitoActions: ["cognito-idp:ListUserPoolClients"], memoryMb: 256 },
    customMessage: { folder: "custom-message", cognitoActions: [], memoryMb: 128 },
    // Calls only the pool users come from: see sourcePoolActionsFor.
    userMigration: { folder: "user-migration", cognitoActions: [], memoryMb: 256 },
};

export const triggerNames = Object.keys(triggerDefinitions) as TriggerName[];

export const triggerDefaults = {
    /** Cognito waits 5 seconds for a trigger, then fails the user's request. */
    timeoutSeconds: 5,
    runtime: "nodejs22.x",
    architecture: "arm64",
    logRetentionDays: 30,
    /** Protected from linking when triggers.preSignUp.protectedGroups is not given: the groups of this precedence. */
    protectedGroupPrecedence: 0,
    rolesClaim: "app_roles",
} as const;

/** Claims Cognito sets itself; a trigger may not override them. */
export const reservedClaims = ["acr", "amr", "aud", "at_hash", "auth_time", "azp", "cognito:username", "exp", "iat", "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use", "scope", "client_id", "event_id", "username", "version"];

/** The settings each handler reads from TRIGGER_SETTINGS. */
export interface HandlerSettings {
    preSignUp: PreSignUpSettings;
    postConfirmation: PostConfirmationSettings;
    postAuthentication: PostAuthenticationSettings;
    preTokenGeneration: PreTokenGenerationSettings;
    customMessage: CustomMessageSettings;
    userMigration: UserMigrationSettings;
}

/** What of the pool and its providers the trigger settings depend on. */
export interface TriggerPool {
    /** The pool's identity providers: names (read from federated user names) and linking opt-in. */
    readonly providers: readonly { readonly name: string; readonly linkToExistingUsers?: boolean }[];
    readonly groups: readonly { readonly name: string; readonly precedence?: number; readonly roleArn?: string }[];
    /** The pool's password policy (the migration trigger checks migrated passwords against it). @default AWS's: 8 characters of every class */
    readonly passwordPolicy?: PasswordPolicy;
    /** The pool's custom attributes, by name without "custom:" (which a migrated user may bring). @default {} */
    readonly customAttributes?: MigrationPool["customAttributes"];
    /** Claims the stack trusts to choose AWS roles: a migrated user leaves them behind. @default [] */
    readonly roleClaims?: readonly string[];
}

/**
 * What migration's decisions (migration.ts) read of the pool. Its protected groups are the linking
 * ones and, whatever those leave out, the groups of power (precedence 0, gated): no such group
 * follows a migrated user unless followGroups names it.
 */
export function migrationPool(t: TriggerSettings, pool: TriggerPool): MigrationPool {
    const guarded = [...new Set([...protectedGroups(t, pool), ...groupsOfPower(t, pool)])];
    return { groups: pool.groups, customAttributes: pool.customAttributes ?? {}, roleClaims: pool.roleClaims ?? [], protectedGroups: guarded };
}

/** migrationPool for a whole stack file: the pool's groups and custom attributes as given, and the claims its identity pool's rules trust. */
export function stackMigrationPool(config: { readonly triggers?: TriggerSettings; readonly identityPool?: IdentityPoolSettings }, pool: Pick<TriggerPool, "groups" | "customAttributes">): MigrationPool {
    return migrationPool(config.triggers ?? {}, { providers: [], groups: pool.groups, customAttributes: pool.customAttributes, roleClaims: roleRuleClaims(config.identityPool) });
}

/** The groups that follow migrated users through post authentication (the migration trigger runs before the user exists). */
const groupsThatFollow = (t: TriggerSettings, pool: TriggerPool) => followedGroups(t.userMigration, migrationPool(t, pool));

function userMigrationSettings(t: TriggerSettings, m: NonNullable<TriggerSettings["userMigration"]>, pool: TriggerPool): UserMigrationSettings {
    return {
        source: migrationSource(m),
        passwordPolicy: pool.passwordPolicy ?? awsDefaultPasswordPolicy,
        attributes: migrationAttributes(m, migrationPool(t, pool)).carried,
        ...(groupsThatFollow(t, pool).length > 0 && { mark: true }),
    };
}

function postAuthenticationSettings(t: TriggerSettings, pool: TriggerPool): PostAuthenticationSettings {
    const follow = groupsThatFollow(t, pool);
    return follow.length > 0 ? { migrationSource: migrationSource(t.userMigration!), followGroups: follow } : {};
}

const hasRequiredGroups = (t: TriggerSettings) => Object.keys(t.preAuthentication?.requiredGroups ?? {}).length > 0;

/** Accounts are linked only by the pre sign-up trigger, for providers that opted in. */
const linksAccounts = (t: TriggerSettings, pool: TriggerPool) => t.preSignUp !== undefined && pool.providers.some((p) => p.linkToExistingUsers === true);

/**
 * Groups whose members are never linked (and get no token while linked): as given, else every
 * group of precedence 0 and every group a gated client admits, the groups that carry power.
 */
export function protectedGroups(t: TriggerSettings, pool: TriggerPool): string[] {
    return t.preSignUp?.protectedGroups ? [...t.preSignUp.protectedGroups] : groupsOfPower(t, pool);
}

/** Every group of precedence 0 and every group a gated client admits. */
export function groupsOfPower(t: TriggerSettings, pool: TriggerPool): string[] {
    const gated = Object.values(t.preAuthentication?.requiredGroups ?? {}).flat();
    return pool.groups.filter((g) => g.precedence === triggerDefaults.protectedGroupPrecedence || gated.includes(g.name)).map((g) => g.name);
}

/**
 * Why the default group would hand every new account more than a reader's rights, or undefined
 * for an ordinary group. Post confirmation runs for every confirmed self sign-up and for each
 * federated user's first sign-in: anyone on the internet joins the default group.
 */
export function defaultGroupRisk(t: TriggerSettings | undefined, pool: TriggerPool): string | undefined {
    const group = t?.postConfirmation?.defaultGroup;
    if (group === undefined) return undefined;
    if (pool.groups.find((g) => g.name === group)?.precedence === triggerDefaults.protectedGroupPrecedence) return "has precedence 0, which marks the groups that carry power";
    const gates = Object.entries(t?.preAuthentication?.requiredGroups ?? {}).filter(([, groups]) => groups.includes(group)).map(([client]) => client);
    if (gates.length > 0) return `admits its members to ${gates.length === 1 ? "the gated client" : "the gated clients"} ${quoted(gates)} (triggers.preAuthentication.requiredGroups)`;
    if (protectedGroups(t ?? {}, pool).includes(group)) return "is one of triggers.preSignUp.protectedGroups";
    const role = pool.groups.find((g) => g.name === group)?.roleArn;
    if (role !== undefined) return `carries the IAM role ${role} (roleArn), which an identity pool's token role mapping hands to its members`;
    return undefined;
}

function preSignUpSettings(t: TriggerSettings, signUp: NonNullable<TriggerSettings["preSignUp"]>, pool: TriggerPool): PreSignUpSettings {
    return {
        allowedEmailDomains: signUp.allowedEmailDomains ?? [],
        deniedEmailDomains: signUp.deniedEmailDomains ?? [],
        autoConfirmEmailDomains: signUp.autoConfirmEmailDomains ?? [],
        providerNames: pool.providers.map((p) => p.name),
        linkingProviders: pool.providers.filter((p) => p.linkToExistingUsers === true).map((p) => p.name),
        protectedGroups: protectedGroups(t, pool),
    };
}

/** Linked members of protected groups, refused at token time: only while accounts are linked. */
const linkedGroupGuard = (t: TriggerSettings, pool: TriggerPool) => (linksAccounts(t, pool) ? protectedGroups(t, pool) : []);

/** Token additions when configured; the gates alone when only they need the trigger. */
function preTokenGenerationSettings(t: TriggerSettings, pool: TriggerPool): PreTokenGenerationSettings {
    const token = t.preTokenGeneration;
    const guarded = linkedGroupGuard(t, pool);
    return {
        requiredGroups: t.preAuthentication?.requiredGroups ?? {},
        ...(guarded.length > 0 && { protectedGroups: guarded, providerNames: pool.providers.map((p) => p.name) }),
        ...(token && {
            tokens: {
                rolesClaim: token.rolesClaim ?? triggerDefaults.rolesClaim,
                claims: token.claims ?? {},
                accessTokenScopes: token.accessTokenScopes ?? [],
            },
        }),
    };
}

/**
 * The triggers a stack turns on, each with the settings its handler reads at run time. Pre token
 * generation also runs whenever a client requires groups (triggers.preAuthentication.requiredGroups):
 * it is the client gate. It runs at every token issue (sign-in, hosted UI session, refresh) and only
 * after the password was proven, so a refusal tells nobody who has an account. No pre
 * authentication function is deployed for the gate: Cognito runs that trigger before the password
 * is checked, so its refusal would answer "who is registered?" to anyone holding the client id. It
 * also runs while accounts are linked, to keep linked accounts out of the protected groups' tokens.
 */
export function enabledTriggers(triggers: TriggerSettings | undefined, pool: TriggerPool): { [K in TriggerName]?: HandlerSettings[K] } {
    const t = triggers ?? {};
    return {
        ...(t.preSignUp && { preSignUp: preSignUpSettings(t, t.preSignUp, pool) }),
        ...(t.postConfirmation && { postConfirmation: { defaultGroup: t.postConfirmation.defaultGroup } }),
        ...((t.postAuthentication || groupsThatFollow(t, pool).length > 0) && { postAuthentication: postAuthenticationSettings(t, pool) }),
        ...((t.preTokenGeneration || hasRequiredGroups(t) || linkedGroupGuard(t, pool).length > 0) && { preTokenGeneration: preTokenGenerationSettings(t, pool) }),
        ...(t.customMessage && { customMessage: { appName: t.customMessage.appName } }),
        ...(t.userMigration && { userMigration: userMigrationSettings(t, t.userMigration, pool) }),
    };
}

/** Checks that need the pool: its plan and its groups. Client names and scopes: triggerClientProblems. */
export function triggerProblems(triggers: TriggerSettings | undefined, pool: { readonly featurePlan: string; readonly groups: readonly { readonly name: string }[] }): Problem[] {
    const p = new ProblemList();
    if (!triggers) return p.problems;
    const groups = pool.groups.map((g) => g.name);
    const knownGroup = (field: string, group: string) => {
        const near = closest(group, groups);
        p.check(groups.includes(group), field, `got ${JSON.stringify(group)}, which is not a group of the pool; ${didYouMean(near)}allowed: ${allowedValues(groups, "declare userPool.groups")}`);
    };

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
        (token.accessTokenScopes ?? []).forEach((grant, i) => {
            const at = `triggers.preTokenGeneration.accessTokenScopes[${i}]`;
            p.check(grant.groups !== undefined || grant.clients !== undefined, at,
                `got scopes ${quoted(grant.scopes)} without groups or clients; allowed: groups, clients or both (never grant a scope to every user on every client)`);
            (grant.groups ?? []).forEach((group, j) => knownGroup(`${at}.groups[${j}]`, group));
        });
    }
    const signUp = triggers.preSignUp;
    if (signUp) {
        const both = (signUp.allowedEmailDomains ?? []).filter((d) => (signUp.deniedEmailDomains ?? []).includes(d));
        p.check(both.length === 0, "triggers.preSignUp.deniedEmailDomains", `${quoted(both)} is both allowed and denied`);
        (signUp.protectedGroups ?? []).forEach((group, i) => knownGroup(`triggers.preSignUp.protectedGroups[${i}]`, group));
    }
    return p.problems;
}

/**
 * Checks that need the stack's clients and resource servers: every client named by a trigger
 * exists, and every granted scope is one a resource server defines ("<identifier>/<scope>").
 */
export function triggerClientProblems(triggers: TriggerSettings | undefined, clientNames: readonly string[], grantableScopes: readonly string[]): Problem[] {
    const p = new ProblemList();
    const knownClient = (field: string, client: string) => p.check(clientNames.includes(client), field,
        `${JSON.stringify(client)} is not a client of this stack; allowed: ${allowedValues(clientNames, "declare the client in clients")}`);
    for (const client of Object.keys(triggers?.preAuthentication?.requiredGroups ?? {})) {
        knownClient(`triggers.preAuthentication.requiredGroups.${client}`, client);
    }
    (triggers?.preTokenGeneration?.accessTokenScopes ?? []).forEach((grant, i) => {
        const at = `triggers.preTokenGeneration.accessTokenScopes[${i}]`;
        (grant.clients ?? []).forEach((client, j) => knownClient(`${at}.clients[${j}]`, client));
        grant.scopes.forEach((scope, j) => p.check(grantableScopes.includes(scope), `${at}.scopes[${j}]`,
            `got ${JSON.stringify(scope)}, which no resource server defines; allowed: ${allowedValues(grantableScopes, "declare resourceServers")}`));
    });
    return p.problems;
}

/**
 * The Cognito actions a trigger's role gets, for what its handler will call with these settings:
 * pre sign-up only when some provider links, the client-name listing only when a client is gated
 * or named by a scope grant.
 */
export function cognitoActionsFor(trigger: TriggerName, settings: unknown): readonly string[] {
    if (trigger === "postAuthentication" && !(settings as PostAuthenticationSettings).migrationSource) return [];
    if (trigger === "preSignUp" && (settings as PreSignUpSettings).linkingProviders.length === 0) return [];
    if (trigger === "preTokenGeneration") {
        const s = settings as PreTokenGenerationSettings;
        const namesClients = Object.keys(s.requiredGroups).length > 0 || (s.tokens?.accessTokenScopes ?? []).some((g) => g.clients !== undefined);
        if (!namesClients) return [];
    }
    return triggerDefinitions[trigger].cognitoActions;
}

/**
 * The pool users migrate from, and what a trigger's role may call on it: the migration trigger
 * checks passwords and reads users; post authentication reads a migrated user's old groups.
 */
export function sourcePoolActionsFor(trigger: TriggerName, settings: unknown): { readonly userPoolId: string; readonly actions: readonly string[] } | undefined {
    if (trigger === "userMigration") return { userPoolId: (settings as UserMigrationSettings).source.userPoolId, actions: ["cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser"] };
    const source = trigger === "postAuthentication" ? (settings as PostAuthenticationSettings).migrationSource : undefined;
    return source && { userPoolId: source.userPoolId, actions: ["cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser"] };
}

/** A function's environment: its handler's settings as JSON, in the one variable the handler reads. */
export function triggerEnvironment(settings: unknown): Record<string, string> {
    return { [settingsVariable]: JSON.stringify(settings) };
}

/**
 * Lambda caps a function's environment at 4 KB, and the settings are built from the stack's lists
 * (denied email domains, claims, scope grants): a long list would stop `pulumi up` at the function.
 */
export function triggerEnvironmentProblems(handlerSettings: Readonly<Partial<Record<TriggerName, unknown>>>): Problem[] {
    return Object.entries(handlerSettings).flatMap(([trigger, settings]) => {
        const problem = ruleProblem(awsFields.functionEnvironment, triggerEnvironment(settings));
        return problem ? [{ field: trigger, message: `the settings its function receives are too large for Lambda's environment variables: ${problem}; shorten its lists` }] : [];
    });
}

/** Function name: the pool's name and the trigger, as Lambda allows (64 characters at most). */
export function triggerFunctionName(poolName: string, trigger: TriggerName): string {
    const suffix = `-${triggerDefinitions[trigger].folder}`;
    return `${poolName.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 64 - suffix.length)}${suffix}`;
}
