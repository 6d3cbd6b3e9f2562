// `npm start -- <stack> --json` and the command line of `npm start`.
import * as assert from "assert";
import { planStack, type Plan } from "../../tools/harness/run-stack";
import { checkPlan } from "../../tools/policy/check";
import { parsePlanArgs } from "../../tools/plan-args";
import { planDocument } from "../../tools/plan-json";
import { resourceLine, resourceTree, signInOf } from "../../tools/print-plan";

describe("plan as JSON", () => {
    let plan: Plan;
    let document: any;
    before(async () => {
        plan = await planStack("prod");
        document = JSON.parse(JSON.stringify(await planDocument(plan, "Pulumi.prod.yaml", await checkPlan(plan))));
    });

    it("holds every resource with all its inputs and options, secrets masked", () => {
        assert.strictEqual(document.resources.length, plan.resources.length);
        const google = document.resources.find((r: any) => r.name === "idp-google");
        assert.strictEqual(google.inputs.providerDetails, "[secret]", "the details hold the client secret: masked as a whole");
        assert.deepStrictEqual(google.summary, { type: "Google", clientId: "000000000000-prod.apps.googleusercontent.com" }, "the public client id is shown in the summary");
        const pool = document.resources.find((r: any) => r.type === "aws:cognito/userPool:UserPool");
        assert.deepStrictEqual([pool.options.protect, pool.options.retainOnDelete, pool.inputs.deletionProtection, pool.parent], [true, true, "ACTIVE", "cognito:index:UserPool::main"]);
        assert.ok(!JSON.stringify(document).includes("PLACEHOLDER-offline-plan-googleClientSecret"), "no secret value anywhere");
        assert.ok(!JSON.stringify(document).includes("mock-client-secret"), "no secret output anywhere");
    });

    it("holds the stack, stage, outputs, placeholders, warnings and the policy result", () => {
        assert.deepStrictEqual([document.stack, document.stage, document.source], ["prod", "prod", "Pulumi.prod.yaml"]);
        assert.strictEqual(document.outputs.serverClientSecrets, "[secret]");
        assert.ok(document.placeholders.includes("googleClientSecret"));
        assert.deepStrictEqual(document.warnings, plan.warnings);
        assert.deepStrictEqual([document.policy.configFile, document.policy.mandatory, document.policy.advisory], ["policy/config/prod.json", 0, 2]);
        assert.deepStrictEqual(document.policy.violations.map((v: any) => v.policy), ["cognito-self-signup-with-aws-rights", "cognito-web-acl"]);
        assert.strictEqual(document.changes, undefined, "no --base, no changes");
    });

    it("says why there are no changes when there was nothing to compare with", async () => {
        const alone = await planDocument(plan, "Pulumi.prod.yaml", await checkPlan(plan), "Not compared with a commit: this is not a git checkout (or git is not installed).");
        assert.deepStrictEqual([alone.changes, alone.changesNotCompared], [undefined, "Not compared with a commit: this is not a git checkout (or git is not installed)."]);
    });
});

describe("text plan: sign-in as it will behave", () => {
    it("tells email as username from a username with an email alias", () => {
        assert.strictEqual(signInOf({ usernameAttributes: ["email"] }), "email as username");
        assert.strictEqual(signInOf({ usernameAttributes: ["email", "phone_number"] }), "email or phone_number as username");
        assert.strictEqual(signInOf({ aliasAttributes: ["email", "preferred_username"] }), "username, alias email, alias preferred_username");
        assert.strictEqual(signInOf({}), "username");
    });
});

describe("npm start arguments", () => {
    it("reads the stack, --base (both spellings), --allow-replace and --json", () => {
        assert.deepStrictEqual(parsePlanArgs([]), { stack: "dev", base: undefined, allowReplace: false, json: false });
        assert.deepStrictEqual(parsePlanArgs(["prod", "--base", "origin/main", "--allow-replace", "--json"]), { stack: "prod", base: "origin/main", allowReplace: true, json: true });
        assert.deepStrictEqual(parsePlanArgs(["--base=HEAD~1", "staging"]), { stack: "staging", base: "HEAD~1", allowReplace: false, json: false });
    });

    it("takes --allow-replace without --base (the plan compares with the last commit by default), and --base none", () => {
        assert.deepStrictEqual(parsePlanArgs(["prod", "--allow-replace"]), { stack: "prod", base: undefined, allowReplace: true, json: false });
        assert.deepStrictEqual(parsePlanArgs(["--base", "none"]), { stack: "dev", base: "none", allowReplace: false, json: false });
    });

    const usage = "\nusage: npm start -- [stack] [--base <git ref> | --base none] [--allow-replace] [--json | --diagram [mermaid|markdown|svg|text|json]]   (stack: dev by default; compared with the last commit unless --base says otherwise)";
    for (const [args, problem] of [
        [["--base"], "--base needs a git ref, such as origin/main"],
        [["--base", "--json"], "--base needs a git ref, such as origin/main"],
        [["--base", "none", "--allow-replace"], "--allow-replace only means something with a comparison, not with --base none"],
        [["--force"], "unknown option --force"],
        [["dev", "prod"], "one stack at a time: got dev and prod"],
    ] as [string[], string][]) {
        it(`refuses ${args.join(" ")}: ${problem}`, () => {
            assert.throws(() => parsePlanArgs(args), { name: "UsageError", message: problem + usage });
        });
    }
});

describe("text plan: what matters at a glance", () => {
    it("shows custom attributes, each trigger's settings and group roles", async () => {
        const tree = resourceTree((await planStack("dev")).resources).join("\n");
        assert.match(tree, /UserPool main-pool .*customAttributes=edition:String,newsletterOptIn:Boolean /);
        assert.match(tree, /main-post-confirmation-function .*settings=\{"defaultGroup":"readers"\}$/m);
        assert.match(tree, /main-pre-token-generation-function .*settings=\{"requiredGroups":\{"admin":\["admins","editors"\]\},/m);
        assert.match(tree, /main-custom-message-function .*settings=\{"appName":\{"en":"Daily News","ar":"الأخبار اليومية"\}\}$/m);
        const group = { type: "aws:cognito/userGroup:UserGroup", name: "main-group-editors", custom: true, inputs: { precedence: 10, roleArn: "arn:aws:iam::123456789012:role/news-editors" }, outputs: {}, urn: "u", options: { protect: false, retainOnDelete: false, dependsOn: [] } };
        assert.strictEqual(resourceLine(group), "aws:cognito/userGroup:UserGroup main-group-editors  precedence=10 role=news-editors");
    });
});
