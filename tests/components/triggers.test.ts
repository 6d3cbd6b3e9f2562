import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import { triggerProblems, triggerFunctionName } from "../../components/triggers-settings";
import { UserPool, type UserPoolArgs } from "../../components/user-pool";
import type { TriggerSettings } from "../../config/schema";
import { one, ofType, runComponents, types } from "../support/harness";

const allTriggers: TriggerSettings = {
    preSignUp: { deniedEmailDomains: ["spam.example"] },
    postConfirmation: { defaultGroup: "readers" },
    preAuthentication: { requiredGroups: { admin: ["admins"] } },
    postAuthentication: {},
    preTokenGeneration: { claims: { stage: "test" }, accessTokenScopes: ["https://api.example.com/read"] },
    customMessage: { appName: { en: "Daily News", ar: "الأخبار اليومية" } },
};
const groups = [{ name: "admins" }, { name: "readers" }];
const poolArn = "arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_Mockuppool";
const functionType = "aws:lambda/function:Function";
const permissionType = "aws:lambda/permission:Permission";

async function poolRun(args: Partial<UserPoolArgs> = {}) {
    let bundles: Record<string, { file: string; bytes: number }> = {};
    const run = await runComponents(() => {
        const pool = new UserPool("up", { name: "news", groups, triggers: allTriggers, federatedProviderNames: ["Google"], protect: false, retainOnDelete: false, ...args });
        bundles = Object.fromEntries(Object.entries(pool.triggers).map(([t, fn]) => [t, fn!.bundle]));
    });
    return { run, bundles };
}

