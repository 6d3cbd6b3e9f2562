// The offline replacement guard (`npm start -- <stack> --base <ref>`): real edits of the shipped
// project (the prod stack file, Pulumi.yaml, index.ts), planned against a temporary git repository
// holding a copy of this project, each with the verdict a real `pulumi up` has according to the
// upstream sources (terraform-provider-aws's ForceNew and region rules, the engine's URNs and aliases).
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BaseRefError, checkoutOf } from "../../tools/guard/base-checkout";
import { comparePlans, diffPlans, type ResourceDiff } from "../../tools/guard/plan-diff";
import { guardVerdict, userPoolBlockers, userPoolCautions } from "../../tools/guard/user-pool-guard";
import { planStack, type Plan } from "../../tools/harness/run-stack";
import { copyProject, gitIn } from "../support/git-project";

const pool = "aws:cognito/userPool:UserPool";

/** Forgets the modules loaded from `root` (not its node_modules), so an edited index.ts is read again. */
function forgetModules(root: string): void {
    for (const key of Object.keys(require.cache)) if (key.startsWith(`${root}${path.sep}`) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[key];
}

describe("replacement guard on the offline plan (--base)", function () {
    this.timeout(60000);
    let repo: string;
    let base: Plan;
    let prodFile: string;

    before(async () => {
        repo = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-base-"));
        copyProject(repo);
        const git = gitIn(repo);
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        base = await planStack("prod", { root: checkoutOf("main", repo).root });
        prodFile = path.join(repo, "Pulumi.prod.yaml");
    });
    after(() => fs.rmSync(repo, { recursive: true, force: true }));

    /** Files of the working tree edited, the prod stack planned, compared with main and judged; the files restored after. */
    async function changesAfterEdits(edits: Record<string, (text: string) => string>): Promise<{ diffs: ResourceDiff[]; blockers: string[]; cautions: string[]; head: Plan }> {
        const originals = Object.fromEntries(Object.keys(edits).map((file) => [file, fs.readFileSync(path.join(repo, file), "utf8")]));
        try {
            for (const [file, edit] of Object.entries(edits)) {
                const edited = edit(originals[file]);
                assert.notStrictEqual(edited, originals[file], `the edit changed ${file}`);
                fs.writeFileSync(path.join(repo, file), edited);
            }
            forgetModules(repo);
            const head = await planStack("prod", { root: repo });
            const comparison = comparePlans(base, head);
            return { diffs: [...comparison.diffs], ...guardVerdict(base, head, comparison), head };
        } finally {
            for (const [file, text] of Object.entries(originals)) fs.writeFileSync(path.join(repo, file), text);
            forgetModules(repo);
        }
    }
    /** The prod stack file edited. */
    const changesAfter = (edit: (yaml: string) => string) => changesAfterEdits({ "Pulumi.prod.yaml": edit });
    const poolChanges = (diffs: ResourceDiff[]) => diffs.find((d) => d.type === pool);

    it("finds nothing when nothing changed", async () => {
        const head = await planStack("prod", { root: repo });
        assert.deepStrictEqual(diffPlans(base, head), []);
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

    const userPool = (args: string) => `new UserPool(${args});`;
    const shippedPool = userPool(`"main", { ...stack.pool, triggers, tags, transform: transforms.userPool }`);
    /** index.ts with the user pool component's line replaced. */
    const poolLine = (args: string) => ({ "index.ts": (t: string) => t.replace(shippedPool, userPool(args)) });

    it("changing aws:region replaces every regional resource, the pool first (the provider fills an unset region with its own, and a new one forces replacement); IAM and a resource on a provider of its own region stay", async () => {
        const { diffs, blockers } = await changesAfter((y) => y.replace("aws:region: eu-central-1", "aws:region: eu-west-1"));
        assert.deepStrictEqual(poolChanges(diffs)?.changes.find((c) => c.path === "region"), { path: "region", before: "eu-central-1", after: "eu-west-1", replaces: "the provider replaces a UserPool when region changes" });
        assert.deepStrictEqual(blockers, [`The user pool main-pool: region changes (aws:region, or the region of the pool's provider) from "eu-central-1" to "eu-west-1"; the provider replaces a UserPool when region changes, so the pool and every user in it would be replaced.`]);
        assert.deepStrictEqual(diffs.filter((d) => d.kind === "replace" && !d.changes.some((c) => c.path === "region")), [], "every replacement is a region change");
        assert.ok(diffs.filter((d) => d.kind === "replace").length > 30);
        assert.deepStrictEqual(diffs.filter((d) => d.kind === "replace" && /^aws:(iam|route53)\//.test(d.type)), [], "global types are updated (their policies name new ARNs), not replaced");
        assert.deepStrictEqual(diffs.filter((d) => d.name.startsWith("hosted-certificate")), [], "the certificate lives in us-east-1 through its own provider");
    });

    it("a pool moved to another provider through transform is stopped; a provider of another region replaces it", async () => {
        const moved = await changesAfterEdits(poolLine(`"main", { ...stack.pool, triggers, tags, transform: { pool: (_args, opts) => { opts.provider = new (require("@pulumi/aws").Provider)("moved", { region: "eu-central-1" }); } } }`));
        assert.deepStrictEqual(poolChanges(moved.diffs)?.changes, [{ path: "option provider", before: "(default provider)", after: "moved" }]);
        assert.deepStrictEqual(moved.blockers, ["The user pool main-pool: its provider changes from (default provider) to moved (a transform or the component's options); the engine replaces the pool when the new provider's configuration calls for it (its DiffConfig), which only a real `pulumi preview` can tell. Keep the pool on its provider."]);
        const west = await changesAfterEdits(poolLine(`"main", { ...stack.pool, triggers, tags }, { providers: [new (require("@pulumi/aws").Provider)("west", { region: "eu-west-1" })] }`));
        assert.strictEqual(poolChanges(west.diffs)?.kind, "replace", "the component's providers reach the pool");
        assert.deepStrictEqual(west.blockers.map((b) => b.split(";")[0]), [
            "The user pool main-pool: its provider changes from (default provider) to west (a transform or the component's options)",
            `The user pool main-pool: region changes (aws:region, or the region of the pool's provider) from "eu-central-1" to "eu-west-1"`,
        ]);
    });

    it("renaming the project in Pulumi.yaml is a stop: every URN and the config namespace change", async () => {
        const { diffs, blockers, head } = await changesAfterEdits({ "Pulumi.yaml": (y) => y.replace("name: cognito", "name: news-auth") });
        assert.strictEqual(head.project, "news-auth");
        assert.ok(diffs.some((d) => d.kind === "remove" && d.type === pool) && !diffs.some((d) => d.kind === "update"), "nothing deployed answers to a URN of the new project");
        assert.deepStrictEqual(blockers, ["The project is renamed from cognito to news-auth (Pulumi.yaml name): every URN holds the project's name, so no deployed resource answers to its new URN. The engine would create every resource again, the user pool empty, and delete the deployed ones (with Pulumi Cloud or a project-scoped backend, the stack is not even found: a new, empty stack); and the stack files' cognito: keys are not read by a project named news-auth. To rename a project, move each stack with it (`pulumi stack rename <org>/news-auth/<stack>` rewrites its state) and rename the cognito: keys of every stack file, in one change."]);
        assert.match(head.warnings.find((w) => w.includes("which nothing reads")) ?? "(no such warning)", /^setting without effect: cognito:\* \(\d+ keys: stage, userPool, .*\) are this program's keys under "cognito", which nothing reads: Pulumi\.yaml names the project "news-auth", whose keys are news-auth:\*; the program runs on its defaults without them$/);
        const keysToo = await changesAfterEdits({ "Pulumi.yaml": (y) => y.replace("name: cognito", "name: news-auth"), "Pulumi.prod.yaml": (y) => y.replace(/^ {2}cognito:/gm, "  news-auth:") });
        assert.deepStrictEqual([keysToo.blockers.length, keysToo.blockers[0].split(":")[0], keysToo.head.warnings.some((w) => w.includes("which nothing reads"))], [1, "The project is renamed from cognito to news-auth (Pulumi.yaml name)", false]);
    });

    it("a component renamed with an alias to its old name keeps its children (the engine's inherited child alias swaps the name prefix): no change; without the alias the pool is deleted", async () => {
        const aliased = await changesAfterEdits(poolLine(`"users", { ...stack.pool, triggers, tags }, { aliases: [{ name: "main" }] }`));
        assert.deepStrictEqual([aliased.diffs, aliased.blockers], [[], []]);
        assert.ok(aliased.head.resources.some((r) => r.name === "users-pool"), "the children carry the new name");
        const bare = await changesAfterEdits(poolLine(`"users", { ...stack.pool, triggers, tags }`));
        assert.deepStrictEqual(bare.blockers, ["The user pool main-pool would be deleted: it is no longer in the program, or its logical name or parent changed without an alias. It is protected, so `pulumi up` fails rather than delete it, until someone takes protect off."]);
    });

    it("the pool's own options weigh as the engine weighs them: ignoreChanges keeps the deployed value, replaceOnChanges replaces", async () => {
        const withOptions = (options: string) => poolLine(`"main", { ...stack.pool, triggers, tags, transform: { pool: (_args, opts) => { ${options} } } }`);
        const ignored = await changesAfterEdits({ ...withOptions(`opts.ignoreChanges = ["usernameAttributes", "aliasAttributes"];`), "Pulumi.prod.yaml": (y) => y.replace("signInWith: [email]", "signInWith: [username, email]") });
        assert.deepStrictEqual([poolChanges(ignored.diffs)?.kind, ignored.blockers], [undefined, []], "the engine sends the deployed sign-in attributes: nothing changes");
        const replacing = await changesAfterEdits({ ...withOptions(`opts.replaceOnChanges = ["name"];`), "Pulumi.prod.yaml": (y) => y.replace("name: news-prod", "name: news-production") });
        assert.deepStrictEqual(replacing.blockers, [`The user pool main-pool: name changes (cognito:userPool.name) from "news-prod" to "news-production"; its replaceOnChanges option lists name: the engine replaces it, so the pool and every user in it would be replaced.`]);
    });

    it("retainOnDelete taken off the prod pool is a stop, not a caution", async () => {
        const { blockers, cautions } = await changesAfter((y) => y.replace("    signInWith: [email]\n", "    signInWith: [email]\n    retainOnDelete: false\n"));
        assert.deepStrictEqual(blockers, ["The user pool main-pool: retainOnDelete is taken off (cognito:userPool.retainOnDelete) in a stage on prod's defaults: a later delete, replacement or `pulumi destroy` would delete the pool in AWS with every user, instead of leaving it. Keep retainOnDelete: true in prod stages."]);
        assert.deepStrictEqual(cautions, []);
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
        assert.throws(() => checkoutOf("no-such-branch", repo), (error: Error) => error instanceof BaseRefError && error.message === "--base no-such-branch: git knows no commit by that name here (in CI, fetch the target branch first: `git fetch origin main`, then --base origin/main)");
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

    it("a replacementTrigger that changes value replaces; one set for the first time does not", () => {
        const poolOf = (trigger: unknown) => ({ type: pool, name: "main-pool", parent: undefined, custom: true, inputs: { name: "news" }, outputs: {}, urn: "urn:pulumi:prod::cognito::aws:cognito/userPool:UserPool::main-pool", options: { protect: true, retainOnDelete: true, dependsOn: [], replacementTrigger: trigger } });
        const side = (trigger: unknown) => ({ stack: "prod", project: "cognito", region: "eu-central-1", resources: [poolOf(trigger)] });
        assert.deepStrictEqual(diffPlans(side("v1"), side("v2")).map((d) => [d.kind, d.changes]), [["replace", [{ path: "option replacementTrigger", before: "v1", after: "v2", replaces: "its replacementTrigger changes: the engine replaces it" }]]]);
        assert.deepStrictEqual(diffPlans(side(undefined), side("v1")), []);
        assert.deepStrictEqual(diffPlans(side("v1"), side("v1")), []);
    });

    it("says, without stopping, when protection is taken off the pool outside prod stages", () => {
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
        assert.deepStrictEqual(userPoolBlockers(poolDiff(changes), { prodStage: true }).map((b) => b.split(":")[0]), ["The user pool main-pool"], "retainOnDelete stops in a prod stage");
        assert.strictEqual(userPoolCautions(poolDiff(changes), { prodStage: true }).length, 2, "and is no caution there");
    });
});
