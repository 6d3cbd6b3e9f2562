// Restore gives an exported user's groups (and disabled state) only to an account it made itself
// (its journal knows it by sub), or to the same confirmed native user (same sub): never to an
// account that merely carries the address or the username, which anyone could have made first (an
// unconfirmed sign-up, a Google sign-in) or made while the restore ran. A stateful stub pool stands
// in for Cognito: the emulator has no federated users.
import type * as sdk from "@aws-sdk/client-cognito-identity-provider";
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectRoot } from "../../tools/harness/stack-file";
import { runUsers } from "../../tools/users";
import { tempDirs } from "../support/temp-dirs";
import type { CognitoSender } from "../../tools/users/client";

const poolId = "eu-central-1_Target123";
const tmpDir = tempDirs("restore-trust-");

interface StubUser { username: string; status: string; enabled: boolean; email: string; sub: string; groups: Set<string> }

/**
 * A pool that signs in with email (or, with chooseUsernames, by a username people choose), keeps its
 * users, and records every change. raceOn: an account someone else makes just before restore's.
 */
function stubPool(users: StubUser[], { raceOn, chooseUsernames = false }: { raceOn?: { email: string; user: StubUser }; chooseUsernames?: boolean } = {}) {
    const changes: string[] = [];
    const byName = (name: unknown) => users.find((u) => u.username === name || u.email === name);
    const listed = (u: StubUser): sdk.UserType => ({ Username: u.username, UserStatus: u.status as sdk.UserStatusType, Enabled: u.enabled, Attributes: [{ Name: "sub", Value: u.sub }, { Name: "email", Value: u.email }] });
    const answers: Record<string, (input: any) => object> = {
        DescribeUserPool: () => ({ UserPool: { Id: poolId, UsernameAttributes: chooseUsernames ? undefined : ["email"], SchemaAttributes: [{ Name: "sub" }, { Name: "email" }, { Name: "email_verified" }, { Name: "custom:tier" }, { Name: "custom:migratedFrom" }] } }),
        ListGroups: () => ({ Groups: ["admins", "editors", "readers"].map((GroupName) => ({ GroupName })) }),
        ListUsersInGroup: (input) => ({ Users: users.filter((u) => u.groups.has(input.GroupName)).map(listed) }),
        ListUsers: () => ({ Users: users.map(listed) }),
        AdminCreateUser: (input) => {
            if (raceOn && input.Username === raceOn.email) {
                users.push(raceOn.user); // made by someone else between the listing and this call
                throw Object.assign(new Error("User account already exists"), { name: "UsernameExistsException", $metadata: {} });
            }
            const email = chooseUsernames ? input.UserAttributes.find((a: sdk.AttributeType) => a.Name === "email").Value : input.Username;
            const user = { username: chooseUsernames ? input.Username : `new-${users.length}`, status: "FORCE_CHANGE_PASSWORD", enabled: true, email, sub: `new-sub-${users.length}`, groups: new Set<string>() };
            users.push(user);
            changes.push(`create ${input.Username} ${JSON.stringify(Object.fromEntries(input.UserAttributes.map((a: sdk.AttributeType) => [a.Name, a.Value])))}`);
            return { User: listed(user) };
        },
        AdminGetUser: (input) => {
            const u = byName(input.Username)!;
            return { Username: u.username, UserStatus: u.status, Enabled: u.enabled, UserAttributes: listed(u).Attributes };
        },
        AdminAddUserToGroup: (input) => (byName(input.Username)!.groups.add(input.GroupName), changes.push(`add ${input.Username} to ${input.GroupName}`), {}),
        AdminDisableUser: (input) => ((byName(input.Username)!.enabled = false), changes.push(`disable ${input.Username}`), {}),
    };
    const client: CognitoSender = {
        async send(command) {
            const answer = answers[command.constructor.name.replace(/Command$/, "")];
            if (!answer) throw new Error(`the stub has no answer for ${command.constructor.name}`);
            return answer(command.input);
        },
    };
    return { client, changes, users };
}

