// The hosted UI (managed login) of a stack with a domain, on the sandbox's own origin: the
// authorization code flow with PKCE (S256; a code with a challenge needs its verifier), the implicit
// flow where the client allows it, the client-credentials grant for clients with a secret, refresh
// and revocation at the token endpoint, userInfo, and logout, each checked as Cognito checks it:
// the client's own callback and sign-out URLs exactly, its OAuth flows and scopes, one-time codes
// bound to client and redirect URI. The sign-in page (pages.ts) signs in with the pool's users and
// shows the client's identity providers; a provider's button leads to a page saying federated
// sign-in is not emulated. A browser that signed in keeps a session (a cookie), reused by the next
// authorize request, as Cognito's is (token generation runs again; pre authentication would not).
import { createHash, randomBytes, timingSafeEqual } from "crypto";
import type * as http from "http";
import type { SandboxContext } from "../context";
import { cognitoErrorOf } from "../errors";
import { jsonReply, type HttpReply } from "../gateway";
import { checkedToken } from "../tokens/checks";
import { attributeOf, idTokenAttributes, type EmulatorUser } from "../tokens/issuer";
import { checkClientSecret, clientOf, findUser, type PoolClient } from "../user-pool-api/pool";
import { refreshTokens, revokeRefreshToken } from "../user-pool-api/refresh";
import { signInWithPassword } from "../user-pool-api/sign-in";
import { demoUris } from "../front-end/demo";
import { errorPage, langOf, signedOutPage, signInPage, standInPage, type Lang } from "./pages";

interface AuthorizeRequest {
    readonly pc: PoolClient;
    readonly redirectUri: string;
    readonly responseType: "code" | "token";
    readonly scopes: readonly string[];
    readonly state?: string;
    readonly codeChallenge?: string;
    readonly nonce?: string;
    readonly lang: Lang;
    readonly query: URLSearchParams;
}

interface Grant {
    readonly request: AuthorizeRequest;
    readonly username: string;
    readonly authTime: number;
    readonly expires: number;
}

interface HostedState {
    /** One-time authorization codes. */
    readonly codes: Map<string, Grant>;
    /** Browser sessions (the cookie's value) -> the signed-in user. */
    readonly sessions: Map<string, { poolId: string; username: string; authTime: number }>;
}

const states = new WeakMap<SandboxContext, HostedState>();
const stateOf = (ctx: SandboxContext) => {
    let state = states.get(ctx);
    if (!state) states.set(ctx, (state = { codes: new Map(), sessions: new Map() }));
    return state;
};
const cookieName = "cognito-sandbox-session";
const codeLifetimeMs = 5 * 60 * 1000;

const redirect = (location: string, headers: Record<string, string> = {}): HttpReply => ({ status: 302, headers: { location, "cache-control": "no-store", ...headers } });
const oauthError = (error: string, description?: string, status = 400) => jsonReply(status, { error, ...(description && { error_description: description }) }, { "cache-control": "no-store" });

function withParams(uri: string, params: Record<string, string | undefined>, fragment = false): string {
    const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
    if (fragment) return `${uri}#${search}`;
    return `${uri}${uri.includes("?") ? "&" : "?"}${search}`;
}

