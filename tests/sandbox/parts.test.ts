// The sandbox's pure parts: the password policy as Cognito words it, the stack model.
import * as assert from "assert";
import { planStack } from "../../tools/harness/run-stack";
import { passwordProblem } from "../../lambdas/shared/password-policy";
import { sandboxModel } from "../../tools/sandbox/stack-model";
import { triggerDefinitions, type TriggerName } from "../../components/triggers/settings";

describe("sandbox: password policy", () => {
    const strict = { minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true };
    const cases: [string, string | undefined][] = [
        ["Aa1!", "Password did not conform with policy: Password not long enough"],
        ["AAAAAAA1!", "Password did not conform with policy: Password must have lowercase characters"],
        ["aaaaaaa1!", "Password did not conform with policy: Password must have uppercase characters"],
        ["Aaaaaaaa!", "Password did not conform with policy: Password must have numeric characters"],
        ["Aaaaaaaa1", "Password did not conform with policy: Password must have symbol characters"],
        ["Aaaaaaa1 ", undefined],
        ["Ááááááá1^", undefined],
    ];
    for (const [password, problem] of cases) it(`${JSON.stringify(password)}: ${problem ?? "accepted"}`, () => assert.strictEqual(passwordProblem(password, strict), problem));

    it("counts characters, not UTF-16 units, and reads a missing password as empty", () => {
        const long = { ...strict, minimumLength: 15, requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSymbols: false };
        assert.strictEqual(passwordProblem("كلمة مرور طويلة جدا", long), undefined);
        assert.strictEqual(passwordProblem("😀".repeat(14), long), "Password did not conform with policy: Password not long enough");
        assert.strictEqual(passwordProblem(undefined, long), "Password did not conform with policy: Password not long enough");
    });
});

describe("sandbox: the stack model", () => {
    it("takes the pool, groups, clients and every trigger of the dev stack from its plan", async () => {
        const model = sandboxModel(await planStack("dev"));
        assert.deepStrictEqual([model.poolName, model.pool.PoolName, model.tokenEventVersion], ["news-dev", "news-dev", "V2_0"]);
        assert.deepStrictEqual(model.passwordPolicy, { minimumLength: 15, requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSymbols: false });
        assert.deepStrictEqual(model.groups.map((g) => g.name), ["admins", "editors", "readers"]);
        assert.deepStrictEqual(model.clients.map((c) => [c.name, c.explicitAuthFlows]), [["admin", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH"]], ["ingest", ["ALLOW_REFRESH_TOKEN_AUTH"]], ["mobile", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH"]], ["web", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH"]]]);
        assert.deepStrictEqual(model.functions.map((f) => [f.trigger, f.name, f.exportName, f.timeoutSeconds, f.bundle.endsWith(`.build/lambdas/${triggerDefinitions[f.trigger as TriggerName].folder}/index.js`)]), [
            ["customMessage", "news-dev-custom-message", "handler", 5, true],
            ["postAuthentication", "news-dev-post-authentication", "handler", 5, true],
            ["postConfirmation", "news-dev-post-confirmation", "handler", 5, true],
            ["preSignUp", "news-dev-pre-sign-up", "handler", 5, true],
            ["preTokenGeneration", "news-dev-pre-token-generation", "handler", 5, true],
        ]);
        assert.ok(JSON.parse(model.functions.find((f) => f.trigger === "preSignUp")!.environment.TRIGGER_SETTINGS).deniedEmailDomains.includes("mailinator.com"));
    });
});
