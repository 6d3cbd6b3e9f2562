// What the end-to-end tests share: a fresh sandbox of the dev stack per test file (started in
// `before`, stopped in `after`), an SDK client for its endpoint, unique users, the sign-up, confirm
// and sign-in steps a front end takes, the messages the pool sent, and tokens decoded.
import * as assert from "assert";
import { randomBytes } from "crypto";
import * as net from "net";
import {
    AdminListGroupsForUserCommand, ConfirmSignUpCommand, GetTokensFromRefreshTokenCommand, InitiateAuthCommand, ListUsersCommand, SignUpCommand,
    type AttributeType, type AuthenticationResultType, type CognitoIdentityProviderClient, type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { SentMessage } from "../../tools/sandbox/emulator";
import type { InvocationRecord } from "../../tools/sandbox/lambda-host";
import { emulatorClient } from "../../tools/sandbox/provision";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../tools/sandbox/sandbox";

/** Long enough for the dev stack's policy, which asks for 15 characters and nothing else (tests/e2e/sign-up.test.ts). */
export const goodPassword = "correct horse battery";

let counter = 0;
const run = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;

/** An address nobody else in this run has: `<tag>.<run>.<n>@<domain>`. */
export function uniqueEmail(tag: string, domain = "example.com"): string {
    return `${tag}.${run}.${++counter}@${domain}`;
}

/** An SDK client for an endpoint that checks no credentials, with no retries (a retry would hide a failure): the sandbox's own. */
export const localClient = emulatorClient;

/** A JWT's header and payload, not verified. */
export function decodeJwt(token: string): { header: Record<string, any>; payload: Record<string, any> } {
    const [header, payload] = token.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")));
    return { header, payload };
}

/**
 * Rejects with this exact error, by name (the SDK's errors: the service's error type) or class (aws-jwt-verify's
 * errors, all named "Error"), and message (a RegExp where part of it varies).
 */
export async function rejectsWith(promise: Promise<unknown>, kind: string | (new (...args: any[]) => Error), message: string | RegExp): Promise<void> {
    await assert.rejects(promise, (error: Error) => {
        if (typeof kind === "string") assert.strictEqual(error.name, kind, `expected ${kind}, got ${error.name}: ${error.message}`);
        else assert.ok(error instanceof kind, `expected ${kind.name}, got ${error.constructor.name}: ${error.message}`);
        if (typeof message === "string") assert.strictEqual(error.message, message);
        else assert.match(error.message, message);
        return true;
    });
}

/**
 * Signs in on the hosted UI's page as a browser does: the page first (its anti-forgery token, in a
 * cookie and in the form), then the form posted with the authorize request's parameters. The answer, not followed.
 */
export async function hostedUiSignIn(endpoint: string, query: URLSearchParams, username: string, password: string): Promise<Response> {
    const page = await fetch(`${endpoint}/login?${query}`);
    const cookie = /XSRF-TOKEN=([\w-]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1];
    const field = /name="_csrf" value="([\w-]+)"/.exec(await page.text())?.[1];
    assert.ok(cookie && field === cookie, "the sign-in page has no anti-forgery token");
    const form = new URLSearchParams([...query, ["_csrf", field], ["username", username], ["password", password]]);
    return fetch(`${endpoint}/login`, { method: "POST", body: form, redirect: "manual", headers: { cookie: `XSRF-TOKEN=${cookie}` } });
}

/** A free TCP port on 127.0.0.1 (for a server started as a child process). */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer().once("error", reject).listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

export interface SignUpInput {
    readonly email: string;
    readonly password?: string;
    readonly locale?: string;
    /** A client name of the stack. @default "web" */
    readonly client?: string;
}

/** A user the tests made: the pool's user name for it (a uuid: the dev pool signs in with email) and its address. */
export interface TestUser {
    readonly username: string;
    readonly email: string;
}

/** The sandbox of this test file and what a front end does with it. */
export class SandboxSession {
    private started?: { sandbox: Sandbox; cognito: CognitoIdentityProviderClient };
    /** What the functions wrote (their log lines), kept here instead of in the test report. */
    private readonly functionOutput: { functionName: string; text: string }[] = [];

    private get current() {
        if (!this.started) throw new Error("the sandbox has not started (sandboxPerFile's before hook failed or has not run)");
        return this.started;
    }

    get sandbox(): Sandbox {
        return this.current.sandbox;
    }

    /** An SDK client for the sandbox's endpoint (its gateway). */
    get cognito(): CognitoIdentityProviderClient {
        return this.current.cognito;
    }

    get poolId(): string {
        return this.sandbox.userPoolId;
    }

    /** The dev stack's sandbox; `options` keep its data in a folder or change the stack file's values. */
    async start(options: Pick<SandboxOptions, "dataDir" | "edit"> = {}): Promise<void> {
        const sandbox = await startSandbox({ stack: "dev", writeStateFile: false, ...options, onFunctionOutput: (functionName, text) => this.functionOutput.push({ functionName, text }) });
        this.started = { sandbox, cognito: localClient(sandbox.endpoint, sandbox.region) };
    }

    async stop(): Promise<void> {
        const started = this.started;
        this.started = undefined;
        started?.cognito.destroy();
        await started?.sandbox.stop();
    }

    clientId(name: string): string {
        const id = this.sandbox.clients[name];
        if (!id) throw new Error(`the dev stack has no client ${name} (it has ${Object.keys(this.sandbox.clients).join(", ")})`);
        return id;
    }

    signUp({ email, password = goodPassword, locale, client = "web" }: SignUpInput) {
        const attributes: AttributeType[] = [{ Name: "email", Value: email }, ...(locale === undefined ? [] : [{ Name: "locale", Value: locale }])];
        return this.cognito.send(new SignUpCommand({ ClientId: this.clientId(client), Username: email, Password: password, UserAttributes: attributes }));
    }

    /** Every message sent to this address, oldest first. */
    messagesTo(email: string): SentMessage[] {
        return this.sandbox.messages.filter((m) => m.destination === email);
    }

    /** The latest message sent to this address. */
    lastMessageTo(email: string): SentMessage {
        const message = this.messagesTo(email).at(-1);
        if (!message) throw new Error(`no message was sent to ${email}`);
        return message;
    }

    /** ConfirmSignUp with the code the sign-up sent. */
    async confirm(email: string, client = "web"): Promise<void> {
        const { code } = this.lastMessageTo(email);
        assert.ok(code, `the last message to ${email} has no code`);
        await this.cognito.send(new ConfirmSignUpCommand({ ClientId: this.clientId(client), Username: email, ConfirmationCode: code }));
    }

    /** Signs up and confirms with the code sent: the user of a finished self sign-up. */
    async signUpAndConfirm(input: SignUpInput): Promise<TestUser> {
        const { UserSub, UserConfirmed } = await this.signUp(input);
        assert.strictEqual(UserConfirmed, false, `${input.email} was confirmed at sign-up`);
        await this.confirm(input.email, input.client);
        return { username: UserSub!, email: input.email };
    }

    /** USER_AUTH with the PASSWORD challenge (no SRP math in the tests; clients.test.ts signs in with SRP): the tokens. */
    async signIn(email: string, { password = goodPassword, client = "web" } = {}): Promise<AuthenticationResultType> {
        const reply = await this.cognito.send(new InitiateAuthCommand({
            ClientId: this.clientId(client), AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: email, PASSWORD: password, PREFERRED_CHALLENGE: "PASSWORD" },
        }));
        assert.strictEqual(reply.ChallengeName, undefined, `sign-in of ${email} asked for ${reply.ChallengeName}`);
        assert.ok(reply.AuthenticationResult, `sign-in of ${email} returned no tokens`);
        return reply.AuthenticationResult;
    }

    /** GetTokensFromRefreshToken (the dev clients rotate refresh tokens, so REFRESH_TOKEN_AUTH is refused, as on AWS). */
    refresh(refreshToken: string, client = "web") {
        return this.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: this.clientId(client), RefreshToken: refreshToken }));
    }

    /** The user's group names (by user name or email), sorted. */
    async groupsOf(username: string): Promise<string[]> {
        const { Groups } = await this.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: this.poolId, Username: username }));
        return (Groups ?? []).map((g) => g.GroupName!).sort();
    }

    async usersWithEmail(email: string): Promise<UserType[]> {
        return (await this.cognito.send(new ListUsersCommand({ UserPoolId: this.poolId, Filter: `email = "${email}"` }))).Users ?? [];
    }

    /** Every user of the pool, page by page; `pages` counts the calls. */
    async allUsers(limit = 60): Promise<{ users: UserType[]; pages: number }> {
        const users: UserType[] = [];
        let token: string | undefined;
        let pages = 0;
        do {
            const page = await this.cognito.send(new ListUsersCommand({ UserPoolId: this.poolId, Limit: limit, PaginationToken: token }));
            pages++;
            users.push(...(page.Users ?? []));
            token = page.PaginationToken;
        } while (token);
        return { users, pages };
    }

    /** The trigger invocations made while `action` ran (tests in a file run one at a time). */
    async invocationsDuring(action: () => Promise<unknown>): Promise<InvocationRecord[]> {
        const before = this.sandbox.invocations.length;
        await action();
        return this.sandbox.invocations.slice(before);
    }

    /**
     * The log lines one trigger's function has written so far, parsed (JSON lines). A line that is not
     * JSON (the SDK's own warning when the emulator answers slowly on a loaded machine) is kept as
     * `{ text }`, so that a test looking for personal data still sees it.
     */
    logOf(trigger: string): Record<string, unknown>[] {
        const name = this.functionOf(trigger);
        const text = this.functionOutput.filter((o) => o.functionName === name).map((o) => o.text).join("");
        return text.split("\n").filter((line) => line.trim()).map((line) => {
            try {
                return JSON.parse(line);
            } catch {
                return { text: line };
            }
        });
    }

    private functionOf(trigger: string): string {
        const fn = this.sandbox.model.functions.find((f) => f.trigger === trigger);
        if (!fn) throw new Error(`the dev stack has no ${trigger} trigger`);
        return fn.name;
    }

    /** The invocations of one trigger's function ("postConfirmation", ...) among these. */
    ofTrigger(invocations: readonly InvocationRecord[], trigger: string): InvocationRecord[] {
        const name = this.functionOf(trigger);
        return invocations.filter((i) => i.functionName === name);
    }
}

/** A fresh sandbox for the enclosing describe block: started before its tests, stopped after them. */
export function sandboxPerFile(): SandboxSession {
    const session = new SandboxSession();
    before(async function () {
        this.timeout(60_000);
        await session.start();
    });
    after(async function () {
        this.timeout(20_000);
        await session.stop();
    });
    return session;
}