/** The authorize request's parameters checked; an error page before the redirect URI is known to be the client's, a redirect with the error after. */
async function readAuthorize(ctx: SandboxContext, query: URLSearchParams): Promise<AuthorizeRequest | HttpReply> {
    const lang = langOf(query.get("lang"));
    let pc: PoolClient;
    try {
        pc = await clientOf(ctx, query.get("client_id"));
    } catch {
        return errorPage(ctx, lang, `invalid_request: client_id ${query.get("client_id") ?? "(none)"} is not a client of this pool`);
    }
    const redirectUri = query.get("redirect_uri") ?? "";
    if (!pc.client.callbackUrls.includes(redirectUri) && !demoUris(ctx).includes(redirectUri)) {
        return errorPage(ctx, lang, `redirect_mismatch: ${redirectUri || "(no redirect_uri)"} is not a callback URL of the client ${pc.client.name} (it has ${pc.client.callbackUrls.join(", ") || "none"})`);
    }
    const state = query.get("state") ?? undefined;
    const fail = (error: string, description: string) => redirect(withParams(redirectUri, { error, error_description: description, state }));
    const responseType = query.get("response_type");
    const flow = responseType === "code" ? "code" : responseType === "token" ? "implicit" : undefined;
    if (!flow) return fail("unsupported_response_type", "response_type must be code or token");
    if (!pc.client.oauthFlows.includes(flow)) return fail("unauthorized_client", `the client does not allow the ${flow} flow`);
    const requested = (query.get("scope") ?? "").split(/[\s+]+/).filter(Boolean);
    const scopes = requested.length ? requested : [...pc.client.oauthScopes];
    const refused = scopes.filter((s) => !pc.client.oauthScopes.includes(s));
    if (refused.length) return fail("invalid_scope", `the client may not ask for ${refused.join(", ")}`);
    const codeChallenge = query.get("code_challenge") ?? undefined;
    if (codeChallenge !== undefined && query.get("code_challenge_method") !== "S256") return fail("invalid_request", "code_challenge_method must be S256");
    if (codeChallenge !== undefined && !/^[\w-]{43,128}$/.test(codeChallenge)) return fail("invalid_request", "code_challenge is not a base64url SHA-256");
    return { pc, redirectUri, responseType: responseType as "code" | "token", scopes, state, codeChallenge, nonce: query.get("nonce") ?? undefined, lang, query };
}

/** The browser's session, if it has one for this pool and the user may still sign in. */
async function sessionUser(ctx: SandboxContext, request: http.IncomingMessage, poolId: string) {
    const sid = /(?:^|;\s*)cognito-sandbox-session=([\w-]+)/.exec(request.headers.cookie ?? "")?.[1];
    const session = sid ? stateOf(ctx).sessions.get(sid) : undefined;
    if (!session || session.poolId !== poolId) return undefined;
    const user = await findUser(ctx, poolId, session.username);
    return user && user.Enabled !== false && user.UserStatus === "CONFIRMED" ? { user, authTime: session.authTime } : undefined;
}

/** Signed in: a code (or, for the implicit flow, tokens) to the client's redirect URI, and a session for the browser. */
async function complete(ctx: SandboxContext, request: AuthorizeRequest, user: EmulatorUser, authTime: number, sid?: string): Promise<HttpReply> {
    const state = stateOf(ctx);
    const headers: Record<string, string> = {};
    if (!sid) {
        sid = randomBytes(32).toString("base64url");
        state.sessions.set(sid, { poolId: request.pc.poolId, username: user.Username, authTime });
        headers["set-cookie"] = `${cookieName}=${sid}; Path=/; HttpOnly; SameSite=Lax`;
    }
    if (request.responseType === "token") {
        const tokens = await issueHosted(ctx, request, user, authTime, false);
        return redirect(withParams(request.redirectUri, { access_token: tokens.AccessToken, id_token: tokens.IdToken, token_type: "Bearer", expires_in: String(tokens.ExpiresIn), state: request.state }, true), headers);
    }
    const code = randomBytes(24).toString("base64url");
    for (const [old, grant] of state.codes) if (grant.expires < Date.now()) state.codes.delete(old);
    state.codes.set(code, { request, username: user.Username, authTime, expires: Date.now() + codeLifetimeMs });
    return redirect(withParams(request.redirectUri, { code, state: request.state }), headers);
}

function issueHosted(ctx: SandboxContext, request: AuthorizeRequest, user: EmulatorUser, authTime: number, refreshToken: boolean) {
    return ctx.issuer.issue({
        poolId: request.pc.poolId, clientId: request.pc.id, user, source: "HostedAuth", scopes: request.scopes, nonce: request.nonce, refreshToken,
        authTime,
    });
}

