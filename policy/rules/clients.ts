// Rules on app clients: what they leak, how long their tokens live, how users sign in, where the
// hosted sign-in may send them back.
import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { verificationFlags } from "./attributes";
import { customWrites, writeAttributesOf } from "./custom-attributes";
import { isLoopbackUrl } from "./loopback";
import { onAwsShapes } from "./native-shapes";
import { bool, clientTypes, enumValue, field, firstSet, forTypes, hasSecret, list, num, obj, resourcesOfTypes, settingsOf, strings, text } from "./support";

type Props = Record<string, unknown>;

export const userExistenceErrors: ResourceValidationPolicy = {
    name: "cognito-user-existence-errors",
    description: "Clients must not reveal whether a user exists (preventUserExistenceErrors: ENABLED).",
    remediationSteps: "Set preventUserExistenceErrors to ENABLED (this project's AppClients always does).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forTypes<Props>(clientTypes, (client, _args, report) => {
        const value = enumValue(client.preventUserExistenceErrors);
        if (value !== "ENABLED") report(`preventUserExistenceErrors is ${value ?? "not set (LEGACY)"}; it must be ENABLED.`);
    }),
};

export const tokenRevocation: ResourceValidationPolicy = {
    name: "cognito-token-revocation",
    description: "Clients must allow revoking refresh tokens, so a sign-out or a stolen token can be cut off.",
    remediationSteps: "Set enableTokenRevocation to true.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forTypes<Props>(clientTypes, (client, _args, report) => {
        // Unset means AWS's default for new clients: on.
        if (bool(client.enableTokenRevocation) === false) report("Token revocation is off.");
    }),
};

const validitySchema: PolicyConfigSchema = {
    properties: {
        maxAccessMinutes: { type: "integer", minimum: 5, maximum: 1440, default: 60 },
        maxIdMinutes: { type: "integer", minimum: 5, maximum: 1440, default: 60 },
        maxRefreshDays: { type: "integer", minimum: 1, maximum: 3650, default: 30 },
    },
};

const minutesPer: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

/** AWS reads a validity without units as hours (access, ID) and days (refresh); NaN for a unit it does not know. */
function minutes(value: unknown, unit: string | undefined, fallbackUnit: string, fallbackValue: number): number {
    return (num(value) ?? fallbackValue) * (minutesPer[unit ?? fallbackUnit] ?? NaN);
}

export const tokenValidity: ResourceValidationPolicy = {
    name: "cognito-token-validity",
    description: "Tokens must be short-lived: access and ID tokens 60 minutes at most, refresh tokens 30 days at most (thresholds configurable).",
    remediationSteps: "Lower cognito:clients[].tokenValidity.",
    enforcementLevel: "mandatory",
    configSchema: validitySchema,
    validateResource: forTypes<Props>(clientTypes, (client, args, report) => {
        const max = settingsOf<{ maxAccessMinutes: number; maxIdMinutes: number; maxRefreshDays: number }>(args, validitySchema);
        const units = obj(client.tokenValidityUnits) ?? {};
        const unit = (token: string) => text(units[token])?.toLowerCase();
        for (const token of ["accessToken", "idToken", "refreshToken"]) {
            const given = unit(token);
            if (given !== undefined && !(given in minutesPer)) report(`The ${token} validity unit ${given} is not one of seconds, minutes, hours, days; that validity could not be checked.`);
        }
        const access = minutes(client.accessTokenValidity, unit("accessToken"), "hours", 1);
        const id = minutes(client.idTokenValidity, unit("idToken"), "hours", 1);
        const refresh = minutes(client.refreshTokenValidity, unit("refreshToken"), "days", 30) / 1440;
        if (access > max.maxAccessMinutes) report(`Access tokens live ${access} minutes; at most ${max.maxAccessMinutes} are allowed.`);
        if (id > max.maxIdMinutes) report(`ID tokens live ${id} minutes; at most ${max.maxIdMinutes} are allowed.`);
        if (refresh > max.maxRefreshDays) report(`Refresh tokens live ${refresh} days; at most ${max.maxRefreshDays} are allowed.`);
    }),
};

export const noImplicitGrant: ResourceValidationPolicy = {
    name: "cognito-no-implicit-grant",
    description: "Clients must not use the OAuth implicit grant: it puts tokens in the URL. Use the authorization code flow with PKCE.",
    remediationSteps: "Remove allowImplicitGrant from the client.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forTypes<Props>(clientTypes, (client, _args, report) => {
        if (oauthFlowsOf(client).includes("implicit")) report("The implicit grant is allowed.");
    }),
};

