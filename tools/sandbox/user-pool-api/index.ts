// The user-pool API (`X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`) as AWS serves
// it, in front of the emulator: each operation the emulator serves loosely or not at all is served
// or checked here, the rest passed through. On top of sign-in (sign-in.ts) and refresh (refresh.ts):
// - the stack's password policy on SignUp, ChangePassword, ConfirmForgotPassword, the new-password
//   challenge, AdminSetUserPassword and AdminCreateUser's temporary password;
// - the access token of every operation on the user's own account checked (tokens/checks.ts), and
//   the attributes a client writes limited to its write attributes;
// - email_verified set on sign-up confirmation, and no code sent to a sign-up the pre sign-up
//   trigger confirmed (emulator.ts holds that message back);
// - ResendConfirmationCode and ListDevices, which the emulator lacks;
// - AdminListGroupsForUser by any alias (an email), which the emulator answers with no groups;
// - ListUsers in pages of at most Limit (60 by default and at most), with a PaginationToken.
import type { SandboxContext } from "../context";
import { CognitoError } from "../errors";
import { passwordProblem } from "../../../lambdas/shared/password-policy";
import { checkedUserAccessToken } from "../tokens/checks";
import { signUpKey } from "../trigger-adapter";
import { forward } from "./forward";
import { associateInSession, verifyInSession } from "./mfa-setup";
import { clientOf, findUser, type Body, type Reply } from "./pool";
import { adminUserGlobalSignOut, getTokensFromRefreshToken, globalSignOut, revokeToken } from "./refresh";
import { initiateAuth, respondToAuthChallenge } from "./sign-in";

type Operation = (body: Body, ctx: SandboxContext) => Promise<Reply>;

function checkPassword(ctx: SandboxContext, password: unknown): void {
    const problem = passwordProblem(password, ctx.model.passwordPolicy);
    if (problem) throw new CognitoError("InvalidPasswordException", problem);
}

/** A client writes only its write attributes (Cognito's words for any other). */
async function checkWritable(ctx: SandboxContext, clientId: unknown, names: readonly unknown[]): Promise<void> {
    const writable = (await clientOf(ctx, clientId)).client.writeAttributes;
    if (!writable?.length) return;
    if (names.some((name) => typeof name !== "string" || !writable.includes(name))) throw new CognitoError("NotAuthorizedException", "A client attempted to write unauthorized attribute");
}

const attributeNames = (attributes: unknown) => (Array.isArray(attributes) ? attributes.map((a) => a?.Name) : []);

/** An operation on the user's own account: its access token checked first, then the emulator's operation of that name (or `serve`). */
const withUserToken = (name: string, check?: (body: Body, ctx: SandboxContext, claims: Record<string, any>) => unknown, serve?: Operation): Operation => async (body, ctx) => {
    const { claims, poolId } = checkedUserAccessToken(ctx, body.AccessToken);
    if (!(await findUser(ctx, poolId, claims.sub))) throw new CognitoError("UserNotFoundException", "User does not exist.");
    await check?.(body, ctx, claims);
    return serve ? serve(body, ctx) : forward(ctx, name, body);
};

const maxUsersPage = 60;

async function listUsersPage(body: Body, ctx: SandboxContext): Promise<Reply> {
    const limit = body.Limit ?? maxUsersPage;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxUsersPage) {
        throw new CognitoError("InvalidParameterException", `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${maxUsersPage}`);
    }
    const start = body.PaginationToken === undefined ? 0 : Number(Buffer.from(String(body.PaginationToken), "base64url").toString("utf8"));
    if (!Number.isInteger(start) || start < 0) throw new CognitoError("InvalidParameterException", "Invalid pagination token");
    const { Limit, PaginationToken, ...rest } = body;
    const reply = await forward(ctx, "ListUsers", rest);
    if (reply.status !== 200) return reply;
    const users: unknown[] = reply.body.Users ?? [];
    const next = start + limit < users.length ? { PaginationToken: Buffer.from(String(start + limit)).toString("base64url") } : {};
    return { ...reply, body: { ...reply.body, Users: users.slice(start, start + limit), ...next } };
}

