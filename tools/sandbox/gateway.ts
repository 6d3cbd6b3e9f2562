// The sandbox's endpoint: a small HTTP server in front of the emulator that makes a front end meet
// the rules AWS enforces and cognito-local does not, then passes the call through:
// - the stack's password policy on SignUp, ChangePassword, ConfirmForgotPassword, the new-password
//   challenge, AdminSetUserPassword and AdminCreateUser's temporary password;
// - each client's allowed auth flows (USER_AUTH with the PASSWORD challenge is served through the
//   emulator's password flow; SRP is refused with a message saying the sandbox has none);
// - one answer for every failed password sign-in ("Incorrect username or password."), as Cognito
//   gives when a client prevents user existence errors;
// - email_verified set on sign-up confirmation, as Cognito does, and no code sent to a sign-up the pre
//   sign-up trigger confirmed (emulator.ts holds that message back);
// - the access token carrying what a version 2 token trigger added (re-signed with the emulator's key);
// - a trigger's error named by its trigger, as Cognito names it ("PreSignUp failed with error ..."),
//   where the emulator names the function;
// - AdminListGroupsForUser by any alias (an email), which the emulator answers with no groups;
// - ListUsers in pages of at most Limit (60 by default and at most), with a PaginationToken, where
//   the emulator answers with every user at once.
import type { KeyObject } from "crypto";
import * as http from "http";
import type { AddressInfo } from "net";
import { AdminGetUserCommand, AdminUpdateUserAttributesCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { jwtClaims, signJwt } from "./jwt";
import { passwordProblem } from "../../lambdas/shared/password-policy";
import type { SandboxModel } from "./stack-model";
import { accessKey, signUpKey, type SandboxState } from "./trigger-adapter";

export interface GatewayContext {
    readonly model: SandboxModel;
    readonly state: SandboxState;
    /** The emulator's SDK client (admin calls). */
    readonly cognito: () => CognitoIdentityProviderClient;
    readonly emulatorUrl: () => string;
    readonly userPoolId: () => string;
    /** Client id -> the stack's client. */
    readonly clientById: () => ReadonlyMap<string, SandboxModel["clients"][number]>;
}

/** A Cognito error as the API sends it: status 400, the type in a header and in the body. */
export class CognitoError extends Error {
    constructor(readonly type: string, message: string) {
        super(message);
    }
}

type Body = Record<string, any>;
type Forward = (body: Body) => Promise<{ status: number; body: Body }>;
type Operation = (body: Body, forward: Forward, ctx: GatewayContext) => Promise<{ status: number; body: Body }>;

function checkPassword(ctx: GatewayContext, password: unknown): void {
    const problem = passwordProblem(password, ctx.model.passwordPolicy);
    if (problem) throw new CognitoError("InvalidPasswordException", problem);
}

/** The flow a client must allow for an auth flow (refresh is always allowed, as in Cognito). */
const requiredFlow: Record<string, string | undefined> = {
    USER_PASSWORD_AUTH: "ALLOW_USER_PASSWORD_AUTH",
    ADMIN_USER_PASSWORD_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    ADMIN_NO_SRP_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    USER_SRP_AUTH: "ALLOW_USER_SRP_AUTH",
    USER_AUTH: "ALLOW_USER_AUTH",
    CUSTOM_AUTH: "ALLOW_CUSTOM_AUTH",
};

function checkFlow(ctx: GatewayContext, clientId: string, flow: string): void {
    const client = ctx.clientById().get(clientId);
    const needed = requiredFlow[flow];
    if (!client || !needed) return; // an unknown client: the emulator answers; refresh: always allowed
    if (!client.explicitAuthFlows.includes(needed)) throw new CognitoError("InvalidParameterException", `${flow} flow not enabled for this client`);
}

/** USER_AUTH with the PASSWORD challenge, as the emulator's password flow; what else USER_AUTH offers, the sandbox has not. */
function passwordFlowOf(body: Body): Body {
    if (body.AuthFlow === "USER_SRP_AUTH") throw new CognitoError("InvalidParameterException", "The sandbox has no SRP (cognito-local implements none): sign in with USER_AUTH and PREFERRED_CHALLENGE PASSWORD, which this client allows, or test SRP on AWS.");
    if (body.AuthFlow !== "USER_AUTH") return body;
    const { USERNAME, PASSWORD, PREFERRED_CHALLENGE } = body.AuthParameters ?? {};
    if (PREFERRED_CHALLENGE !== "PASSWORD" || !PASSWORD) throw new CognitoError("InvalidParameterException", "The sandbox serves USER_AUTH with PREFERRED_CHALLENGE PASSWORD and a PASSWORD only (passkeys, email and SMS one-time codes are not emulated).");
    return { ...body, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME, PASSWORD } };
}

