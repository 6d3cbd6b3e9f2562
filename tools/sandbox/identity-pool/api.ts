// The identity-pool API (`X-Amz-Target: AWSCognitoIdentityService.<Operation>`) for the stack's
// identity pool: GetId, GetCredentialsForIdentity and GetOpenIdToken. A login is an ID token of one
// of the pool's clients, checked as Cognito checks it (signature, issuer named by the login's
// provider, audience, expiry, revocation: the stack's providers check tokens server side); the
// identity id is stable per user; the role is the one the stack's rules choose for that token
// (Token: its preferred role; Rules: the first matching rule; otherwise the ambiguous-role
// resolution). The credentials are clearly fake: AWS refuses them; their session token names the
// role, so a developer sees which one the rules chose.
import { createHmac, randomBytes } from "crypto";
import type { SandboxContext } from "../context";
import { CognitoError } from "../errors";
import { checkedToken } from "../tokens/checks";
import type { RoleMapping } from "./model";

type Body = Record<string, any>;
type Reply = { status: number; body: Body };

const uuidOf = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;

/** The sandbox's id for the stack's identity pool: `<region>:<uuid>`, the same for a kept data folder. */
export function identityPoolIdOf(ctx: Pick<SandboxContext, "key">, region: string, name: string): string {
    return `${region}:${uuidOf(createHmac("sha256", ctx.key.secret("identity-pool")).update(name).digest("hex"))}`;
}

function identityIdOf(ctx: SandboxContext, sub: string): string {
    return `${ctx.model.region}:${uuidOf(createHmac("sha256", ctx.key.secret("identity-id")).update(`${ctx.poolId}|${sub}`).digest("hex"))}`;
}

