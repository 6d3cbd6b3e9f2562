// Rules on app clients: what they leak, how long their tokens live, how users sign in, where the
// hosted sign-in may send them back.
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { isLoopbackUrl } from "./loopback";
import { asList, forType, settingsOf, types, type ClientProps } from "./support";

export const userExistenceErrors: ResourceValidationPolicy = {
    name: "cognito-user-existence-errors",
    description: "Clients must not reveal whether a user exists (preventUserExistenceErrors: ENABLED).",
    remediationSteps: "Set preventUserExistenceErrors to ENABLED (this project's AppClients always does).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forType<ClientProps>(types.client, (client, _args, report) => {
        if (client.preventUserExistenceErrors !== "ENABLED") report(`preventUserExistenceErrors is ${client.preventUserExistenceErrors ?? "not set (LEGACY)"}; it must be ENABLED.`);
    }),
};

export const tokenRevocation: ResourceValidationPolicy = {
    name: "cognito-token-revocation",
    description: "Clients must allow revoking refresh tokens, so a sign-out or a stolen token can be cut off.",
    remediationSteps: "Set enableTokenRevocation to true.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forType<ClientProps>(types.client, (client, _args, report) => {
        // Unset means AWS's default for new clients: on.
        if (client.enableTokenRevocation === false) report("Token revocation is off.");
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

/** AWS reads a validity without units as hours (access, ID) and days (refresh). */
function minutes(value: number | undefined, unit: string | undefined, fallbackUnit: string, fallbackValue: number): number {
    return (value ?? fallbackValue) * minutesPer[unit ?? fallbackUnit];
}

export const tokenValidity: ResourceValidationPolicy = {
    name: "cognito-token-validity",
    description: "Tokens must be short-lived: access and ID tokens 60 minutes at most, refresh tokens 30 days at most (thresholds configurable).",
    remediationSteps: "Lower cognito:clients[].tokenValidity.",
    enforcementLevel: "mandatory",
    configSchema: validitySchema,
    validateResource: forType<ClientProps>(types.client, (client, args, report) => {
        const max = settingsOf<{ maxAccessMinutes: number; maxIdMinutes: number; maxRefreshDays: number }>(args, validitySchema);
        const units = client.tokenValidityUnits ?? {};
        const access = minutes(client.accessTokenValidity, units.accessToken, "hours", 1);
        const id = minutes(client.idTokenValidity, units.idToken, "hours", 1);
        const refresh = minutes(client.refreshTokenValidity, units.refreshToken, "days", 30) / 1440;
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
    validateResource: forType<ClientProps>(types.client, (client, _args, report) => {
        if ((client.allowedOauthFlows ?? []).includes("implicit")) report("The implicit grant is allowed.");
    }),
};

// The legacy names (without ALLOW_) are the same flows; CUSTOM_AUTH_FLOW_ONLY is not a password flow.
const passwordFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"];

export const noPlainPasswordFlow: ResourceValidationPolicy = {
    name: "cognito-no-plain-password-flow",
    description: "Clients without a secret (browsers, phones) must not send the password itself: use SRP or passwordless sign-in.",
    remediationSteps: `Remove "password" and "admin_password" from cognito:clients[].authFlows.`,
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forType<ClientProps>(types.client, (client, _args, report) => {
        if (client.generateSecret === true) return;
        const found = asList(client.explicitAuthFlows).filter((f) => typeof f === "string" && passwordFlows.includes(f.toUpperCase()));
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

export const callbackUrls: ResourceValidationPolicy = {
    name: "cognito-callback-urls",
    description: "Callback and sign-out URLs must be absolute, without fragment or wildcard, https (http only for localhost where allowed); no localhost in prod.",
    remediationSteps: "Fix cognito:clients[].callbackUrls and logoutUrls.",
    enforcementLevel: "mandatory",
    configSchema: callbackSchema,
    validateResource: forType<ClientProps>(types.client, (client, args, report) => {
        const settings = settingsOf<{ allowLocalhost: boolean; allowCustomSchemes: boolean }>(args, callbackSchema);
        for (const [field, urls] of [["callback", client.callbackUrls], ["sign-out", client.logoutUrls]] as const) {
            for (const url of urls ?? []) {
                const problem = callbackProblem(url, settings);
                if (problem) report(`The ${field} URL ${url} ${problem}.`);
            }
        }
    }),
};

export const clientRules: ResourceValidationPolicy[] = [userExistenceErrors, tokenRevocation, tokenValidity, noImplicitGrant, noPlainPasswordFlow, callbackUrls];
