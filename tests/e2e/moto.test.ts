// What the sandbox's emulator cannot show, against moto_server (moto's Cognito, where it is on the
// machine): the dev stack's password policy enforced by the service, SRP sign-in, and the identity
// pool trading a user pool ID token for an identity and credentials. Moto checks less than AWS: it
// takes any SRP_A and any password claim signature, and its identity pool trusts any login token.
import * as assert from "assert";
import { spawn, type ChildProcess } from "child_process";
import { createHash, createHmac, getDiffieHellman, randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CognitoIdentityClient, CreateIdentityPoolCommand, GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import {
    AdminConfirmSignUpCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, DescribeUserPoolCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand,
    type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { planStack, type Plan } from "../../tools/harness/run-stack";
import { sandboxModel, type SandboxModel } from "../../tools/sandbox/stack-model";
import { decodeJwt, freePort, goodPassword, localClient, rejectsWith, uniqueEmail } from "./support";

const region = "eu-central-1";

/** Cognito's SRP group: the 3072-bit MODP group of RFC 3526 (OpenSSL's modp15), generator 2. */
const N = BigInt(`0x${getDiffieHellman("modp15").getPrime("hex")}`);
const g = 2n;

const hex = (n: bigint) => n.toString(16);
/** Cognito's padHex: an even number of digits, and a leading 00 where the first bit is set (a positive number). */
const padHex = (n: bigint) => {
    const h = hex(n).length % 2 ? `0${hex(n)}` : hex(n);
    return /^[89a-f]/i.test(h) ? `00${h}` : h;
};
const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest();
const hashHex = (hexDigits: string) => BigInt(`0x${sha256(Buffer.from(hexDigits, "hex")).toString("hex")}`);
function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
    let result = 1n;
    base %= modulus;
    for (; exponent > 0n; exponent >>= 1n, base = (base * base) % modulus) if (exponent & 1n) result = (result * base) % modulus;
    return result;
}

/** The client's side of Cognito's SRP: a random a (128 bytes), A = g^a mod N, and the password claim for the server's challenge. */
function srpClient() {
    const a = BigInt(`0x${randomBytes(128).toString("hex")}`) % N;
    const A = modPow(g, a, N);
    return {
        A,
        /**
         * PASSWORD_CLAIM_SIGNATURE as amazon-cognito-identity-js computes it: what AWS verifies, where moto
         * only wants one (the first test below checks it against a server's side of SRP).
         */
        passwordClaim(poolId: string, userIdForSrp: string, password: string, challenge: { SALT: string; SRP_B: string; SECRET_BLOCK: string }, timestamp: string): string {
            const B = BigInt(`0x${challenge.SRP_B}`);
            assert.notStrictEqual(B % N, 0n, "the server's B is 0 mod N");
            const poolName = poolId.split("_")[1];
            const k = hashHex(`${padHex(N)}${padHex(g)}`);
            const u = hashHex(`${padHex(A)}${padHex(B)}`);
            const x = hashHex(`${padHex(BigInt(`0x${challenge.SALT}`))}${sha256(`${poolName}${userIdForSrp}:${password}`).toString("hex")}`);
            const S = modPow(((B - k * modPow(g, x, N)) % N + N) % N, a + u * x, N);
            const prk = createHmac("sha256", Buffer.from(padHex(u), "hex")).update(Buffer.from(padHex(S), "hex")).digest();
            const key = createHmac("sha256", prk).update(Buffer.concat([Buffer.from("Caldera Derived Key"), Buffer.from([1])])).digest().subarray(0, 16);
            return createHmac("sha256", key).update(Buffer.concat([Buffer.from(poolName), Buffer.from(userIdForSrp), Buffer.from(challenge.SECRET_BLOCK, "base64"), Buffer.from(timestamp)])).digest("base64");
        },
    };
}

/** The executable of this name on PATH (as `which` finds it), if any. */
function onPath(name: string): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
        const file = path.join(dir, name);
        try {
            fs.accessSync(file, fs.constants.X_OK);
            return file;
        } catch {
            // Not in this folder.
        }
    }
    return undefined;
}

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Cognito's TIMESTAMP for the password claim: "Sat Nov 28 10:31:11 UTC 2026" (day of month not padded). */
function srpTimestamp(date = new Date()): string {
    return `${weekdays[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${date.getUTCDate()} ${date.toISOString().slice(11, 19)} UTC ${date.getUTCFullYear()}`;
}