/** The OAuth flows, lower case (aws: allowedOauthFlows; aws-native: allowedOAuthFlows). */
const oauthFlowsOf = (client: Props) => strings(firstSet(client, "allowedOauthFlows", "allowedOAuthFlows")).map((f) => f.toLowerCase());

// The legacy names (without ALLOW_) are the same flows; CUSTOM_AUTH_FLOW_ONLY is not a password flow.
const passwordFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"];

export const noPlainPasswordFlow: ResourceValidationPolicy = {
    name: "cognito-no-plain-password-flow",
    description: "Clients without a secret (browsers, phones) must not send the password itself: use SRP or passwordless sign-in.",
    remediationSteps: `Remove "password" and "admin_password" from cognito:clients[].authFlows.`,
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forTypes<Props>(clientTypes, (client, _args, report) => {
        if (hasSecret(client)) return;
        const found = strings(client.explicitAuthFlows).filter((f) => passwordFlows.includes(f.toUpperCase()));
        if (found.length > 0) report(`A client without a secret allows ${found.join(", ")}.`);
    }),
};

const callbackSchema: PolicyConfigSchema = {
    properties: {
        allowLocalhost: { type: "boolean", default: false, description: "Accept callbacks to this machine: localhost, *.localhost, 127.0.0.0/8, [::1], 0.0.0.0 (development)." },
        allowCustomSchemes: { type: "boolean", default: true, description: "Accept app schemes such as newsapp:// for native clients." },
    },
};

/** Why a callback or sign-out URL is unsafe, or undefined. */
export function callbackProblem(url: string, settings: { allowLocalhost: boolean; allowCustomSchemes: boolean }): string | undefined {
    if (url.includes("*")) return "has a wildcard";
    if (url.includes("#")) return "has a fragment";
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        return "is not an absolute URL";
    }
    // Every spelling of this machine (127.1, [::ffff:127.0.0.1], foo.localhost, ...): see loopback.ts.
    if (isLoopbackUrl(parsed)) return settings.allowLocalhost ? (parsed.protocol === "http:" || parsed.protocol === "https:" ? undefined : "is not http(s)") : "points at localhost";
    if (parsed.protocol === "https:") return undefined;
    if (parsed.protocol === "http:") return "is not https";
    return settings.allowCustomSchemes ? undefined : `uses the custom scheme ${parsed.protocol}`;
}

/** The client redirects users: OAuth on (allowedOauthFlowsUserPoolClient true) with the code or implicit flow. */
const redirects = (client: Props) =>
    bool(firstSet(client, "allowedOauthFlowsUserPoolClient", "allowedOAuthFlowsUserPoolClient")) === true && oauthFlowsOf(client).some((f) => f === "code" || f === "implicit");

export const callbackUrls: ResourceValidationPolicy = {
    name: "cognito-callback-urls",
    description: "Callback and sign-out URLs of a client that redirects (code or implicit flow with OAuth on) must be absolute, without fragment or wildcard, https (http only for localhost where allowed); no localhost in prod.",
    remediationSteps: "Fix cognito:clients[].callbackUrls and logoutUrls.",
    enforcementLevel: "mandatory",
    configSchema: callbackSchema,
    validateResource: forTypes<Props>(clientTypes, (client, args, report) => {
        // Only a client the hosted sign-in redirects back to has URLs that matter: client_credentials alone, or no OAuth, sends nobody anywhere.
        if (!redirects(client)) return;
        const settings = settingsOf<{ allowLocalhost: boolean; allowCustomSchemes: boolean }>(args, callbackSchema);
        // aws: callbackUrls/logoutUrls; aws-native and CDK spellings too. One string is one URL; null and "" entries are skipped.
        const lists = [["callback", firstSet(client, "callbackUrls", "callbackUrLs", "callbackURLs")], ["sign-out", firstSet(client, "logoutUrls", "logoutUrLs", "logoutURLs")]] as const;
        for (const [kind, urls] of lists) {
            for (const entry of list(urls)) {
                const url = typeof entry === "string" ? entry.trim() : JSON.stringify(entry);
                if (url === "") continue;
                const problem = typeof entry === "string" ? callbackProblem(url, settings) : "is not a string";
                if (problem) report(`The ${kind} URL ${url} ${problem}.`);
            }
        }
    }),
};