async function authorize(ctx: SandboxContext, request: http.IncomingMessage, query: URLSearchParams, path: "/oauth2/authorize" | "/login"): Promise<HttpReply> {
    const read = await readAuthorize(ctx, query);
    if ("status" in read) return read;
    const provider = query.get("identity_provider");
    const offered = read.pc.client.identityProviders.filter((p) => p !== "COGNITO");
    if (provider && provider !== "COGNITO") {
        if (!offered.includes(provider)) return redirect(withParams(read.redirectUri, { error: "invalid_request", error_description: `the client does not offer ${provider}`, state: read.state }));
        return standInPage(ctx, read.lang, provider, query);
    }
    if (path === "/oauth2/authorize") {
        const session = query.get("prompt") === "login" ? undefined : await sessionUser(ctx, request, read.pc.poolId);
        if (session) return complete(ctx, read, session.user, session.authTime, "reuse");
        return redirect(`/login?${query}`);
    }
    return withCsrf((csrf) => signInPage(ctx, read.lang, query, offered, csrf));
}

/** A page with a fresh anti-forgery token in its form and in a cookie: a sign-in form posted from another site has neither (login CSRF). */
function withCsrf(render: (csrf: string) => HttpReply): HttpReply {
    const csrf = randomBytes(24).toString("base64url");
    const page = render(csrf);
    return { ...page, headers: { ...page.headers, "set-cookie": `XSRF-TOKEN=${csrf}; Path=/; HttpOnly; SameSite=Lax` } };
}

function csrfHolds(request: http.IncomingMessage, form: URLSearchParams): boolean {
    const cookie = Buffer.from(/(?:^|;\s*)XSRF-TOKEN=([\w-]+)/.exec(request.headers.cookie ?? "")?.[1] ?? "");
    const field = Buffer.from(form.get("_csrf") ?? "");
    return cookie.length > 0 && cookie.length === field.length && timingSafeEqual(cookie, field);
}

async function signIn(ctx: SandboxContext, request: http.IncomingMessage, form: URLSearchParams): Promise<HttpReply> {
    const username = form.get("username") ?? "";
    const password = form.get("password") ?? "";
    const query = new URLSearchParams([...form].filter(([k]) => !["username", "password", "signInSubmitButton", "_csrf"].includes(k)));
    const read = await readAuthorize(ctx, query);
    if ("status" in read) return read;
    if (!csrfHolds(request, form)) return errorPage(ctx, read.lang, "The sign-in form was not this page's (missing or wrong anti-forgery token): open the sign-in page again.", 403);
    const again = (error: string) => withCsrf((csrf) => signInPage(ctx, read.lang, query, offered, csrf, error));
    const offered = read.pc.client.identityProviders.filter((p) => p !== "COGNITO");
    if (!read.pc.client.identityProviders.includes("COGNITO")) return errorPage(ctx, read.lang, `The client ${read.pc.client.name} does not sign in the pool's own users (COGNITO is not among its identity providers).`);
    try {
        const reply = await signInWithPassword(ctx, read.pc, username, password, undefined);
        if (reply.status !== 200) return again(String(reply.body.message ?? reply.body.__type));
        if (reply.body.ChallengeName) return errorPage(ctx, read.lang, `The ${reply.body.ChallengeName} step is not emulated on the sandbox's hosted UI: sign this user in through the API (Amplify), or test it on AWS.`);
        const user = await findUser(ctx, read.pc.poolId, username);
        if (!user) return again("Incorrect username or password.");
        return complete(ctx, read, user, Math.floor(Date.now() / 1000));
    } catch (error) {
        return again(cognitoErrorOf(error)?.message ?? "Incorrect username or password.");
    }
}

/** The client a token-endpoint request authenticates as: HTTP Basic, or client_id (and client_secret) in the form. */
async function tokenClient(ctx: SandboxContext, request: http.IncomingMessage, form: URLSearchParams): Promise<PoolClient | HttpReply> {
    const basic = /^Basic (.+)$/i.exec(String(request.headers.authorization ?? ""))?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [];
    const clientId = basicId ?? form.get("client_id");
    let pc: PoolClient;
    try {
        pc = await clientOf(ctx, clientId);
        if (form.get("client_id") && clientId !== form.get("client_id")) throw new Error("two client ids");
        await checkClientSecret(ctx, pc.id, basicSecret ?? form.get("client_secret"));
    } catch {
        return oauthError("invalid_client", undefined, 401);
    }
    return pc;
}

