// App clients and resource servers: defaults, the merge over them, and the combinations that
// cannot work. Pure functions.
import { standardAttributeNames, type ClientSettings, type ResourceServerSettings } from "../../config/schema";
import { closest, didYouMean } from "../../config/suggest";
import { isLoopbackUrl } from "../../policy/rules/loopback";
import { allowedValues, ProblemList, quoted, type Problem } from "../shared/validation";
import { verificationFlags } from "../../policy/rules/attributes";

export const appClientDefaults = {
    userScopes: ["openid", "email", "profile"],
    tokenValidity: { accessMinutes: 60, idMinutes: 60, refreshDays: 30 },
    /** Seconds the replaced refresh token still works, so a retried refresh does not sign the user out. */
    rotationGracePeriodSeconds: 10,
    /** Minutes a sign-in session (between MFA steps) stays open. */
    authSessionValidityMinutes: 3,
    allowImplicitGrant: false,
} as const;

/** Scopes Cognito itself defines. */
export const builtInScopes = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"] as const;

export const explicitAuthFlow = {
    srp: "ALLOW_USER_SRP_AUTH",
    refresh: "ALLOW_REFRESH_TOKEN_AUTH",
    password: "ALLOW_USER_PASSWORD_AUTH",
    admin_password: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    user_auth: "ALLOW_USER_AUTH",
    custom: "ALLOW_CUSTOM_AUTH",
} as const;

/** What the pool offers that clients depend on. */
export interface PoolCapabilities {
    readonly featurePlan: "LITE" | "ESSENTIALS" | "PLUS";
    /** The pool has passwordless first factors, which need the USER_AUTH flow. */
    readonly passwordless: boolean;
    /** Attributes declared `mutable: false`: standard names and "custom:<name>" (as preflight's immutableAttributes). No client may write them. @default [] */
    readonly immutableAttributes?: readonly string[];
    /** Custom attributes the pool declares, without the "custom:" prefix. A client may write only these. @default [] */
    readonly customAttributes?: readonly string[];
    /** Pool attributes each identity provider maps (the keys of its attribute mapping, defaults included), by provider name. @default {} */
    readonly providerMappedAttributes?: Readonly<Record<string, readonly string[]>>;
}

export interface ResolvedClient {
    readonly name: string;
    readonly kind: ClientSettings["kind"];
    readonly callbackUrls: readonly string[];
    readonly logoutUrls: readonly string[];
    readonly scopes: readonly string[];
    readonly identityProviders: readonly string[];
    readonly authFlows: readonly (keyof typeof explicitAuthFlow)[];
    /** Lifetimes in minutes (the refresh token's as refreshDays or refreshMinutes gave it). */
    readonly tokenValidity: { readonly accessMinutes: number; readonly idMinutes: number; readonly refreshMinutes: number };
    readonly readAttributes?: readonly string[];
    /** Always explicit: left unset, Cognito would let users write every standard attribute, immutable or not. */
    readonly writeAttributes: readonly string[];
    readonly refreshTokenRotation: boolean;
    readonly allowImplicitGrant: boolean;
}

export const minutesPerDay = 1440;

export function resolveClient(client: ClientSettings, providerNames: readonly string[], pool: PoolCapabilities): ResolvedClient {
    const d = appClientDefaults;
    const server = client.kind === "server";
    // Rotation is offered from the Essentials plan; a server client gets no refresh token at all.
    const refreshTokenRotation = client.refreshTokenRotation ?? (!server && pool.featurePlan !== "LITE");
    const defaultFlows: ResolvedClient["authFlows"] = server
        ? ["refresh"]
        : ["srp", ...(pool.passwordless ? (["user_auth"] as const) : []), ...(refreshTokenRotation ? [] : (["refresh"] as const))];
    const identityProviders = client.identityProviders ?? (server ? [] : ["COGNITO", ...providerNames]);
    return {
        name: client.name,
        kind: client.kind,
        callbackUrls: client.callbackUrls ?? [],
        logoutUrls: client.logoutUrls ?? [],
        scopes: client.scopes ?? (server ? [] : [...d.userScopes]),
        identityProviders,
        authFlows: client.authFlows ?? defaultFlows,
        tokenValidity: {
            accessMinutes: client.tokenValidity?.accessMinutes ?? d.tokenValidity.accessMinutes,
            idMinutes: client.tokenValidity?.idMinutes ?? d.tokenValidity.idMinutes,
            refreshMinutes: client.tokenValidity?.refreshMinutes ?? (client.tokenValidity?.refreshDays ?? d.tokenValidity.refreshDays) * minutesPerDay,
        },
        readAttributes: client.readAttributes,
        writeAttributes: client.writeAttributes ?? defaultWriteAttributes(pool),
        refreshTokenRotation,
        allowImplicitGrant: client.allowImplicitGrant ?? d.allowImplicitGrant,
    };
}