const customWritesSchema: PolicyConfigSchema = {
    properties: {
        allowedCustomAttributes: {
            type: "array", items: { type: "string" }, default: [],
            description: "Custom attributes users may change themselves (preferences such as custom:newsletterOptIn), with or without the custom: prefix.",
        },
    },
};

export const customAttributeWrites: StackValidationPolicy = {
    name: "cognito-custom-attribute-writes",
    description: "Clients must not let users write custom attributes: they often carry authorization (tenant, role, plan) that only the backend may set. A client without writeAttributes lets users write every custom attribute of its pool.",
    remediationSteps: "List the attributes users may change in the client's writeAttributes, without custom:... ones, or list the harmless ones in this rule's allowedCustomAttributes.",
    enforcementLevel: "mandatory",
    configSchema: customWritesSchema,
    validateStack: onAwsShapes((args, report) => {
        const { allowedCustomAttributes } = settingsOf<{ allowedCustomAttributes: string[] }>(args, customWritesSchema);
        const allowed = new Set(strings(allowedCustomAttributes).map((a) => a.replace(/^custom:/i, "").toLowerCase()));
        const judged = (names: string[]) => names.filter((a) => !allowed.has(a.replace(/^custom:/i, "").toLowerCase()));
        for (const client of resourcesOfTypes(args, clientTypes)) {
            const writes = customWrites(args.resources, client.props);
            const listed = judged(writes.listed);
            if (listed.length > 0) report(`Users can write ${listed.join(", ")} through this client.`, client.urn);
            const everyCustom = writes.unset ? judged(writes.poolAttributes ?? []) : [];
            if (everyCustom.length > 0) report(`writeAttributes is not set, so users can write every custom attribute of the pool through this client: ${everyCustom.join(", ")}.`, client.urn);
        }
    }),
};

export const verifiedFlagWrites: ResourceValidationPolicy = {
    name: "cognito-verified-flag-writes",
    description: "Clients must not let users write email_verified or phone_number_verified: a user could mark an address they never proved as verified, and linking, recovery and the backend trust the flag.",
    remediationSteps: "Remove email_verified and phone_number_verified from the client's writeAttributes (identity provider mappings set them without it).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forTypes<Props>(clientTypes, (client, _args, report) => {
        const flags = (writeAttributesOf(client) ?? []).filter((a) => (verificationFlags as readonly string[]).includes(a.trim().toLowerCase()));
        if (flags.length > 0) report(`Users can mark their own ${flags.join(", ")} through this client: a contact they never proved passes as verified.`);
    }),
};

export const writeAttributesExplicit: ResourceValidationPolicy = {
    name: "cognito-write-attributes-explicit",
    description: "Clients should list the attributes users may change: left unset, users can write every standard attribute (email, phone_number, ...).",
    remediationSteps: "Set the client's writeAttributes to the attributes users may change (this project's AppClients always does).",
    enforcementLevel: "advisory",
    configSchema: { properties: {} },
    validateResource: forTypes<Props>(clientTypes, (client, _args, report) => {
        if (writeAttributesOf(client) === undefined) report("writeAttributes is not set, so users can write every standard attribute of the pool.");
    }),
};

export const refreshTokenRotation: ResourceValidationPolicy = {
    name: "cognito-refresh-token-rotation",
    description: "Clients without a secret (browsers, phones) should rotate refresh tokens, so a stolen refresh token stops working once used.",
    remediationSteps: "Set the client's refreshTokenRotation to { feature: ENABLED, retryGracePeriodSeconds: 10 } (this project's AppClients does for public clients).",
    enforcementLevel: "advisory",
    configSchema: { properties: {} },
    validateResource: forTypes<Props>(clientTypes, (client, _args, report) => {
        if (hasSecret(client)) return;
        const feature = enumValue(field(client, "refreshTokenRotation", "feature"));
        if (feature !== "ENABLED") report(`Refresh-token rotation is ${feature ?? "not set (DISABLED)"} on a client without a secret.`);
    }),
};

export const clientRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [userExistenceErrors, tokenRevocation, tokenValidity, noImplicitGrant, noPlainPasswordFlow, callbackUrls, customAttributeWrites, verifiedFlagWrites, writeAttributesExplicit, refreshTokenRotation];