const tokenResponse = (tokens: { AccessToken: string; IdToken?: string; RefreshToken?: string; ExpiresIn: number }) => jsonReply(200, {
    ...(tokens.IdToken && { id_token: tokens.IdToken }), access_token: tokens.AccessToken, ...(tokens.RefreshToken && { refresh_token: tokens.RefreshToken }), expires_in: tokens.ExpiresIn, token_type: "Bearer",
}, { "cache-control": "no-store" });

async function token(ctx: SandboxContext, request: http.IncomingMessage, form: URLSearchParams): Promise<HttpReply> {
    const pc = await tokenClient(ctx, request, form);
    if ("status" in pc) return pc;
    switch (form.get("grant_type")) {
        case "authorization_code": {
            const code = form.get("code") ?? "";
            const grant = stateOf(ctx).codes.get(code);
            stateOf(ctx).codes.delete(code);
            if (!grant || grant.expires < Date.now() || grant.request.pc.id !== pc.id || grant.request.redirectUri !== form.get("redirect_uri")) return oauthError("invalid_grant");
            if (grant.request.codeChallenge !== undefined) {
                const verifier = form.get("code_verifier") ?? "";
                const expected = Buffer.from(grant.request.codeChallenge);
                const given = Buffer.from(createHash("sha256").update(verifier).digest("base64url"));
                if (!/^[\w.~-]{43,128}$/.test(verifier) || given.length !== expected.length || !timingSafeEqual(given, expected)) return oauthError("invalid_grant", "code_verifier does not match the code_challenge");
            }
            const user = await findUser(ctx, pc.poolId, grant.username);
            if (!user || user.Enabled === false) return oauthError("invalid_grant");
            return tokenResponse(await issueHosted(ctx, grant.request, user, grant.authTime, true));
        }
        case "refresh_token":
            return tokenResponse(await refreshTokens(ctx, pc, form.get("refresh_token"), undefined, pc.client.refreshTokenRotation.enabled));
        case "client_credentials": {
            if (!pc.client.oauthFlows.includes("client_credentials") || !pc.client.generateSecret) return oauthError("unauthorized_client");
            const requested = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
            const scopes = requested.length ? requested : [...pc.client.oauthScopes];
            if (scopes.some((s) => !pc.client.oauthScopes.includes(s))) return oauthError("invalid_scope");
            return tokenResponse(await ctx.issuer.issueForClient(pc.poolId, pc.id, scopes));
        }
        default:
            return oauthError("unsupported_grant_type");
    }
}

async function userInfo(ctx: SandboxContext, request: http.IncomingMessage): Promise<HttpReply> {
    const bearer = /^Bearer (.+)$/i.exec(String(request.headers.authorization ?? ""))?.[1];
    const refuse = (description: string) => jsonReply(401, { error: "invalid_token", error_description: description }, { "www-authenticate": `Bearer error="invalid_token", error_description="${description}"` });
    try {
        const { claims, poolId } = checkedToken(ctx, bearer, "access");
        const scopes = String(claims.scope ?? "").split(" ");
        if (!scopes.includes("openid") && !scopes.includes("aws.cognito.signin.user.admin")) return refuse("Access token does not contain openid scope");
        const user = await findUser(ctx, poolId, claims.sub);
        if (!user) return refuse("User does not exist");
        const client = (await clientOf(ctx, claims.client_id)).client;
        return jsonReply(200, { sub: attributeOf(user, "sub"), ...idTokenAttributes(user, client), username: user.Username });
    } catch (error) {
        return refuse(cognitoErrorOf(error)?.message ?? "Invalid access token");
    }
}

