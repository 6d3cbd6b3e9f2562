// The escape hatch: a stack may change the args of any child before it is created. It is warned,
// and the policy pack still judges what comes out.
import * as assert from "assert";
import { AppClients } from "../../components/app-clients";
import { IdentityPool } from "../../components/identity-pool";
import { mergeArgs } from "../../components/shared/component";
import { Triggers } from "../../components/triggers";
import { UserPool } from "../../components/user-pool";
import { policies } from "../../policy/rules";
import { evaluatePolicies } from "../../tools/policy/evaluate";
import { loadPackConfig } from "../../tools/policy/pack-config";
import { one, ofType, runComponents, types } from "../support/harness";

const safe = { name: "news", protect: false, retainOnDelete: false } as const;

describe("escape hatch (transform)", () => {
    it("merges a partial object into a child's args: a setting no arg exposes, nested objects merged", async () => {
        const run = await runComponents(() => {
            new UserPool("up", { ...safe, transform: { pool: { deviceConfiguration: { challengeRequiredOnNewDevice: true }, passwordPolicy: { temporaryPasswordValidityDays: 3 } } } });
        });
        const pool = one(run, types.userPool).inputs;
        assert.deepStrictEqual(pool.deviceConfiguration, { challengeRequiredOnNewDevice: true });
        assert.deepStrictEqual([pool.passwordPolicy.temporaryPasswordValidityDays, pool.passwordPolicy.minimumLength], [3, 15], "the rest of passwordPolicy kept");
        assert.deepStrictEqual(run.warnings, [`escape hatch used: UserPool "up" transforms its pool child "up-pool"; the component's own checks do not cover what the transform changes`]);
    });

    it("runs a function over each child of a kind, with its options and name", async () => {
        const seen: string[] = [];
        const run = await runComponents(() => {
            new AppClients("apps", {
                userPoolId: "pool-1",
                pool: { featurePlan: "ESSENTIALS", passwordless: false },
                clients: [{ name: "web", kind: "web", callbackUrls: ["https://news.example.com/cb"] }, { name: "tv", kind: "native", callbackUrls: ["newstv://cb"] }],
                transform: {
                    client: (args, opts, name) => {
                        seen.push(name);
                        args.enablePropagateAdditionalUserContextData = true;
                        opts.ignoreChanges = ["callbackUrls"];
                    },
                },
            });
        });
        assert.deepStrictEqual(seen, ["apps-web", "apps-tv"]);
        for (const client of ofType(run, types.client)) {
            assert.strictEqual(client.inputs.enablePropagateAdditionalUserContextData, true);
            assert.deepStrictEqual(client.options.ignoreChanges, ["callbackUrls"]);
        }
        assert.strictEqual(run.warnings.length, 2);
    });

    it("gives a function transform its own copy: shared objects such as tags stay as they were", async () => {
        const tags = { stage: "test" };
        const run = await runComponents(() => {
            new UserPool("up", { ...safe, tags, logDelivery: { notificationErrors: "ERROR" }, transform: { pool: (args) => { (args.tags as Record<string, string>).owner = "newsroom"; } } });
        });
        assert.deepStrictEqual(one(run, types.userPool).inputs.tags, { stage: "test", owner: "newsroom" });
        assert.deepStrictEqual(one(run, types.logGroup).inputs.tags, { stage: "test" });
        assert.deepStrictEqual(tags, { stage: "test" });
    });

    it("reaches the children of the trigger functions", async () => {
        const run = await runComponents(() => {
            new Triggers("up", { poolName: "news", postAuthentication: {}, transform: { function: { reservedConcurrentExecutions: 5 }, logGroup: { retentionInDays: 7 } } });
        });
        assert.strictEqual(one(run, types.lambdaFunction).inputs.reservedConcurrentExecutions, 5);
        assert.strictEqual(one(run, types.logGroup).inputs.retentionInDays, 7);
        assert.deepStrictEqual(run.warnings.map((w) => w.split(";")[0]), [
            `escape hatch used: TriggerFunction "up-post-authentication" transforms its logGroup child "up-post-authentication-logs"`,
            `escape hatch used: TriggerFunction "up-post-authentication" transforms its function child "up-post-authentication-function"`,
        ]);
    });

    it("is judged by the policy pack: a transform that weakens a default is caught", async () => {
        const run = await runComponents(() => {
            new UserPool("up", { ...safe, mfa: { mode: "ON" }, transform: { pool: { mfaConfiguration: "OFF", passwordPolicy: { minimumLength: 8 } } } });
            new IdentityPool("identity", {
                userPoolProviderName: "cognito-idp.eu-central-1.amazonaws.com/eu-central-1_X",
                availableClients: { web: "client-web" },
                transform: { pool: { allowUnauthenticatedIdentities: true } },
            });
        });
        const found = await evaluatePolicies(run.resources, policies, loadPackConfig("prod", policies), { name: "cognito-security", version: "0.1.0" });
        const mandatory = found.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policyName);
        for (const rule of ["cognito-mfa", "cognito-password-min-length"]) assert.ok(mandatory.includes(rule), `${rule} not in ${mandatory.join(", ")}`);
        assert.ok(found.some((v) => v.policyName === "cognito-guest-access"), found.map((v) => v.policyName).join(", "));
        assert.strictEqual(run.warnings.length, 2);
    });

    it("leaves a component without a transform silent", async () => {
        const run = await runComponents(() => {
            new UserPool("up", safe);
        });
        assert.deepStrictEqual(run.warnings, []);
    });

    it("merges plain objects key by key and replaces lists and other values", () => {
        assert.deepStrictEqual(mergeArgs({ a: { b: 1, c: [1, 2] }, d: "x" }, { a: { c: [3] }, e: true } as object), { a: { b: 1, c: [3] }, d: "x", e: true });
        assert.deepStrictEqual(mergeArgs({ a: { b: 1 } }, { a: undefined } as object), { a: undefined });
    });
});
