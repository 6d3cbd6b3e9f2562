import * as assert from "assert";
import { loadStackConfig, type RawConfig } from "../../config";

const raw = (values: Record<string, string>, stackName = "dev", secretKeys: string[] = []): RawConfig =>
    ({ namespace: "cognito", source: "Pulumi.test.yaml", stackName, values, secretKeys: new Set(secretKeys) });

describe("loadStackConfig", () => {
    it("takes the stage from the stack name when the file has none", () => {
        assert.strictEqual(loadStackConfig(raw({}, "prod")).stage, "prod");
    });

    it("asks for a stage when the stack name is not one", () => {
        assert.throws(() => loadStackConfig(raw({}, "feature-x")), {
            message: `Invalid stack config in Pulumi.test.yaml:\n  - cognito:stage: is required for stack "feature-x"; allowed: "dev", "prod"`,
        });
    });

    it("applies the dev defaults: MFA optional, no deletion guards", () => {
        const pool = loadStackConfig(raw({ stage: "dev" })).userPool!;
        assert.deepStrictEqual([pool.mfa?.mode, pool.deletionProtection, pool.protect, pool.retainOnDelete], ["OPTIONAL", "INACTIVE", false, false]);
    });

    it("applies the prod defaults: MFA on, pool protected, retained and deletion-protected", () => {
        const pool = loadStackConfig(raw({ stage: "prod" })).userPool!;
        assert.deepStrictEqual([pool.mfa?.mode, pool.deletionProtection, pool.protect, pool.retainOnDelete], ["ON", "ACTIVE", true, true]);
    });

    it("turns threat protection on with the Plus plan only: enforced in prod, audit in dev", () => {
        const plus = JSON.stringify({ featurePlan: "PLUS" });
        assert.strictEqual(loadStackConfig(raw({ stage: "prod", userPool: plus })).userPool!.threatProtection?.mode, "ENFORCED");
        assert.strictEqual(loadStackConfig(raw({ stage: "dev", userPool: plus })).userPool!.threatProtection?.mode, "AUDIT");
        assert.strictEqual(loadStackConfig(raw({ stage: "prod" })).userPool!.threatProtection, undefined);
    });

    it("keeps an explicit value over the stage default, so a weakening is always written down", () => {
        const pool = loadStackConfig(raw({ stage: "prod", userPool: JSON.stringify({ mfa: { mode: "OPTIONAL" }, protect: false }) })).userPool!;
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
