import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { packName, policies } from "../../policy/rules";
import { completePackConfig, loadPackConfig } from "../../tools/policy/pack-config";
import { projectRoot } from "../../tools/harness/stack-file";

// The table: each rule's level in prod and dev.
const expectedLevels: Record<string, [prod: string, dev: string]> = {
    "cognito-password-min-length": ["mandatory", "mandatory"],
    "cognito-password-composition": ["advisory", "disabled"],
    "cognito-temporary-password-validity": ["mandatory", "advisory"],
    "cognito-mfa": ["mandatory", "mandatory"],
    "cognito-threat-protection": ["advisory", "disabled"],
    "cognito-feature-plan": ["mandatory", "mandatory"],
    "cognito-deletion-protection": ["mandatory", "advisory"],
    "cognito-email-sending": ["mandatory", "advisory"],
    "cognito-user-existence-errors": ["mandatory", "mandatory"],
    "cognito-token-revocation": ["mandatory", "mandatory"],
    "cognito-token-validity": ["mandatory", "advisory"],
    "cognito-no-implicit-grant": ["mandatory", "mandatory"],
    "cognito-no-plain-password-flow": ["mandatory", "advisory"],
    "cognito-callback-urls": ["mandatory", "mandatory"],
    "cognito-guest-access": ["mandatory", "advisory"],
    "cognito-classic-flow": ["mandatory", "mandatory"],
    "cognito-classic-flow-guest-only": ["advisory", "advisory"],
    "cognito-role-trust": ["mandatory", "mandatory"],
    "cognito-guest-role-privilege": ["mandatory", "mandatory"],
    "cognito-unused-guest-role": ["advisory", "advisory"],
    "cognito-identity-role-privilege": ["mandatory", "advisory"],
    "cognito-role-outside-stack": ["advisory", "advisory"],
    "cognito-role-mapping": ["mandatory", "advisory"],
    "cognito-account-recovery": ["mandatory", "advisory"],
    "cognito-custom-attribute-writes": ["mandatory", "advisory"],
    "cognito-verified-flag-writes": ["mandatory", "advisory"],
    "cognito-write-attributes-explicit": ["advisory", "advisory"],
    "cognito-refresh-token-rotation": ["advisory", "advisory"],
    "cognito-trigger-permission": ["mandatory", "mandatory"],
    "cognito-trigger-timeout": ["advisory", "advisory"],
    "cognito-trigger-role-privilege": ["mandatory", "mandatory"],
    "cognito-trigger-wiring": ["mandatory", "mandatory"],
    "cognito-trigger-groups": ["mandatory", "advisory"],
    "cognito-self-signup-with-aws-rights": ["advisory", "advisory"],
    "cognito-provider-email-trust": ["mandatory", "advisory"],
    "cognito-web-acl": ["advisory", "disabled"],
};

describe("policy pack", () => {
    it("has the thirty-six rules of the table, each with name, description, remediation and a config schema with defaults", () => {
        assert.deepStrictEqual(policies.map((p) => p.name).sort(), Object.keys(expectedLevels).sort());
        for (const p of policies) {
            assert.ok(p.description.length > 20 && p.remediationSteps && p.remediationSteps.length > 10, p.name);
            assert.ok(p.configSchema, `${p.name} has no config schema`);
            for (const [key, schema] of Object.entries(p.configSchema!.properties)) assert.notStrictEqual((schema as { default?: unknown }).default, undefined, `${p.name}.${key} has no default`);
        }
    });

    for (const [stage, column] of [["prod", 0], ["dev", 1]] as const) {
        it(`reads each rule's level and thresholds from policy/config/${stage}.json`, () => {
            const config = loadPackConfig(stage, policies);
            assert.deepStrictEqual(Object.fromEntries(Object.entries(config).map(([name, c]) => [name, c.enforcementLevel])), Object.fromEntries(Object.entries(expectedLevels).map(([name, levels]) => [name, levels[column]])));
            assert.strictEqual(config["cognito-mfa"].properties.requireOn, stage === "prod");
            assert.strictEqual(config["cognito-callback-urls"].properties.allowLocalhost, stage === "dev");
            assert.strictEqual(config["cognito-token-validity"].properties.maxRefreshDays, 30);
        });
    }

    it("the README's rule table lists every rule once, with each stage's level and why", () => {
        const rows = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8").split("\n").filter((l) => /^\| `cognito-[a-z-]+` \|/.test(l));
        const table = rows.map((row) => row.split(" | ").map((cell) => cell.replace(/^\| |\s*\|$/g, "")));
        assert.deepStrictEqual(table.map(([rule]) => rule.replace(/`/g, "")).sort(), Object.keys(expectedLevels).sort());
        for (const [rule, protects, prod, dev, why] of table) {
            const [prodLevel, devLevel] = expectedLevels[rule.replace(/`/g, "")];
            assert.strictEqual(prod.split(",")[0], prodLevel, `${rule} prod`);
            assert.strictEqual(dev.split(",")[0], devLevel, `${rule} dev`);
            assert.ok(protects.length > 10 && why && why.length > 10, `${rule}: says what it protects against and why these levels`);
        }
    });

    it("completes a config file the way the engine does: defaults, then the file", () => {
        const config = completePackConfig({ "cognito-token-validity": { maxAccessMinutes: 15 }, "cognito-mfa": "advisory" }, policies, "test.json");
        assert.deepStrictEqual(config["cognito-token-validity"], { enforcementLevel: "mandatory", properties: { maxAccessMinutes: 15, maxIdMinutes: 60, maxRefreshDays: 30 } });
        assert.deepStrictEqual(config["cognito-mfa"], { enforcementLevel: "advisory", properties: { requireOn: true } });
        assert.deepStrictEqual(config["cognito-threat-protection"].enforcementLevel, "advisory");
    });

    it("refuses a config file naming a rule the pack does not have", () => {
        assert.throws(() => completePackConfig({ "cognito-mfa-on": "mandatory" }, policies, "policy/config/qa.json"), { message: /^policy\/config\/qa\.json: unknown policies "cognito-mfa-on"; known: cognito-password-min-length, / });
    });

    it("policy/index.ts builds the PolicyPack from the exported rule list (server not started)", () => {
        const built: { name?: string; args?: { policies: unknown } }[] = [];
        const policyModule = require.resolve("@pulumi/policy");
        const saved = require.cache[policyModule];
        const indexModule = path.join(projectRoot, "policy", "index.ts");
        require.cache[policyModule] = { exports: { PolicyPack: class { constructor(name: string, args: { policies: unknown }) { built.push({ name, args }); } } } } as NodeJS.Module;
        try {
            delete require.cache[indexModule];
            require(indexModule);
        } finally {
            if (saved) require.cache[policyModule] = saved;
            else delete require.cache[policyModule];
            delete require.cache[indexModule];
        }
        assert.strictEqual(built.length, 1);
        assert.strictEqual(built[0].name, packName);
        assert.strictEqual(built[0].args!.policies, policies);
    });
});
