// The offline replacement guard (`npm start -- <stack> --base <ref>`): real edits of the shipped
// prod stack file, planned against a temporary git repository holding a copy of this project.
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkoutOf } from "../../tools/guard/base-checkout";
import { diffPlans, type ResourceDiff } from "../../tools/guard/plan-diff";
import { userPoolBlockers, userPoolCautions } from "../../tools/guard/user-pool-guard";
import { planStack, type Plan } from "../../tools/harness/run-stack";
import { projectRoot } from "../../tools/harness/stack-file";

const pool = "aws:cognito/userPool:UserPool";

describe("replacement guard on the offline plan (--base)", function () {
    this.timeout(60000);
    let repo: string;
    let base: Plan;
    let prodFile: string;

    before(async () => {
        repo = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-base-"));
        const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: projectRoot }).toString().split("\0").filter(Boolean);
        for (const file of files.filter((f) => fs.existsSync(path.join(projectRoot, f)))) {
            fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
            fs.copyFileSync(path.join(projectRoot, file), path.join(repo, file));
        }
        const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { cwd: repo, stdio: "pipe" });
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(repo, "node_modules"), "dir");
        base = await planStack("prod", { root: checkoutOf("main", repo).root });
        prodFile = path.join(repo, "Pulumi.prod.yaml");
    });
    after(() => fs.rmSync(repo, { recursive: true, force: true }));

    /** The prod stack file edited in the working tree, planned, and compared with main. */
    async function changesAfter(edit: (yaml: string) => string): Promise<{ diffs: ResourceDiff[]; blockers: string[] }> {
        const original = fs.readFileSync(prodFile, "utf8");
        const edited = edit(original);
        assert.notStrictEqual(edited, original, "the edit changed the file");
        fs.writeFileSync(prodFile, edited);
        try {
            const head = await planStack("prod", { root: repo });
            const diffs = diffPlans("prod", base.resources, head.resources);
            return { diffs, blockers: userPoolBlockers(diffs) };
        } finally {
            fs.writeFileSync(prodFile, original);
        }
    }
    const poolChanges = (diffs: ResourceDiff[]) => diffs.find((d) => d.type === pool);

    it("finds nothing when nothing changed", async () => {
        const head = await planStack("prod", { root: repo });
        assert.deepStrictEqual(diffPlans("prod", base.resources, head.resources), []);
    });

    it("changing signInWith replaces the pool and everything that takes its id, and is stopped naming the key", async () => {
        const { diffs, blockers } = await changesAfter((y) => y.replace("signInWith: [email]", "signInWith: [username, email]"));
        assert.strictEqual(poolChanges(diffs)?.kind, "replace");
        assert.deepStrictEqual(blockers, [
            `The user pool main-pool: usernameAttributes changes (cognito:userPool.signInWith) from ["email"] to (unset); the provider replaces a UserPool when usernameAttributes changes, so the pool and every user in it would be replaced.`,
            `The user pool main-pool: aliasAttributes changes (cognito:userPool.signInWith) from (unset) to ["email"]; the provider replaces a UserPool when aliasAttributes changes, so the pool and every user in it would be replaced.`,
        ]);
        const web = diffs.find((d) => d.name === "clients-web");
        assert.deepStrictEqual([web?.kind, web?.changes.map((c) => c.path)], ["replace", ["userPoolId"]]);
        assert.strictEqual(diffs.find((d) => d.name === "hosted-certificate"), undefined, "the certificate does not take the pool's id");
    });

    it("making a standard attribute required is refused by Cognito, naming the attribute's key", async () => {
        const { diffs, blockers } = await changesAfter((y) => y.replace("name: { required: false, mutable: true }", "name: { required: true, mutable: true }"));
        assert.strictEqual(poolChanges(diffs)?.kind, "update");
        assert.deepStrictEqual(blockers, ["The user pool main-pool: schemas[name].required changes (cognito:userPool.standardAttributes.name) from false to true; Cognito refuses this (Cognito cannot change an attribute of an existing pool (UpdateUserPool has no schema; only AddCustomAttributes adds)), so the update fails."]);
    });

    it("adding a custom attribute is an update; removing one is refused", async () => {
        const added = await changesAfter((y) => y.replace("      newsletterOptIn: { type: Boolean }\n", "      newsletterOptIn: { type: Boolean }\n      region: { type: String }\n"));
        assert.deepStrictEqual([poolChanges(added.diffs)?.kind, poolChanges(added.diffs)?.changes.map((c) => [c.path, !!c.refused, !!c.replaces]), added.blockers], ["update", [["schemas[region]", false, false]], []]);
        const removed = await changesAfter((y) => y.replace("      newsletterOptIn: { type: Boolean }\n", ""));
        assert.deepStrictEqual(removed.blockers.map((b) => b.split(";")[0]), ["The user pool main-pool: schemas[newsletterOptIn] changes (cognito:userPool.customAttributes.newsletterOptIn) from {\"attributeDataType\":\"Boolean\",\"developerOnlyAttribute\":false,\"mutable\":true,\"name\":\"newsletterOptIn\",\"required\":false} to (unset)"]);
    });

    it("renaming the pool updates it in place (provider 6.6+): shown, not stopped", async () => {
        const { diffs, blockers } = await changesAfter((y) => y.replace("name: news-prod", "name: news-production"));
        assert.strictEqual(poolChanges(diffs)?.kind, "update");
        assert.deepStrictEqual(poolChanges(diffs)?.changes.find((c) => c.path === "name"), { path: "name", before: "news-prod", after: "news-production" });
        assert.deepStrictEqual(blockers, []);
        assert.strictEqual(diffs.find((d) => d.name === "main-pre-sign-up-function")?.kind, "replace", "trigger functions are named after the pool: they are replaced (harmless)");
    });

    it("as a command: exit 2 with the report; --allow-replace --json exits 0 with the changes in the document", () => {
        const run = (...args: string[]) => spawnSync(process.execPath, ["-r", path.join(repo, "tools/register.js"), path.join(repo, "tools/plan.ts"), "prod", "--base", "main", ...args], { cwd: repo, encoding: "utf8" });
        const original = fs.readFileSync(prodFile, "utf8");
        fs.writeFileSync(prodFile, original.replace("    signInWith: [email]\n", "    signInWith: [email]\n    caseSensitive: true\n"));
        try {
            const stopped = run();
            assert.strictEqual(stopped.status, 2, stopped.stderr);
            assert.match(stopped.stdout, /\nSTOP: this change would lose the user pool's users:\n  - The user pool main-pool: usernameConfiguration\.caseSensitive changes \(cognito:userPool\.caseSensitive\) from false to true; the provider replaces a UserPool when usernameConfiguration\.caseSensitive changes, so the pool and every user in it would be replaced\.\nKeep the deployed value\./);
            const allowed = run("--allow-replace", "--json");
            assert.strictEqual(allowed.status, 0, allowed.stderr);
            const document = JSON.parse(allowed.stdout);
            assert.deepStrictEqual([document.changes.base, document.changes.allowReplace, document.changes.userPoolBlockers.length], ["main", true, 1]);
            assert.strictEqual(document.changes.resources.find((d: ResourceDiff) => d.type === pool).kind, "replace");
        } finally {
            fs.writeFileSync(prodFile, original);
        }
    });

    it("names a ref git does not know", () => {
        const result = spawnSync(process.execPath, ["-r", path.join(repo, "tools/register.js"), path.join(repo, "tools/plan.ts"), "prod", "--base", "no-such-branch"], { cwd: repo, encoding: "utf8" });
        assert.strictEqual(result.status, 1);
        assert.strictEqual(result.stderr.trim(), "--base no-such-branch: git knows no commit by that name here (in CI, fetch the target branch first: `git fetch origin main`, then --base origin/main)");
    });
});

