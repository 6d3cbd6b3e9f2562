// A sandbox started with a data folder keeps its users across restarts: the emulator's database is
// written behind (coalesced), and stop() writes what is left.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CognitoIdentityProviderClient, ConfirmSignUpCommand, GetTokensFromRefreshTokenCommand, InitiateAuthCommand, ListUsersCommand, SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startSandbox } from "../../tools/sandbox/sandbox";
import { freePort } from "../e2e/support";

describe("sandbox: a kept data folder", function () {
    this.timeout(60000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-kept-"));
    after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it("keeps the pool, its clients, the port (--port), a user signed up just before the stop, the signing key and the user's sign-in session", async () => {
        const client = (endpoint: string) => new CognitoIdentityProviderClient({ endpoint, region: "eu-central-1", credentials: { accessKeyId: "x", secretAccessKey: "y" }, maxAttempts: 1 });
        // A folder left open by an older run: the sandbox makes it its owner's alone.
        fs.chmodSync(dataDir, 0o755);
        const port = await freePort();
        const first = await startSandbox({ stack: "dev", dataDir, port, writeStateFile: false, onFunctionOutput: () => undefined });
        const outputs = fs.readFileSync(first.frontEndFiles.amplifyOutputs, "utf8");
        const kept = client(first.endpoint);
        await kept.send(new SignUpCommand({ ClientId: first.clients.web, Username: "kept@example.com", Password: "a long enough passphrase", UserAttributes: [{ Name: "email", Value: "kept@example.com" }] }));
        await kept.send(new ConfirmSignUpCommand({ ClientId: first.clients.web, Username: "kept@example.com", ConfirmationCode: first.messages.at(-1)!.code }));
        const signedIn = await kept.send(new InitiateAuthCommand({ ClientId: first.clients.web, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "kept@example.com", PASSWORD: "a long enough passphrase", PREFERRED_CHALLENGE: "PASSWORD" } }));
        const jwks = async (url: string) => (await (await fetch(url)).json()) as { keys: { kid: string }[] };
        const firstKid = (await jwks(first.jwksUrl)).keys[0].kid;
        await first.stop();
        assert.strictEqual((fs.statSync(dataDir).mode & 0o777).toString(8), "700");
        assert.ok(fs.existsSync(dataDir), "a given folder is not removed");

        const second = await startSandbox({ stack: "dev", dataDir, port, writeStateFile: false, onFunctionOutput: () => undefined });
        // The port is the second's now: a third sandbox asking for it is told so.
        await assert.rejects(startSandbox({ stack: "dev", port, writeStateFile: false }), { message: `port ${port} on 127.0.0.1 is in use (another sandbox?): stop what holds it, or pass another --port` });
        try {
            // The same addresses and ids: a front end's configuration survives the restart.
            assert.deepStrictEqual([second.endpoint, second.userPoolId, second.clients, second.identityPoolId], [first.endpoint, first.userPoolId, first.clients, first.identityPoolId]);
            assert.strictEqual(fs.readFileSync(second.frontEndFiles.amplifyOutputs, "utf8"), outputs);
            const users = await client(second.endpoint).send(new ListUsersCommand({ UserPoolId: second.userPoolId }));
            assert.deepStrictEqual(users.Users?.map((u) => u.Attributes?.find((a) => a.Name === "email")?.Value), ["kept@example.com"]);
            JSON.parse(fs.readFileSync(path.join(dataDir, "db", `${second.userPoolId}.json`), "utf8"));
            // The folder's signing key and sessions are kept: the same JWKS, and the refresh token still works.
            assert.strictEqual((await jwks(second.jwksUrl)).keys[0].kid, firstKid);
            const refreshed = await client(second.endpoint).send(new GetTokensFromRefreshTokenCommand({ ClientId: second.clients.web, RefreshToken: signedIn.AuthenticationResult!.RefreshToken }));
            assert.ok(refreshed.AuthenticationResult?.AccessToken);

        } finally {
            await second.stop();
        }
    });
});
