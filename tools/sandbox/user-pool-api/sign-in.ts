// Sign-in as Cognito serves it, in front of the emulator (which has no SRP, no USER_AUTH, enforces
// no client's flows and binds its challenge sessions to nothing):
// - each client's allowed flows, and a client secret's SECRET_HASH;
// - USER_SRP_AUTH and USER_AUTH's PASSWORD_SRP: the sandbox is the SRP server (srp.ts); a name no
//   user has gets an equally plausible challenge, stable per name, and fails at the proof with the
//   answer a wrong password gets;
// - USER_AUTH: PASSWORD and PASSWORD_SRP, or SELECT_CHALLENGE listing them when the client names no
//   challenge it can start;
// - the password checked before anything else (the emulator would answer a user who must change
//   their password with the new-password challenge before checking it), then the emulator's password
//   flow runs what follows: status, MFA, post authentication, tokens (tokens/issuer.ts), and where the
//   pool requires MFA of a user without any, MFA_SETUP (mfa-setup.ts);
// - every challenge session issued here and bound to client, user and challenge (sessions.ts).
import { createHmac } from "crypto";
import type { SandboxContext } from "../context";
import { CognitoError, incorrectSignIn } from "../errors";
import { passwordProblem } from "../../../lambdas/shared/password-policy";
import { completeMfaSetup, mfaSetupChallenge } from "./mfa-setup";
import { refreshTokenAuth } from "./refresh";
import { forward } from "./forward";
import { checkPool, checkSecretHash, clientOf, findUser, type Body, type PoolClient, type Reply } from "./pool";
import type { ChallengeSession } from "./sessions";
import { clientPublicValue, proofHolds, srpChallenge } from "./srp";

