// `npm run sandbox` as a developer runs it: it prints what a front end needs, serves sign-ups with
// the real triggers, and on Ctrl-C stops every process it started and removes its temporary folder.
import * as assert from "assert";
import { execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CognitoIdentityProviderClient, SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { projectRoot, StackFileError } from "../../tools/harness/stack-file";
import { parseSandboxArguments, sandboxUsage } from "../../tools/sandbox/arguments";

/** Running, not gone and not a zombie (a container's init may be slow to reap orphans). */
const alive = (pid: number) => {
    try {
        return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
    } catch {
        return false;
    }
};

describe("npm run sandbox", function () {
    this.timeout(60000);

    it("prints endpoint, pool, clients, issuer and JWKS, and leaves nothing behind after Ctrl-C", async () => {
        const child = spawn(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/sandbox.ts"), "dev"], { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
        const deadline = Date.now() + 30000;
        while (!out.includes("Ctrl-C stops it.") && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
        assert.ok(out.includes("Ctrl-C stops it."), `${out}\n${err}`);

        const field = (label: string) => new RegExp(`^  ${label}:\\s+(\\S+)`, "m").exec(out)?.[1] ?? "";
        const [endpoint, poolId, issuer, jwks, dataDir] = ["endpoint", "user pool id", "issuer", "JWKS", "data"].map(field);
        assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.strictEqual(issuer, `${endpoint}/${poolId}`);
        assert.strictEqual(jwks, `${issuer}/.well-known/jwks.json`);
        assert.match(out, /^  client web\s+\w+$/m);
        const state = JSON.parse(fs.readFileSync(path.join(projectRoot, ".build", "sandbox", "dev.json"), "utf8"));
        assert.deepStrictEqual([state.endpoint, state.userPoolId, state.pid], [endpoint, poolId, child.pid]);
        assert.strictEqual((await (await fetch(jwks)).json() as { keys: unknown[] }).keys.length, 1);
        assert.strictEqual(field("hosted UI"), `${endpoint}/oauth2/authorize`);
        assert.match(field("identity pool"), /^eu-central-1:[0-9a-f-]{36}$/);
        assert.strictEqual(field("demo page"), `${endpoint}/demo`);
        const outputsFile = /^  front-end config: (\S+) and (\S+)$/m.exec(out)?.[1] ?? "";
        const outputs = JSON.parse(fs.readFileSync(outputsFile, "utf8"));
        assert.deepStrictEqual([outputs.auth.user_pool_id, outputs.auth.identity_pool_id, outputs.custom.user_pool_endpoint, outputs.auth.oauth.domain], [poolId, field("identity pool"), endpoint, endpoint.replace("http://", "")]);

        // A sign-up starts the pre sign-up and custom message functions, each in its own process.
        const cognito = new CognitoIdentityProviderClient({ endpoint, region: "eu-central-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } });
        await cognito.send(new SignUpCommand({ ClientId: /^  client web\s+(\w+)$/m.exec(out)![1], Username: "cli@example.com", Password: "a long enough passphrase", UserAttributes: [{ Name: "email", Value: "cli@example.com" }] }));
        await new Promise((r) => setTimeout(r, 300));
        assert.match(out, /\[email to cli@example\.com\] code \d{6} /, "the code is printed");
        const functions = execFileSync("ps", ["--ppid", String(child.pid), "-o", "pid="]).toString().trim().split(/\s+/).map(Number);
        assert.ok(functions.length >= 2, `function processes: ${functions.join(", ")}`);

        child.kill("SIGINT");
        assert.strictEqual(await exited, 0, err);
        assert.match(out, /Sandbox stopped\.\n$/);
        await new Promise((r) => setTimeout(r, 200));
        assert.deepStrictEqual(functions.filter(alive), [], "no function process left");
        assert.ok(!fs.existsSync(dataDir), `${dataDir} removed`);
        assert.ok(!fs.existsSync(path.join(projectRoot, ".build", "sandbox", "dev.json")), "state file removed");
    });

    it("refuses bad arguments before starting anything: --data or --outputs without a folder, a bad --port, an unknown option, two stacks", () => {
        for (const [args, problem] of [
            [["dev", "--data"], "--data needs a folder"],
            [["--data", "--help"], "--data needs a folder"],
            [["--outputs"], "--outputs needs a folder"],
            [["--port", "70000"], "--port needs a port number from 1 to 65535, got 70000"],
            [["--port", "08x"], "--port needs a port number from 1 to 65535, got 08x"],
            [["--port"], "--port needs a port number from 1 to 65535, got nothing"],
            [["--verbose"], "unknown option --verbose"],
            [["dev", "prod"], "one stack at a time: got dev and prod"],
        ] as [string[], string][]) {
            assert.throws(() => parseSandboxArguments(args), (error: Error) => error instanceof StackFileError && error.message === `${problem}\n${sandboxUsage}`, args.join(" "));
        }
        assert.deepStrictEqual(parseSandboxArguments(["prod", "--port", "4100", "--data", "kept", "--outputs", "web"]), { stack: "prod", port: 4100, dataDir: path.resolve("kept"), frontEndDir: path.resolve("web") });
        assert.deepStrictEqual(parseSandboxArguments([]), { stack: "dev", port: undefined, dataDir: undefined, frontEndDir: undefined });
        // As a command: the message alone on stderr, exit 1. A timeout, so arguments taken for a sandbox to start fail the test instead of hanging it.
        const result = spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/sandbox.ts"), "dev", "prod"], { cwd: projectRoot, encoding: "utf8", timeout: 20000 });
        assert.deepStrictEqual([result.status, result.stderr], [1, `one stack at a time: got dev and prod\n${sandboxUsage}\n`]);
    });
});