async function logout(ctx: SandboxContext, request: http.IncomingMessage, query: URLSearchParams): Promise<HttpReply> {
    const lang = langOf(query.get("lang"));
    const sid = /(?:^|;\s*)cognito-sandbox-session=([\w-]+)/.exec(request.headers.cookie ?? "")?.[1];
    let pc: PoolClient;
    try {
        pc = await clientOf(ctx, query.get("client_id"));
    } catch {
        return errorPage(ctx, lang, `invalid_request: client_id ${query.get("client_id") ?? "(none)"} is not a client of this pool`);
    }
    const logoutUri = query.get("logout_uri");
    const clear = { "set-cookie": `${cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` };
    if (logoutUri !== null) {
        if (!pc.client.logoutUrls.includes(logoutUri) && !demoUris(ctx).includes(logoutUri)) return errorPage(ctx, lang, `${logoutUri} is not a sign-out URL of the client ${pc.client.name} (it has ${pc.client.logoutUrls.join(", ") || "none"})`);
        if (sid) stateOf(ctx).sessions.delete(sid);
        return redirect(logoutUri, clear);
    }
    if (query.get("redirect_uri")) {
        // Sign out, then sign in again: the authorize request's own checks apply.
        if (sid) stateOf(ctx).sessions.delete(sid);
        const params = new URLSearchParams(query);
        params.delete("logout_uri");
        return redirect(`/oauth2/authorize?${params}`, clear);
    }
    if (sid) stateOf(ctx).sessions.delete(sid);
    return { ...signedOutPage(ctx, lang), headers: { ...signedOutPage(ctx, lang).headers, ...clear } };
}

async function revoke(ctx: SandboxContext, request: http.IncomingMessage, form: URLSearchParams): Promise<HttpReply> {
    const pc = await tokenClient(ctx, request, form);
    if ("status" in pc) return pc;
    try {
        await revokeRefreshToken(ctx, pc, form.get("token"));
        return jsonReply(200, {});
    } catch (error) {
        const known = cognitoErrorOf(error);
        return oauthError(known?.type === "UnsupportedTokenTypeException" ? "unsupported_token_type" : "invalid_request", known?.message);
    }
}

/** The hosted UI's answer for its paths; undefined for any other path. */
export async function hostedUi(ctx: SandboxContext, request: http.IncomingMessage, url: URL, raw: Buffer): Promise<HttpReply | undefined> {
    const paths = ["/oauth2/authorize", "/login", "/oauth2/token", "/oauth2/userInfo", "/logout", "/oauth2/revoke"];
    if (!paths.includes(url.pathname)) return undefined;
    if (!ctx.model.hostedUi) return jsonReply(404, { message: `The stack ${ctx.model.stack} gives its pool no domain: it has no hosted UI.` });
    const form = new URLSearchParams(raw.toString("utf8"));
    const method = request.method;
    try {
        if (url.pathname === "/oauth2/authorize" && method === "GET") return await authorize(ctx, request, url.searchParams, "/oauth2/authorize");
        if (url.pathname === "/login" && method === "GET") return await authorize(ctx, request, url.searchParams, "/login");
        if (url.pathname === "/login" && method === "POST") return await signIn(ctx, request, form);
        if (url.pathname === "/oauth2/token" && method === "POST") return await token(ctx, request, form);
        if (url.pathname === "/oauth2/userInfo" && (method === "GET" || method === "POST")) return await userInfo(ctx, request);
        if (url.pathname === "/logout" && method === "GET") return await logout(ctx, request, url.searchParams);
        if (url.pathname === "/oauth2/revoke" && method === "POST") return await revoke(ctx, request, form);
    } catch (error) {
        const known = cognitoErrorOf(error);
        if (known && url.pathname === "/oauth2/token") return oauthError(known.type === "UserLambdaValidationException" ? "invalid_request" : "invalid_grant", known.message);
        if (known) return errorPage(ctx, langOf(url.searchParams.get("lang")), known.message);
        throw error;
    }
    return jsonReply(405, { message: `${method} is not served at ${url.pathname}` });
}