describe("e2e: the SRP client of these tests", () => {
    it("computes the password claim a server holding the password verifier expects", () => {
        // The server's side: verifier v = g^x, B = k*v + g^b, S = (A * v^u)^b; the claim is keyed from S.
        const poolId = "eu-central-1_Example", user = "user-1", salt = randomBytes(16).toString("hex");
        const poolName = poolId.split("_")[1];
        const x = hashHex(`${padHex(BigInt(`0x${salt}`))}${sha256(`${poolName}${user}:${goodPassword}`).toString("hex")}`);
        const v = modPow(g, x, N);
        const k = hashHex(`${padHex(N)}${padHex(g)}`);
        const b = BigInt(`0x${randomBytes(128).toString("hex")}`) % N;
        const B = (k * v + modPow(g, b, N)) % N;
        const client = srpClient();
        const u = hashHex(`${padHex(client.A)}${padHex(B)}`);
        const S = modPow((client.A * modPow(v, u, N)) % N, b, N);
        const prk = createHmac("sha256", Buffer.from(padHex(u), "hex")).update(Buffer.from(padHex(S), "hex")).digest();
        const key = createHmac("sha256", prk).update(Buffer.concat([Buffer.from("Caldera Derived Key"), Buffer.from([1])])).digest().subarray(0, 16);
        const secretBlock = randomBytes(64).toString("base64"), timestamp = srpTimestamp(new Date(Date.UTC(2026, 10, 1, 9, 5, 7)));
        assert.strictEqual(timestamp, "Sun Nov 1 09:05:07 UTC 2026");
        const expected = createHmac("sha256", key).update(Buffer.concat([Buffer.from(poolName), Buffer.from(user), Buffer.from(secretBlock, "base64"), Buffer.from(timestamp)])).digest("base64");
        assert.strictEqual(client.passwordClaim(poolId, user, goodPassword, { SALT: salt, SRP_B: hex(B), SECRET_BLOCK: secretBlock }, timestamp), expected);
        assert.notStrictEqual(client.passwordClaim(poolId, user, `${goodPassword}!`, { SALT: salt, SRP_B: hex(B), SECRET_BLOCK: secretBlock }, timestamp), expected);
    });
});

