// Refresh, revocation and sign-out, which the emulator lacks or serves loosely (it refreshes any
// token in its list for any client): a refresh token is taken only from the client it was issued
// to, unexpired, not revoked, not rotated out past the client's grace period, for a user who is
// still there, enabled and not signed out since. GetTokensFromRefreshToken (Amplify 6's only way to
// refresh) hands out a new refresh token on a rotating client; REFRESH_TOKEN_AUTH never does.
// RevokeToken ends the sign-in session (`origin_jti`) and every token carrying it; GlobalSignOut
// every token of the user.
import type { SandboxContext } from "../context";
import { CognitoError } from "../errors";
import { checkedUserAccessToken } from "../tokens/checks";
import { attributeOf, type EmulatorUser, type IssuedTokens, type RefreshGrant } from "../tokens/issuer";
import { checkClientSecret, checkPool, checkSecretHash, clientOf, findUser, type Body, type PoolClient, type Reply } from "./pool";

const invalidRefreshToken = () => new CognitoError("NotAuthorizedException", "Invalid Refresh Token");

/** The grant and its user, for a refresh token presented by this client; Cognito's errors otherwise. */
async function checkedRefreshToken(ctx: SandboxContext, pc: PoolClient, token: unknown): Promise<{ grant: RefreshGrant; user: EmulatorUser }> {
    const grant = ctx.issuer.readRefreshToken(token);
    if (!grant || grant.clientId !== pc.id || grant.poolId !== pc.poolId || grant.expires <= Date.now() / 1000) throw invalidRefreshToken();
    if (ctx.revocations.isRevoked(grant.originJti) || ctx.revocations.isSignedOut(pc.poolId, grant.sub, grant.issuedAt)) throw new CognitoError("NotAuthorizedException", "Refresh Token has been revoked");
    if (ctx.revocations.isRotatedOut(grant.jti)) throw new CognitoError("RefreshTokenReuseException", "Refresh Token has been rotated out: sign in again");
    const user = await findUser(ctx, pc.poolId, grant.username);
    if (!user || attributeOf(user, "sub") !== grant.sub) throw invalidRefreshToken();
    if (user.Enabled === false) throw new CognitoError("NotAuthorizedException", "User is disabled.");
    return { grant, user };
}

/** New tokens for a refresh token, with a new refresh token when `rotate` (the old one kept for the grace period). */
export async function refreshTokens(ctx: SandboxContext, pc: PoolClient, token: unknown, clientMetadata: unknown, rotate: boolean): Promise<IssuedTokens> {
    const { grant, user } = await checkedRefreshToken(ctx, pc, token);
    const tokens = await ctx.issuer.issue({
        poolId: pc.poolId, clientId: pc.id, user, source: "RefreshTokens", refreshToken: rotate, scopes: grant.scopes,
        clientMetadata: clientMetadata as Record<string, string> | undefined, originJti: grant.originJti, authTime: grant.authTime,
    });
    if (rotate) ctx.revocations.rotate(grant.jti, pc.client.refreshTokenRotation.gracePeriodSeconds, grant.expires);
    return tokens;
}

export async function refreshTokenAuth(ctx: SandboxContext, pc: PoolClient, token: unknown, secretHash: unknown, clientMetadata: unknown): Promise<Reply> {
    await checkSecretHash(ctx, pc.id, ctx.issuer.readRefreshToken(token)?.username, secretHash);
    return { status: 200, body: { ChallengeParameters: {}, AuthenticationResult: await refreshTokens(ctx, pc, token, clientMetadata, false) } };
}

export async function getTokensFromRefreshToken(ctx: SandboxContext, body: Body): Promise<Reply> {
    const pc = await clientOf(ctx, body.ClientId);
    await checkClientSecret(ctx, pc.id, body.ClientSecret);
    return { status: 200, body: { AuthenticationResult: await refreshTokens(ctx, pc, body.RefreshToken, body.ClientMetadata, pc.client.refreshTokenRotation.enabled) } };
}

/** Ends the sign-in session of a refresh token issued to this client (RevokeToken, /oauth2/revoke). */
export async function revokeRefreshToken(ctx: SandboxContext, pc: PoolClient, token: unknown): Promise<void> {
    if (!pc.client.tokenRevocation) throw new CognitoError("UnsupportedOperationException", "Token revocation is not enabled for this client.");
    const grant = ctx.issuer.readRefreshToken(token);
    if (!grant || grant.poolId !== pc.poolId) throw new CognitoError("UnsupportedTokenTypeException", "The token is not a refresh token of this pool.");
    if (grant.clientId !== pc.id) throw invalidRefreshToken();
    ctx.revocations.revoke(grant.originJti, grant.expires);
}

export async function revokeToken(ctx: SandboxContext, body: Body): Promise<Reply> {
    const pc = await clientOf(ctx, body.ClientId);
    await checkClientSecret(ctx, pc.id, body.ClientSecret);
    await revokeRefreshToken(ctx, pc, body.Token);
    return { status: 200, body: {} };
}

export async function globalSignOut(ctx: SandboxContext, body: Body): Promise<Reply> {
    const { claims, poolId } = checkedUserAccessToken(ctx, body.AccessToken);
    ctx.revocations.signOut(poolId, claims.sub);
    return { status: 200, body: {} };
}

export async function adminUserGlobalSignOut(ctx: SandboxContext, body: Body): Promise<Reply> {
    const poolId = String(body.UserPoolId ?? "");
    checkPool(poolId, (await ctx.emulator.userPool(poolId).catch(() => undefined))?.options.Id ?? "");
    const user = await findUser(ctx, poolId, body.Username);
    if (!user) throw new CognitoError("UserNotFoundException", "User does not exist.");
    ctx.revocations.signOut(poolId, attributeOf(user, "sub") ?? user.Username);
    return { status: 200, body: {} };
}
