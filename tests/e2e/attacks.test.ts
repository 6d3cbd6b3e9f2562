// The sandbox is no easier to fool than Cognito: one port (the emulator and the functions have
// none), browsers' preflights answered, data files its owner's alone, challenge sessions bound to
// their user (the emulator would set anyone's password), an SRP challenge for a name no user has
// that looks like a user's, the hosted UI's checks of redirect URIs, PKCE and codes, the client
// gate there too, and the identity pool taking only its own clients' valid tokens.
import * as assert from "assert";
import { createHash, randomBytes } from "crypto";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand, GetOpenIdTokenCommand } from "@aws-sdk/client-cognito-identity";
import { DescribeUserPoolClientCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { notAllowedMessage } from "../../lambdas/shared/errors";
import { startSandbox } from "../../tools/sandbox/sandbox";
import { goodPassword, hostedUiSignIn, localClient, rejectsWith, sandboxPerFile, uniqueEmail, type TestUser } from "./support";

/** TCP ports this process listens on (Linux: its socket inodes among /proc/net/tcp's listening sockets). */
function listeningPorts(): number[] {
    const inodes = new Set(fs.readdirSync("/proc/self/fd").map((fd) => {
        try {
            return /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`))?.[1];
        } catch {
            return undefined;
        }
    }).filter(Boolean));
    const ports: number[] = [];
    for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
        for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
            const fields = line.trim().split(/\s+/);
            if (fields[3] === "0A" && inodes.has(fields[9])) ports.push(parseInt(fields[1].split(":")[1], 16));
        }
    }
    return ports.sort();
}

describe("e2e: attacks on the sandbox", function () {
    this.timeout(30_000);
    const e2e = sandboxPerFile();
    let reader: TestUser;
    before(async () => {
        reader = await e2e.signUpAndConfirm({ email: uniqueEmail("victim") });
    });

    it("listens on one port, the gateway's: the emulator and the functions are reached by nothing else; another data folder, another signing key", async function () {
        if (!fs.existsSync("/proc/self/fd")) this.skip();
        const before = listeningPorts();
        const sandbox = await startSandbox({ stack: "dev", writeStateFile: false, onFunctionOutput: () => undefined });
        try {
            // A sign-up starts its functions: they listen on nothing either.
            const email = uniqueEmail("ports");
            const cognito = localClient(sandbox.endpoint, sandbox.region);
            await cognito.send(new SignUpCommand({ ClientId: sandbox.clients.web, Username: email, Password: goodPassword, UserAttributes: [{ Name: "email", Value: email }] }));
            cognito.destroy();
            assert.ok(sandbox.invocations.length >= 2, "no function ran");
            assert.deepStrictEqual(listeningPorts().filter((p) => !before.includes(p)), [Number(new URL(sandbox.endpoint).port)]);
            // Its own data folder, its own signing key.
            const kid = async (url: string) => ((await (await fetch(url)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
            assert.notDeepStrictEqual(await kid(sandbox.jwksUrl), await kid(e2e.sandbox.jwksUrl));
        } finally {
            await sandbox.stop();
        }
    });

    it("refuses an unsigned admin call (AWS wants an IAM signature for them), and serves a user's own calls without one", async () => {
        const call = (target: string, body: Record<string, unknown>) => fetch(e2e.sandbox.endpoint, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${target}` }, body: JSON.stringify(body) });
        const admin = await call("AdminAddUserToGroup", { UserPoolId: e2e.poolId, Username: reader.username, GroupName: "admins" });
        assert.deepStrictEqual([admin.status, await admin.json()], [400, { __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" }]);
        assert.deepStrictEqual(await e2e.groupsOf(reader.username), ["readers"]);
        const user = await call("InitiateAuth", { ClientId: e2e.clientId("web"), AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: reader.email, PASSWORD: goodPassword, PREFERRED_CHALLENGE: "PASSWORD" } });
        assert.strictEqual(user.status, 200);
    });

    it("refuses admin calls from a web page, even with a forged signature header, and answers no other host name (DNS rebinding)", async () => {
        const forged = { "content-type": "application/x-amz-json-1.1", authorization: "AWS4-HMAC-SHA256 Credential=x", origin: "https://evil.example" };
        const call = (target: string, body: Record<string, unknown>, headers: Record<string, string>) => fetch(e2e.sandbox.endpoint, { method: "POST", headers: { ...headers, "x-amz-target": `AWSCognitoIdentityProviderService.${target}` }, body: JSON.stringify(body) });
        for (const [target, body] of [["AdminAddUserToGroup", { UserPoolId: e2e.poolId, Username: reader.username, GroupName: "admins" }], ["ListUsers", { UserPoolId: e2e.poolId }], ["DescribeUserPoolClient", { UserPoolId: e2e.poolId, ClientId: e2e.clientId("web") }]] as const) {
            const answer = await call(target, body, forged);
            assert.deepStrictEqual([answer.status, await answer.json()], [400, { __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" }], target);
        }
        assert.deepStrictEqual(await e2e.groupsOf(reader.username), ["readers"]);
        // The same signature header without an Origin is what the SDK in Node sends: served.
        const { origin: _, ...fromNode } = forged;
        assert.strictEqual((await call("ListUsers", { UserPoolId: e2e.poolId }, fromNode)).status, 200);
        // A page on a name that resolves to this machine gets nothing, not even a preflight.
        const port = new URL(e2e.sandbox.endpoint).port;
        const rebound = await new Promise<number>((resolve, reject) => {
            const request = http.request({ host: "127.0.0.1", port, method: "OPTIONS", path: "/", headers: { host: `evil.example:${port}`, origin: `http://evil.example:${port}` } }, (response) => { response.resume(); resolve(response.statusCode!); });
            request.on("error", reject);
            request.end();
        });
        assert.strictEqual(rebound, 421);
        assert.strictEqual((await fetch(e2e.sandbox.endpoint.replace("127.0.0.1", "localhost") + "/" + e2e.poolId + "/.well-known/jwks.json")).status, 200, "localhost is this machine");
    });

    it("answers a browser's CORS preflight with the headers Amplify and the SDK send, any origin, and a max-age", async () => {
        const response = await fetch(e2e.sandbox.endpoint, {
            method: "OPTIONS",
            headers: { origin: "http://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-amz-target,x-amz-user-agent,cache-control" },
        });
        assert.strictEqual(response.status, 204);
        assert.strictEqual(response.headers.get("access-control-allow-origin"), "*");
        const allowed = response.headers.get("access-control-allow-headers")!.split(/,\s*/);
        for (const header of ["content-type", "x-amz-target", "x-amz-user-agent", "cache-control", "authorization", "amz-sdk-request", "amz-sdk-invocation-id"]) assert.ok(allowed.includes(header), header);
        assert.match(response.headers.get("access-control-allow-methods")!, /POST/);
        assert.ok(Number(response.headers.get("access-control-max-age")) > 0);
    });

    it("keeps its data folder its owner's alone: folders 0700, files 0600 (passwords, codes, the signing key)", () => {
        const modes: Record<string, string> = {};
        const walk = (at: string) => {
            modes[path.relative(e2e.sandbox.dataDir, at) || "."] = (fs.statSync(at).mode & 0o777).toString(8);
            if (fs.statSync(at).isDirectory()) fs.readdirSync(at).forEach((name) => walk(path.join(at, name)));
        };
        walk(e2e.sandbox.dataDir);
        for (const expected of ["signing-key.pem", "messages.jsonl", "emulator.log", "amplify_outputs.json", "sandbox.env", path.join("db", `${e2e.poolId}.json`)]) assert.ok(expected in modes, `${expected} missing: ${Object.keys(modes).join(", ")}`);
        assert.deepStrictEqual(Object.entries(modes).filter(([file, mode]) => mode !== (fs.statSync(path.join(e2e.sandbox.dataDir, file)).isDirectory() ? "700" : "600")), []);
    });

    it("refuses a new password for anyone through a session it did not issue, or issued for someone else", async () => {
        const respond = (Session: string, USERNAME: string) => e2e.cognito.send(new RespondToAuthChallengeCommand({
            ClientId: e2e.clientId("web"), ChallengeName: "NEW_PASSWORD_REQUIRED", Session, ChallengeResponses: { USERNAME, NEW_PASSWORD: "taken over, long enough" },
        }));
        await rejectsWith(respond(randomBytes(48).toString("base64"), reader.email), "NotAuthorizedException", "Invalid session for the user.");
        // A real session, for the attacker's own sign-in, answered for the victim.
        const attacker = await e2e.signUpAndConfirm({ email: uniqueEmail("attacker") });
        const started = await e2e.cognito.send(new InitiateAuthCommand({ ClientId: e2e.clientId("web"), AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: attacker.email } }));
        assert.strictEqual(started.ChallengeName, "SELECT_CHALLENGE");
        await rejectsWith(e2e.cognito.send(new RespondToAuthChallengeCommand({ ClientId: e2e.clientId("web"), ChallengeName: "SELECT_CHALLENGE", Session: started.Session, ChallengeResponses: { USERNAME: reader.email, ANSWER: "PASSWORD", PASSWORD: goodPassword } })), "NotAuthorizedException", "Invalid session for the user.");
        assert.ok((await e2e.signIn(reader.email)).AccessToken, "the victim's password changed");
    });

    it("answers SRP for a name no user has with a challenge shaped like a user's, the same each time, and fails it at the proof like a wrong password, running no trigger", async () => {
        const challenge = async (username: string) => (await e2e.cognito.send(new InitiateAuthCommand({ ClientId: e2e.clientId("web"), AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: username, SRP_A: randomBytes(384).toString("hex") } })));
        const shape = (c: Awaited<ReturnType<typeof challenge>>) => [c.ChallengeName, c.ChallengeParameters!.SALT.length, /^[0-9a-f]+$/.test(c.ChallengeParameters!.SRP_B), c.ChallengeParameters!.SECRET_BLOCK.length, /^[0-9a-f-]{36}$/.test(c.ChallengeParameters!.USER_ID_FOR_SRP), c.ChallengeParameters!.USERNAME === c.ChallengeParameters!.USER_ID_FOR_SRP];
        const nobody = uniqueEmail("nobody");
        const [real, fake, fakeAgain] = [await challenge(reader.email), await challenge(nobody), await challenge(nobody)];
        assert.deepStrictEqual(shape(fake), shape(real));
        assert.deepStrictEqual([fakeAgain.ChallengeParameters!.SALT, fakeAgain.ChallengeParameters!.USER_ID_FOR_SRP], [fake.ChallengeParameters!.SALT, fake.ChallengeParameters!.USER_ID_FOR_SRP]);
        const invocations = await e2e.invocationsDuring(async () => {
            for (const c of [real, fake]) {
                await rejectsWith(e2e.cognito.send(new RespondToAuthChallengeCommand({
                    ClientId: e2e.clientId("web"), ChallengeName: "PASSWORD_VERIFIER", Session: c.Session,
                    ChallengeResponses: { USERNAME: c.ChallengeParameters!.USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: c.ChallengeParameters!.SECRET_BLOCK, TIMESTAMP: "Sun Dec 6 04:00:00 UTC 2026", PASSWORD_CLAIM_SIGNATURE: randomBytes(32).toString("base64") },
                })), "NotAuthorizedException", "Incorrect username or password.");
            }
        });
        assert.deepStrictEqual(invocations, []);
    });

    it("refuses a custom attribute at sign-up: it is not among the client's write attributes", async () => {
        const email = uniqueEmail("custom");
        await rejectsWith(e2e.cognito.send(new SignUpCommand({ ClientId: e2e.clientId("web"), Username: email, Password: goodPassword, UserAttributes: [{ Name: "email", Value: email }, { Name: "custom:edition", Value: "ar" }] })), "NotAuthorizedException", "A client attempted to write unauthorized attribute");
        assert.deepStrictEqual(await e2e.usersWithEmail(email), []);
    });

    describe("the hosted UI", () => {
        const callback = "http://localhost:3000/auth/callback";
        const pkce = () => {
            const verifier = randomBytes(32).toString("base64url");
            return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
        };
        const authorizeQuery = (extra: Record<string, string> = {}, client = "web") => new URLSearchParams({ client_id: e2e.clientId(client), response_type: "code", redirect_uri: callback, scope: "openid email", state: "st", ...extra });
        /** Signs in on the sign-in page; the redirect's URL (or the page when there is none). */
        async function signIn(query: URLSearchParams, email: string, password = goodPassword): Promise<{ location?: URL; status: number; page: string }> {
            const response = await hostedUiSignIn(e2e.sandbox.endpoint, query, email, password);
            const location = response.headers.get("location");
            return { location: location ? new URL(location) : undefined, status: response.status, page: await response.text() };
        }
        const exchange = (form: Record<string, string>) => fetch(`${e2e.sandbox.endpoint}/oauth2/token`, { method: "POST", body: new URLSearchParams({ grant_type: "authorization_code", client_id: e2e.clientId("web"), redirect_uri: callback, ...form }) });

        it("never redirects to a URI that is not one of the client's callbacks (another host, another path, another client's)", async () => {
            for (const redirect of ["https://attacker.example/auth/callback", "http://localhost:3000/auth/callback/../evil", "http://localhost:4000/auth/callback"]) {
                const response = await fetch(`${e2e.sandbox.endpoint}/oauth2/authorize?${authorizeQuery({ redirect_uri: redirect })}`, { redirect: "manual" });
                assert.deepStrictEqual([response.status, response.headers.get("location")], [400, null], redirect);
                assert.match(await response.text(), /redirect_mismatch/);
            }
            const logout = await fetch(`${e2e.sandbox.endpoint}/logout?client_id=${e2e.clientId("web")}&logout_uri=${encodeURIComponent("https://attacker.example/")}`, { redirect: "manual" });
            assert.deepStrictEqual([logout.status, logout.headers.get("location")], [400, null]);
        });

        it("PKCE: a plain challenge is refused; a code needs its verifier, once, for its own client and redirect URI", async () => {
            const plain = await fetch(`${e2e.sandbox.endpoint}/oauth2/authorize?${authorizeQuery({ code_challenge: "x".repeat(43), code_challenge_method: "plain" })}`, { redirect: "manual" });
            assert.strictEqual(new URL(plain.headers.get("location")!).searchParams.get("error"), "invalid_request");
            const { verifier, challenge } = pkce();
            const { location } = await signIn(authorizeQuery({ code_challenge: challenge, code_challenge_method: "S256" }), reader.email);
            const code = location!.searchParams.get("code")!;
            assert.deepStrictEqual([location!.origin + location!.pathname, location!.searchParams.get("state")], [callback, "st"]);
            assert.deepStrictEqual(await (await exchange({ code, code_verifier: pkce().verifier })).json(), { error: "invalid_grant", error_description: "code_verifier does not match the code_challenge" });
            // The failed attempt spent the code, as a stolen code's first use would.
            assert.deepStrictEqual(await (await exchange({ code, code_verifier: verifier })).json(), { error: "invalid_grant" });
            const second = (await signIn(authorizeQuery({ code_challenge: challenge, code_challenge_method: "S256" }), reader.email)).location!.searchParams.get("code")!;
            assert.deepStrictEqual(await (await fetch(`${e2e.sandbox.endpoint}/oauth2/token`, { method: "POST", body: new URLSearchParams({ grant_type: "authorization_code", client_id: e2e.clientId("mobile"), redirect_uri: callback, code: second, code_verifier: verifier }) })).json(), { error: "invalid_grant" });
        });

        it("the implicit flow only where the client allows it (dev: nowhere); client credentials only with the client's secret, for its own scopes", async () => {
            const implicit = await fetch(`${e2e.sandbox.endpoint}/oauth2/authorize?${authorizeQuery({ response_type: "token" })}`, { redirect: "manual" });
            assert.strictEqual(new URL(implicit.headers.get("location")!).searchParams.get("error"), "unauthorized_client");
            const ingest = e2e.clientId("ingest");
            const { UserPoolClient } = await e2e.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: e2e.poolId, ClientId: ingest }));
            const grant = (secret: string, scope = "https://api.dev.news.example.com/articles.write") => fetch(`${e2e.sandbox.endpoint}/oauth2/token`, {
                method: "POST", headers: { authorization: `Basic ${Buffer.from(`${ingest}:${secret}`).toString("base64")}` }, body: new URLSearchParams({ grant_type: "client_credentials", scope }),
            });
            const granted = await grant(UserPoolClient!.ClientSecret!);
            const { access_token: access } = (await granted.json()) as { access_token: string };
            assert.deepStrictEqual([granted.status, JSON.parse(Buffer.from(access.split(".")[1], "base64url").toString("utf8")).scope], [200, "https://api.dev.news.example.com/articles.write"]);
            assert.deepStrictEqual([(await grant("not-the-secret")).status, await (await grant("not-the-secret")).json()], [401, { error: "invalid_client" }]);
            assert.deepStrictEqual(await (await grant(UserPoolClient!.ClientSecret!, "https://api.dev.news.example.com/articles.read")).json(), { error: "invalid_scope" });
        });

        it("refuses a sign-in form posted without the page's anti-forgery token (another site signing the browser in as someone else)", async () => {
            const form = new URLSearchParams([...authorizeQuery(), ["username", reader.email], ["password", goodPassword]]);
            for (const headers of [{}, { cookie: "XSRF-TOKEN=forged-by-the-other-site" }] as Record<string, string>[]) {
                const response = await fetch(`${e2e.sandbox.endpoint}/login`, { method: "POST", body: new URLSearchParams([...form, ["_csrf", "forged-by-the-other-site-too"]]), redirect: "manual", headers });
                assert.deepStrictEqual([response.status, response.headers.get("location"), response.headers.get("set-cookie")], [403, null, null]);
            }
        });

        it("the client gate: a reader with the right password gets no code for the admin client, and the page says why", async () => {
            const query = authorizeQuery({ redirect_uri: "http://localhost:4000/auth/callback" }, "admin");
            const refused = await signIn(query, reader.email);
            assert.deepStrictEqual([refused.status, refused.location], [400, undefined]);
            assert.ok(refused.page.includes(`PreTokenGeneration failed with error ${notAllowedMessage}.`.replace(/'/g, "&#39;")), refused.page);
            assert.match((await signIn(query, reader.email, "wrong password, long enough")).page, /Incorrect username or password\./);
        });
    });

    describe("the identity pool", () => {
        const identity = () => new CognitoIdentityClient({ endpoint: e2e.sandbox.endpoint, region: e2e.sandbox.region, credentials: { accessKeyId: "x", secretAccessKey: "y" }, maxAttempts: 1 });
        const logins = (token: string) => ({ [e2e.sandbox.issuer.replace(/^http:\/\//, "")]: token });

        it("gives a signed-in user of the web client a stable identity, fake credentials for the stack's role, and an OpenID token", async () => {
            const { IdToken } = await e2e.signIn(reader.email);
            const client = identity();
            const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: e2e.sandbox.identityPoolId, Logins: logins(IdToken!) }));
            assert.strictEqual((await client.send(new GetIdCommand({ IdentityPoolId: e2e.sandbox.identityPoolId, Logins: logins((await e2e.signIn(reader.email)).IdToken!) }))).IdentityId, IdentityId);
            const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(IdToken!) }));
            assert.match(Credentials!.AccessKeyId!, /^ASIASANDBOX/);
            assert.strictEqual(JSON.parse(Buffer.from(Credentials!.SessionToken!, "base64").toString("utf8")).role, "arn:aws:iam::123456789012:role/identity-authenticated");
            const { Token } = await client.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins(IdToken!) }));
            assert.strictEqual(JSON.parse(Buffer.from(Token!.split(".")[1], "base64url").toString("utf8")).sub, IdentityId);
        });

        it("takes no guest, no token of a client it does not list (admin), no forged token, and no one else's identity", async () => {
            const client = identity();
            await rejectsWith(client.send(new GetIdCommand({ IdentityPoolId: e2e.sandbox.identityPoolId })), "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
            const admin = await e2e.signUpAndConfirm({ email: uniqueEmail("idp-admin") });
            await e2e.cognito.send(new (await import("@aws-sdk/client-cognito-identity-provider")).AdminAddUserToGroupCommand({ UserPoolId: e2e.poolId, Username: admin.username, GroupName: "admins" }));
            const adminToken = (await e2e.signIn(admin.email, { client: "admin" })).IdToken!;
            await rejectsWith(client.send(new GetIdCommand({ IdentityPoolId: e2e.sandbox.identityPoolId, Logins: logins(adminToken) })), "NotAuthorizedException", "Invalid login token. Incorrect token audience.");
            const { IdToken } = await e2e.signIn(reader.email);
            const [h, p] = IdToken!.split(".");
            await rejectsWith(client.send(new GetIdCommand({ IdentityPoolId: e2e.sandbox.identityPoolId, Logins: logins(`${h}.${p}.${randomBytes(256).toString("base64url")}`) })), "NotAuthorizedException", "Invalid login token. Invalid Id Token");
            const other = await client.send(new GetIdCommand({ IdentityPoolId: e2e.sandbox.identityPoolId, Logins: logins((await e2e.signIn(admin.email)).IdToken!) }));
            await rejectsWith(client.send(new GetCredentialsForIdentityCommand({ IdentityId: other.IdentityId, Logins: logins(IdToken!) })), "NotAuthorizedException", "Invalid login token. The login is not this identity's.");
        });
    });
});
