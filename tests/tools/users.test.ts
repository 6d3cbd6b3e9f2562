import * as sdk from "@aws-sdk/client-cognito-identity-provider";
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { projectRoot } from "../../tools/harness/stack-file";
import { startServedEmulator, type ServedEmulator } from "../support/emulator-server";
import { runUsers, type UsersIo } from "../../tools/users";
import { createClient, type ClientSettings, type CognitoSender } from "../../tools/users/client";
import { localClient } from "../e2e/support";

const region = "eu-central-1";
const help = "see npm run users -- --help";
const noPool = "pass --pool <id> or --sandbox [stack]";
const unknownUser = (name: string, pool: string) => `users: no user "${name}" in pool ${pool}; name a user by username, email or sub (npm run users -- list shows them)\n`;

const made: string[] = [];

function tmpDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "users-test-"));
    made.push(dir);
    return dir;
}

/** A project root holding only what the command reads: sandbox state files and a stack file. */
function projectWith(files: Record<string, string>): string {
    const root = tmpDir();
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        fs.writeFileSync(path.join(root, name), text);
    }
    return root;
}

/** A Cognito client that answers from `answers` by action name, and records every call. */
function stub(answers: Record<string, (input: Record<string, unknown>) => object>) {
    const calls: [string, Record<string, unknown>][] = [];
    const client: CognitoSender = {
        async send(command) {
            const op = command.constructor.name.replace(/Command$/, "");
            const input = command.input as Record<string, unknown>;
            calls.push([op, input]);
            const answer = answers[op];
            if (!answer) throw new Error(`the stub has no answer for ${op}`);
            return answer(input);
        },
    };
    return { calls, client };
}

const meta = (attempts = 1) => ({ $metadata: { attempts } });
const bob = { Username: "bob", UserAttributes: [{ Name: "email", Value: "bob@example.com" }], UserStatus: "CONFIRMED", Enabled: true, ...meta() };
const stubPool = "eu-central-1_Stub12345";

