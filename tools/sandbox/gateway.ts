// The sandbox's one port (http, and https for Amplify's redirect sign-in: tls.ts): a server that
// answers browsers' CORS preflights and routes each request to the surface that serves it, no
// more: the user-pool API (user-pool-api/) and the identity-pool API (identity-pool/) by their
// exact X-Amz-Target, discovery and JWKS under the issuer, the hosted UI's paths (hosted-ui/), and
// the demo page (front-end/). An X-Amz-Target either API does not have is refused, and an
// operation AWS serves only to IAM callers needs a signature, as on AWS, and is never served to a
// browser page; only the names of this machine are answered.
import * as http from "http";
import * as https from "https";
import type * as net from "net";
import type { SandboxContext } from "./context";
import { jwks, openidConfiguration } from "./discovery";
import { cognitoErrorOf } from "./errors";
import { splitByProtocol } from "./tls";
import { hostedUi } from "./hosted-ui/routes";
import { identityPoolOperation, isIdentityPoolOperation } from "./identity-pool/api";
import { demoPage } from "./front-end/demo";
import { isUserPoolOperation, userPoolOperation } from "./user-pool-api";

/** What a browser page may send the sandbox: the headers the AWS SDK and Amplify send. */
const corsHeaders = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": "authorization, content-type, x-amz-target, x-amz-user-agent, x-amz-date, x-amz-security-token, x-amz-content-sha256, amz-sdk-invocation-id, amz-sdk-request, cache-control",
    "access-control-expose-headers": "x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date",
    "access-control-max-age": "7200",
};

/** What a surface answers: a status, headers and a body. */
export interface HttpReply {
    readonly status: number;
    readonly headers?: Record<string, string>;
    readonly body?: string | Buffer;
}

export const jsonReply = (status: number, body: unknown, headers: Record<string, string> = {}): HttpReply => ({
    status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body),
});

const amzJson = (status: number, body: Record<string, any>): HttpReply => ({
    status,
    headers: { "content-type": "application/x-amz-json-1.1", ...(status !== 200 && typeof body.__type === "string" && { "x-amzn-errortype": body.__type }) },
    body: JSON.stringify(body),
});

const apiError = (status: number, type: string, message: string) => amzJson(status, { __type: type, message });

const maxBodyBytes = 1 << 20;

/**
 * The operations AWS serves without an IAM signature (a user's own calls: sign-up, sign-in, the
 * access-token operations; the identity pool's own). Every other one (Admin*, pool management)
 * needs a SigV4 Authorization header, as on AWS; the sandbox has no IAM, so it checks its presence only.
 */
const unsignedOperations = new Set([
    "AssociateSoftwareToken", "ChangePassword", "CompleteWebAuthnRegistration", "ConfirmDevice", "ConfirmForgotPassword", "ConfirmSignUp", "DeleteUser", "DeleteUserAttributes",
    "DeleteWebAuthnCredential", "ForgetDevice", "ForgotPassword", "GetDevice", "GetTokensFromRefreshToken", "GetUser", "GetUserAttributeVerificationCode", "GetUserAuthFactors", "GlobalSignOut",
    "InitiateAuth", "ListDevices", "ListWebAuthnCredentials", "ResendConfirmationCode", "RespondToAuthChallenge", "RevokeToken", "SetUserMFAPreference", "SetUserSettings", "SignUp",
    "StartWebAuthnRegistration", "UpdateAuthEventFeedback", "UpdateDeviceStatus", "UpdateUserAttributes", "VerifySoftwareToken", "VerifyUserAttribute",
    "GetId", "GetCredentialsForIdentity", "GetOpenIdToken", "UnlinkIdentity",
]);
/**
 * Whether a call may stand for an IAM caller: it carries a SigV4 header and no Origin. A browser
 * page (any web site, since CORS lets every origin in) sends an Origin on every POST; the AWS SDK
 * in Node and the users tool send none. The sandbox has no IAM, so a page could forge the header.
 */
const signed = (request: http.IncomingMessage) => request.headers.origin === undefined && /^AWS4-HMAC-SHA256 Credential=\S+/.test(String(request.headers.authorization ?? ""));

/** The names the sandbox is reached by on this machine: another Host is a page whose name resolves here (DNS rebinding). */
const ownHost = (request: http.IncomingMessage) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(String(request.headers.host ?? ""));
/** Each API by its X-Amz-Target prefix: whether it has an operation, and the operation run. */
const services: Record<string, { has(ctx: SandboxContext, operation: string): boolean; run(ctx: SandboxContext, operation: string, body: Record<string, any>): Promise<{ status: number; body: Record<string, any> }> }> = {
    AWSCognitoIdentityProviderService: { has: isUserPoolOperation, run: userPoolOperation },
    AWSCognitoIdentityService: { has: (_ctx, operation) => isIdentityPoolOperation(operation), run: identityPoolOperation },
};

