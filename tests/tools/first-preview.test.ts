// A first `pulumi preview` of a new stack: nothing exists, so ids, ARNs and every value AWS computes
// are unknown. The harness can plan that way, and the pack says which rules cannot run then.
import * as assert from "assert";
import { unknownSentinel } from "../../tools/harness/mocks";
import { planStack, type Plan } from "../../tools/harness/run-stack";
import { checkPlan } from "../../tools/policy/check";
import { awsTypes } from "../../policy/rules/type-tokens";

describe("first preview", () => {
    let plan: Plan;
    before(async () => {
        plan = await planStack("prod", { firstPreview: true });
    });

    it("knows what the program gave and nothing AWS computes", () => {
        const pool = plan.resources.find((r) => r.type === awsTypes.userPool)!;
        assert.deepStrictEqual([pool.inputs.name, pool.outputs.arn, pool.outputs.id], ["news-prod", unknownSentinel, unknownSentinel]);
        const permission = plan.resources.find((r) => r.type === awsTypes.lambdaPermission)!;
        assert.strictEqual(permission.inputs.sourceArn, unknownSentinel, "the pool's ARN is not known before the pool exists");
        assert.strictEqual(plan.resources.find((r) => r.type === awsTypes.client)!.inputs.userPoolId, unknownSentinel);
    });

    it("reports the rules that read unknown values as unable to run, and no mandatory violation", async () => {
        const report = await checkPlan(plan);
        assert.strictEqual(report.mandatory, 0);
        const cannotRun = [...new Set(report.violations.filter((v) => v.message.startsWith("can't run policy")).map((v) => v.policyName))].sort();
        assert.ok(cannotRun.includes("cognito-trigger-permission") && cannotRun.includes("cognito-role-trust"), cannotRun.join(", "));
        assert.ok(report.violations.every((v) => v.enforcementLevel === "advisory"), report.violations.map((v) => v.message).join("\n"));
    });
});