describe("e2e: moto_server (the service's checks the emulator lacks)", function () {
    const motoServer = onPath("moto_server");
    let moto: ChildProcess | undefined;
    let endpoint = "";
    let plan: Plan;
    let model: SandboxModel;
    let idp: CognitoIdentityProviderClient;

    before(async function () {
        if (!motoServer) {
            console.log("      skipped: moto_server is not on this machine's PATH (pip install 'moto[server]' runs these)");
            this.skip();
        }
        this.timeout(30_000);
        const port = await freePort();
        endpoint = `http://127.0.0.1:${port}`;
        moto = spawn(motoServer, ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
        // Planned while moto starts (it takes a few seconds to import).
        plan = await planStack("dev");
        model = sandboxModel(plan);
        for (const started = Date.now(); ; await new Promise((r) => setTimeout(r, 100))) {
            if (moto.exitCode !== null) throw new Error(`moto_server exited with code ${moto.exitCode}`);
            if (await fetch(`${endpoint}/`).then(() => true, () => false)) break;
            if (Date.now() - started > 20_000) throw new Error("moto_server did not answer within 20 s");
        }
        idp = localClient(endpoint, region);
    });

    after(async () => {
        idp?.destroy();
        if (moto && moto.exitCode === null) {
            const exited = new Promise((resolve) => moto!.once("exit", resolve));
            moto.kill();
            await exited;
        }
    });

    /** The dev stack's pool and one of its clients (their CreateUserPool and CreateUserPoolClient requests), on moto. */
    async function devPool(client = "web"): Promise<{ poolId: string; clientId: string }> {
        const { UserPool } = await idp.send(new CreateUserPoolCommand(model.pool as never));
        const request = model.clients.find((c) => c.name === client)!.request;
        const { UserPoolClient } = await idp.send(new CreateUserPoolClientCommand({ ...(request as object), UserPoolId: UserPool!.Id! } as never));
        return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
    }

    async function confirmedUser(pool: { poolId: string; clientId: string }): Promise<{ email: string; sub: string }> {
        const email = uniqueEmail("moto");
        const { UserSub } = await idp.send(new SignUpCommand({ ClientId: pool.clientId, Username: email, Password: goodPassword, UserAttributes: [{ Name: "email", Value: email }] }));
        await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.poolId, Username: email }));
        return { email, sub: UserSub! };
    }

    /** SRP sign-in as a client does it: USER_SRP_AUTH with A, then the password claim for the PASSWORD_VERIFIER challenge. */
    async function srpSignIn(pool: { poolId: string; clientId: string }, email: string) {
        const srp = srpClient();
        const challenge = await idp.send(new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: email, SRP_A: hex(srp.A) } }));
        assert.strictEqual(challenge.ChallengeName, "PASSWORD_VERIFIER");
        const params = challenge.ChallengeParameters as { SALT: string; SRP_B: string; SECRET_BLOCK: string; USERNAME: string; USER_ID_FOR_SRP: string };
        const timestamp = srpTimestamp();
        const { AuthenticationResult } = await idp.send(new RespondToAuthChallengeCommand({
            ClientId: pool.clientId, ChallengeName: "PASSWORD_VERIFIER",
            ChallengeResponses: {
                USERNAME: params.USER_ID_FOR_SRP, TIMESTAMP: timestamp, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK,
                PASSWORD_CLAIM_SIGNATURE: srp.passwordClaim(pool.poolId, params.USER_ID_FOR_SRP, goodPassword, params, timestamp),
            },
        }));
        return { A: srp.A, challenge: params, timestamp, tokens: AuthenticationResult };
    }

    it("enforces the dev stack's password policy: 14 characters refused, 15 accepted", async () => {
        const pool = await devPool();
        const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: pool.poolId }));
        assert.deepStrictEqual(UserPool?.Policies?.PasswordPolicy, {
            MinimumLength: 15, RequireLowercase: false, RequireNumbers: false, RequireSymbols: false, RequireUppercase: false, TemporaryPasswordValidityDays: 7,
        });
        const signUp = (password: string) => {
            const email = uniqueEmail("moto-policy");
            return idp.send(new SignUpCommand({ ClientId: pool.clientId, Username: email, Password: password, UserAttributes: [{ Name: "email", Value: email }] }));
        };
        // Moto's own wording (with its typo); AWS says which rule, as the sandbox does.
        await rejectsWith(signUp("abcdefghijklmn"), "InvalidPasswordException", "The provided password does not confirm to the configured password policy");
        assert.strictEqual((await signUp("abcdefghijklmno")).UserConfirmed, false);
    });

    it("answers SRP sign-in (USER_SRP_AUTH with A = g^a mod N) with the PASSWORD_VERIFIER challenge, and the password claim with tokens", async () => {
        const pool = await devPool();
        const user = await confirmedUser(pool);
        const { A, challenge, timestamp, tokens } = await srpSignIn(pool, user.email);
        assert.ok(A > 1n && A < N && A % N !== 0n);
        assert.deepStrictEqual(Object.keys(challenge).sort(), ["SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"]);
        assert.deepStrictEqual([challenge.USERNAME, challenge.USER_ID_FOR_SRP], [user.sub, user.sub]);
        assert.match(timestamp, /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} [1-9]\d? \d{2}:\d{2}:\d{2} UTC \d{4}$/);
        assert.ok(tokens?.IdToken && tokens.AccessToken && tokens.RefreshToken, "no tokens after the password claim");
        assert.strictEqual(decodeJwt(tokens.IdToken).payload.sub, user.sub);
    });

    it("the identity pool (as the dev stack plans it) gives a signed-in user an identity id and credentials for the ID token", async () => {
        const planned = plan.resources.find((r) => r.type === "aws:cognito/identityPool:IdentityPool")!.inputs;
        const providers = planned.cognitoIdentityProviders as { serverSideTokenCheck?: boolean }[];
        assert.deepStrictEqual([planned.allowUnauthenticatedIdentities, providers.length, providers.every((p) => p.serverSideTokenCheck)], [false, 2, true]);

        const pool = await devPool();
        const user = await confirmedUser(pool);
        const idToken = (await srpSignIn(pool, user.email)).tokens!.IdToken!;

        const identity = new CognitoIdentityClient({ endpoint, region, credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" }, maxAttempts: 1 });
        try {
            const provider = `cognito-idp.${region}.amazonaws.com/${pool.poolId}`;
            const { IdentityPoolId } = await identity.send(new CreateIdentityPoolCommand({
                IdentityPoolName: planned.identityPoolName, AllowUnauthenticatedIdentities: planned.allowUnauthenticatedIdentities, AllowClassicFlow: planned.allowClassicFlow,
                CognitoIdentityProviders: [{ ProviderName: provider, ClientId: pool.clientId, ServerSideTokenCheck: true }],
            }));
            assert.match(IdentityPoolId ?? "", new RegExp(`^${region}:[0-9a-f-]{36}$`));
            const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId, Logins: { [provider]: idToken } }));
            // "<region>:<uuid>"; moto names us-east-1 there (GetId is unsigned, so it does not know the region), AWS the pool's.
            assert.match(IdentityId ?? "", /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
            const { IdentityId: credentialsFor, Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [provider]: idToken } }));
            assert.strictEqual(credentialsFor, IdentityId);
            assert.ok(Credentials?.AccessKeyId && Credentials.SecretKey && Credentials.SessionToken, "credentials without a key, secret or session token");
            assert.ok(Credentials.Expiration && Credentials.Expiration.getTime() > Date.now(), `credentials expired at ${Credentials.Expiration?.toISOString()}`);
        } finally {
            identity.destroy();
        }
    });
});
