// The pack as the Pulumi engine runs it: a plugin process spoken to over gRPC. What it answers
// must equal the offline evaluation, for every stage, with secret and unknown values on the wire.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { packName, policies } from "../../policy/rules";
import type { PlannedResource } from "../../tools/harness/run-program";
import { planStack, type Plan } from "../../tools/harness/run-stack";
import { startPolicyPack, type RunningPack } from "../../tools/policy/analyzer-client";
import { evaluatePolicies, type Violation } from "../../tools/policy/evaluate";
import { namedPolicyConfig } from "../../config";
import { stackNames } from "../../tools/harness/stacks";
import { loadPackConfigFile, packVersion, policyDir } from "../../tools/policy/pack-config";
import { isWireSecret } from "../../tools/harness/wire";
import { planEdited } from "../support/harness";
import { unknown } from "../support/policy";

const key = (v: Violation) => `${v.enforcementLevel} | ${v.policyName} | ${v.urn} | ${v.message}`;
const sorted = (list: Violation[]) => list.map(key).sort();

/** The pack's answers over gRPC and the offline evaluation's, under the policy config in `configFile`. */
async function bothWays(pack: RunningPack, configFile: string, resources: readonly PlannedResource[]) {
    const config = loadPackConfigFile(configFile, policies);
    await pack.configure(config);
    const overGrpc = await pack.analyzeAll(resources);
    const direct = await evaluatePolicies(resources, policies, config, { name: packName, version: packVersion() });
    return { overGrpc, direct };
}

/** A preview's view of a first deployment: the pool's ARN and the identity pool's id are not known yet. */
function asInPreview(plan: Plan): PlannedResource[] {
    return plan.resources.map((r) => {
        if (r.name === "main-pre-sign-up-invoke") return { ...r, inputs: { ...r.inputs, sourceArn: unknown } };
        if (r.name === "identity-authenticated") return { ...r, outputs: { ...r.outputs, assumeRolePolicy: unknown } };
        return r;
    });
}

describe("policy pack over the analyzer protocol", function () {
    this.timeout(60_000);
    let pack: RunningPack;
    before(async () => {
        pack = await startPolicyPack();
    });
    after(async () => {
        if (pack) await pack.stop();
    });

    it("describes itself: name, version, and each rule with its description, level and config schema", async () => {
        const info = await pack.info();
        assert.deepStrictEqual([info.name, info.version, info.supportsConfig], [packName, JSON.parse(fs.readFileSync(path.join(policyDir, "package.json"), "utf8")).version, true]);
        assert.deepStrictEqual(info.policies.map((p) => p.name), policies.map((p) => p.name));
        for (const [i, seen] of info.policies.entries()) {
            assert.strictEqual(seen.description, policies[i].description);
            assert.strictEqual(seen.enforcementLevel, policies[i].enforcementLevel);
            assert.deepStrictEqual(seen.configSchema, JSON.parse(JSON.stringify(policies[i].configSchema!.properties)));
        }
    });

    for (const stack of stackNames()) {
        it(`answers ${stack}, under the policy config its stage takes, exactly as the offline evaluation does`, async () => {
            const plan = await planStack(stack);
            const { overGrpc, direct } = await bothWays(pack, plan.policyConfig, plan.resources);
            assert.deepStrictEqual(sorted(overGrpc), sorted(direct));
            assert.strictEqual(overGrpc.filter((v) => v.enforcementLevel === "mandatory").length, 0);
            if (stack === "dev") assert.strictEqual(overGrpc.length, 4);
        });
    }

    it("answers a weakened prod preview, with a secret and unknowns on the wire, exactly as the offline evaluation does", async () => {
        const plan = await planEdited("prod", {
            userPool: (pool) => ({ ...pool, passwordPolicy: { minimumLength: 8 }, mfa: { mode: "OFF" } }),
            clients: (clients) => clients.map((c: any) => (c.name === "web" ? { ...c, allowImplicitGrant: true } : c)),
            identityPool: (pool) => ({ ...pool, allowGuests: true, guest: { statements: [{ actions: ["s3:*"], resources: ["*"], allowWildcards: true }] } }),
        });
        const resources = asInPreview(plan);
        const google = resources.find((r) => r.name === "idp-google")!;
        assert.ok(isWireSecret(google.inputs.providerDetails), "the Google client secret travels as a secret");
        const { overGrpc, direct } = await bothWays(pack, namedPolicyConfig("prod"), resources);
        assert.deepStrictEqual(sorted(overGrpc), sorted(direct));
        assert.deepStrictEqual(overGrpc.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policyName).sort(), [
            "cognito-guest-access", "cognito-guest-role-privilege", "cognito-guest-role-privilege", "cognito-identity-role-privilege", "cognito-identity-role-privilege", "cognito-mfa", "cognito-no-implicit-grant", "cognito-password-min-length",
        ]);
        assert.deepStrictEqual(overGrpc.filter((v) => v.enforcementLevel === "advisory").map((v) => v.message).sort(), [
            "A user pool should have a WAF web ACL associated (rate limits and bot rules in front of sign-up and sign-in).\nThe user pool main-pool has no WAF web ACL (no aws:wafv2/webAclAssociation:WebAclAssociation with resourceArn arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_Mockmainpool).",
            "A user pool that lets anyone sign up should not feed an identity pool whose authenticated role grants anything: anyone on the internet gets AWS credentials by signing up.\nThe user pool main-pool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool identity-pool gives its signed-in users the role identity-authenticated, which is granted by role policy identity-authenticated-grants: anyone on the internet gets AWS credentials by signing up.",
            `can't run policy 'cognito-role-trust' from policy pack '${packName}@v${packVersion()}' during preview: string value at .assumeRolePolicy can't be known during preview`,
            `can't run policy 'cognito-trigger-permission' from policy pack '${packName}@v${packVersion()}' during preview: string value at .sourceArn can't be known during preview`,
        ]);
    });

    it("stops cleanly when the engine ends it", async () => {
        const started = Date.now();
        const exit = await pack.stop();
        pack = undefined as unknown as RunningPack;
        assert.ok(exit.signal === "SIGTERM" || exit.code === 0, JSON.stringify(exit));
        assert.strictEqual(exit.stderr, "");
        assert.ok(Date.now() - started < 5000);
    });
});
