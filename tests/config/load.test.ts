import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadStackConfig, type RawConfig } from "../../config";

const raw = (values: Record<string, string>, stackName = "dev", secretKeys: string[] = [], policyConfigDir?: string): RawConfig =>
    ({ namespace: "cognito", source: "Pulumi.test.yaml", stackName, values, secretKeys: new Set(secretKeys), policyConfigDir });
const problemsOf = (config: RawConfig) => {
    try {
        loadStackConfig(config);
    } catch (error) {
        return (error as Error).message.split("\n").slice(1).map((l) => l.slice(4));
    }
    return [];
};

describe("loadStackConfig", () => {
    it("takes the stage from the stack name when the file has none", () => {
        assert.strictEqual(loadStackConfig(raw({}, "prod")).stage, "prod");
    });

    it("asks for a stage when the stack name is not one", () => {
        assert.throws(() => loadStackConfig(raw({}, "feature-x")), {
            message: `Invalid stack config in Pulumi.test.yaml:\n  - cognito:stage: is required for stack "feature-x"; allowed: "dev", "prod"`,
        });
    });

    it("refuses a stack named after a stage that claims another stage", () => {
        assert.deepStrictEqual(problemsOf(raw({ stage: "dev" }, "prod")), [
            `cognito:stage: got "dev" in stack "prod"; a stack named after a stage is that stage (its defaults and policy config): remove the key or set "prod"`,
        ]);
        assert.deepStrictEqual(problemsOf(raw({ stage: "staging" }, "dev")), [
            `cognito:stage: got "staging" in stack "dev"; a stack named after a stage is that stage (its defaults and policy config): remove the key or set "dev"`,
        ]);
        assert.strictEqual(loadStackConfig(raw({ stage: "prod" }, "prod")).stage, "prod");
    });

    it("lets any other stack name its stage, which must be a stage with a policy config", () => {
        assert.strictEqual(loadStackConfig(raw({ stage: "prod" }, "staging")).stage, "prod");
        assert.deepStrictEqual(problemsOf(raw({ stage: "qa" }, "staging")), [`cognito:stage: got "qa"; allowed: "dev", "prod"`]);
        const onlyDev = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
        try {
            fs.writeFileSync(path.join(onlyDev, "dev.json"), "{}");
            assert.deepStrictEqual(problemsOf(raw({ stage: "prod" }, "staging", [], onlyDev)), [
                `cognito:stage: stage "prod" has no policy config ${path.join(path.relative(process.cwd(), onlyDev), "prod.json")}; add it, or use a stage that has one`,
            ]);
            assert.strictEqual(loadStackConfig(raw({ stage: "dev" }, "staging", [], onlyDev)).stage, "dev");
        } finally {
            fs.rmSync(onlyDev, { recursive: true, force: true });
        }
    });

    it("refuses auto-confirmed email domains in prod, whatever the stack's name", () => {
        const triggers = JSON.stringify({ preSignUp: { autoConfirmEmailDomains: ["test.news.example.com"] } });
        const line = `cognito:triggers.preSignUp.autoConfirmEmailDomains: got ["test.news.example.com"] in prod; allowed: none in prod (auto-confirmed accounts skip proof that their owner holds the address; keep them to test stages)`;
        assert.deepStrictEqual(problemsOf(raw({ triggers }, "prod")), [line]);
        assert.deepStrictEqual(problemsOf(raw({ stage: "prod", triggers }, "staging")), [line]);
        assert.doesNotThrow(() => loadStackConfig(raw({ triggers }, "dev")));
    });

    it("applies the dev defaults: MFA optional, no deletion guards", () => {
        const pool = loadStackConfig(raw({ stage: "dev" })).userPool!;
        assert.deepStrictEqual([pool.mfa?.mode, pool.deletionProtection, pool.protect, pool.retainOnDelete], ["OPTIONAL", "INACTIVE", false, false]);
    });

    it("applies the prod defaults: MFA on, pool protected, retained and deletion-protected", () => {
        const pool = loadStackConfig(raw({}, "prod")).userPool!;
        assert.deepStrictEqual([pool.mfa?.mode, pool.deletionProtection, pool.protect, pool.retainOnDelete], ["ON", "ACTIVE", true, true]);
    });

    it("turns threat protection on with the Plus plan only: enforced in prod, audit in dev", () => {
        const plus = JSON.stringify({ featurePlan: "PLUS" });
        assert.strictEqual(loadStackConfig(raw({ userPool: plus }, "prod")).userPool!.threatProtection?.mode, "ENFORCED");
        assert.strictEqual(loadStackConfig(raw({ stage: "dev", userPool: plus })).userPool!.threatProtection?.mode, "AUDIT");
        assert.strictEqual(loadStackConfig(raw({}, "prod")).userPool!.threatProtection, undefined);
    });

    it("keeps an explicit value over the stage default, so a weakening is always written down", () => {
        const pool = loadStackConfig(raw({ userPool: JSON.stringify({ mfa: { mode: "OPTIONAL" }, protect: false }) }, "prod")).userPool!;
        assert.deepStrictEqual([pool.mfa?.mode, pool.protect, pool.retainOnDelete], ["OPTIONAL", false, true]);
    });

    it("returns a frozen config", () => {
        const config = loadStackConfig(raw({ stage: "dev" }));
        assert.ok(Object.isFrozen(config) && Object.isFrozen(config.userPool) && Object.isFrozen(config.userPool!.mfa));
    });

    it("accepts a secret key that is stored as a secret", () => {
        const idps = JSON.stringify([{ type: "google", clientId: "x" }]);
        assert.doesNotThrow(() => loadStackConfig(raw({ stage: "dev", identityProviders: idps, googleClientSecret: "v1:encrypted" }, "dev", ["googleClientSecret"])));
    });
});
