import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { planStack, type Plan } from "../../tools/harness/run-stack";
import { projectRoot } from "../../tools/harness/stack-file";
import { stackNames } from "../../tools/harness/stacks";
import { renderPlan, resourceTree } from "../../tools/print-plan";

describe("offline plan output", () => {
    let plan: Plan;
    let text: string;
    before(async () => {
        plan = await planStack("prod");
        text = await renderPlan(plan, "Pulumi.prod.yaml");
    });

    it("says it ran offline and names the placeholders with the command that sets each secret", () => {
        assert.match(text, /^Offline plan of stack "prod" from Pulumi\.prod\.yaml \(Pulumi mock runtime: nothing was deployed or previewed against AWS\)/);
        assert.ok(text.includes("  - applePrivateKey (Sign in with Apple private key (.p8)): set it with `pulumi config set --secret applePrivateKey <value>`"));
    });

    it("draws the resource tree under the stack, with the pool's guards and key settings", () => {
        const tree = resourceTree(plan.resources);
        assert.strictEqual(tree[0], "pulumi:pulumi:Stack cognito-prod");
        assert.ok(tree.includes("├─ cognito:index:UserPool main"));
        assert.ok(tree.some((l) => l.startsWith("│  ├─ aws:cognito/userPool:UserPool main-pool  [protect, retainOnDelete]  name=news-prod signIn=\"email as username\" customAttributes=edition:String,newsletterOptIn:Boolean mfa=ON plan=PLUS threatProtection=ENFORCED minPasswordLength=15 email=DEVELOPER deletionProtection=ACTIVE")), tree.join("\n"));
        assert.ok(tree.some((l) => l.includes("aws:acm/certificate:Certificate hosted-certificate  [provider=hosted-us-east-1]  domain=auth.news.example.com validation=DNS")));
    });

    it("lists the outputs with secrets masked, and the time taken", () => {
        assert.ok(text.includes("\n  serverClientSecrets: [secret]\n"));
        assert.ok(!text.includes("mock-client-secret"));
        assert.ok(text.includes(`\n  domain: "auth.news.example.com"\n`));
        assert.match(text, /\nPlanned in \d+ ms$/);
    });

    it("lists the run's warnings when the stack weakens a default", async () => {
        const weakened = await renderPlan({ ...plan, warnings: ["security default weakened on purpose: cognito:identityPool.allowGuests is true: signed-out visitors get AWS credentials"] }, "Pulumi.prod.yaml");
        assert.ok(weakened.includes("\nWarnings (as `pulumi preview` shows them):\n  - security default weakened on purpose: cognito:identityPool.allowGuests is true: signed-out visitors get AWS credentials\n"));
        assert.ok(!(await renderPlan({ ...plan, warnings: [] }, "Pulumi.prod.yaml")).includes("Warnings"));
    });

    it("exits non-zero with the config error alone (no stack trace) for a stack that does not exist", () => {
        // A name no stage of a real project has, so that adding a stage never makes it exist.
        const missing = "no-such-stack-here";
        const result = spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/plan.ts"), missing], { cwd: projectRoot, encoding: "utf8" });
        assert.strictEqual(result.status, 1);
        assert.strictEqual(result.stderr.trim(), `No stack file Pulumi.${missing}.yaml for stack "${missing}"; stacks here: ${stackNames().join(", ")}`);
    });

    it("exits non-zero under the plan when the policy pack finds a mandatory violation", () => {
        const weak = path.join(projectRoot, "Pulumi.weak-test.yaml");
        fs.writeFileSync(weak, fs.readFileSync(path.join(projectRoot, "Pulumi.prod.yaml"), "utf8").replace(/^    mfa: .*$/m, "    mfa: { mode: \"OFF\" }"));
        try {
            const result = spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/plan.ts"), "weak-test", "--base", "none"], { cwd: projectRoot, encoding: "utf8" });
            assert.strictEqual(result.status, 1, result.stderr);
            assert.match(result.stdout, /\nPolicy pack cognito-security with policy\/config\/prod\.json: 1 mandatory, 2 advisory violation\(s\)\n  \[mandatory\] cognito-mfa  aws:cognito\/userPool:UserPool main-pool\n      MFA is OFF; it must be ON\.\n  \[advisory\] cognito-self-signup-with-aws-rights  aws:cognito\/userPool:UserPool main-pool\n      The user pool main-pool lets anyone sign up .*\n  \[advisory\] cognito-web-acl  aws:cognito\/userPool:UserPool main-pool\n      The user pool main-pool has no WAF web ACL .*\n?$/);
        } finally {
            fs.rmSync(weak);
        }
    });
});
