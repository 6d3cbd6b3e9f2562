import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import { enabledTriggers, triggerClientProblems, triggerProblems, triggerFunctionName } from "../../components/triggers/settings";
import { Triggers, type TriggersArgs } from "../../components/triggers";
import { UserPool } from "../../components/user-pool";
import type { TriggerSettings } from "../../config/schema";
import { componentTypes, one, ofType, runComponents, types } from "../support/harness";

const allTriggers: TriggerSettings = {
    preSignUp: { deniedEmailDomains: ["spam.example"] },
    postConfirmation: { defaultGroup: "readers" },
    preAuthentication: { requiredGroups: { admin: ["admins"] } },
    postAuthentication: {},
    preTokenGeneration: { claims: { stage: "test" }, accessTokenScopes: [{ scopes: ["https://api.example.com/read"], groups: ["readers"] }] },
    customMessage: { appName: { en: "Daily News", ar: "الأخبار اليومية" } },
};
const groups = [{ name: "admins", precedence: 0 }, { name: "readers", precedence: 10 }];
const federatedProviders = [{ name: "Google", linkToExistingUsers: true }, { name: "Facebook" }];
const poolArn = "arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_Mockuppool";
const functionType = types.lambdaFunction;
const permissionType = types.lambdaPermission;

/** Triggers built first, then the pool that wires them in, as index.ts does. */
async function poolRun(args: { triggers?: TriggerSettings } & Partial<Pick<TriggersArgs, "featurePlan" | "federatedProviders" | "customAttributes" | "roleClaims">> = {}) {
    let bundles: Record<string, { file: string; bytes: number }> = {};
    const run = await runComponents(() => {
        const triggers = new Triggers("up", {
            ...(args.triggers ?? allTriggers), poolName: "news", featurePlan: args.featurePlan, groups, federatedProviders: args.federatedProviders ?? federatedProviders,
            customAttributes: args.customAttributes, roleClaims: args.roleClaims,
        });
        new UserPool("up", { name: "news", groups, featurePlan: args.featurePlan, triggers, protect: false, retainOnDelete: false });
        bundles = Object.fromEntries(Object.entries(triggers.functions).map(([t, fn]) => [t, fn!.bundle]));
    });
    return { run, bundles };
}