async function apiCall(ctx: SandboxContext, request: http.IncomingMessage, target: string, raw: Buffer): Promise<HttpReply> {
    const match = /^(\w+)\.(\w+)$/.exec(target);
    const serve = match && Object.hasOwn(services, match[1]) ? services[match[1]] : undefined;
    let body: Record<string, any>;
    try {
        body = JSON.parse(raw.toString("utf8") || "{}");
        if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
    } catch {
        return apiError(400, "SerializationException", "The request body is not a JSON object");
    }
    if (!serve?.has(ctx, match![2])) return apiError(400, "UnknownOperationException", `Unknown operation ${target}`);
    if (!unsignedOperations.has(match![2]) && !signed(request)) return apiError(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
    try {
        const reply = await serve.run(ctx, match![2], body);
        return amzJson(reply.status, reply.body);
    } catch (error) {
        const known = cognitoErrorOf(error);
        if (known) return apiError(400, known.type, known.message);
        return apiError(500, "InternalErrorException", (error as Error).message);
    }
}

async function route(ctx: SandboxContext, request: http.IncomingMessage, raw: Buffer): Promise<HttpReply> {
    const url = new URL(request.url ?? "/", ctx.endpoint);
    const target = request.headers["x-amz-target"];
    if (request.method === "POST" && url.pathname === "/") {
        if (typeof target !== "string") return apiError(400, "MissingTargetException", "Missing X-Amz-Target header");
        return apiCall(ctx, request, target, raw);
    }
    if (request.method === "GET" && url.pathname === `/${ctx.poolId}/.well-known/jwks.json`) return jsonReply(200, jwks(ctx));
    if (request.method === "GET" && url.pathname === `/${ctx.poolId}/.well-known/openid-configuration`) return jsonReply(200, openidConfiguration(ctx));
    if (request.method === "GET" && /^\/demo\/?$/.test(url.pathname)) return demoPage(ctx, "index.html");
    if (request.method === "GET" && url.pathname === "/demo/app.js") return demoPage(ctx, "app.js");
    return (await hostedUi(ctx, request, url, raw)) ?? jsonReply(404, { message: `Not found: ${request.method} ${url.pathname}` });
}

/** The port asked for (--port) is taken: said in one line, without a stack trace. */
export class PortInUseError extends Error {
    constructor(port: number) {
        super(`port ${port} on 127.0.0.1 is in use (another sandbox?): stop what holds it, or pass another --port`);
    }
}

export interface Gateway {
    readonly url: string;
    readonly port: number;
    stop(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (on `port`, or a free one), http and, with a certificate, https on the same
 * port; `context` is read at each request (503 until the sandbox is up).
 */
export async function startGateway(options: { context: () => SandboxContext | undefined; port?: number; tls?: { cert: string; key: string } }): Promise<Gateway> {
    const handle = (request: http.IncomingMessage, response: http.ServerResponse) => {
        const chunks: Buffer[] = [];
        let size = 0;
        request.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= maxBodyBytes) chunks.push(chunk);
        });
        request.on("end", async () => {
            const send = (reply: HttpReply) => {
                response.writeHead(reply.status, { ...corsHeaders, ...reply.headers });
                response.end(reply.body);
            };
            if (!ownHost(request)) return send(jsonReply(421, { message: `The sandbox answers to 127.0.0.1 and localhost, not ${String(request.headers.host ?? "no Host")}` }));
            if (request.method === "OPTIONS") return send({ status: 204 });
            if (size > maxBodyBytes) return send(apiError(413, "RequestEntityTooLargeException", "The request body is larger than 1 MiB"));
            const ctx = options.context();
            if (!ctx) return send(jsonReply(503, { message: "The sandbox is starting" }));
            try {
                send(await route(ctx, request, Buffer.concat(chunks)));
            } catch (error) {
                send(apiError(500, "InternalErrorException", (error as Error).message));
            }
        });
    };
    const plain = http.createServer(handle);
    const server = options.tls ? splitByProtocol(plain, https.createServer(options.tls, handle)) : plain;
    const sockets = new Set<net.Socket>();
    server.on("connection", (socket: net.Socket) => {
        sockets.add(socket);
        socket.once("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? new PortInUseError(options.port!) : error));
        server.listen(options.port ?? 0, "127.0.0.1", resolve);
    });
    const { port } = server.address() as net.AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        port,
        stop: () => new Promise<void>((resolve) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => resolve());
        }),
    };
}