describe("Lambda trigger wiring", () => {
    let run: Awaited<ReturnType<typeof poolRun>>["run"];
    let bundles: Awaited<ReturnType<typeof poolRun>>["bundles"];
    before(async () => ({ run, bundles } = await poolRun()));

    it("creates each function once: Node.js 22 on arm64, 5 s timeout, memory for its job", () => {
        const functions = ofType(run, functionType);
        assert.deepStrictEqual(functions.map((f) => f.inputs.name), ["news-pre-sign-up", "news-post-confirmation", "news-pre-authentication", "news-post-authentication", "news-pre-token-generation", "news-custom-message"]);
        for (const f of functions) {
            assert.deepStrictEqual([f.inputs.runtime, f.inputs.architectures, f.inputs.timeout, f.inputs.handler], ["nodejs22.x", ["arm64"], 5, "index.handler"], f.name);
        }
        assert.deepStrictEqual(functions.map((f) => f.inputs.memorySize), [256, 256, 256, 128, 128, 128]);
    });

    it("hands each handler its settings through TRIGGER_SETTINGS", () => {
        const settings = (name: string) => JSON.parse(one(run, functionType, `up-${name}-function`).inputs.environment.variables.TRIGGER_SETTINGS);
        assert.deepStrictEqual(settings("pre-sign-up"), { allowedEmailDomains: [], deniedEmailDomains: ["spam.example"], autoConfirmEmailDomains: [], linkFederatedUsers: true, providerNames: ["Google"] });
        assert.deepStrictEqual(settings("post-confirmation"), { defaultGroup: "readers" });
        assert.deepStrictEqual(settings("pre-authentication"), { requiredGroups: { admin: ["admins"] } });
        assert.deepStrictEqual(settings("pre-token-generation"), { rolesClaim: "app_roles", claims: { stage: "test" }, accessTokenScopes: ["https://api.example.com/read"] });
        assert.deepStrictEqual(settings("custom-message"), { appName: { en: "Daily News", ar: "الأخبار اليومية" } });
    });

    it("logs to its own log group, kept 30 days, and may write only there", () => {
        const logGroup = one(run, types.logGroup, "up-custom-message-logs").inputs;
        assert.deepStrictEqual([logGroup.name, logGroup.retentionInDays], ["/aws/lambda/news-custom-message", 30]);
        assert.deepStrictEqual(one(run, functionType, "up-custom-message-function").inputs.loggingConfig, { logFormat: "Text", logGroup: "/aws/lambda/news-custom-message" });
        const policy = JSON.parse(one(run, types.rolePolicy, "up-custom-message-logs-policy").inputs.policy);
        assert.deepStrictEqual(policy.Statement, [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:cloudwatch:eu-central-1:123456789012:logGroup/up-custom-message-logs:*" }]);
        const trust = JSON.parse(one(run, types.role, "up-custom-message-role").inputs.assumeRolePolicy);
        assert.deepStrictEqual(trust.Statement[0].Principal, { Service: "lambda.amazonaws.com" });
    });

    it("lets only Cognito, for this pool, invoke each function", () => {
        const permissions = ofType(run, permissionType);
        assert.strictEqual(permissions.length, 6);
        for (const p of permissions) assert.deepStrictEqual([p.inputs.action, p.inputs.principal, p.inputs.sourceArn], ["lambda:InvokeFunction", "cognito-idp.amazonaws.com", poolArn], p.name);
        assert.strictEqual(one(run, permissionType, "up-post-confirmation-invoke").inputs.function, "news-post-confirmation");
    });

    it("grants each role only the Cognito calls its handler makes, on this pool only", () => {
        const statements = (name: string) => JSON.parse(one(run, types.rolePolicy, `up-${name}-cognito-policy`).inputs.policy).Statement;
        assert.deepStrictEqual(statements("pre-sign-up"), [{ Effect: "Allow", Action: ["cognito-idp:ListUsers", "cognito-idp:AdminLinkProviderForUser"], Resource: poolArn }]);
        assert.deepStrictEqual(statements("post-confirmation"), [{ Effect: "Allow", Action: ["cognito-idp:AdminAddUserToGroup"], Resource: poolArn }]);
        assert.deepStrictEqual(statements("pre-authentication"), [{ Effect: "Allow", Action: ["cognito-idp:AdminListGroupsForUser", "cognito-idp:DescribeUserPoolClient"], Resource: poolArn }]);
        assert.deepStrictEqual(ofType(run, types.rolePolicy).filter((r) => r.name.endsWith("-cognito-policy")).length, 3, "triggers without AWS calls get no Cognito policy");
    });

    it("wires every function into the pool, pre token generation as the V2 event", () => {
        const arn = (name: string) => `arn:aws:lambda:eu-central-1:123456789012:function:news-${name}`;
        assert.deepStrictEqual(one(run, types.userPool).inputs.lambdaConfig, {
            preSignUp: arn("pre-sign-up"),
            postConfirmation: arn("post-confirmation"),
            preAuthentication: arn("pre-authentication"),
            postAuthentication: arn("post-authentication"),
            customMessage: arn("custom-message"),
            preTokenGeneration: arn("pre-token-generation"),
            preTokenGenerationConfig: { lambdaArn: arn("pre-token-generation"), lambdaVersion: "V2_0" },
        });
    });

    it("has no dependency cycle: no function or function role refers to the pool", () => {
        const functionsAndRoles = run.resources.filter((r) => r.parent?.startsWith("cognito-as-code:index:TriggerFunction"));
        assert.strictEqual(functionsAndRoles.length, 24);
        for (const r of functionsAndRoles) assert.ok(!JSON.stringify(r.inputs).includes("Mockuppool"), `${r.name} refers to the pool`);
    });

    it("runs bundles of under 20 KB each with the AWS SDK left out", () => {
        for (const [trigger, bundle] of Object.entries(bundles)) {
            const code = fs.readFileSync(bundle.file, "utf8");
            assert.ok(bundle.bytes < 20 * 1024 && bundle.bytes === Buffer.byteLength(code), `${trigger}: ${bundle.bytes} bytes`);
            assert.ok(!code.includes("CognitoIdentityProviderClient=") && !code.includes("@smithy/"), `${trigger} bundles the SDK`);
        }
        assert.match(fs.readFileSync(bundles.preSignUp.file, "utf8"), /require\("@aws-sdk\/client-cognito-identity-provider"\)/);
    });

    it("bundles handlers that answer an event in a fresh process, as Lambda would run them", () => {
        const script = `const h = require(${JSON.stringify(bundles.customMessage.file)}).handler;
            h({ triggerSource: "CustomMessage_SignUp", userPoolId: "p", userName: "u", request: { userAttributes: { locale: "ar" }, codeParameter: "{####}" }, response: {} })
              .then((e) => process.stdout.write(JSON.stringify(e.response)));`;
        const env = { ...process.env, TRIGGER_SETTINGS: JSON.stringify({ appName: { en: "News", ar: "الأخبار" } }) };
        const output = execFileSync(process.execPath, ["-e", script], { env, encoding: "utf8" });
        assert.strictEqual(JSON.parse(output).smsMessage, "رمز الأخبار: {####}");
    });

    it("gives pre sign-up no Cognito policy when it does not link users", async () => {
        const { run: noLink } = await poolRun({ triggers: { preSignUp: { linkFederatedUsers: false } } });
        assert.deepStrictEqual(ofType(noLink, types.rolePolicy).map((r) => r.name), ["up-pre-sign-up-logs-policy"]);
        assert.deepStrictEqual(Object.keys(one(noLink, types.userPool).inputs.lambdaConfig), ["preSignUp"]);
    });

    it("names functions after the pool, within Lambda's 64 characters", () => {
        assert.strictEqual(triggerFunctionName("news prod", "customMessage"), "news-prod-custom-message");
        assert.strictEqual(triggerFunctionName("x".repeat(80), "preTokenGeneration").length, 64);
    });

    describe("impossible combinations", () => {
        const problems = (triggers: TriggerSettings, featurePlan = "ESSENTIALS") => triggerProblems(triggers, { featurePlan, groups }).map((p) => `${p.field}: ${p.message}`);
        it("refuses the V2 token event on Lite", () => {
            assert.deepStrictEqual(problems({ preTokenGeneration: {} }, "LITE"), [`triggers.preTokenGeneration: the V2 event (groups as claims, scopes) needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`]);
        });
        it("refuses groups the pool does not have", () => {
            assert.deepStrictEqual(problems({ postConfirmation: { defaultGroup: "members" }, preAuthentication: { requiredGroups: { admin: ["staff"] } } }), [
                `triggers.postConfirmation.defaultGroup: got "members", which is not a group of the pool; allowed: "admins", "readers"`,
                `triggers.preAuthentication.requiredGroups.admin[0]: got "staff", which is not a group of the pool; allowed: "admins", "readers"`,
            ]);
        });
        it("refuses claims Cognito sets itself", () => {
            assert.deepStrictEqual(problems({ preTokenGeneration: { rolesClaim: "scope", claims: { sub: "x", "cognito:groups": "y", plan: "gold" } } }), [
                `triggers.preTokenGeneration.rolesClaim: "scope" is set by Cognito and cannot be overridden`,
                `triggers.preTokenGeneration.claims.sub: "sub" is set by Cognito and cannot be overridden`,
                `triggers.preTokenGeneration.claims.cognito:groups: "cognito:groups" is set by Cognito and cannot be overridden`,
            ]);
        });
        it("refuses a domain both allowed and denied", () => {
            assert.deepStrictEqual(problems({ preSignUp: { allowedEmailDomains: ["a.example"], deniedEmailDomains: ["a.example"] } }), [`triggers.preSignUp.deniedEmailDomains: "a.example" is both allowed and denied`]);
        });
        it("throws at construction naming the component", () => {
            assert.throws(() => new UserPool("up", { triggers: { postConfirmation: { defaultGroup: "readers" } } }),
                { message: `UserPool "up" has invalid arguments:\n  - triggers.postConfirmation.defaultGroup: got "readers", which is not a group of the pool; allowed: none (declare userPool.groups)` });
        });
    });
});