/** An export folder: users (username, address, sub, groups, enabled), written as export writes them. */
function exportOf(users: { username: string; email: string; sub: string; groups: string[]; enabled?: boolean; attributes?: Record<string, string> }[]): string {
    const folder = path.join(tmpDir(), "export");
    fs.mkdirSync(folder, { mode: 0o700 });
    const lines = users.map((u) => JSON.stringify({ username: u.username, status: "CONFIRMED", enabled: u.enabled ?? true, attributes: { sub: u.sub, email: u.email, email_verified: "true", ...u.attributes } }));
    fs.writeFileSync(path.join(folder, "users.jsonl"), `${lines.join("\n")}\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(folder, "groups.json"), JSON.stringify([{ name: "admins" }, { name: "editors" }, { name: "readers" }]), { mode: 0o600 });
    fs.writeFileSync(path.join(folder, "memberships.jsonl"), users.flatMap((u) => u.groups.map((group) => `${JSON.stringify({ group, username: u.username })}\n`)).join(""), { mode: 0o600 });
    return folder;
}

/** The account commands run as when a test needs one that is not root. */
const nobody = 65534;

const restore = (folder: string, client: CognitoSender, ...more: string[]) =>
    runUsers(["restore", folder, "--pool", poolId, "--allow-incomplete", ...more], { env: {}, root: tmpDir(), client: () => client, pace: { progressEveryMs: 3_600_000, sleep: async () => undefined } });

describe("npm run users -- restore: whose account gets the exported groups", () => {
    const exported = [
        { username: "old-admin", email: "admin@example.com", sub: "sub-admin", groups: ["admins"] },
        { username: "old-editor", email: "editor@example.com", sub: "sub-editor", groups: ["editors"], enabled: false },
        { username: "old-carl", email: "carl@example.com", sub: "sub-carl", groups: ["admins"] },
        { username: "old-rita", email: "rita@example.com", sub: "sub-rita", groups: ["readers", "editors"] },
        { username: "old-nora", email: "nora@example.com", sub: "sub-nora", groups: ["admins"] },
    ];
    const squatters = (): StubUser[] => [
        // Someone signed up with the administrator's address and never confirmed it.
        { username: "u-squatter", status: "UNCONFIRMED", enabled: true, email: "admin@example.com", sub: "sub-squatter", groups: new Set() },
        // A Google account asserting the editor's address.
        { username: "Google_1234567890", status: "EXTERNAL_PROVIDER", enabled: true, email: "editor@example.com", sub: "sub-google", groups: new Set() },
        // A confirmed account of someone else with carl's address (a pool that did not sign in with email).
        { username: "u-other-carl", status: "CONFIRMED", enabled: true, email: "carl@example.com", sub: "sub-other", groups: new Set() },
        // Rita herself: a restore into the pool the export came from.
        { username: "old-rita", status: "CONFIRMED", enabled: true, email: "rita@example.com", sub: "sub-rita", groups: new Set(["readers"]) },
    ];

    it("adds groups only to accounts it made and to the same confirmed user; reports every other match by masked address and leaves it alone", async () => {
        const folder = exportOf(exported);
        const pool = stubPool(squatters());
        const result = await restore(folder, pool.client);
        assert.strictEqual(result.code, 0, result.stderr);
        assert.deepStrictEqual(result.stdout.split("\n"), [
            `restore of ${folder} into pool ${poolId}: created 1 user, 1 already present; created 0 groups; added 2 memberships; disabled 0 users`,
            "the export is incomplete (--allow-incomplete): users, groups and memberships it did not reach are missing",
            "left alone a***@example.com (exported user old-admin): a UNCONFIRMED account restore did not make (an unfinished sign-up or an invitation); no group added, nothing disabled: check who owns it, delete it if it is not theirs, and restore again",
            "left alone e***@example.com (exported user old-editor): a federated account (an identity provider's user), not one restore made; no group added, nothing disabled: check who owns it, delete it if it is not theirs, and restore again",
            "left alone c***@example.com (exported user old-carl): a confirmed account restore did not make, whose sub differs from the exported user's; no group added, nothing disabled: check who owns it, delete it if it is not theirs, and restore again",
            "the 1 created user is in FORCE_CHANGE_PASSWORD and got no invitation: each sets a new password at first sign-in, with the temporary one an invitation sends when you resend it (npm run users -- resend-invitation <user>); old passwords, MFA and passkeys do not carry over",
            "",
        ]);
        assert.deepStrictEqual([...pool.changes].sort(), [
            "add new-4 to admins",
            "add old-rita to editors",
            `create nora@example.com {"email":"nora@example.com","email_verified":"true"}`,
        ]);
        const groupsOf = (username: string) => [...pool.users.find((u) => u.username === username)!.groups];
        assert.deepStrictEqual([groupsOf("u-squatter"), groupsOf("Google_1234567890"), groupsOf("u-other-carl")], [[], [], []]);
        assert.strictEqual(pool.users.find((u) => u.username === "Google_1234567890")!.enabled, true, "another's account is not disabled");
        assert.ok(!result.stdout.includes("admin@") && !result.stdout.includes("editor@"), "addresses are masked");

        // The account it made is its own on the next run (its journal says so), even once confirmed.
        pool.users.find((u) => u.username === "new-4")!.status = "CONFIRMED";
        pool.users.find((u) => u.username === "new-4")!.groups.clear();
        const again = await restore(folder, pool.client);
        assert.match(again.stdout, new RegExp(`^restore of ${folder} into pool ${poolId}: created 0 users, 2 already present; created 0 groups; added 1 membership; disabled 0 users\n`));
        assert.deepStrictEqual(pool.changes.slice(3), ["add new-4 to admins"]);
        assert.deepStrictEqual(fs.readdirSync(folder).filter((n) => n.startsWith("restore-journal")), [`restore-journal.${poolId}.jsonl`]);
        assert.strictEqual(fs.statSync(path.join(folder, `restore-journal.${poolId}.jsonl`)).mode & 0o777, 0o600);
    });

    it("gives nothing to a confirmed account that took an exported user's username in a pool where people choose theirs (only the sub proves the user)", async () => {
        const folder = exportOf([{ username: "alice", email: "alice@example.com", sub: "sub-alice", groups: ["admins"] }]);
        const pool = stubPool([{ username: "alice", status: "CONFIRMED", enabled: true, email: "attacker@evil.example", sub: "sub-attacker", groups: new Set() }], { chooseUsernames: true });
        const result = await restore(folder, pool.client);
        assert.strictEqual(result.code, 0, result.stderr);
        assert.match(result.stdout, /\nleft alone a\*\*\* \(exported user alice\): a confirmed account restore did not make, whose sub differs/);
        assert.deepStrictEqual(pool.changes, []);
    });

    describe("the journal: an account restore made is known by its sub, never by its username", () => {
        const alice = { username: "alice", email: "alice@example.com", sub: "sub-alice", groups: ["admins"] };
        const leftAlone = (why: string) => `left alone a*** (exported user alice): ${why}; no group added, nothing disabled: check who owns it, delete it if it is not theirs, and restore again`;
        const journalOf = (folder: string) => fs.readFileSync(path.join(folder, `restore-journal.${poolId}.jsonl`), "utf8");

        it("gives nothing to a stranger who registered the username of an account restore made, after an administrator deleted that account", async () => {
            const folder = exportOf([alice]);
            const pool = stubPool([], { chooseUsernames: true });
            const first = await restore(folder, pool.client);
            assert.strictEqual(first.code, 0, first.stderr);
            assert.deepStrictEqual(pool.changes, [`create alice {"email":"alice@example.com","email_verified":"true"}`, "add alice to admins"]);
            assert.strictEqual(journalOf(folder), `${JSON.stringify({ exported: "alice", created: "alice", sub: "new-sub-0" })}\n`);

            pool.users.splice(0); // an administrator deletes restore's alice
            pool.users.push({ username: "alice", status: "CONFIRMED", enabled: true, email: "mallory@evil.example", sub: "sub-mallory", groups: new Set() }); // a stranger registers "alice"
            const again = await restore(folder, pool.client);
            assert.strictEqual(again.code, 0, again.stderr);
            assert.ok(again.stdout.split("\n").includes(leftAlone("restore made an account by this username before, with another sub: that one is gone and this one was made since")), again.stdout);
            assert.deepStrictEqual(pool.changes.slice(2), []);
            assert.deepStrictEqual([...pool.users[0].groups], []);
        });

        it("grants nothing on a journal line without a sub (an older restore's): the account is left alone, and the line says why", async () => {
            const folder = exportOf([alice]);
            fs.writeFileSync(path.join(folder, `restore-journal.${poolId}.jsonl`), `${JSON.stringify({ exported: "alice", created: "alice" })}\n`, { mode: 0o600 });
            const pool = stubPool([{ username: "alice", status: "FORCE_CHANGE_PASSWORD", enabled: true, email: "alice@example.com", sub: "sub-made-long-ago", groups: new Set() }], { chooseUsernames: true });
            const result = await restore(folder, pool.client);
            assert.strictEqual(result.code, 0, result.stderr);
            assert.ok(result.stdout.split("\n").includes(leftAlone("the journal names an account by this username without its sub (a line an older version wrote), so nothing proves this is the account restore made rather than one made since under that name; if it is, add its groups by hand")), result.stdout);
            assert.deepStrictEqual(pool.changes, []);
        });

        it("asks the pool for the sub of the account it made when AdminCreateUser's answer lacks it, and knows that account on the next run", async () => {
            const folder = exportOf([alice]);
            const pool = stubPool([], { chooseUsernames: true });
            const send = pool.client.send.bind(pool.client);
            pool.client.send = (async (command: any) => {
                const answer: any = await send(command);
                return command.constructor.name === "AdminCreateUserCommand" ? { User: { ...answer.User, Attributes: answer.User.Attributes.filter((a: sdk.AttributeType) => a.Name !== "sub") } } : answer;
            }) as CognitoSender["send"];
            assert.strictEqual((await restore(folder, pool.client)).code, 0);
            assert.strictEqual(journalOf(folder), `${JSON.stringify({ exported: "alice", created: "alice", sub: "new-sub-0" })}\n`);
            pool.users[0].groups.clear(); // someone took alice out of admins: the next run puts her back, as its own account's
            const again = await restore(folder, pool.client);
            assert.match(again.stdout, /: created 0 users, 1 already present; created 0 groups; added 1 membership; disabled 0 users\n/);
        });
    });

    it("judges an account made while it ran (AdminCreateUser: UsernameExistsException) like any other: an unconfirmed sign-up gets nothing", async () => {
        const folder = exportOf([{ username: "old-nora", email: "nora@example.com", sub: "sub-nora", groups: ["admins"] }]);
        const pool = stubPool([], { raceOn: { email: "nora@example.com", user: { username: "u-racer", status: "UNCONFIRMED", enabled: true, email: "nora@example.com", sub: "sub-racer", groups: new Set() } } });
        const result = await restore(folder, pool.client);
        assert.strictEqual(result.code, 0, result.stderr);
        assert.match(result.stdout, /\nleft alone n\*\*\*@example\.com \(exported user old-nora\): a UNCONFIRMED account restore did not make/);
        assert.deepStrictEqual(pool.changes, []);
    });

    it("says which address two exported users share, and both usernames", async () => {
        const folder = exportOf([
            { username: "alice", email: "twin@example.com", sub: "s1", groups: ["readers"] },
            { username: "alice2", email: "TWIN@example.com", sub: "s2", groups: ["admins"] },
        ]);
        const result = await restore(folder, stubPool([]).client);
        assert.match(result.stdout, /\nskipped T\*\*\*@example\.com \(exported user alice2\): exported user alice already has that sign-in address here; never merged into one account: restore it by hand\n/);
    });

    it("leaves the migration's mark and --drop-attribute names behind, and says so", async () => {
        const folder = exportOf([{ username: "old-tia", email: "tia@example.com", sub: "s-tia", groups: [], attributes: { "custom:tier": "gold", "custom:migratedFrom": "eu-west-1_Old:boss" } }]);
        const pool = stubPool([]);
        const result = await restore(folder, pool.client, "--drop-attribute", "custom:tier");
        assert.strictEqual(result.code, 0, result.stderr);
        assert.deepStrictEqual(pool.changes, [`create tia@example.com {"email":"tia@example.com","email_verified":"true"}`]);
        assert.match(result.stdout, /\nleft behind attribute custom:migratedFrom: the migration trigger's own mark: only it writes one\nleft behind attribute custom:tier: --drop-attribute\n/);
    });

    it("leaves behind the claims the named stack's role-mapping rules choose roles by, unless --carry-attribute carries one", async () => {
        const stackFile = path.join(projectRoot, "Pulumi.restore-trust-test.yaml");
        const rules = "  cognito:identityPool:\n    clients: [web, mobile]\n    roleMapping:\n      type: rules\n      trustedClaims: [custom:edition]\n      rules:\n        - { claim: custom:edition, value: ar, roleArn: arn:aws:iam::123456789012:role/arabic-desk }\n";
        fs.writeFileSync(stackFile, fs.readFileSync(path.join(projectRoot, "Pulumi.dev.yaml"), "utf8").replace("  cognito:stage: dev\n", "  cognito:stageDefaults: dev\n").replace(/  cognito:identityPool:\n(    .*\n|      .*\n)*/, rules));
        try {
            const folder = exportOf([{ username: "old-tia", email: "tia@example.com", sub: "s-tia", groups: [], attributes: { "custom:edition": "ar" } }]);
            const withStack = (...more: string[]) => runUsers(["restore", folder, "--pool", poolId, "--allow-incomplete", "--stack", "restore-trust-test", ...more], { env: {}, root: projectRoot, client: () => stubPool([]).client, pace: { progressEveryMs: 3_600_000, sleep: async () => undefined } });
            const left = await withStack();
            assert.strictEqual(left.code, 0, left.stderr);
            assert.match(left.stdout, /\nleft behind attribute custom:edition: chooses AWS roles in stack restore-trust-test, and the source pool may have let users write it \(--carry-attribute to carry it\)\n/);
            const carried = await withStack("--carry-attribute", "custom:edition");
            assert.doesNotMatch(carried.stdout, /left behind attribute custom:edition/);
        } finally {
            fs.rmSync(stackFile, { force: true });
        }
    });

    it("refuses a --drop-attribute name no exported user carries (a misspelling would carry the attribute meant), before any call", async () => {
        const folder = exportOf([{ username: "old-tia", email: "tia@example.com", sub: "s-tia", groups: [], attributes: { "custom:tier": "gold" } }]);
        const pool = stubPool([]);
        assert.deepStrictEqual(await restore(folder, pool.client, "--drop-attribute", "custom:teir"), { code: 2, stdout: "", stderr: `users: --drop-attribute "custom:teir" is not an attribute of any exported user; did you mean "custom:tier"?\n` });
        assert.deepStrictEqual(pool.changes, []);
    });

    it("says which stack file it could not read for the claims to leave behind, before any call", async () => {
        const stackFile = path.join(projectRoot, "Pulumi.restore-broken-test.yaml");
        fs.writeFileSync(stackFile, "config:\n  cognito:userPool: [not, a, mapping\n");
        try {
            const pool = stubPool([]);
            const result = await runUsers(["restore", exportOf([]), "--pool", poolId, "--allow-incomplete", "--stack", "restore-broken-test"], { env: {}, root: projectRoot, client: () => pool.client });
            assert.strictEqual(result.code, 1);
            assert.match(result.stderr, /^users: cannot read which claims stack restore-broken-test trusts for AWS roles: .+; fix the stack file, or name the pool with --pool alone\n$/);
            assert.deepStrictEqual(pool.changes, []);
        } finally {
            fs.rmSync(stackFile, { force: true });
        }
    });

    it("restores the groups of the same user whatever its status (a sub is never given twice), but not to a federated account", async () => {
        const folder = exportOf([{ username: "old-rita", email: "rita@example.com", sub: "sub-rita", groups: ["editors"] }]);
        const pool = stubPool([{ username: "old-rita", status: "FORCE_CHANGE_PASSWORD", enabled: true, email: "rita@example.com", sub: "sub-rita", groups: new Set() }]);
        const result = await restore(folder, pool.client);
        assert.strictEqual(result.code, 0, result.stderr);
        assert.deepStrictEqual(pool.changes, ["add old-rita to editors"]);
    });

    it("stops before any change, saying what to do, when the export folder cannot take its journal (an archived, read-only copy)", function () {
        // Root writes through a 0500 folder: the command runs as another account, which only root can do (CI runs as root).
        if (process.getuid?.() !== 0) this.skip();
        const folder = exportOf([{ username: "old-rita", email: "rita@example.com", sub: "sub-rita", groups: ["editors"] }]);
        fs.chmodSync(path.dirname(folder), 0o755);
        for (const name of fs.readdirSync(folder)) fs.chownSync(path.join(folder, name), nobody, nobody);
        fs.chownSync(folder, nobody, nobody);
        fs.chmodSync(folder, 0o500);
        const run = spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools", "register.js"), path.join(projectRoot, "tools", "users.ts"), "restore", folder, "--pool", poolId, "--allow-incomplete"], {
            cwd: projectRoot, encoding: "utf8", uid: nobody, gid: nobody, env: { PATH: process.env.PATH, HOME: os.tmpdir(), AWS_ACCESS_KEY_ID: "unused", AWS_SECRET_ACCESS_KEY: "unused" },
        });
        const journal = path.join(folder, `restore-journal.${poolId}.jsonl`);
        assert.deepStrictEqual([run.status, run.stdout, run.stderr], [1, "", `users: cannot write restore's journal ${journal} (EACCES), which records the accounts it makes; copy the export into a private folder you can write (cp -a <folder> "$(mktemp -d)") and restore from the copy\n`]);
    });

    it("refuses --carry-attribute for a claim no role-mapping rule of the named stack uses", async () => {
        const folder = exportOf([]);
        const result = await restore(folder, stubPool([]).client, "--carry-attribute", "custom:tier");
        assert.deepStrictEqual(result, { code: 2, stdout: "", stderr: `users: --carry-attribute "custom:tier" is carried anyway; name a claim the role-mapping rules of the named stack use (none)\n` });
    });
});