/**
 * Cognito's verification flags. A client may list them, but then its users could mark an address
 * they never proved as verified: never by default (Cognito's own default write list leaves them
 * out too, and provider mappings of email_verified work with it), and warned when listed.
 */
export { verificationFlags } from "../../policy/rules/attributes";

/** The pool's mutable standard attributes: custom ones are written only when a client lists them. */
function defaultWriteAttributes(pool: PoolCapabilities): string[] {
    const immutable = pool.immutableAttributes ?? [];
    return standardAttributeNames.filter((name) => !immutable.includes(name));
}

/**
 * Attribute -> the first web or native client (in config order) whose users may write it, for the
 * identity pool's role-mapping check. Server clients sign in no users, so their write list gives
 * no user a say.
 */
export function userWritableAttributes(clients: readonly ResolvedClient[]): Record<string, string> {
    const writers: Record<string, string> = {};
    for (const client of clients.filter((c) => c.kind !== "server")) {
        for (const attribute of client.writeAttributes) writers[attribute] ??= client.name;
    }
    return writers;
}

export const resourceServerScopes = (servers: readonly ResourceServerSettings[]): string[] =>
    servers.flatMap((server) => server.scopes.map((scope) => `${server.identifier}/${scope.name}`));

type UrlKind = "web" | "native";

/**
 * Callback and sign-out URLs on this machine (localhost, 127.0.0.1, [::1], ...), refused on prod's
 * defaults: a real user's tokens, or their sign-out, would go to whatever listens on their own
 * machine. The policy pack refuses them too; here they are named by key, before any resource.
 */
export function loopbackUrlProblems(clients: readonly Pick<ResolvedClient, "callbackUrls" | "logoutUrls">[], stage: string): Problem[] {
    const p = new ProblemList();
    clients.forEach((client, i) => {
        for (const field of ["callbackUrls", "logoutUrls"] as const) {
            client[field].forEach((url, j) => {
                let onThisMachine = false;
                try {
                    onThisMachine = isLoopbackUrl(new URL(url));
                } catch {
                    // an unparsable URL is urlProblem's to name
                }
                if (onThisMachine) p.add(`clients[${i}].${field}[${j}]`, `got ${JSON.stringify(url)}, an address on the user's own machine; allowed in ${stage}: https URLs of your site, or a native app's custom scheme (keep localhost to stages with stageDefaults dev)`);
            });
        }
    });
    return p.problems;
}

/** Why a callback or sign-out URL is refused, or undefined when it is fine. */
export function urlProblem(url: string, kind: UrlKind): string | undefined {
    if (url.includes("*")) return "wildcards are not allowed";
    if (url.includes("#")) return "a fragment (#...) is not allowed";
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        return "allowed: an absolute URL such as https://news.example.com/callback";
    }
    // One definition of "this machine" with the policy pack (localhost., *.localhost, 127.1, [::ffff:127.0.0.1], ...).
    const localhost = parsed.protocol === "http:" && isLoopbackUrl(parsed);
    if (parsed.protocol === "https:" || localhost) return undefined;
    if (parsed.protocol === "http:") return "allowed: https, or http only for localhost";
    if (kind === "native" && /^[a-z][a-z0-9+.-]*:$/.test(parsed.protocol)) return undefined;
    return kind === "native" ? "allowed: https, or an app's custom scheme such as newsapp://callback" : "allowed: https, or http only for localhost";
}