/** The flow a client must allow for an auth flow. */
const requiredFlow: Record<string, string> = {
    USER_PASSWORD_AUTH: "ALLOW_USER_PASSWORD_AUTH",
    ADMIN_USER_PASSWORD_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    ADMIN_NO_SRP_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    USER_SRP_AUTH: "ALLOW_USER_SRP_AUTH",
    USER_AUTH: "ALLOW_USER_AUTH",
    CUSTOM_AUTH: "ALLOW_CUSTOM_AUTH",
};
const userFlows = new Set(["USER_PASSWORD_AUTH", "USER_SRP_AUTH", "USER_AUTH", "CUSTOM_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"]);
const adminFlows = new Set(["ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "USER_SRP_AUTH", "USER_AUTH", "CUSTOM_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"]);
const notEnabled = (flow: string) => new CognitoError("InvalidParameterException", `${flow} flow not enabled for this client`);
/** The first factors the sandbox serves; passkeys and one-time codes it has not. */
const firstFactors = ["PASSWORD", "PASSWORD_SRP"];

/** The user name a challenge names: the user's, or for a name no user has, one like it (a uuid where the pool signs in with an alias). */
async function challengeTarget(ctx: SandboxContext, poolId: string, signInName: string): Promise<{ username: string; password: string; exists: boolean }> {
    const user = await findUser(ctx, poolId, signInName);
    if (user && user.Password !== undefined) return { username: user.Username, password: user.Password, exists: true };
    const pool = await ctx.emulator.userPool(poolId);
    const aliased = (pool.options.UsernameAttributes ?? []).length > 0;
    const seed = createHmac("sha256", ctx.key.secret("srp-stand-in")).update(`${poolId}|${signInName}`).digest("hex");
    const uuid = `${seed.slice(0, 8)}-${seed.slice(8, 12)}-4${seed.slice(13, 16)}-a${seed.slice(17, 20)}-${seed.slice(20, 32)}`;
    return { username: aliased ? uuid : signInName, password: seed, exists: false };
}

async function startSrp(ctx: SandboxContext, { id: clientId, poolId }: PoolClient, signInName: unknown, srpA: unknown): Promise<Reply> {
    if (typeof signInName !== "string" || signInName === "") throw new CognitoError("InvalidParameterException", "Missing required parameter USERNAME");
    const A = clientPublicValue(srpA);
    if (A === undefined) throw new CognitoError("InvalidParameterException", "Missing or invalid parameter SRP_A");
    const target = await challengeTarget(ctx, poolId, signInName);
    const salt = createHmac("sha256", ctx.key.secret("srp-salt")).update(`${poolId}|${target.username}`).digest().subarray(0, 16);
    const challenge = srpChallenge({ poolId, userIdForSrp: target.username, password: target.password, salt, A });
    const session = ctx.sessions.open({ challenge: "PASSWORD_VERIFIER", clientId, poolId, username: target.username, signInName, userExists: target.exists, srp: challenge.state });
    return {
        status: 200,
        body: { ChallengeName: "PASSWORD_VERIFIER", Session: session, ChallengeParameters: { ...challenge.parameters, USERNAME: target.username, USER_ID_FOR_SRP: target.username } },
    };
}

/** A challenge the emulator answered, given a session of the sandbox's. */
function withSession(ctx: SandboxContext, { id: clientId, poolId }: PoolClient, signInName: string, reply: Reply): Reply {
    const { ChallengeName, ChallengeParameters, Session } = reply.body;
    if (reply.status !== 200 || !ChallengeName) return reply;
    const username = ChallengeParameters?.USER_ID_FOR_SRP ?? signInName;
    const session = ctx.sessions.open({ challenge: ChallengeName, clientId, poolId, username, signInName, userExists: true, emulatorSession: Session });
    return { ...reply, body: { ...reply.body, Session: session } };
}

/** The password proven (typed, or by SRP): the emulator's password flow does the rest. The hosted UI signs in here too. */
export async function signInWithPassword(ctx: SandboxContext, pc: PoolClient, signInName: unknown, password: unknown, clientMetadata: unknown): Promise<Reply> {
    if (typeof signInName !== "string" || signInName === "") throw new CognitoError("InvalidParameterException", "Missing required parameter USERNAME");
    const user = await findUser(ctx, pc.poolId, signInName);
    if (user && (typeof password !== "string" || user.Password !== password)) throw incorrectSignIn();
    if (user && user.Enabled === false) throw new CognitoError("NotAuthorizedException", "User is disabled.");
    const reply = await forward(ctx, "InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: pc.id, AuthParameters: { USERNAME: signInName, PASSWORD: password }, ...(clientMetadata ? { ClientMetadata: clientMetadata } : {}) });
    const { __type: type, message } = reply.body;
    const emulatorRefusal = reply.status === 400 && ((type === "InvalidPasswordException" && message === "Invalid password") || (type === "NotAuthorizedException" && message === "User not authorized"));
    // A name no user has, or a migration the trigger refused: the emulator's own words for either.
    if (emulatorRefusal && !user) throw incorrectSignIn();
    // The password was right: the emulator refuses a pool that requires MFA for a user who has none; Cognito asks to set it up.
    if (emulatorRefusal && user) return mfaSetupChallenge(ctx, pc, user, signInName);
    return withSession(ctx, pc, signInName, reply);
}

function selectChallenge(ctx: SandboxContext, { id: clientId, poolId }: PoolClient, signInName: unknown): Reply {
    if (typeof signInName !== "string" || signInName === "") throw new CognitoError("InvalidParameterException", "Missing required parameter USERNAME");
    // The same answer whether or not the name is a user's: the choice tells nothing.
    const session = ctx.sessions.open({ challenge: "SELECT_CHALLENGE", clientId, poolId, username: signInName, signInName, userExists: true });
    return { status: 200, body: { ChallengeName: "SELECT_CHALLENGE", Session: session, ChallengeParameters: {}, AvailableChallenges: firstFactors } };
}

export async function initiateAuth(ctx: SandboxContext, body: Body, admin: boolean): Promise<Reply> {
    const pc = await clientOf(ctx, body.ClientId);
    if (admin) checkPool(body.UserPoolId, pc.poolId);
    const { client, id: clientId } = pc;
    const flow = String(body.AuthFlow ?? "");
    const parameters: Body = body.AuthParameters ?? {};
    if (!(admin ? adminFlows : userFlows).has(flow)) throw new CognitoError("InvalidParameterException", `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set`);
    if (flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN") {
        // Refresh is always allowed, but a rotating client takes GetTokensFromRefreshToken only.
        if (client.refreshTokenRotation.enabled) throw notEnabled("REFRESH_TOKEN_AUTH");
        return refreshTokenAuth(ctx, pc, parameters.REFRESH_TOKEN, parameters.SECRET_HASH, body.ClientMetadata);
    }
    if (!client.explicitAuthFlows.includes(requiredFlow[flow])) throw notEnabled(flow);
    await checkSecretHash(ctx, clientId, parameters.USERNAME, parameters.SECRET_HASH);
    switch (flow) {
        case "USER_SRP_AUTH":
            return startSrp(ctx, pc, parameters.USERNAME, parameters.SRP_A);
        case "USER_AUTH":
            if (parameters.PREFERRED_CHALLENGE === "PASSWORD" && parameters.PASSWORD !== undefined) return signInWithPassword(ctx, pc, parameters.USERNAME, parameters.PASSWORD, body.ClientMetadata);
            if (parameters.PREFERRED_CHALLENGE === "PASSWORD_SRP" && parameters.SRP_A !== undefined) return startSrp(ctx, pc, parameters.USERNAME, parameters.SRP_A);
            return selectChallenge(ctx, pc, parameters.USERNAME);
        case "CUSTOM_AUTH":
            throw new CognitoError("InvalidParameterException", "The sandbox does not emulate CUSTOM_AUTH (define, create and verify auth challenge triggers): test it on AWS.");
        default:
            return signInWithPassword(ctx, pc, parameters.USERNAME, parameters.PASSWORD, body.ClientMetadata);
    }
}

/** A response must name the session's user: by its user name, or the name it signed in with. */
function checkUsername(session: ChallengeSession, given: unknown): void {
    if (given !== undefined && given !== session.username && given !== session.signInName) throw new CognitoError("NotAuthorizedException", "Invalid session for the user.");
}

export async function respondToAuthChallenge(ctx: SandboxContext, body: Body, admin: boolean): Promise<Reply> {
    const pc = await clientOf(ctx, body.ClientId);
    if (admin) checkPool(body.UserPoolId, pc.poolId);
    const clientId = pc.id;
    const responses: Body = body.ChallengeResponses ?? {};
    const session = ctx.sessions.take(body.Session, clientId, body.ChallengeName);
    checkUsername(session, responses.USERNAME);
    await checkSecretHash(ctx, clientId, responses.USERNAME ?? session.username, responses.SECRET_HASH);
    switch (body.ChallengeName) {
        case "PASSWORD_VERIFIER": {
            if (!session.userExists || !session.srp || !proofHolds(session.srp, responses)) throw incorrectSignIn();
            const user = await findUser(ctx, pc.poolId, session.username);
            if (!user) throw incorrectSignIn();
            return signInWithPassword(ctx, pc, session.username, user.Password, body.ClientMetadata);
        }
        case "SELECT_CHALLENGE":
            if (responses.ANSWER === "PASSWORD") return signInWithPassword(ctx, pc, session.signInName, responses.PASSWORD, body.ClientMetadata);
            if (responses.ANSWER === "PASSWORD_SRP") return startSrp(ctx, pc, session.signInName, responses.SRP_A);
            throw new CognitoError("InvalidParameterException", `The sandbox serves the first factors ${firstFactors.join(" and ")}; ${String(responses.ANSWER)} (passkeys, email and SMS one-time codes) is not emulated: test it on AWS.`);
        case "MFA_SETUP":
            return completeMfaSetup(ctx, pc, session, body.ClientMetadata);
        case "NEW_PASSWORD_REQUIRED": {
            const problem = passwordProblem(responses.NEW_PASSWORD, ctx.model.passwordPolicy);
            if (problem) {
                ctx.sessions.restore(body.Session, session); // the user may try another password in the same session
                throw new CognitoError("InvalidPasswordException", problem);
            }
        }
    }
    const reply = await forward(ctx, "RespondToAuthChallenge", { ...body, Session: session.emulatorSession, ChallengeResponses: { ...responses, USERNAME: session.username } });
    // A wrong code may be tried again within the session.
    if (reply.status === 400 && reply.body.__type === "CodeMismatchException") ctx.sessions.restore(body.Session, session);
    return withSession(ctx, pc, session.signInName, reply);
}
