// A first sign-in where the pool requires MFA and the user has none (Cognito's MFA_SETUP, which the
// emulator lacks): the challenge after the password, a TOTP secret associated and verified within
// the challenge's session (AssociateSoftwareToken and VerifySoftwareToken with a Session, not an
// access token), then the answer to MFA_SETUP signs the user in: post authentication, then tokens.
import type { SandboxContext } from "../context";
import { CognitoError } from "../errors";
import type { EmulatorUser } from "../tokens/issuer";
import { findUser, type Body, type PoolClient, type Reply } from "./pool";
import type { ChallengeSession } from "./sessions";

const totp = () => require("cognito-local/lib/services/totp") as { generateSecret(): string; verify(secret: string, code: string): boolean };

/** The MFA_SETUP challenge for a user who proved the password in a pool that requires MFA. */
export function mfaSetupChallenge(ctx: SandboxContext, pc: PoolClient, user: EmulatorUser, signInName: string): Reply {
    const session = ctx.sessions.open({ challenge: "MFA_SETUP", clientId: pc.id, poolId: pc.poolId, username: user.Username, signInName, userExists: true });
    return { status: 200, body: { ChallengeName: "MFA_SETUP", Session: session, ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(["SOFTWARE_TOKEN_MFA"]) } } };
}

async function sessionUser(ctx: SandboxContext, session: ChallengeSession): Promise<EmulatorUser> {
    const user = await findUser(ctx, session.poolId, session.username);
    if (!user) throw new CognitoError("NotAuthorizedException", "Invalid session for the user.");
    return user;
}

/** AssociateSoftwareToken with the MFA_SETUP session: a new secret for the user; the session goes on. */
export async function associateInSession(ctx: SandboxContext, body: Body): Promise<Reply> {
    const session = ctx.sessions.takeFor(body.Session, "MFA_SETUP");
    const user = await sessionUser(ctx, session);
    const secret = totp().generateSecret();
    await (await ctx.emulator.userPool(session.poolId)).saveUser(ctx.emulator.context, { ...user, SoftwareTokenMfaConfiguration: { Secret: secret, Verified: false } });
    return { status: 200, body: { SecretCode: secret, Session: ctx.sessions.open(session) } };
}

/** VerifySoftwareToken with the MFA_SETUP session: the code proves the secret, and TOTP becomes the user's MFA. */
export async function verifyInSession(ctx: SandboxContext, body: Body): Promise<Reply> {
    const session = ctx.sessions.takeFor(body.Session, "MFA_SETUP");
    const user = await sessionUser(ctx, session);
    const secret = (user.SoftwareTokenMfaConfiguration as { Secret?: string } | undefined)?.Secret;
    if (!secret) throw new CognitoError("InvalidParameterException", "User has not associated a software token");
    if (!totp().verify(secret, String(body.UserCode ?? ""))) {
        ctx.sessions.restore(body.Session, session);
        throw new CognitoError("CodeMismatchException", "Invalid code received for user");
    }
    await (await ctx.emulator.userPool(session.poolId)).saveUser(ctx.emulator.context, {
        ...user, SoftwareTokenMfaConfiguration: { Secret: secret, Verified: true, FriendlyDeviceName: body.FriendlyDeviceName }, UserMFASettingList: ["SOFTWARE_TOKEN_MFA"], PreferredMfaSetting: "SOFTWARE_TOKEN_MFA",
    });
    return { status: 200, body: { Status: "SUCCESS", Session: ctx.sessions.open(session) } };
}

/** The answer to MFA_SETUP, once TOTP is verified: signed in, as after any MFA step. */
export async function completeMfaSetup(ctx: SandboxContext, pc: PoolClient, session: ChallengeSession, clientMetadata: unknown): Promise<Reply> {
    const user = await sessionUser(ctx, session);
    if (!(user.SoftwareTokenMfaConfiguration as { Verified?: boolean } | undefined)?.Verified) throw new CognitoError("InvalidParameterException", "MFA_SETUP needs a verified software token first (AssociateSoftwareToken and VerifySoftwareToken with the session)");
    await ctx.emulator.postAuthentication(pc.poolId, pc.id, user, clientMetadata);
    const tokens = await ctx.issuer.issue({ poolId: pc.poolId, clientId: pc.id, user, source: "Authentication", refreshToken: true, clientMetadata: clientMetadata as Record<string, string> | undefined });
    return { status: 200, body: { ChallengeParameters: {}, AuthenticationResult: tokens } };
}