export function appClientProblems(clients: readonly ResolvedClient[], servers: readonly ResourceServerSettings[], providerNames: readonly string[], pool: PoolCapabilities): Problem[] {
    return [...clientReferenceProblems(clients, servers, providerNames), ...clientPoolProblems(clients, pool)];
}

/**
 * What the clients and resource servers must get right whatever the pool is: unique names, URLs,
 * scopes, identity providers. Preflight runs it even while the pool's section is refused.
 */
export function clientReferenceProblems(clients: readonly ResolvedClient[], servers: readonly ResourceServerSettings[], providerNames: readonly string[]): Problem[] {
    const p = new ProblemList();
    const rsScopes = resourceServerScopes(servers);
    const names = clients.map((c) => c.name);
    clients.forEach((client, i) => {
        const at = `clients[${i}]`;
        p.check(names.indexOf(client.name) === i, `${at}.name`, `got ${JSON.stringify(client.name)} twice; client names must be unique`);
        if (client.kind === "server") checkServerClient(p, at, client, rsScopes);
        else checkUserClient(p, at, client, rsScopes, providerNames);
    });
    const identifiers = servers.map((s) => s.identifier);
    servers.forEach((server, i) => {
        p.check(identifiers.indexOf(server.identifier) === i, `resourceServers[${i}].identifier`, `got ${JSON.stringify(server.identifier)} twice; identifiers must be unique`);
        const scopeNames = server.scopes.map((s) => s.name);
        scopeNames.forEach((scope, j) => p.check(scopeNames.indexOf(scope) === j, `resourceServers[${i}].scopes[${j}].name`, `got ${JSON.stringify(scope)} twice in this resource server`));
    });
    return p.problems;
}

/** What the clients must get right for this pool: its plan, attributes and providers' mappings. */
export function clientPoolProblems(clients: readonly ResolvedClient[], pool: PoolCapabilities): Problem[] {
    const p = new ProblemList();
    clients.forEach((client, i) => {
        const at = `clients[${i}]`;
        checkWriteAttributes(p, at, client, pool);
        if (client.refreshTokenRotation) {
            p.check(pool.featurePlan !== "LITE", `${at}.refreshTokenRotation`, `refresh token rotation needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`);
            p.check(!client.authFlows.includes("refresh"), `${at}.authFlows`,
                `"refresh" (REFRESH_TOKEN_AUTH) cannot be used while refreshTokenRotation is on; remove it (clients refresh with GetTokensFromRefreshToken) or set refreshTokenRotation: false`);
        }
        if (client.authFlows.includes("user_auth")) p.check(pool.featurePlan !== "LITE" || !pool.passwordless, `${at}.authFlows`, `"user_auth" with passwordless factors needs featurePlan "ESSENTIALS" or "PLUS"`);
    });
    return p.problems;
}

function checkUrls(p: ProblemList, at: string, field: "callbackUrls" | "logoutUrls", urls: readonly string[], kind: UrlKind): void {
    urls.forEach((url, j) => {
        const problem = urlProblem(url, kind);
        if (problem) p.add(`${at}.${field}[${j}]`, `got ${JSON.stringify(url)}; ${problem}`);
    });
}

function checkUserClient(p: ProblemList, at: string, client: ResolvedClient, rsScopes: readonly string[], providerNames: readonly string[]): void {
    const kind = client.kind as UrlKind;
    p.check(client.callbackUrls.length > 0, `${at}.callbackUrls`, `a ${kind} client needs at least one callback URL for the hosted sign-in`);
    checkUrls(p, at, "callbackUrls", client.callbackUrls, kind);
    checkUrls(p, at, "logoutUrls", client.logoutUrls, kind);
    const allowedScopes = [...builtInScopes, ...rsScopes];
    client.scopes.forEach((scope, j) => {
        // "articles.read" for a resource server's "https://api.example.com/articles.read": the scope is named with its server.
        const near = allowedScopes.find((s) => s.endsWith(`/${scope}`)) ?? closest(scope, allowedScopes);
        p.check(allowedScopes.includes(scope), `${at}.scopes[${j}]`, `got ${JSON.stringify(scope)}; ${didYouMean(near)}allowed: ${quoted(allowedScopes)}`);
    });
    const needsOpenid = client.scopes.some((s) => s === "email" || s === "phone" || s === "profile");
    p.check(!needsOpenid || client.scopes.includes("openid"), `${at}.scopes`, `"email", "phone" and "profile" only work together with "openid"; add "openid"`);
    const knownProviders = ["COGNITO", ...providerNames];
    client.identityProviders.forEach((provider, j) => p.check(knownProviders.includes(provider), `${at}.identityProviders[${j}]`,
        `got ${JSON.stringify(provider)}, which is not configured; allowed: ${quoted(knownProviders)}`));
    p.check(client.identityProviders.length > 0, `${at}.identityProviders`, `a ${kind} client needs at least one identity provider; allowed: ${quoted(knownProviders)}`);
}

