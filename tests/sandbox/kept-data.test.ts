// A sandbox started with a data folder keeps its users across restarts: the emulator's database is
// written behind (coalesced), and stop() writes what is left.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CognitoIdentityProviderClient, ListUsersCommand, SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startSandbox } from "../../tools/sandbox/sandbox";

describe("sandbox: a kept data folder", function () {
    this.timeout(60000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-kept-"));
    after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it("keeps the pool, its clients and a user signed up just before the stop", async () => {
        const client = (endpoint: string) => new CognitoIdentityProviderClient({ endpoint, region: "eu-central-1", credentials: { accessKeyId: "x", secretAccessKey: "y" }, maxAttempts: 1 });
        const first = await startSandbox({ stack: "dev", dataDir, writeStateFile: false });
        await client(first.endpoint).send(new SignUpCommand({ ClientId: first.clients.web, Username: "kept@example.com", Password: "a long enough passphrase", UserAttributes: [{ Name: "email", Value: "kept@example.com" }] }));
        await first.stop();
        assert.ok(fs.existsSync(dataDir), "a given folder is not removed");

        const second = await startSandbox({ stack: "dev", dataDir, writeStateFile: false });
        try {
            assert.deepStrictEqual([second.userPoolId, second.clients], [first.userPoolId, first.clients]);
            const users = await client(second.endpoint).send(new ListUsersCommand({ UserPoolId: second.userPoolId }));
            assert.deepStrictEqual(users.Users?.map((u) => u.Attributes?.find((a) => a.Name === "email")?.Value), ["kept@example.com"]);
            JSON.parse(fs.readFileSync(path.join(dataDir, "db", `${second.userPoolId}.json`), "utf8"));
        } finally {
            await second.stop();
        }
    });
});
