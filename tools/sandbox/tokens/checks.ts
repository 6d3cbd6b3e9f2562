// A token a client presents, checked as Cognito checks it before acting on it: signed by this
// sandbox's key (a token signed with cognito-local's published key, or with none, is refused),
// issued by this pool for this use, not expired, and not ended by a revocation or a global sign-out.
// The emulator reads access tokens without checking them; every operation that takes one passes here first.
import type { SandboxContext } from "../context";
import { CognitoError } from "../errors";

export type TokenUse = "access" | "id";

const label: Record<TokenUse, string> = { access: "Access Token", id: "Id Token" };

export interface CheckedToken {
    readonly claims: Record<string, any>;
    /** The pool that issued it (any pool of the emulator: the endpoint serves them all). */
    readonly poolId: string;
}

/** The claims of a valid token of this use, or Cognito's NotAuthorizedException saying what is wrong. */
export function checkedToken(ctx: SandboxContext, token: unknown, use: TokenUse): CheckedToken {
    const claims = ctx.key.verify(token);
    const poolId = typeof claims?.iss === "string" && claims.iss.startsWith(`${ctx.endpoint}/`) ? claims.iss.slice(ctx.endpoint.length + 1) : "";
    if (!claims || claims.token_use !== use || !/^[\w-]+_\w+$/.test(poolId)) throw new CognitoError("NotAuthorizedException", `Invalid ${label[use]}`);
    if (typeof claims.exp !== "number" || claims.exp <= Date.now() / 1000) throw new CognitoError("NotAuthorizedException", `${label[use]} has expired`);
    if (ctx.revocations.isRevoked(claims.origin_jti) || ctx.revocations.isSignedOut(poolId, claims.sub, claims.iat)) throw new CognitoError("NotAuthorizedException", `${label[use]} has been revoked`);
    return { claims, poolId };
}

/** An access token the user-pool API accepts for the user's own operations (GetUser, ChangePassword, ...). */
export function checkedUserAccessToken(ctx: SandboxContext, token: unknown): CheckedToken {
    const checked = checkedToken(ctx, token, "access");
    if (!String(checked.claims.scope ?? "").split(" ").includes("aws.cognito.signin.user.admin")) throw new CognitoError("NotAuthorizedException", "Access Token does not have required scopes");
    return checked;
}