/** The provider names a login may use for the pool: its issuer without the scheme (as Amplify sends it), or Cognito's own form. */
function providerNames(ctx: SandboxContext): string[] {
    return [ctx.issuerUrl.replace(/^https?:\/\//, ""), `cognito-idp.${ctx.model.region}.amazonaws.com/${ctx.poolId}`];
}

interface Login {
    readonly provider: string;
    readonly claims: Record<string, any>;
    readonly clientName: string;
}

/** The one login of the request, checked; undefined for a guest (no logins). */
function checkedLogin(ctx: SandboxContext, logins: unknown): Login | undefined {
    const entries = logins && typeof logins === "object" ? Object.entries(logins as Record<string, unknown>) : [];
    if (entries.length === 0) return undefined;
    if (entries.length > 1) throw new CognitoError("NotAuthorizedException", "The sandbox's identity pool takes one login: an ID token of the stack's user pool.");
    const [provider, token] = entries[0];
    if (!providerNames(ctx).includes(provider)) throw new CognitoError("NotAuthorizedException", `Invalid login token. Not a valid provider for this identity pool: ${provider} (it takes ${providerNames(ctx).join(" or ")}).`);
    let claims: Record<string, any>;
    try {
        claims = checkedToken(ctx, token, "id").claims;
    } catch (error) {
        throw new CognitoError("NotAuthorizedException", `Invalid login token. ${(error as Error).message}`);
    }
    if (claims.iss !== ctx.issuerUrl) throw new CognitoError("NotAuthorizedException", "Invalid login token. Issuer doesn't match providerName");
    const clientName = Object.entries(ctx.clientIds).find(([, id]) => id === claims.aud)?.[0];
    if (!clientName || !ctx.identityPool!.clients.includes(clientName)) throw new CognitoError("NotAuthorizedException", "Invalid login token. Incorrect token audience.");
    return { provider, claims, clientName };
}

function matches(rule: RoleMapping["rules"][number], claims: Record<string, any>): boolean {
    const raw = claims[rule.claim];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
    switch (rule.matchType) {
        case "Equals": return values.includes(rule.value);
        case "NotEqual": return values.length > 0 && !values.includes(rule.value);
        case "Contains": return values.some((v) => v.includes(rule.value));
        case "StartsWith": return values.some((v) => v.startsWith(rule.value));
        default: return false;
    }
}

/** The role the stack's mapping gives this login (or the custom role it asks for, when the token allows it). */
export function roleFor(ctx: SandboxContext, login: Login | undefined, customRoleArn: unknown): string {
    const pool = ctx.identityPool!;
    const fallback = (resolution: "AuthenticatedRole" | "Deny") => {
        if (resolution === "Deny" || !pool.roles.authenticated) throw new CognitoError("AccessDeniedException", "No role for this user: the identity pool's role mapping matched none and resolves ambiguity with Deny.");
        return pool.roles.authenticated;
    };
    if (!login) {
        if (!pool.allowGuests || !pool.roles.unauthenticated) throw new CognitoError("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
        return pool.roles.unauthenticated;
    }
    const mapping = pool.mappings[login.clientName];
    const tokenRoles: string[] = Array.isArray(login.claims["cognito:roles"]) ? login.claims["cognito:roles"] : [];
    if (typeof customRoleArn === "string") {
        if (mapping?.type === "Token" && tokenRoles.includes(customRoleArn)) return customRoleArn;
        throw new CognitoError("NotAuthorizedException", "The custom role is not one this user's token allows.");
    }
    if (!mapping) return fallback("AuthenticatedRole");
    if (mapping.type === "Token") return login.claims["cognito:preferred_role"] ?? fallback(mapping.ambiguousRoleResolution);
    return mapping.rules.find((rule) => matches(rule, login.claims))?.roleArn ?? fallback(mapping.ambiguousRoleResolution);
}

function checkPoolId(ctx: SandboxContext, id: unknown): void {
    if (id !== ctx.identityPool!.id) throw new CognitoError("ResourceNotFoundException", `IdentityPool '${String(id)}' not found.`);
}

/** The identity of the request's login (stable per user), or a new guest's; what a given IdentityId must be. */
function identityOf(ctx: SandboxContext, login: Login | undefined, given?: unknown): string {
    if (login) {
        const id = identityIdOf(ctx, login.claims.sub);
        if (given !== undefined && given !== id) throw new CognitoError("NotAuthorizedException", "Invalid login token. The login is not this identity's.");
        return id;
    }
    if (given === undefined) return guestIdOf(ctx, randomBytes(4).toString("hex"));
    if (typeof given !== "string" || !/^[\w-]+:[0-9a-f-]{36}$/.test(given)) throw new CognitoError("InvalidParameterException", "1 validation error detected: Value at 'identityId' failed to satisfy constraint");
    // Only a guest id GetId handed out: another (a signed-in user's) would give a stranger that identity.
    if (given !== guestIdOf(ctx, given.slice(given.indexOf(":") + 1, given.indexOf(":") + 9))) throw new CognitoError("NotAuthorizedException", "Unauthenticated access is not allowed for this identity.");
    return given;
}

/** A guest's id: a random start, the rest signed with the sandbox's key, so the sandbox knows the ids it handed out. */
function guestIdOf(ctx: SandboxContext, start: string): string {
    return `${ctx.model.region}:${uuidOf(start + createHmac("sha256", ctx.key.secret("guest-id")).update(`${ctx.poolId}|${start}`).digest("hex").slice(0, 24))}`;
}

const operations: Record<string, (ctx: SandboxContext, body: Body) => Promise<Reply>> = {
    GetId: async (ctx, body) => {
        checkPoolId(ctx, body.IdentityPoolId);
        const login = checkedLogin(ctx, body.Logins);
        if (!login) roleFor(ctx, undefined, undefined); // guests only where the pool allows them
        return { status: 200, body: { IdentityId: identityOf(ctx, login) } };
    },
    GetCredentialsForIdentity: async (ctx, body) => {
        const login = checkedLogin(ctx, body.Logins);
        const identityId = identityOf(ctx, login, body.IdentityId);
        const role = roleFor(ctx, login, body.CustomRoleArn);
        const expiration = Math.floor(Date.now() / 1000) + 3600;
        const sessionToken = Buffer.from(JSON.stringify({ sandbox: "fake credentials from the local sandbox: AWS refuses them", role, identityId })).toString("base64");
        const accessKey = `ASIASANDBOX${randomBytes(5).toString("hex").toUpperCase().slice(0, 9)}`;
        return { status: 200, body: { IdentityId: identityId, Credentials: { AccessKeyId: accessKey, SecretKey: `sandbox-fake-${randomBytes(20).toString("hex")}`, SessionToken: sessionToken, Expiration: expiration } } };
    },
    GetOpenIdToken: async (ctx, body) => {
        const login = checkedLogin(ctx, body.Logins);
        if (!login) throw new CognitoError("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
        const identityId = identityOf(ctx, login, body.IdentityId);
        const now = Math.floor(Date.now() / 1000);
        const token = ctx.key.sign({
            sub: identityId, aud: ctx.identityPool!.id, amr: ["authenticated", login.provider, `${login.provider}:CognitoSignIn:${login.claims.sub}`],
            iss: `${ctx.endpoint}/cognito-identity`, "https://cognito-identity.amazonaws.com/identity-pool-arn": `arn:aws:cognito-identity:${ctx.model.region}:000000000000:identitypool/${ctx.identityPool!.id}`,
            iat: now, exp: now + 600,
        });
        return { status: 200, body: { IdentityId: identityId, Token: token } };
    },
};

export const isIdentityPoolOperation = (operation: string) => Object.hasOwn(operations, operation);

export async function identityPoolOperation(ctx: SandboxContext, operation: string, body: Body): Promise<Reply> {
    if (!isIdentityPoolOperation(operation)) throw new CognitoError("UnknownOperationException", `Unknown operation AWSCognitoIdentityService.${operation}`);
    if (!ctx.identityPool) throw new CognitoError("ResourceNotFoundException", `The stack ${ctx.model.stack} declares no identity pool.`);
    return operations[operation](ctx, body);
}