/** The access token with what the version 2 token trigger added, re-signed with the emulator's own key. */
function withAccessTokenAdditions(ctx: GatewayContext, body: Body): Body {
    const result = body.AuthenticationResult;
    if (!result?.AccessToken) return body;
    const claims = jwtClaims(result.AccessToken);
    const key = accessKey(ctx.userPoolId(), claims.client_id, claims.username);
    const additions = ctx.state.accessTokenAdditions.get(key);
    if (!additions) return body;
    ctx.state.accessTokenAdditions.delete(key);
    const scopes = new Set<string>(String(claims.scope ?? "").split(" ").filter(Boolean));
    additions.scopesToAdd?.forEach((s) => scopes.add(s));
    additions.scopesToSuppress?.forEach((s) => scopes.delete(s));
    const reserved = new Set(["sub", "iss", "exp", "iat", "auth_time", "token_use", "client_id", "username", "jti", "event_id", "scope"]);
    const next: Record<string, unknown> = { ...claims, scope: [...scopes].join(" ") };
    for (const [claim, value] of Object.entries(additions.claimsToAddOrOverride ?? {})) if (!reserved.has(claim)) next[claim] = value;
    for (const claim of additions.claimsToSuppress ?? []) if (!reserved.has(claim)) delete next[claim];
    const { pem } = require("cognito-local/lib/keys/cognitoLocal.private.json") as { pem: string | KeyObject };
    return { ...body, AuthenticationResult: { ...result, AccessToken: signJwt(next, pem, "CognitoLocal") } };
}

async function authenticate(body: Body, forward: Forward, ctx: GatewayContext): Promise<{ status: number; body: Body }> {
    checkFlow(ctx, body.ClientId, body.AuthFlow);
    const sent = passwordFlowOf(body);
    const reply = await forward(sent);
    if (sent.AuthFlow === "USER_PASSWORD_AUTH" || sent.AuthFlow === "ADMIN_USER_PASSWORD_AUTH") sameAnswerForEveryWrongSignIn(reply);
    return { ...reply, body: withAccessTokenAdditions(ctx, reply.body) };
}

/**
 * Cognito answers a wrong password, an unknown user and a refused migration alike (the clients
 * prevent user existence errors); the emulator says "Invalid password" or "User not authorized".
 */
function sameAnswerForEveryWrongSignIn(reply: { status: number; body: Body }): void {
    const { __type: type, message } = reply.body;
    if (reply.status === 400 && ((type === "InvalidPasswordException" && message === "Invalid password") || (type === "NotAuthorizedException" && message === "User not authorized"))) {
        throw new CognitoError("NotAuthorizedException", "Incorrect username or password.");
    }
}

/** The user name the emulator keeps a user under, for a name or alias (an email); as given when no user has it. */
async function realUsername(ctx: GatewayContext, body: Body): Promise<string> {
    try {
        return (await ctx.cognito().send(new AdminGetUserCommand({ UserPoolId: body.UserPoolId, Username: body.Username }))).Username ?? body.Username;
    } catch {
        return body.Username; // the emulator answers UserNotFoundException
    }
}

const maxUsersPage = 60;

async function listUsersPage(body: Body, forward: Forward): Promise<{ status: number; body: Body }> {
    const limit = body.Limit ?? maxUsersPage;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxUsersPage) {
        throw new CognitoError("InvalidParameterException", `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${maxUsersPage}`);
    }
    const start = body.PaginationToken === undefined ? 0 : Number(Buffer.from(String(body.PaginationToken), "base64url").toString("utf8"));
    if (!Number.isInteger(start) || start < 0) throw new CognitoError("InvalidParameterException", "Invalid pagination token");
    const { Limit, PaginationToken, ...rest } = body;
    const reply = await forward(rest);
    if (reply.status !== 200) return reply;
    const users: unknown[] = reply.body.Users ?? [];
    const next = start + limit < users.length ? { PaginationToken: Buffer.from(String(start + limit)).toString("base64url") } : {};
    return { ...reply, body: { ...reply.body, Users: users.slice(start, start + limit), ...next } };
}

/** The emulator's "<function name> failed with error ..." as Cognito words it: "<Trigger> failed with error ...". */
function triggerNamedError(ctx: GatewayContext, text: string): string {
    let body: Body;
    try {
        body = JSON.parse(text);
    } catch {
        return text;
    }
    if (body.__type !== "UserLambdaValidationException" || typeof body.message !== "string") return text;
    const fn = ctx.model.functions.find((f) => body.message.startsWith(`${f.name} failed with error `));
    if (!fn) return text;
    const trigger = fn.trigger.charAt(0).toUpperCase() + fn.trigger.slice(1);
    return JSON.stringify({ ...body, message: `${trigger}${body.message.slice(fn.name.length)}` });
}

