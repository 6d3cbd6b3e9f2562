import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkStackConfig, loadStackConfig, stagePolicyConfig, type RawConfig } from "../../config";
import type { UserPoolSettings } from "../../config/schema";
import { applyStageDefaults, stageFilledFields } from "../../config/stage-defaults";

const raw = (values: Record<string, string>, stackName = "dev", secretKeys: string[] = [], policyConfigDir?: string): RawConfig =>
    ({ namespace: "cognito", source: "Pulumi.test.yaml", stackName, values, aws: { region: "eu-central-1" }, secretKeys: new Set(secretKeys), policyConfigDir });
const problemsOf = (config: RawConfig) => {
    try {
        loadStackConfig(config);
    } catch (error) {
        return (error as Error).message.split("\n").slice(1).map((l) => l.slice(4));
    }
    return [];
};

describe("loadStackConfig", () => {
    it("takes the stage from the stack name when the file has none, whatever the name", () => {
        assert.strictEqual(loadStackConfig(raw({}, "prod")).stage, "prod");
        assert.strictEqual(loadStackConfig(raw({}, "staging")).stage, "staging");
        assert.strictEqual(loadStackConfig(raw({}, "feature-x")).stage, "feature-x");
    });

    it("refuses a stage name that is not a lowercase name, given or taken from the stack's name", () => {
        const allowed = "a lowercase name of letters, digits and '-', starting with a letter, at most 32 characters, such as staging";
        assert.throws(() => loadStackConfig(raw({}, "Feature_X")), {
            message: `Invalid stack config in Pulumi.test.yaml:\n  - cognito:stage: is not set, and its default, the stack's name "Feature_X", is not a stage name; set it (allowed: ${allowed})`,
        });
        assert.deepStrictEqual(problemsOf(raw({ stage: "QA" }, "staging")), [`cognito:stage: got "QA"; allowed: ${allowed}`]);
        assert.deepStrictEqual(problemsOf(raw({ stage: "s".repeat(33) }, "staging")), [`cognito:stage: got "${"s".repeat(33)}"; allowed: ${allowed}`]);
        assert.strictEqual(loadStackConfig(raw({ stage: "qa" }, "Feature_X")).stage, "qa");
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

    it("lets any other stack name any stage", () => {
        assert.strictEqual(loadStackConfig(raw({ stage: "prod" }, "prod-eu")).stage, "prod");
        assert.strictEqual(loadStackConfig(raw({ stage: "qa" }, "staging")).stage, "qa");
    });

    it("takes dev's stage defaults for the stage named dev only, prod's for every other, unless the file chooses", () => {
        const defaultsOf = (values: Record<string, string>, stack: string) => loadStackConfig(raw(values, stack)).stageDefaults;
        assert.deepStrictEqual([defaultsOf({}, "dev"), defaultsOf({}, "prod"), defaultsOf({}, "staging"), defaultsOf({ stage: "dev" }, "sandbox")], ["dev", "prod", "prod", "dev"]);
        assert.deepStrictEqual([defaultsOf({ stageDefaults: "dev" }, "staging"), defaultsOf({ stageDefaults: "prod" }, "dev")], ["dev", "prod"]);
        assert.deepStrictEqual(problemsOf(raw({ stageDefaults: "strict" }, "staging")), [`cognito:stageDefaults: got "strict"; allowed: "dev", "prod"`]);
        const pool = loadStackConfig(raw({}, "staging")).userPool!;
        assert.deepStrictEqual([pool.mfa?.mode, pool.deletionProtection, pool.protect, pool.retainOnDelete], ["ON", "ACTIVE", true, true]);
    });

    it("checks a stage with its own policy config when there is one, else with its stage defaults', and refuses a stage with neither", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
        const shown = (name: string) => path.join(path.relative(process.cwd(), dir), `${name}.json`);
        try {
            fs.writeFileSync(path.join(dir, "dev.json"), "{}");
            fs.writeFileSync(path.join(dir, "qa.json"), "{}");
            assert.deepStrictEqual([stagePolicyConfig({ stage: "qa", stageDefaults: "prod" }, dir), stagePolicyConfig({ stage: "sandbox", stageDefaults: "dev" }, dir)], [path.join(dir, "qa.json"), path.join(dir, "dev.json")]);
            assert.doesNotThrow(() => loadStackConfig(raw({}, "qa", [], dir)));
            assert.doesNotThrow(() => loadStackConfig(raw({ stageDefaults: "dev" }, "staging", [], dir)));
            assert.deepStrictEqual(problemsOf(raw({ stage: "prod" }, "staging", [], dir)), [
                `cognito:stage: stage "prod" has no policy config ${shown("prod")}; add it, or use a stage that has one`,
            ]);
            assert.deepStrictEqual(problemsOf(raw({}, "staging", [], dir)), [
                `cognito:stage: stage "staging" has no policy config: neither ${shown("staging")} nor ${shown("prod")} (of its stageDefaults "prod") exists; add one`,
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses auto-confirmed email domains on prod's stage defaults, whatever the stage's name", () => {
        const triggers = JSON.stringify({ preSignUp: { autoConfirmEmailDomains: ["test.news.example.com"] } });
        const line = (stage: string) => `cognito:triggers.preSignUp.autoConfirmEmailDomains: got ["test.news.example.com"] in ${stage}; allowed: none in ${stage} (auto-confirmed accounts skip proof that their owner holds the address); remove the key${stage === "prod" ? "" : ", or set cognito:stageDefaults: dev for a test stage (a weakening, warned)"}`;
        assert.deepStrictEqual(problemsOf(raw({ triggers }, "prod")), [line("prod")]);
        assert.deepStrictEqual(problemsOf(raw({ stage: "prod", triggers }, "staging")), [line("prod")]);
        assert.deepStrictEqual(problemsOf(raw({ triggers }, "staging")), [line("staging (stageDefaults prod)")]);
        assert.doesNotThrow(() => loadStackConfig(raw({ triggers }, "dev")));
        assert.doesNotThrow(() => loadStackConfig(raw({ triggers, stageDefaults: "dev" }, "staging")));
    });

    it("judges a stack named after a stage as that stage even when it claims another, and adds no stage rule to a refused section", () => {
        const triggers = JSON.stringify({ preSignUp: { autoConfirmEmailDomains: ["test.news.example.com"] } });
        assert.deepStrictEqual(problemsOf(raw({ stage: "dev", triggers }, "prod")).map((p) => p.split(";")[0]), [
            `cognito:stage: got "dev" in stack "prod"`,
            `cognito:triggers.preSignUp.autoConfirmEmailDomains: got ["test.news.example.com"] in prod`,
        ]);
        const refused = JSON.stringify({ preSignUp: { autoConfirmEmailDomains: ["Test.Example"] } });
        assert.deepStrictEqual(problemsOf(raw({ triggers: refused }, "prod")), [
            `cognito:triggers.preSignUp.autoConfirmEmailDomains[0]: got "Test.Example"; allowed: a lowercase email domain such as news.example.com`,
        ]);
    });

    it("checks every key in one pass and hands on the sections that parsed, naming those that did not", () => {
        const checked = checkStackConfig({ ...raw({ stageDefaults: "strict", userPool: JSON.stringify({ featurePlan: "PLUS" }), clients: JSON.stringify([{ name: "web", kind: "web" }]), domain: JSON.stringify({ prefix: 7 }) }, "staging"), aws: { region: "mars-central-1" } });
        assert.deepStrictEqual(checked.problems.map((p) => p.split(";")[0]), [
            `aws:region: got "mars-central-1"`,
            `cognito:stageDefaults: got "strict"`,
            "cognito:domain.prefix: got 7",
        ]);
        // The pool parsed, but without stage defaults it cannot be completed: it waits with the section the schema refused.
        assert.deepStrictEqual([...checked.unusable].sort(), ["domain", "userPool"]);
        assert.deepStrictEqual([checked.parsed.clients?.map((c) => c.name), checked.parsed.stage, checked.config], [["web"], undefined, undefined]);
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

    it("names a secret no identity provider reads, with the one it most likely misspells; says nothing of secrets while the providers are refused", () => {
        const google = JSON.stringify([{ type: "google", clientId: "x" }]);
        assert.deepStrictEqual(problemsOf(raw({ identityProviders: google, googleClientsecret: "v1:encrypted" }, "dev", ["googleClientsecret"])), [
            "cognito:googleClientsecret: a secret no part of this stack reads; did you mean cognito:googleClientSecret? the stack's identity providers read cognito:googleClientSecret (`pulumi config rm googleClientsecret --secret` removes it)",
        ]);
        assert.deepStrictEqual(problemsOf(raw({ legacyToken: "v1:encrypted" }, "dev", ["legacyToken"])), [
            "cognito:legacyToken: a secret no part of this stack reads; the stack's identity providers read no secret (`pulumi config rm legacyToken --secret` removes it)",
        ]);
        assert.deepStrictEqual(problemsOf(raw({ identityProviders: JSON.stringify([{ type: "gogle" }]), googleClientsecret: "v1:encrypted" }, "dev", ["googleClientsecret"])).filter((p) => p.includes("Clientsecret")), []);
    });

    it("names a key of a namespace nothing reads, and the namespace it most likely misspells", () => {
        const problems = problemsOf({ ...raw({}), otherKeys: ["cognto:userPool", "random:anything", "pulumi:tags", "acme:setting"] });
        assert.deepStrictEqual(problems, [
            `cognto:userPool: nothing reads the namespace "cognto"; did you mean cognito:userPool? allowed: cognito:, aws:, random:, pulumi:`,
            `acme:setting: nothing reads the namespace "acme"; allowed: cognito:, aws:, random:, pulumi:`,
        ]);
    });
});

describe("stageFilledFields", () => {
    it("names what the stage defaults filled, as applyStageDefaults filled it, and nothing the stack file wrote", () => {
        const filled = (pool: UserPoolSettings, defaults: "dev" | "prod") => stageFilledFields(pool, applyStageDefaults(pool, defaults));
        assert.deepStrictEqual(filled({}, "prod"), ["mfa.mode", "deletionProtection", "protect", "retainOnDelete"]);
        assert.deepStrictEqual(filled({ featurePlan: "PLUS", mfa: { mode: "OPTIONAL" } }, "dev"), ["deletionProtection", "protect", "retainOnDelete", "threatProtection.mode"]);
        assert.deepStrictEqual(filled({ mfa: { mode: "ON" }, deletionProtection: "ACTIVE", protect: true, retainOnDelete: true }, "prod"), []);
    });
});