function checkWriteAttributes(p: ProblemList, at: string, client: ResolvedClient, pool: PoolCapabilities): void {
    const immutable = pool.immutableAttributes ?? [];
    const custom = (pool.customAttributes ?? []).map((name) => `custom:${name}`);
    const writable = [...standardAttributeNames, ...verificationFlags, ...custom];
    client.writeAttributes.forEach((attribute, j) => {
        const field = `${at}.writeAttributes[${j}]`;
        if (!writable.includes(attribute)) {
            p.add(field, `got ${JSON.stringify(attribute)}; allowed: a standard attribute (${quoted(standardAttributeNames)}), ${quoted(verificationFlags)}, or a declared custom attribute (${custom.length ? quoted(custom) : "none declared"})`);
        } else {
            p.check(!immutable.includes(attribute), field, `got ${JSON.stringify(attribute)}, which the pool declares immutable (mutable: false); no user may change it after sign-up, so remove it`);
        }
    });
    if (client.kind === "server") return;
    // Cognito rewrites every mapped attribute at each federated sign-in, through the client, and
    // refuses the sign-in when the client cannot write one. "username" is the user's name, not an
    // attribute; the verification flags are Cognito's own (a mapping sets them without the client's
    // write access, which would let users set them too); immutable attributes are refused by the
    // identity provider check.
    const exempt: readonly string[] = ["username", ...verificationFlags, ...immutable];
    for (const provider of client.identityProviders.filter((name) => name !== "COGNITO")) {
        const mapped = (pool.providerMappedAttributes?.[provider] ?? []).filter((a) => !exempt.includes(a));
        const missing = mapped.filter((a) => !client.writeAttributes.includes(a));
        if (missing.length) {
            p.add(`${at}.writeAttributes`, `the client offers identity provider ${JSON.stringify(provider)}, which maps ${quoted(missing)}, but cannot write ${missing.length === 1 ? "it" : "them"}; `
                + `Cognito refuses a federated sign-in when the client cannot write a mapped attribute; add ${missing.length === 1 ? "it" : "them"} to writeAttributes or drop the mapping`);
        }
    }
}

function checkServerClient(p: ProblemList, at: string, client: ResolvedClient, rsScopes: readonly string[]): void {
    p.check(client.callbackUrls.length === 0 && client.logoutUrls.length === 0, `${at}.callbackUrls`, "a server client uses client_credentials and has no callback or sign-out URLs");
    const allowed = allowedValues(rsScopes, "declare a resource server in resourceServers first");
    p.check(client.scopes.length > 0, `${at}.scopes`, `a server client needs at least one resource server scope; allowed: ${allowed}`);
    client.scopes.forEach((scope, j) => p.check(rsScopes.includes(scope), `${at}.scopes[${j}]`,
        `got ${JSON.stringify(scope)}; a server client may only ask resource server scopes; allowed: ${allowed}`));
    p.check(client.identityProviders.length === 0, `${at}.identityProviders`, "a server client signs in no users, so it lists no identity providers");
    p.check(!client.allowImplicitGrant, `${at}.allowImplicitGrant`, "a server client uses client_credentials only");
    p.check(client.authFlows.every((f) => f === "refresh"), `${at}.authFlows`, `got ${quoted(client.authFlows)}; a server client signs in no users; allowed: ["refresh"]`);
}