describe("user pool verdicts on a diff", () => {
    const poolDiff = (changes: ResourceDiff["changes"]): ResourceDiff[] => [{ kind: "update", type: pool, name: "main-pool", urn: "urn:pulumi:prod::cognito::aws:cognito/userPool:UserPool::main-pool", changes }];

    it("stops an import id that changes to another pool (the engine would import it and delete the managed one), not one that is removed", () => {
        assert.deepStrictEqual(userPoolBlockers(poolDiff([{ path: "option import", before: "eu-central-1_Old", after: "eu-central-1_Other" }])), [
            `The user pool main-pool: its import id changes (cognito:userPool.importId) from "eu-central-1_Old" to "eu-central-1_Other"; the engine would import that pool and delete the one this stack manages (an import-replacement). Remove importId once a pool is imported.`,
        ]);
        assert.strictEqual(userPoolBlockers(poolDiff([{ path: "option import", before: undefined, after: "eu-central-1_New" }])).length, 1, "a pool managed so far, now imported from elsewhere");
        assert.deepStrictEqual(userPoolBlockers(poolDiff([{ path: "option import", before: "eu-central-1_Old", after: undefined }])), [], "removing importId after the import is the documented step");
    });

    it("says, without stopping, when protection is taken off the pool", () => {
        const changes = [
            { path: "option protect", before: true, after: false },
            { path: "option retainOnDelete", before: true, after: false },
            { path: "deletionProtection", before: "ACTIVE", after: "INACTIVE" },
        ];
        assert.deepStrictEqual(userPoolBlockers(poolDiff(changes)), []);
        assert.deepStrictEqual(userPoolCautions(poolDiff(changes)), [
            "The user pool main-pool: the stack no longer protects it (cognito:userPool.protect): a later delete would go through.",
            "The user pool main-pool: it would be deleted in AWS, not only forgotten, when it leaves the stack (cognito:userPool.retainOnDelete).",
            "The user pool main-pool: AWS would let it be deleted (cognito:userPool.deletionProtection).",
        ]);
        assert.deepStrictEqual(userPoolCautions(poolDiff([{ path: "option protect", before: false, after: true }])), [], "protection added is no caution");
    });
});
