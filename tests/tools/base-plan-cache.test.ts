// A commit's plan kept beside its extraction: planned once per stack and planner, read back after.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cachedBasePlan } from "../../tools/guard/base-plan-cache";
import type { VerdictSide } from "../../tools/guard/user-pool-guard";

describe("the base plan cache", () => {
    it("plans a commit's stack once, reads it back whole, and plans another stack on its own", async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-base-plan-"));
        try {
            const calls: string[] = [];
            const side = (stack: string): VerdictSide => ({ stack, project: "cognito", region: "eu-central-1", stageDefaults: "prod", resources: [{ type: "aws:cognito/userPool:UserPool", name: "main-pool", parent: "cognito:index:UserPool::main", custom: true, inputs: { name: "news", secret: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s" } }, outputs: { id: "x" }, urn: "u", options: { protect: true, retainOnDelete: true, dependsOn: [] } }] });
            const plan = (stack: string) => async () => {
                calls.push(stack);
                return { ...side(stack), placeholders: [], warnings: ["kept, for the change diagram"], config: { stage: "prod" }, outputs: { signInUrls: { web: { en: "https://auth.example.com/login?lang=en" } } } } as VerdictSide;
            };
            const first = await cachedBasePlan(root, "prod", plan("prod"));
            const again = await cachedBasePlan(root, "prod", plan("prod"));
            const kept = { ...side("prod"), warnings: ["kept, for the change diagram"], config: { stage: "prod" }, outputs: { signInUrls: { web: { en: "https://auth.example.com/login?lang=en" } } } };
            assert.deepStrictEqual([first, again, calls], [kept, kept, ["prod"]], "only what the verdict and the trust map read is kept");
            await cachedBasePlan(root, "dev", plan("dev"));
            assert.deepStrictEqual(calls, ["prod", "dev"]);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