describe("Lambda trigger wiring", () => {
    let run: Awaited<ReturnType<typeof poolRun>>["run"];
    let bundles: Awaited<ReturnType<typeof poolRun>>["bundles"];
    before(async () => ({ run, bundles } = await poolRun()));

    it("creates each function once: Node.js 22 on arm64, 5 s timeout, memory for its job", () => {
        const functions = ofType(run, functionType);
        assert.deepStrictEqual(functions.map((f) => f.inputs.name), ["news-pre-sign-up", "news-post-confirmation", "news-post-authentication", "news-pre-token-generation", "news-custom-message"]);
        for (const f of functions) {
            assert.deepStrictEqual([f.inputs.runtime, f.inputs.architectures, f.inputs.timeout, f.inputs.handler], ["nodejs22.x", ["arm64"], 5, "index.handler"], f.name);
        }
        assert.deepStrictEqual(functions.map((f) => f.inputs.memorySize), [256, 256, 128, 256, 128]);
    });

    it("hands each handler its settings through TRIGGER_SETTINGS", () => {
        const settings = (name: string) => JSON.parse(one(run, functionType, `up-${name}-function`).inputs.environment.variables.TRIGGER_SETTINGS);
        assert.deepStrictEqual(settings("pre-sign-up"), { allowedEmailDomains: [], deniedEmailDomains: ["spam.example"], autoConfirmEmailDomains: [], providerNames: ["Google", "Facebook"], linkingProviders: ["Google"], protectedGroups: ["admins"] });
        assert.deepStrictEqual(settings("post-confirmation"), { defaultGroup: "readers" });
        assert.deepStrictEqual(settings("pre-token-generation"), {
            requiredGroups: { admin: ["admins"] },
            protectedGroups: ["admins"],
            providerNames: ["Google", "Facebook"],
            tokens: { rolesClaim: "app_roles", claims: { stage: "test" }, accessTokenScopes: [{ scopes: ["https://api.example.com/read"], groups: ["readers"] }] },
        });
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

    it("lets only Cognito, for this pool of this account, invoke each function", () => {
        const permissions = ofType(run, permissionType);
        assert.strictEqual(permissions.length, 5);
        for (const p of permissions) assert.deepStrictEqual([p.inputs.action, p.inputs.principal, p.inputs.sourceArn, p.inputs.sourceAccount], ["lambda:InvokeFunction", "cognito-idp.amazonaws.com", poolArn, "123456789012"], p.name);
        assert.strictEqual(one(run, permissionType, "up-post-confirmation-invoke").inputs.function, "news-post-confirmation");
    });

    it("grants each role only the Cognito calls its handler makes, on this pool only", () => {
        const statements = (name: string) => JSON.parse(one(run, types.rolePolicy, `up-${name}-cognito-policy`).inputs.policy).Statement;
        assert.deepStrictEqual(statements("pre-sign-up"), [{ Effect: "Allow", Action: ["cognito-idp:ListUsers", "cognito-idp:AdminListGroupsForUser", "cognito-idp:AdminLinkProviderForUser"], Resource: poolArn }]);
        assert.deepStrictEqual(statements("post-confirmation"), [{ Effect: "Allow", Action: ["cognito-idp:AdminAddUserToGroup"], Resource: poolArn }]);
        assert.deepStrictEqual(statements("pre-token-generation"), [{ Effect: "Allow", Action: ["cognito-idp:ListUserPoolClients"], Resource: poolArn }]);
        assert.deepStrictEqual(ofType(run, types.rolePolicy).filter((r) => r.name.endsWith("-cognito-policy")).length, 3, "triggers without AWS calls get no Cognito policy");
    });

    it("never lets a trigger read a client secret: no DescribeUserPoolClient in any policy or bundle", () => {
        for (const policy of ofType(run, types.rolePolicy)) assert.ok(!policy.inputs.policy.includes("DescribeUserPoolClient"), policy.name);
        for (const [trigger, bundle] of Object.entries(bundles)) assert.ok(!fs.readFileSync(bundle.file, "utf8").includes("DescribeUserPoolClient"), trigger);
    });

    it("wires every function into the pool, pre token generation as the V2 event", () => {
        const arn = (name: string) => `arn:aws:lambda:eu-central-1:123456789012:function:news-${name}`;
        assert.deepStrictEqual(one(run, types.userPool).inputs.lambdaConfig, {
            preSignUp: arn("pre-sign-up"),
            postConfirmation: arn("post-confirmation"),
            postAuthentication: arn("post-authentication"),
            customMessage: arn("custom-message"),
            preTokenGeneration: arn("pre-token-generation"),
            preTokenGenerationConfig: { lambdaArn: arn("pre-token-generation"), lambdaVersion: "V2_0" },
        });
    });

    it("has no dependency cycle: no function or function role refers to the pool", () => {
        const functionsAndRoles = run.resources.filter((r) => r.parent?.startsWith(componentTypes.triggerFunction));
        assert.strictEqual(functionsAndRoles.length, 20);
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

    it("gives pre sign-up no Cognito policy, and no provider to link, when no provider opted in", async () => {
        const { run: noLink } = await poolRun({ triggers: { preSignUp: {} }, federatedProviders: [{ name: "Google" }, { name: "Corp", linkToExistingUsers: false }] });
        assert.deepStrictEqual(ofType(noLink, types.rolePolicy).map((r) => r.name), ["up-pre-sign-up-logs-policy"]);
        assert.deepStrictEqual(Object.keys(one(noLink, types.userPool).inputs.lambdaConfig), ["preSignUp"]);
        const settings = JSON.parse(one(noLink, functionType).inputs.environment.variables.TRIGGER_SETTINGS);
        assert.deepStrictEqual([settings.providerNames, settings.linkingProviders], [["Google", "Corp"], []]);
    });

    it("protects the stack's own protectedGroups from linking when given, else the groups of precedence 0 and those a gated client admits", () => {
        const pool = { providers: [], groups: [{ name: "admins", precedence: 0 }, { name: "owners", precedence: 0 }, { name: "editors", precedence: 10 }, { name: "readers" }] };
        assert.deepStrictEqual(enabledTriggers({ preSignUp: {} }, pool).preSignUp?.protectedGroups, ["admins", "owners"]);
        assert.deepStrictEqual(enabledTriggers({ preSignUp: {}, preAuthentication: { requiredGroups: { admin: ["editors"] } } }, pool).preSignUp?.protectedGroups, ["admins", "owners", "editors"]);
        assert.deepStrictEqual(enabledTriggers({ preSignUp: { protectedGroups: ["readers"] } }, pool).preSignUp?.protectedGroups, ["readers"]);
        assert.deepStrictEqual(enabledTriggers({ preSignUp: { protectedGroups: [] } }, pool).preSignUp?.protectedGroups, []);
    });

    it("while a provider links accounts, deploys token generation to refuse linked members of protected groups", () => {
        const groups = [{ name: "admins", precedence: 0 }, { name: "readers" }];
        const linking = { providers: [{ name: "Google", linkToExistingUsers: true }, { name: "Corp" }], groups };
        assert.deepStrictEqual(enabledTriggers({ preSignUp: {} }, linking).preTokenGeneration, { requiredGroups: {}, protectedGroups: ["admins"], providerNames: ["Google", "Corp"] });
        assert.strictEqual(enabledTriggers({ preSignUp: {} }, { ...linking, providers: [{ name: "Google" }] }).preTokenGeneration, undefined, "no provider links");
        assert.strictEqual(enabledTriggers({}, linking).preTokenGeneration, undefined, "no pre sign-up, so nothing is ever linked");
        assert.strictEqual(enabledTriggers({ preSignUp: { protectedGroups: [] } }, linking).preTokenGeneration, undefined, "nothing protected");
    });

    describe("client gate at every token issue", () => {
        const gateOnly: TriggerSettings = { preAuthentication: { requiredGroups: { admin: ["admins"] } } };

        it("deploys pre token generation for the gate alone, as the V2 event on Essentials, and no pre authentication function (it would refuse before the password, telling who is registered)", async () => {
            const { run: gate } = await poolRun({ triggers: gateOnly });
            assert.deepStrictEqual(ofType(gate, functionType).map((f) => f.inputs.name), ["news-pre-token-generation"]);
            assert.deepStrictEqual(Object.keys(one(gate, types.userPool).inputs.lambdaConfig), ["preTokenGeneration", "preTokenGenerationConfig"]);
            assert.deepStrictEqual(JSON.parse(one(gate, functionType, "up-pre-token-generation-function").inputs.environment.variables.TRIGGER_SETTINGS), { requiredGroups: { admin: ["admins"] } });
            assert.strictEqual(one(gate, types.userPool).inputs.lambdaConfig.preTokenGenerationConfig.lambdaVersion, "V2_0");
            assert.deepStrictEqual(JSON.parse(one(gate, types.rolePolicy, "up-pre-token-generation-cognito-policy").inputs.policy).Statement[0].Action, ["cognito-idp:ListUserPoolClients"]);
        });

        it("runs it as the V1 event on Lite, where the V2 event does not exist", async () => {
            const { run: lite } = await poolRun({ featurePlan: "LITE", triggers: gateOnly });
            const arn = "arn:aws:lambda:eu-central-1:123456789012:function:news-pre-token-generation";
            const config = one(lite, types.userPool).inputs.lambdaConfig;
            assert.deepStrictEqual([config.preTokenGeneration, config.preTokenGenerationConfig], [arn, { lambdaArn: arn, lambdaVersion: "V1_0" }]);
        });

        it("deploys no function at all when no client requires groups", async () => {
            const { run: open } = await poolRun({ triggers: { preAuthentication: { requiredGroups: {} } } });
            assert.deepStrictEqual(ofType(open, functionType), []);
            assert.strictEqual(one(open, types.userPool).inputs.lambdaConfig, undefined);
        });

        it("lets token generation list clients only when a gate or a client grant needs their names", async () => {
            const { run: groupGrants } = await poolRun({ triggers: { preTokenGeneration: { accessTokenScopes: [{ scopes: ["https://api.example.com/read"], groups: ["readers"] }] } } });
            assert.deepStrictEqual(ofType(groupGrants, types.rolePolicy).map((r) => r.name), ["up-pre-token-generation-logs-policy"]);
            const { run: clientGrant } = await poolRun({ triggers: { preTokenGeneration: { accessTokenScopes: [{ scopes: ["https://api.example.com/read"], clients: ["web"] }] } } });
            assert.deepStrictEqual(JSON.parse(one(clientGrant, types.rolePolicy, "up-pre-token-generation-cognito-policy").inputs.policy).Statement[0].Action, ["cognito-idp:ListUserPoolClients"]);
        });
    });

    it("names functions after the pool, within Lambda's 64 characters", () => {
        assert.strictEqual(triggerFunctionName("news prod", "customMessage"), "news-prod-custom-message");
        assert.strictEqual(triggerFunctionName("x".repeat(80), "preTokenGeneration").length, 64);
    });

    describe("impossible combinations", () => {
        const problems = (triggers: TriggerSettings, featurePlan = "ESSENTIALS") => triggerProblems(triggers, { featurePlan, groups }).map((p) => `${p.field}: ${p.message}`);
        it("refuses the V2 token event on Lite, but not the client gate", () => {
            assert.deepStrictEqual(problems({ preTokenGeneration: {} }, "LITE"), [`triggers.preTokenGeneration: the V2 event (groups as claims, scopes) needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`]);
            assert.deepStrictEqual(problems({ preAuthentication: { requiredGroups: { admin: ["admins"] } } }, "LITE"), []);
        });
        it("refuses protected groups the pool does not have", () => {
            assert.deepStrictEqual(problems({ preSignUp: { protectedGroups: ["admins", "owners"] } }), [
                `triggers.preSignUp.protectedGroups[1]: got "owners", which is not a group of the pool; allowed: "admins", "readers"`,
            ]);
        });
        it("refuses a scope grant to every user on every client, and grant groups the pool does not have", () => {
            assert.deepStrictEqual(problems({ preTokenGeneration: { accessTokenScopes: [{ scopes: ["https://api.example.com/read"] }, { scopes: ["https://api.example.com/write"], groups: ["readers", "editors"] }, { scopes: ["https://api.example.com/report"], clients: ["reporting"] }] } }), [
                `triggers.preTokenGeneration.accessTokenScopes[0]: got scopes "https://api.example.com/read" without groups or clients; allowed: groups, clients or both (never grant a scope to every user on every client)`,
                `triggers.preTokenGeneration.accessTokenScopes[1].groups[1]: got "editors", which is not a group of the pool; allowed: "admins", "readers"`,
            ]);
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
        it("refuses clients and scopes the stack does not have", () => {
            const triggers: TriggerSettings = {
                preAuthentication: { requiredGroups: { admin: ["admins"], kiosk: ["admins"] } },
                preTokenGeneration: { accessTokenScopes: [{ scopes: ["https://api.example.com/read"], clients: ["web", "tv"] }, { scopes: ["https://api.example.com/read", "https://api.example.com/delete"], groups: ["admins"] }] },
            };
            const scopes = ["https://api.example.com/read", "https://api.example.com/write"];
            assert.deepStrictEqual(triggerClientProblems(triggers, ["web", "admin"], scopes).map((p) => `${p.field}: ${p.message}`), [
                `triggers.preAuthentication.requiredGroups.kiosk: "kiosk" is not a client of this stack; allowed: "web", "admin"`,
                `triggers.preTokenGeneration.accessTokenScopes[0].clients[1]: "tv" is not a client of this stack; allowed: "web", "admin"`,
                `triggers.preTokenGeneration.accessTokenScopes[1].scopes[1]: got "https://api.example.com/delete", which no resource server defines; allowed: "https://api.example.com/read", "https://api.example.com/write"`,
            ]);
            assert.deepStrictEqual(triggerClientProblems(triggers, [], []).map((p) => p.message).slice(-1), [`got "https://api.example.com/delete", which no resource server defines; allowed: none (declare resourceServers)`]);
            assert.deepStrictEqual(triggerClientProblems(undefined, [], []), []);
        });
        it("throws at construction naming the component", () => {
            assert.throws(() => new Triggers("up", { poolName: "news", postConfirmation: { defaultGroup: "readers" } }),
                { message: `Triggers "up" has invalid arguments:\n  - triggers.postConfirmation.defaultGroup: got "readers", which is not a group of the pool; allowed: none (declare userPool.groups)` });
        });
    });
});

describe("user migration trigger wiring", () => {
    const migration = { userMigration: { sourceUserPoolId: "eu-west-1_OldPool", sourceClientId: "oldclient" } };
    const customAttributes = { migratedFrom: { type: "String" }, edition: { type: "String" } };
    const standard = ["address", "birthdate", "email", "family_name", "gender", "given_name", "locale", "middle_name", "name", "nickname", "phone_number", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo", "email_verified", "phone_number_verified"];
    const settingsOf = (run: Awaited<ReturnType<typeof poolRun>>["run"], fn: string) => JSON.parse(one(run, functionType, `up-${fn}-function`).inputs.environment.variables.TRIGGER_SETTINGS);

    it("wires the migration function into the pool, may call only the old pool's password check and user read, and makes post authentication follow groups", async () => {
        const { run } = await poolRun({ triggers: migration, customAttributes });
        assert.strictEqual(one(run, types.userPool).inputs.lambdaConfig.userMigration, "arn:aws:lambda:eu-central-1:123456789012:function:news-user-migration");
        assert.deepStrictEqual(settingsOf(run, "user-migration"), {
            source: { userPoolId: "eu-west-1_OldPool", clientId: "oldclient" },
            passwordPolicy: { minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true },
            attributes: [...standard, "custom:edition"],
            mark: true,
        }, "AWS's policy when the pool states none; every attribute of the pool but the mark; users marked since groups follow");
        const statements = (name: string) => JSON.parse(one(run, types.rolePolicy, name).inputs.policy).Statement;
        const oldPool = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_OldPool";
        assert.deepStrictEqual(statements("up-user-migration-source-pool-policy"), [{ Effect: "Allow", Action: ["cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser"], Resource: oldPool }]);
        assert.deepStrictEqual(statements("up-post-authentication-source-pool-policy"), [{ Effect: "Allow", Action: ["cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser"], Resource: oldPool }]);
        assert.deepStrictEqual(statements("up-post-authentication-cognito-policy"), [{ Effect: "Allow", Action: ["cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser", "cognito-idp:AdminAddUserToGroup"], Resource: poolArn }]);
        assert.strictEqual(ofType(run, types.rolePolicy).filter((r) => r.name === "up-user-migration-cognito-policy").length, 0, "nothing on the new pool");
        // admins (precedence 0) is protected: only readers may follow by default.
        assert.deepStrictEqual(settingsOf(run, "post-authentication"), { migrationSource: { userPoolId: "eu-west-1_OldPool", clientId: "oldclient" }, followGroups: ["readers"] });
    });

    it("lets the groups listed follow, a protected one too when listed", async () => {
        const { run } = await poolRun({ triggers: { userMigration: { ...migration.userMigration, followGroups: ["admins"] } }, customAttributes });
        assert.deepStrictEqual(settingsOf(run, "post-authentication").followGroups, ["admins"]);
    });

    it("leaves behind the claims that choose AWS roles, unless carried on purpose, and what dropAttributes names", async () => {
        const roleClaims = ["custom:edition", "locale"];
        const { run } = await poolRun({ triggers: { userMigration: { ...migration.userMigration, dropAttributes: ["website"] } }, customAttributes, roleClaims });
        assert.deepStrictEqual(settingsOf(run, "user-migration").attributes, standard.filter((a) => a !== "locale" && a !== "website"));
        const { run: carried } = await poolRun({ triggers: { userMigration: { ...migration.userMigration, carryAttributes: ["custom:edition"] } }, customAttributes, roleClaims });
        assert.deepStrictEqual(settingsOf(carried, "user-migration").attributes, [...standard.filter((a) => a !== "locale"), "custom:edition"]);
    });

    it("lets no group follow while the mark is not declared, and refuses groups asked to follow without it, naming what to declare", async () => {
        const { run } = await poolRun({ triggers: migration, customAttributes: { edition: { type: "String" } } });
        assert.deepStrictEqual(Object.keys(one(run, types.userPool).inputs.lambdaConfig), ["userMigration"], "no post authentication: nothing follows");
        assert.strictEqual(settingsOf(run, "user-migration").mark, undefined);
        await assert.rejects(poolRun({ triggers: { userMigration: { ...migration.userMigration, followGroups: true } }, customAttributes: { edition: { type: "String" } } }), {
            message: `Triggers "up" has invalid arguments:\n  - triggers.userMigration.followGroups: groups follow only users the migration trigger created, which it marks in custom:migratedFrom (no user can write it, so an account someone else made with a migrated user's address inherits nothing); declare userPool.customAttributes.migratedFrom: { type: String, mutable: false }, or set followGroups: false`,
        });
        await assert.rejects(poolRun({ triggers: { userMigration: { ...migration.userMigration, followGroups: ["editors"], carryAttributes: ["custom:nope", "name"] } }, customAttributes }), {
            message: [
                `Triggers "up" has invalid arguments:`,
                `  - triggers.userMigration.followGroups[0]: got "editors", which is not a group of the pool; allowed: "admins", "readers"`,
                `  - triggers.userMigration.carryAttributes[0]: got "custom:nope", which is not an attribute this pool carries; allowed: a standard attribute, "email_verified", "phone_number_verified", or a declared custom attribute as "custom:<name>" (not custom:migratedFrom)`,
                `  - triggers.userMigration.carryAttributes[1]: got "name", which is carried anyway; allowed: a claim that chooses AWS roles here: none (no identityPool.roleMapping rule uses one)`,
            ].join("\n"),
        });
    });

    it("leaves post authentication out when groups do not follow (no mark needed), and gives the audit-only one no Cognito policy", async () => {
        const { run } = await poolRun({ triggers: { userMigration: { ...migration.userMigration, followGroups: false } } });
        assert.deepStrictEqual(Object.keys(one(run, types.userPool).inputs.lambdaConfig), ["userMigration"]);
        assert.strictEqual(settingsOf(run, "user-migration").mark, undefined);
        const { run: auditOnly } = await poolRun({ triggers: { postAuthentication: {} } });
        assert.deepStrictEqual(ofType(auditOnly, types.rolePolicy).map((r) => r.name), ["up-post-authentication-logs-policy"]);
    });
});