const operations: Record<string, Operation> = {
    SignUp: async (body, ctx) => {
        checkPassword(ctx, body.Password);
        const { poolId } = await clientOf(ctx, body.ClientId);
        await checkWritable(ctx, body.ClientId, attributeNames(body.UserAttributes));
        const email = (body.UserAttributes ?? []).find((a: { Name: string }) => a.Name === "email")?.Value;
        const keys = [body.Username, email].filter(Boolean).map((k) => signUpKey(poolId, k));
        keys.forEach((k) => ctx.state.signingUp.add(k));
        try {
            const reply = await forward(ctx, "SignUp", body);
            // A sign-up the pre sign-up trigger confirmed gets no code (the emulator sends none either), so no delivery details.
            if (reply.body.UserConfirmed === true) delete reply.body.CodeDeliveryDetails;
            return reply;
        } finally {
            keys.forEach((k) => ctx.state.signingUp.delete(k));
        }
    },
    ConfirmSignUp: async (body, ctx) => {
        const { poolId } = await clientOf(ctx, body.ClientId);
        const reply = await forward(ctx, "ConfirmSignUp", body);
        if (reply.status === 200) {
            const user = await findUser(ctx, poolId, body.Username);
            // The code went to the address the pool verifies: Cognito marks it verified. (The emulator
            // wants the address itself beside its verified flag.)
            const address = user?.Attributes?.find((a) => a.Name === "email") ?? user?.Attributes?.find((a) => a.Name === "phone_number");
            if (user && address) await forward(ctx, "AdminUpdateUserAttributes", { UserPoolId: poolId, Username: user.Username, UserAttributes: [address, { Name: `${address.Name}_verified`, Value: "true" }] });
        }
        return reply;
    },
    ResendConfirmationCode: async (body, ctx) => {
        const { poolId } = await clientOf(ctx, body.ClientId);
        const user = await findUser(ctx, poolId, body.Username);
        if (user?.UserStatus === "CONFIRMED") throw new CognitoError("InvalidParameterException", "User is already confirmed.");
        const details = user && (await ctx.emulator.resendCode(poolId, body.ClientId, user, body.ClientMetadata));
        // A name no user has gets the answer a user gets (the clients prevent user existence errors).
        return { status: 200, body: { CodeDeliveryDetails: details ?? { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "***@***" } } };
    },
    ChangePassword: withUserToken("ChangePassword", (body, ctx) => checkPassword(ctx, body.ProposedPassword), async (body, ctx) => {
        const reply = await forward(ctx, "ChangePassword", body);
        if (reply.status === 400 && reply.body.__type === "InvalidPasswordException") throw new CognitoError("NotAuthorizedException", "Incorrect username or password.");
        return reply;
    }),
    GetUser: withUserToken("GetUser"),
    DeleteUser: withUserToken("DeleteUser"),
    UpdateUserAttributes: withUserToken("UpdateUserAttributes", (body, ctx, claims) => checkWritable(ctx, claims.client_id, attributeNames(body.UserAttributes))),
    DeleteUserAttributes: withUserToken("DeleteUserAttributes", (body, ctx, claims) => checkWritable(ctx, claims.client_id, Array.isArray(body.UserAttributeNames) ? body.UserAttributeNames : [])),
    VerifyUserAttribute: withUserToken("VerifyUserAttribute"),
    GetUserAttributeVerificationCode: withUserToken("GetUserAttributeVerificationCode", undefined, async (body, ctx) => {
        const reply = await forward(ctx, "GetUserAttributeVerificationCode", body);
        if (reply.status !== 200 || reply.body.CodeDeliveryDetails) return reply;
        // Where the code went, as Cognito says it (the emulator says nothing).
        const { claims, poolId } = checkedUserAccessToken(ctx, body.AccessToken);
        const user = await findUser(ctx, poolId, claims.sub);
        const destination = user?.Attributes?.find((a) => a.Name === body.AttributeName)?.Value;
        return { ...reply, body: { CodeDeliveryDetails: { AttributeName: body.AttributeName, DeliveryMedium: body.AttributeName === "phone_number" ? "SMS" : "EMAIL", Destination: destination } } };
    }),
    SetUserMFAPreference: withUserToken("SetUserMFAPreference"),
    // With an access token (MFA set up later), or with the MFA_SETUP challenge's session (a first sign-in).
    AssociateSoftwareToken: (body, ctx) => (body.AccessToken === undefined && body.Session !== undefined ? associateInSession(ctx, body) : withUserToken("AssociateSoftwareToken")(body, ctx)),
    VerifySoftwareToken: (body, ctx) => (body.AccessToken === undefined && body.Session !== undefined ? verifyInSession(ctx, body) : withUserToken("VerifySoftwareToken")(body, ctx)),
    ListDevices: withUserToken("ListDevices", undefined, async () => ({ status: 200, body: { Devices: [] } })),
    GlobalSignOut: (body, ctx) => globalSignOut(ctx, body),
    AdminUserGlobalSignOut: (body, ctx) => adminUserGlobalSignOut(ctx, body),
    RevokeToken: (body, ctx) => revokeToken(ctx, body),
    GetTokensFromRefreshToken: (body, ctx) => getTokensFromRefreshToken(ctx, body),
    ConfirmForgotPassword: async (body, ctx) => (checkPassword(ctx, body.Password), forward(ctx, "ConfirmForgotPassword", body)),
    AdminSetUserPassword: async (body, ctx) => (checkPassword(ctx, body.Password), forward(ctx, "AdminSetUserPassword", body)),
    AdminCreateUser: async (body, ctx) => (body.TemporaryPassword !== undefined && checkPassword(ctx, body.TemporaryPassword), forward(ctx, "AdminCreateUser", body)),
    AdminListGroupsForUser: async (body, ctx) => {
        const user = await findUser(ctx, String(body.UserPoolId ?? ""), body.Username).catch(() => undefined);
        return forward(ctx, "AdminListGroupsForUser", { ...body, Username: user?.Username ?? body.Username });
    },
    ListUsers: listUsersPage,
    InitiateAuth: (body, ctx) => initiateAuth(ctx, body, false),
    AdminInitiateAuth: (body, ctx) => initiateAuth(ctx, body, true),
    RespondToAuthChallenge: (body, ctx) => respondToAuthChallenge(ctx, body, false),
    AdminRespondToAuthChallenge: (body, ctx) => respondToAuthChallenge(ctx, body, true),
};

/** Whether the user-pool API has this operation (served here or by the emulator). */
export function isUserPoolOperation(ctx: SandboxContext, operation: string): boolean {
    return Object.hasOwn(operations, operation) || ctx.emulator.supports(operation);
}

export async function userPoolOperation(ctx: SandboxContext, operation: string, body: Body): Promise<Reply> {
    const served = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
    return served ? served(body, ctx) : forward(ctx, operation, body);
}