const operations: Record<string, Operation> = {
    SignUp: async (body, forward, ctx) => {
        checkPassword(ctx, body.Password);
        const email = (body.UserAttributes ?? []).find((a: { Name: string }) => a.Name === "email")?.Value;
        const keys = [body.Username, email].filter(Boolean).map((k) => signUpKey(ctx.userPoolId(), k));
        keys.forEach((k) => ctx.state.signingUp.add(k));
        try {
            const reply = await forward(body);
            // A sign-up the pre sign-up trigger confirmed gets no code (the emulator sends none either), so no delivery details.
            if (reply.body.UserConfirmed === true) delete reply.body.CodeDeliveryDetails;
            return reply;
        } finally {
            keys.forEach((k) => ctx.state.signingUp.delete(k));
        }
    },
    ConfirmSignUp: async (body, forward, ctx) => {
        const reply = await forward(body);
        if (reply.status === 200) {
            const user = await ctx.cognito().send(new AdminGetUserCommand({ UserPoolId: ctx.userPoolId(), Username: body.Username }));
            // The code went to the address the pool verifies: Cognito marks it verified. (The emulator
            // wants the address itself beside its verified flag.)
            const address = (user.UserAttributes ?? []).find((a) => a.Name === "email") ?? (user.UserAttributes ?? []).find((a) => a.Name === "phone_number");
            if (address) await ctx.cognito().send(new AdminUpdateUserAttributesCommand({ UserPoolId: ctx.userPoolId(), Username: user.Username!, UserAttributes: [address, { Name: `${address.Name}_verified`, Value: "true" }] }));
        }
        return reply;
    },
    ChangePassword: async (body, forward, ctx) => (checkPassword(ctx, body.ProposedPassword), forward(body)),
    ConfirmForgotPassword: async (body, forward, ctx) => (checkPassword(ctx, body.Password), forward(body)),
    AdminSetUserPassword: async (body, forward, ctx) => (checkPassword(ctx, body.Password), forward(body)),
    AdminCreateUser: async (body, forward, ctx) => (body.TemporaryPassword !== undefined && checkPassword(ctx, body.TemporaryPassword), forward(body)),
    AdminListGroupsForUser: async (body, forward, ctx) => forward({ ...body, Username: await realUsername(ctx, body) }),
    ListUsers: listUsersPage,
    InitiateAuth: authenticate,
    AdminInitiateAuth: authenticate,
    RespondToAuthChallenge: async (body, forward, ctx) => {
        if (body.ChallengeName === "NEW_PASSWORD_REQUIRED") checkPassword(ctx, body.ChallengeResponses?.NEW_PASSWORD);
        const reply = await forward(body);
        return { ...reply, body: withAccessTokenAdditions(ctx, reply.body) };
    },
};

export async function startGateway(ctx: GatewayContext): Promise<{ url: string; stop(): Promise<void> }> {
    const server = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (c: Buffer) => chunks.push(c));
        request.on("end", async () => {
            const raw = Buffer.concat(chunks);
            const headers = Object.fromEntries(Object.entries(request.headers).filter(([k]) => !["host", "content-length", "connection"].includes(k))) as Record<string, string>;
            const pass = async (payload: Buffer | string) => {
                const upstream = await fetch(`${ctx.emulatorUrl()}${request.url}`, { method: request.method, headers, body: request.method === "GET" || request.method === "HEAD" ? undefined : payload });
                const text = await upstream.text();
                return { status: upstream.status, type: upstream.headers.get("content-type") ?? "application/json", error: upstream.headers.get("x-amzn-errortype"), text: upstream.ok ? text : triggerNamedError(ctx, text) };
            };
            const send = (status: number, type: string, text: string, error?: string | null) => {
                response.writeHead(status, { "content-type": type, ...(error && { "x-amzn-errortype": error }), "access-control-allow-origin": "*" });
                response.end(text);
            };
            try {
                const target = String(request.headers["x-amz-target"] ?? "");
                // The emulator routes on what follows the first dot, whatever precedes it: so does the gateway.
                const operation = target.includes(".") ? operations[target.slice(target.indexOf(".") + 1)] : undefined;
                if (!operation) {
                    const passed = await pass(raw);
                    send(passed.status, passed.type, passed.text, passed.error);
                    return;
                }
                let errorType: string | null = null;
                const forward: Forward = async (body) => {
                    const passed = await pass(JSON.stringify(body));
                    errorType = passed.error;
                    return { status: passed.status, body: passed.text ? JSON.parse(passed.text) : {} };
                };
                const reply = await operation(JSON.parse(raw.toString("utf8") || "{}"), forward, ctx);
                send(reply.status, "application/x-amz-json-1.1", JSON.stringify(reply.body), errorType);
            } catch (error) {
                if (error instanceof CognitoError) send(400, "application/x-amz-json-1.1", JSON.stringify({ __type: error.type, message: error.message }), error.type);
                else send(500, "application/json", JSON.stringify({ __type: "InternalErrorException", message: (error as Error).message }), "InternalErrorException");
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        stop: () => new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}