describe("npm run users", () => {
    after(() => {
        for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
    });

    describe("the command line (nothing called)", () => {
        const run = (...argv: string[]) => runUsers(argv, { env: {}, root: projectWith({}) });

        it("answers a bad option, an unknown command and a stray option with one line and exit 2", async () => {
            assert.deepStrictEqual(await run("list", "--frob"), { code: 2, stdout: "", stderr: `users: unknown option "--frob"; ${help}\n` });
            assert.deepStrictEqual(await run("lsit"), {
                code: 2, stdout: "",
                stderr: `users: unknown command "lsit"; commands: list, find, invite, resend-invitation, add-to-group, remove-from-group, groups, disable, enable, reset-password, sign-out, delete, export, restore\n`,
            });
            assert.deepStrictEqual(await run("find", "bob", "--filter", "x"), { code: 2, stdout: "", stderr: "users: --filter is an option of list, not of find; usage: npm run users -- find <username|email|sub>\n" });
            assert.deepStrictEqual(await run("list", "--limit", "0"), { code: 2, stdout: "", stderr: `users: --limit takes a whole number from 1, got "0"; write e.g. --limit 50\n` });
            assert.deepStrictEqual(await run("add-to-group", "bob"), { code: 2, stdout: "", stderr: "users: add-to-group needs <group>; usage: npm run users -- add-to-group <user> <group>\n" });
            assert.deepStrictEqual(await run("find", "--sandbox", "bob"), {
                code: 2, stdout: "",
                stderr: `users: find needs <username|email|sub> (--sandbox took "bob" as its stack: write --sandbox=<stack>, or put --sandbox last); usage: npm run users -- find <username|email|sub>\n`,
            });
            assert.deepStrictEqual(await run("invite", "amira"), { code: 2, stdout: "", stderr: `users: invite takes an email address, got "amira"; write e.g. npm run users -- invite amira@example.com\n` });
            assert.deepStrictEqual(await run("list", "--pool", "p1_abc", "--sandbox"), { code: 2, stdout: "", stderr: "users: --pool and --sandbox both name a pool; give one of them\n" });
            assert.strictEqual((await run()).code, 2);
        });

        it("refuses delete without --yes-delete-user, or with it naming another user (exit 2, before any call)", async () => {
            assert.deepStrictEqual(await run("delete", "bob"), {
                code: 2, stdout: "", stderr: "users: delete cannot be undone, and --yes-delete-user is missing; confirm with: npm run users -- delete bob --yes-delete-user bob\n",
            });
            assert.deepStrictEqual(await run("delete", "bob", "--yes-delete-user", "alice"), {
                code: 2, stdout: "", stderr: `users: --yes-delete-user names "alice", not "bob"; name the same user twice: npm run users -- delete bob --yes-delete-user bob\n`,
            });
            assert.deepStrictEqual(await run("delete", "o'neil@example.com", "--yes-delete-user=oneil@example.com"), {
                code: 2, stdout: "",
                stderr: `users: --yes-delete-user names "oneil@example.com", not "o'neil@example.com"; name the same user twice: npm run users -- delete 'o'\\''neil@example.com' --yes-delete-user 'o'\\''neil@example.com'\n`,
            });
        });

        it("prints the help with exit 0, saying which commands the sandbox lacks", async () => {
            const { code, stdout } = await run("--help");
            assert.strictEqual(code, 0);
            assert.match(stdout, /^npm run users -- <command> \[arguments\] \[options\]\n/);
            assert.match(stdout, /\n {2}delete <user> --yes-delete-user <user>\n/);
            assert.match(stdout, /\nThe sandbox \(cognito-local 5\.3\.0\) lacks AdminCreateUser with MessageAction RESEND and AdminResetUserPassword: resend-invitation and reset-password work against AWS only\.\n/);
        });
    });

    describe("finding the pool", () => {
        it("without --pool or --sandbox, asks the Pulumi CLI; when it is missing or fails, says to pass --pool or --sandbox", async () => {
            const missing = await runUsers(["list"], { env: { PULUMI_CLI: "/nonexistent/pulumi" }, root: projectWith({}) });
            assert.deepStrictEqual(missing, { code: 1, stdout: "", stderr: `users: no pool given, and the Pulumi CLI (/nonexistent/pulumi) was not found to read stack dev's userPoolId; ${noPool}\n` });

            const root = projectWith({ "fake-pulumi": "#!/bin/sh\necho \"error: no stack named 'prod' found\" >&2\nexit 255\n" });
            fs.chmodSync(path.join(root, "fake-pulumi"), 0o755);
            const failing = await runUsers(["list", "--stack", "prod"], { env: { PULUMI_CLI: path.join(root, "fake-pulumi") }, root });
            assert.deepStrictEqual(failing, { code: 1, stdout: "", stderr: `users: no pool given, and \`pulumi stack output userPoolId --stack prod\` failed (error: no stack named 'prod' found); ${noPool}\n` });
        });

        it("without a sandbox state file, says to start the sandbox or pass --pool", async () => {
            assert.deepStrictEqual(await runUsers(["list", "--sandbox", "staging"], { env: {}, root: projectWith({}) }), {
                code: 1, stdout: "", stderr: "users: no sandbox running for stack staging (.build/sandbox/staging.json not found); start it (npm run sandbox), or pass --pool <id>\n",
            });
        });

        it("takes the region from --pool's prefix before AWS_REGION, and otherwise from the stack file", async () => {
            const seen: ClientSettings[] = [];
            const { client } = stub({ AdminGetUser: () => bob, AdminListGroupsForUser: () => ({ Groups: [] }) });
            const io = (env: NodeJS.ProcessEnv, files: Record<string, string> = {}): UsersIo => ({ env, root: projectWith(files), client: (settings) => (seen.push(settings), client) });
            assert.strictEqual((await runUsers(["find", "bob", "--pool", "eu-west-1_AbC123"], io({ AWS_REGION: "us-east-1" }))).code, 0);
            assert.strictEqual((await runUsers(["find", "bob", "--pool", "local_AbC123"], io({}, { "Pulumi.dev.yaml": "config:\n  aws:region: ap-south-1\n" }))).code, 0);
            assert.deepStrictEqual(await runUsers(["find", "bob", "--pool", "local_AbC123"], io({})), { code: 1, stdout: "", stderr: "users: no region for pool local_AbC123; pass --region <region> or set AWS_REGION\n" });
            assert.deepStrictEqual(seen.map((s) => s.region), ["eu-west-1", "ap-south-1"]);
        });
    });

    describe("against AWS (stubbed client, for what the emulator lacks or cannot provoke)", () => {
        const io = (client: CognitoSender): UsersIo => ({ env: {}, root: projectWith({}), client: () => client });
        const run = (client: CognitoSender, ...argv: string[]) => runUsers([...argv, "--pool", stubPool], io(client));

        it("reset-password calls AdminResetUserPassword with the username, also for a user named by email", async () => {
            const { calls, client } = stub({
                AdminGetUser: () => { throw new sdk.UserNotFoundException({ message: "User does not exist.", ...meta() }); },
                ListUsers: () => ({ Users: [{ ...bob, Attributes: bob.UserAttributes }] }),
                AdminResetUserPassword: () => ({}),
            });
            assert.deepStrictEqual(await run(client, "reset-password", "bob@example.com"), {
                code: 0, stdout: "reset the password of bob (bob@example.com): they must set a new one with the code Cognito sends them\n", stderr: "",
            });
            assert.deepStrictEqual(calls, [
                ["AdminGetUser", { UserPoolId: stubPool, Username: "bob@example.com" }],
                ["ListUsers", { UserPoolId: stubPool, Filter: 'email = "bob@example.com"', Limit: 10, PaginationToken: undefined }],
                ["AdminResetUserPassword", { UserPoolId: stubPool, Username: "bob" }],
            ]);
        });

        it("resend-invitation sends a user who has not signed in yet a new invitation (AdminCreateUser, RESEND), and refuses one who has", async () => {
            const waiting = { ...bob, UserStatus: "FORCE_CHANGE_PASSWORD" };
            const { calls, client } = stub({ AdminGetUser: () => waiting, AdminCreateUser: () => ({ User: {} }) });
            assert.deepStrictEqual(await run(client, "resend-invitation", "bob"), {
                code: 0, stdout: "sent bob (bob@example.com) a new invitation by email, with a new temporary password (the old one no longer works)\n", stderr: "",
            });
            assert.deepStrictEqual(calls.at(-1), ["AdminCreateUser", { UserPoolId: stubPool, Username: "bob", MessageAction: "RESEND", DesiredDeliveryMediums: ["EMAIL"] }]);
            const confirmed = stub({ AdminGetUser: () => ({ ...bob, UserStatus: "CONFIRMED" }) });
            assert.deepStrictEqual(await run(confirmed.client, "resend-invitation", "bob"), {
                code: 1, stdout: "", stderr: "users: bob (bob@example.com) is CONFIRMED: only a user who has not signed in yet (FORCE_CHANGE_PASSWORD) gets an invitation again; for a user who forgot a password, run npm run users -- reset-password bob\n",
            });
            assert.deepStrictEqual(confirmed.calls.map(([op]) => op), ["AdminGetUser"]);
        });

        it("sign-out calls AdminUserGlobalSignOut and says what it does not revoke", async () => {
            const { calls, client } = stub({ AdminGetUser: () => bob, AdminUserGlobalSignOut: () => ({}) });
            const result = await run(client, "sign-out", "bob", "--json");
            assert.deepStrictEqual({ ...result, stdout: JSON.parse(result.stdout) }, { code: 0, stdout: { action: "sign-out", user: { username: "bob", email: "bob@example.com" } }, stderr: "" });
            assert.deepStrictEqual(calls.map(([op]) => op), ["AdminGetUser", "AdminUserGlobalSignOut"]);
            assert.strictEqual((await run(client, "sign-out", "bob")).stdout, "signed bob (bob@example.com) out everywhere: refresh tokens revoked; access and ID tokens already issued pass offline checks until they expire\n");
        });

        it("names a missing permission with the IAM action to allow", async () => {
            const denial = "User: arn:aws:sts::123456789012:assumed-role/dev/ops is not authorized to perform: cognito-idp:AdminDisableUser";
            const { client } = stub({ AdminGetUser: () => bob, AdminDisableUser: () => { throw new sdk.NotAuthorizedException({ message: denial, ...meta() }); } });
            assert.deepStrictEqual(await run(client, "disable", "bob"), {
                code: 1, stdout: "", stderr: `users: AdminDisableUser on pool ${stubPool} was refused (NotAuthorizedException: ${denial}); use credentials allowed cognito-idp:AdminDisableUser on this pool\n`,
            });
            const denied = stub({ AdminGetUser: () => { throw Object.assign(new Error("not allowed"), { name: "AccessDeniedException", ...meta() }); } }).client;
            assert.strictEqual((await run(denied, "find", "bob")).stderr, `users: AdminGetUser on pool ${stubPool} was refused (AccessDeniedException: not allowed); use credentials allowed cognito-idp:AdminGetUser on this pool\n`);
        });

        it("says when no AWS credentials are found", async () => {
            const { client } = stub({ AdminGetUser: () => { throw Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }); } });
            assert.strictEqual((await run(client, "find", "bob")).stderr,
                "users: no AWS credentials found (Could not load credentials from any providers); set AWS_PROFILE (and run aws sso login) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --sandbox\n");
        });

        it("gives up on throttling after the SDK's retries with back-off, in one line (a real SDK client against a server that always throttles)", async function () {
            this.timeout(20_000);
            let requests = 0;
            const server = http.createServer((request, response) => {
                requests++;
                request.resume().on("end", () => response.writeHead(400, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify({ __type: "TooManyRequestsException", message: "Rate exceeded" })));
            });
            await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
            try {
                const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
                // The real client, with the sandbox's dummy credentials so that no credential chain runs.
                const result = await runUsers(["find", "bob", "--pool", stubPool, "--endpoint", endpoint], { env: {}, root: projectWith({}), client: (settings) => createClient({ ...settings, sandbox: true }) });
                assert.deepStrictEqual(result, {
                    code: 1, stdout: "", stderr: "users: Cognito throttled AdminGetUser (TooManyRequestsException) after 3 attempts; wait a minute and retry, or raise the pool's request quota (Service Quotas)\n",
                });
                assert.strictEqual(requests, 3);
            } finally {
                server.close();
            }
        });
    });

    describe("against the sandbox's emulator", function () {
        this.timeout(20_000);
        let emulator: ServedEmulator;
        let admin: sdk.CognitoIdentityProviderClient;
        let poolId: string;
        let emailPoolId: string;
        let root: string;
        const run = (...argv: string[]) => runUsers([...argv, "--sandbox"], { env: {}, root });
        const inEmailPool = (...argv: string[]) => runUsers([...argv, "--sandbox", "staging"], { env: {}, root });

        async function createUser(pool: string, username: string, attributes: Record<string, string>, options: { password?: boolean; groups?: string[]; disabled?: boolean } = {}) {
            const UserAttributes = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
            await admin.send(new sdk.AdminCreateUserCommand({ UserPoolId: pool, Username: username, UserAttributes, MessageAction: "SUPPRESS" }));
            if (options.password) await admin.send(new sdk.AdminSetUserPasswordCommand({ UserPoolId: pool, Username: username, Password: "correct horse battery staple", Permanent: true }));
            for (const group of options.groups ?? []) await admin.send(new sdk.AdminAddUserToGroupCommand({ UserPoolId: pool, Username: username, GroupName: group }));
            if (options.disabled) await admin.send(new sdk.AdminDisableUserCommand({ UserPoolId: pool, Username: username }));
        }
        const getUser = (pool: string, username: string) => admin.send(new sdk.AdminGetUserCommand({ UserPoolId: pool, Username: username }));

        before(async () => {
            emulator = await startServedEmulator(tmpDir());
            admin = localClient(emulator.url, region);
            poolId = (await admin.send(new sdk.CreateUserPoolCommand({ PoolName: "users-test" }))).UserPool!.Id!;
            // The project's pools sign in with email: the username is then the sub.
            emailPoolId = (await admin.send(new sdk.CreateUserPoolCommand({ PoolName: "users-test-email", UsernameAttributes: ["email"] }))).UserPool!.Id!;
            for (const pool of [poolId, emailPoolId]) {
                for (const [GroupName, Precedence, Description] of [["admins", 0, "Newsroom administrators"], ["editors", 10, "Editors who publish articles"], ["readers", 100, "Registered readers"]] as const) {
                    await admin.send(new sdk.CreateGroupCommand({ UserPoolId: pool, GroupName, Precedence, Description }));
                }
            }
            await createUser(poolId, "amira", { email: "amira@example.com", name: "أميرة الحسن" }, { password: true, groups: ["admins"] });
            await createUser(poolId, "bob", { email: "bob@example.com" }, { password: true, groups: ["editors", "readers"] });
            await createUser(poolId, "carol", { email: "carol@example.org" }, { disabled: true });
            const state = (userPoolId: string) => JSON.stringify({ endpoint: emulator.url, region, userPoolId, clients: { web: "client-id" } });
            root = projectWith({ ".build/sandbox/dev.json": state(poolId), ".build/sandbox/staging.json": state(emailPoolId) });
        });

        after(() => emulator?.stop());

        it("list: one user per line, aligned; --filter and --limit; --json", async () => {
            assert.deepStrictEqual(await run("list"), {
                code: 0, stderr: "",
                stdout: [
                    "amira  amira@example.com  CONFIRMED              enabled",
                    "bob    bob@example.com    CONFIRMED              enabled",
                    "carol  carol@example.org  FORCE_CHANGE_PASSWORD  disabled",
                    "",
                ].join("\n"),
            });
            assert.strictEqual((await run("list", "--filter", 'email ^= "b"')).stdout, "bob  bob@example.com  CONFIRMED  enabled\n");
            assert.strictEqual((await run("list", "--filter", 'email ^= "zz"')).stdout, `no users match email ^= "zz"\n`);
            assert.strictEqual((await run("list", "--limit", "2")).stdout.split("\n").length, 3);
            const listed = JSON.parse((await run("list", "--json", "--limit", "1")).stdout);
            const amira = await getUser(poolId, "amira");
            assert.deepStrictEqual(listed, [{
                username: "amira", email: "amira@example.com", status: "CONFIRMED", enabled: true,
                attributes: Object.fromEntries(amira.UserAttributes!.map((a) => [a.Name, a.Value])),
                created: amira.UserCreateDate!.toISOString(), modified: amira.UserLastModifiedDate!.toISOString(),
            }]);
            assert.strictEqual(listed[0].attributes.name, "أميرة الحسن");
        });

        it("list: a filter Cognito cannot parse is one line naming the filter", async () => {
            assert.deepStrictEqual(await run("list", "--filter", "email is bob"), {
                code: 1, stdout: "", stderr: `users: Cognito refused the filter "email is bob" (Error while parsing filter); write it as attribute = "value" or attribute ^= "value", e.g. --filter 'email ^= "a"'\n`,
            });
        });

        it("find: by username, email or sub, with groups, attributes (an Arabic name as written) and dates", async () => {
            const amira = await getUser(poolId, "amira");
            const sub = amira.UserAttributes!.find((a) => a.Name === "sub")!.Value!;
            const expected = [
                "amira  amira@example.com  CONFIRMED  enabled  groups: admins",
                "  email: amira@example.com",
                "  name: أميرة الحسن",
                `  sub: ${sub}`,
                `  created: ${amira.UserCreateDate!.toISOString()}`,
                `  modified: ${amira.UserLastModifiedDate!.toISOString()}`,
                "",
            ].join("\n");
            for (const named of ["amira", "amira@example.com", sub]) assert.deepStrictEqual(await run("find", named), { code: 0, stdout: expected, stderr: "" }, named);
            const json = JSON.parse((await run("find", "bob", "--json")).stdout);
            assert.deepStrictEqual([json.username, json.groups, json.enabled], ["bob", ["editors", "readers"], true]);
        });

        it("find: an unknown user, by name or by address, is one line and exit 1", async () => {
            assert.deepStrictEqual(await run("find", "ghost"), { code: 1, stdout: "", stderr: unknownUser("ghost", poolId) });
            assert.deepStrictEqual(await run("find", "ghost@example.com"), { code: 1, stdout: "", stderr: unknownUser("ghost@example.com", poolId) });
        });

        it("find: escapes what a user wrote into an attribute that would rewrite the terminal or fake a line", async () => {
            await createUser(poolId, "mallory", { email: "mallory@example.com", name: "Mal\u001b[2J\nroot  CONFIRMED\u202eloot" });
            const { stdout } = await run("find", "mallory");
            assert.ok(stdout.includes("  name: Mal\\u001b[2J\\u000aroot  CONFIRMED\\u202eloot\n"), stdout);
            assert.strictEqual(JSON.parse((await run("find", "mallory", "--json")).stdout).attributes.name, "Mal\u001b[2J\nroot  CONFIRMED\u202eloot");
            await admin.send(new sdk.AdminDeleteUserCommand({ UserPoolId: poolId, Username: "mallory" }));
        });

        it("groups: a user's groups with precedence and description", async () => {
            assert.deepStrictEqual(await run("groups", "bob"), {
                code: 0, stderr: "",
                stdout: "editors  precedence 10   Editors who publish articles\nreaders  precedence 100  Registered readers\n",
            });
            assert.strictEqual((await run("groups", "carol")).stdout, "carol (carol@example.org) is in no group\n");
        });

        it("add-to-group and remove-from-group: change membership, and say when there is nothing to do", async () => {
            const steps: [string[], string][] = [
                [["add-to-group", "carol", "editors"], "added carol (carol@example.org) to editors"],
                [["add-to-group", "carol@example.org", "editors"], "carol (carol@example.org) is already in editors"],
                [["groups", "carol"], "editors  precedence 10  Editors who publish articles"],
                [["remove-from-group", "carol", "editors"], "removed carol (carol@example.org) from editors"],
                [["remove-from-group", "carol", "editors"], "carol (carol@example.org) is not in editors; nothing to remove"],
            ];
            for (const [argv, line] of steps) assert.deepStrictEqual(await run(...argv), { code: 0, stdout: `${line}\n`, stderr: "" }, argv.join(" "));
        });

        it("an unknown group is one line naming the pool's groups; an unknown user one naming the user", async () => {
            assert.deepStrictEqual(await run("add-to-group", "carol", "admin"), {
                code: 1, stdout: "", stderr: `users: no group "admin" in pool ${poolId} (its groups: admins, editors, readers); name one of its groups, or declare the group in userPool.groups of the stack file\n`,
            });
            assert.deepStrictEqual(await run("remove-from-group", "ghost", "admins"), { code: 1, stdout: "", stderr: unknownUser("ghost", poolId) });
        });

        it("enable and disable", async () => {
            assert.deepStrictEqual(await run("enable", "carol"), { code: 0, stdout: "enabled carol (carol@example.org)\n", stderr: "" });
            assert.strictEqual((await getUser(poolId, "carol")).Enabled, true);
            assert.deepStrictEqual(await run("disable", "carol"), { code: 0, stdout: "disabled carol (carol@example.org): they cannot sign in until enabled\n", stderr: "" });
            assert.strictEqual((await getUser(poolId, "carol")).Enabled, false);
        });

        // sign-out is served by the sandbox's gateway: tests/e2e/tokens.test.ts runs it there.
        it("reset-password: the emulator lacks it, and the line says to run it against AWS", async () => {
            for (const [command, op] of [["reset-password", "AdminResetUserPassword"]]) {
                assert.deepStrictEqual(await run(command, "bob"), {
                    code: 1, stdout: "", stderr: `users: the sandbox's emulator (cognito-local) does not implement ${op}; run this command against AWS (--pool <id>)\n`,
                });
            }
        });

        it("delete: only with --yes-delete-user naming the same user", async () => {
            await createUser(poolId, "erin", { email: "erin@example.com" });
            assert.strictEqual((await run("delete", "erin", "--yes-delete-user", "bob")).code, 2);
            assert.ok(await getUser(poolId, "erin"));
            assert.deepStrictEqual(await run("delete", "erin", "--yes-delete-user", "erin"), { code: 0, stdout: "deleted erin (erin@example.com)\n", stderr: "" });
            await assert.rejects(getUser(poolId, "erin"), { name: "UserNotFoundException" });
            assert.deepStrictEqual(await run("delete", "erin", "--yes-delete-user", "erin"), { code: 1, stdout: "", stderr: unknownUser("erin", poolId) });
        });

        it("invite: into an email-sign-in pool, with attributes and a group; the invitation goes to the user, its password never to the output", async () => {
            const before = emulator.messages.length;
            const result = await inEmailPool("invite", "dina@example.com", "--attr", "name=دينا", "--attr", "locale=ar", "--group", "editors");
            const sub = (await getUser(emailPoolId, "dina@example.com")).Username!;
            assert.deepStrictEqual(result, { code: 0, stdout: `invited ${sub} (dina@example.com): FORCE_CHANGE_PASSWORD, invitation emailed to dina@example.com, groups: editors\n`, stderr: "" });
            const sent = emulator.messages.slice(before);
            assert.deepStrictEqual(sent.map((m) => [m.channel, m.destination]), [["email", "dina@example.com"]]);
            assert.ok(sent[0].code && !result.stdout.includes(sent[0].code), "the temporary password is not printed");
            const found = await inEmailPool("find", "dina@example.com");
            assert.match(found.stdout, new RegExp(`^${sub}  dina@example.com  FORCE_CHANGE_PASSWORD  enabled  groups: editors\n  email: dina@example.com\n  locale: ar\n  name: دينا\n`));
        });

        it("invite: --no-email sends nothing; an unknown group stops it before the user is created; an existing user is named", async () => {
            const before = emulator.messages.length;
            assert.strictEqual((await inEmailPool("invite", "omar@example.com", "--no-email", "--json")).code, 0);
            assert.strictEqual(emulator.messages.length, before);
            assert.deepStrictEqual(await inEmailPool("invite", "zed@example.com", "--group", "editor"), {
                code: 1, stdout: "", stderr: `users: no group "editor" in pool ${emailPoolId} (its groups: admins, editors, readers); name one of its groups, or declare the group in userPool.groups of the stack file\n`,
            });
            assert.strictEqual((await inEmailPool("list", "--filter", 'email = "zed@example.com"')).stdout, `no users match email = "zed@example.com"\n`);
            assert.deepStrictEqual(await inEmailPool("invite", "omar@example.com", "--no-email"), {
                code: 1, stdout: "", stderr: `users: a user "omar@example.com" already exists in pool ${emailPoolId}; see them with: npm run users -- find omar@example.com\n`,
            });
        });

        it("the real command (npm run users): exit 1 and one line on stderr for an unknown user, no stack trace, no SDK warning", async () => {
            const argv = ["-r", "./tools/register.js", "tools/users.ts", "find", "ghost", "--pool", poolId, "--region", region, "--endpoint", emulator.url];
            // Not spawnSync: the emulator answering the child runs in this process's event loop.
            const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
                // Dummy keys (the emulator checks no signature), and none of the developer's own.
                const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" };
                delete env.AWS_SESSION_TOKEN;
                delete env.AWS_PROFILE;
                const child = execFile(process.execPath, argv, { cwd: projectRoot, env, encoding: "utf8" }, (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
            });
            assert.deepStrictEqual(result, { code: 1, stdout: "", stderr: unknownUser("ghost", poolId) });
        });
    });
});
