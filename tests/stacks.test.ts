// The whole program over each shipped stack file, as `pulumi up` would run it (under mocks).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../tools/harness/run-program";
import { secretConfigKeys, type StackConfig } from "../config";
import { loadStack, planStack, placeholderPrefix, type Plan } from "../tools/harness/run-stack";
import { projectRoot, readStackFile } from "../tools/harness/stack-file";
import { stackNames } from "../tools/harness/stacks";
import { isWireSecret, unwrapSecrets } from "../tools/harness/wire";
import { checkPlan } from "../tools/policy/check";
import { componentTypes, one, ofType, planEdited, problemLines, types } from "./support/harness";

const secretMarkers = [placeholderPrefix, "mock-client-secret"];

const linking = (i: number, provider: string) => `security default weakened on purpose: cognito:identityProviders[${i}].linkToExistingUsers is true: a "${provider}" sign-up with the verified address of a native user joins that account, entering it without its password or MFA (never for members of "admins", "editors")`;
const adminLeftOut = `setting without effect: cognito:clients "admin" gets no AWS credentials: it is not in cognito:identityPool.clients (web, mobile)`;

/**
 * The warnings each shipped stack gives on purpose, and no other. A stack without an entry (a stage
 * added beside them) must give those of the stack named after its stage defaults (dev or prod),
 * which a copy of staging or prod does; one that gives others needs its own entry, which the
 * failure prints ready to paste.
 */
const expectedWarnings: Readonly<Record<string, readonly string[]>> = {
    dev: [linking(0, "Google"), adminLeftOut],
    staging: [linking(0, "Google"), linking(2, "SignInWithApple"), adminLeftOut],
    prod: [linking(0, "Google"), linking(2, "SignInWithApple"), adminLeftOut],
};

describe("shipped stacks", () => {
    const plans: Record<string, Plan> = {};
    const configs: Record<string, StackConfig> = {};
    before(async () => {
        for (const stack of stackNames()) {
            plans[stack] = await planStack(stack);
            configs[stack] = loadStack(stack).config;
        }
    });

    it("prod: the pool is protected, retained on delete and deletion-protected", () => {
        const pool = one(plans.prod, types.userPool);
        assert.deepStrictEqual([pool.options.protect, pool.options.retainOnDelete, pool.inputs.deletionProtection], [true, true, "ACTIVE"]);
    });

    it("dev: the pool can be torn down", () => {
        const pool = one(plans.dev, types.userPool);
        assert.deepStrictEqual([pool.options.protect, pool.options.retainOnDelete, pool.inputs.deletionProtection], [false, false, "INACTIVE"]);
    });

    it("prod: MFA on with SES, threat protection enforced, custom domain, Google, Facebook and Apple", () => {
        const pool = one(plans.prod, types.userPool).inputs;
        assert.deepStrictEqual([pool.mfaConfiguration, pool.emailConfiguration.emailSendingAccount, pool.userPoolAddOns.advancedSecurityMode], ["ON", "DEVELOPER", "ENFORCED"]);
        assert.strictEqual(one(plans.prod, types.domain).inputs.domain, "auth.news.example.com");
        assert.deepStrictEqual(ofType(plans.prod, types.identityProvider).map((r) => r.inputs.providerName).sort(), ["Facebook", "Google", "SignInWithApple"]);
        assert.strictEqual(ofType(plans.prod, types.riskConfiguration).length, 1);
    });

    it("prod: TOTP as the second factor, so email stays a recovery method every user can use", () => {
        const pool = one(plans.prod, types.userPool).inputs;
        assert.deepStrictEqual([pool.softwareTokenMfaConfiguration, pool.emailMfaConfiguration, pool.accountRecoverySetting], [{ enabled: true }, undefined, { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] }]);
    });

    it("prod: each signed-in user reaches only items keyed by their identity id, and only when the request names a key", () => {
        const policy = JSON.parse(one(plans.prod, types.rolePolicy, "identity-authenticated-grants").inputs.policy);
        const dynamo = policy.Statement.find((s: { Resource: string }) => String(s.Resource).includes(":table/"));
        assert.deepStrictEqual(dynamo.Condition, { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"] }, Null: { "dynamodb:LeadingKeys": "false" } });
    });

    it("links Google (and Apple in prod) sign-ups to existing readers, never to the protected newsroom groups", () => {
        const settings = (plan: Plan) => JSON.parse(one(plan, types.lambdaFunction, "main-pre-sign-up-function").inputs.environment.variables.TRIGGER_SETTINGS);
        assert.deepStrictEqual([settings(plans.dev).linkingProviders, settings(plans.dev).protectedGroups], [["Google"], ["admins", "editors"]]);
        assert.deepStrictEqual([settings(plans.prod).linkingProviders, settings(plans.prod).protectedGroups], [["Google", "SignInWithApple"], ["admins", "editors"]]);
    });

    it("gates the admin client at sign-in and at every token issue, reading client names without secrets", () => {
        for (const stack of ["dev", "prod"]) {
            const token = JSON.parse(one(plans[stack], types.lambdaFunction, "main-pre-token-generation-function").inputs.environment.variables.TRIGGER_SETTINGS);
            assert.deepStrictEqual(token.requiredGroups, { admin: ["admins", "editors"] }, stack);
            assert.deepStrictEqual(token.protectedGroups, ["admins", "editors"], `${stack}: linked accounts promoted later get no token`);
            const actions = ofType(plans[stack], types.rolePolicy).filter((r) => r.name.endsWith("-cognito-policy")).flatMap((r) => JSON.parse(r.inputs.policy).Statement.flatMap((s: { Action: string[] }) => s.Action));
            assert.ok(actions.includes("cognito-idp:ListUserPoolClients") && !actions.includes("cognito-idp:DescribeUserPoolClient"), `${stack}: ${actions}`);
        }
    });


    it("dev: MFA optional, prefix domain, Google, localhost callbacks", () => {
        assert.strictEqual(one(plans.dev, types.userPool).inputs.mfaConfiguration, "OPTIONAL");
        assert.strictEqual(one(plans.dev, types.domain).inputs.domain, "news-dev-example");
        assert.deepStrictEqual(ofType(plans.dev, types.identityProvider).map((r) => r.inputs.providerName), ["Google"]);
        assert.deepStrictEqual(one(plans.dev, types.client, "clients-web").inputs.callbackUrls, ["http://localhost:3000/auth/callback"]);
    });

    it("staging: no stage key, so the stack's name; prod's stage defaults and, without a file of its own, prod's policy config", () => {
        assert.deepStrictEqual([plans.staging.stage, plans.staging.stageDefaults, path.basename(plans.staging.policyConfig)], ["staging", "prod", "prod.json"]);
        const pool = one(plans.staging, types.userPool);
        assert.deepStrictEqual([pool.options.protect, pool.options.retainOnDelete, pool.inputs.deletionProtection, pool.inputs.mfaConfiguration], [true, true, "ACTIVE", "ON"]);
        assert.deepStrictEqual(pool.inputs.tags, { app: "cognito", stage: "staging" }, "resources are tagged with the stage's own name");
    });

    it("a stage other than dev on dev's stage defaults: warned, with dev's defaults, and checked with dev's policy config", async () => {
        const plan = await planEdited("staging", { stageDefaults: () => "dev", userPool: (p) => ({ ...p, mfa: { totp: true } }) });
        assert.deepStrictEqual([plan.stageDefaults, path.relative(projectRoot, plan.policyConfig), one(plan, types.userPool).inputs.mfaConfiguration], ["dev", "policy/config/dev.json", "OPTIONAL"]);
        assert.ok(plan.warnings.includes(`security default weakened on purpose: cognito:stageDefaults is "dev" in stage "staging", where the default is "prod": dev's defaults fill what the stack file leaves out (MFA optional, no deletion protection, the pool neither protected nor retained), dev's rules apply (auto-confirmed sign-ups allowed), and so does dev's policy config unless policy/config/staging.json exists`), plan.warnings.join("\n"));
    });

    // What every shipped stack must hold, whatever its content: a new stack file is checked here as it appears.
    for (const stack of stackNames()) {
        it(`${stack}: users may write no custom attribute and no verification flag through any client`, () => {
            for (const client of ofType(plans[stack], types.client)) {
                const written: string[] = client.inputs.writeAttributes;
                assert.ok(written.includes("email") && !written.some((a) => a.startsWith("custom:") || a.endsWith("_verified")), `${stack} ${client.name}: ${written}`);
            }
        });

        it(`${stack}: no secret reaches an output in plain text`, async () => {
            const plan = plans[stack];
            for (const [key, raw] of Object.entries(plan.rawOutputs)) {
                const text = JSON.stringify(plan.outputs[key]);
                if (secretMarkers.some((m) => text.includes(m))) assert.ok(pulumi.Output.isInstance(raw) && (await pulumi.isSecret(raw)), `output ${key} carries a secret in plain text`);
            }
            assert.ok(await pulumi.isSecret(plan.rawOutputs.serverClientSecrets as pulumi.Output<unknown>), "serverClientSecrets must be secret");
        });

        it(`${stack}: identity provider secrets reach AWS as secrets, from the marked placeholders`, () => {
            for (const idp of ofType(plans[stack], types.identityProvider)) {
                assert.ok(isWireSecret(idp.inputs.providerDetails), `${idp.name} details are not secret`);
                const details = unwrapSecrets(idp.inputs.providerDetails);
                assert.ok(String(details.client_secret ?? details.private_key).startsWith(placeholderPrefix), idp.name);
            }
            // No shipped stack file holds a secret: each one the stack needs is a placeholder.
            assert.deepStrictEqual(plans[stack].placeholders.map((p) => p.key), secretConfigKeys(configs[stack]).map((k) => k.key));
        });

        it(`${stack}: identity pool roles trust this pool (aud) and their own slot (amr); no guest role`, () => {
            const plan = plans[stack];
            const roles = ofType(plan, types.role).filter((r) => r.parent?.startsWith(componentTypes.identityPool));
            assert.deepStrictEqual(roles.map((r) => r.name), ["identity-authenticated"]);
            const condition = JSON.parse(roles[0].inputs.assumeRolePolicy).Statement[0].Condition;
            assert.deepStrictEqual(condition, {
                StringEquals: { "cognito-identity.amazonaws.com:aud": plan.outputs.identityPoolId },
                "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
            });
            assert.strictEqual(one(plan, types.identityPool).inputs.allowUnauthenticatedIdentities, false);
            assert.strictEqual(plan.outputs.guestRoleArn, undefined);
        });

        it(`${stack}: outputs ids, issuer, JWKS and hosted URLs in English and Arabic`, () => {
            const out = plans[stack].outputs as Record<string, any>;
            const clients = configs[stack].clients ?? [];
            for (const key of ["userPoolId", "userPoolArn", "issuerUrl", "jwksUrl", "domain", "identityPoolId", "authenticatedRoleArn"]) assert.ok(out[key], key);
            assert.deepStrictEqual(Object.keys(out.clientIds), clients.map((c) => c.name));
            assert.deepStrictEqual(Object.keys(out.signInUrls), clients.filter((c) => c.kind === "web").map((c) => c.name));
            const signIn = new URL(out.signInUrls.web.ar);
            assert.deepStrictEqual([signIn.origin, signIn.pathname, signIn.searchParams.get("lang"), signIn.searchParams.get("client_id"), signIn.searchParams.get("response_type")],
                [`https://${out.domain}`, "/oauth2/authorize", "ar", out.clientIds.web, "code"]);
            assert.strictEqual(new URL(out.signInUrls.web.en).searchParams.get("lang"), "en");
            assert.strictEqual(new URL(out.signOutUrls.web.ar).searchParams.get("logout_uri"), clients.find((c) => c.name === "web")?.logoutUrls?.[0]);
            assert.strictEqual(out.jwksUrl, `${out.issuerUrl}/.well-known/jwks.json`);
        });

        it(`${stack}: warns of exactly what its entry in expectedWarnings lists (or, without one, its stage defaults' stack)`, () => {
            const own = expectedWarnings[stack];
            const expected = own ?? expectedWarnings[plans[stack].stageDefaults];
            const entry = `    ${/^[a-z]\w*$/.test(stack) ? stack : JSON.stringify(stack)}: [\n${plans[stack].warnings.map((w) => `        ${JSON.stringify(w)},`).join("\n")}\n    ],`;
            const source = own ? `its entry in expectedWarnings` : `the entry of stack "${plans[stack].stageDefaults}" (its stage defaults; it has none of its own)`;
            assert.ok(isDeepStrictEqual(plans[stack].warnings, expected),
                `stack "${stack}" warns otherwise than ${source} says. If each warning is on purpose, put this in expectedWarnings (tests/stacks.test.ts):\n${entry}\nIt gives:\n${plans[stack].warnings.join("\n") || "(none)"}`);
        });

        it(`${stack}: every resource has a unique name and an explicit parent`, () => {
            for (const r of plans[stack].resources.filter((r) => r.type !== "pulumi:pulumi:Stack")) assert.ok(r.parent, `${r.type} ${r.name} has no parent`);
        });
    }

    // The shipped dev and prod files turn every trigger on (a stack of other content names its own).
    for (const stack of ["dev", "prod"]) {
        it(`${stack}: turns on the five triggers, each function once, wired into the pool (the admin client's gate in token generation, no pre authentication)`, () => {
            const functions = ofType(plans[stack], types.lambdaFunction).map((f) => f.inputs.name);
            assert.deepStrictEqual(functions, ["pre-sign-up", "post-confirmation", "post-authentication", "pre-token-generation", "custom-message"].map((t) => `news-${stack}-${t}`));
            assert.deepStrictEqual(Object.keys(one(plans[stack], types.userPool).inputs.lambdaConfig).sort(), ["customMessage", "postAuthentication", "postConfirmation", "preSignUp", "preTokenGeneration", "preTokenGenerationConfig"]);
        });
    }

    it("adds the guest role only when the stack asks for guests", async () => {
        const plan = await planEdited("dev", { identityPool: (pool) => ({ ...pool, allowGuests: true }) });
        const guest = one(plan, types.role, "identity-guest");
        assert.strictEqual(JSON.parse(guest.inputs.assumeRolePolicy).Statement[0].Condition["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"], "unauthenticated");
        assert.ok(plan.outputs.guestRoleArn);
    });

    it("adopts the existing pool when the stack names it (migration from Serverless)", async () => {
        const plan = await planEdited("prod", { userPool: (pool) => ({ ...pool, importId: "eu-central-1_Existing1" }) });
        assert.strictEqual(one(plan, types.userPool).options.import, "eu-central-1_Existing1");
    });

    it("stops on combinations across sections before any AWS resource is registered", async () => {
        const attempt = planEdited("dev", {
            clients: (clients) => clients.map((c: any) => (c.name === "web" ? { ...c, identityProviders: ["COGNITO", "Facebook"] } : c)),
            domain: () => ({ prefix: "news-cognito" }),
        });
        const error = await attempt.then(() => undefined, (e) => e);
        assert.ok(error, "expected the plan to fail");
        assert.strictEqual(error.message, [
            "Invalid stack config in Pulumi.dev.yaml:",
            `  - cognito:clients[0].identityProviders[1]: got "Facebook", which is not configured; allowed: "COGNITO", "Google"`,
            `  - cognito:domain.prefix: got "news-cognito"; it may not contain "cognito" (reserved by AWS)`,
        ].join("\n"));
        assert.deepStrictEqual(error.registeredBeforeFailure, ["pulumi:pulumi:Stack"]);
    });

    it("tells a copy of dev made a new stage that its MFA mode comes from prod's defaults, and which keys to set", async () => {
        const error = await planStack("qa", { file: path.join(projectRoot, "Pulumi.dev.yaml"), edit: (values) => ({ ...values, "cognito:stage": "qa" }) }).then(() => undefined, (e) => e);
        assert.strictEqual(error?.message, [
            "Invalid stack config in Pulumi.qa.yaml:",
            `  - cognito:triggers.preSignUp.autoConfirmEmailDomains: got ["test.news.example.com"] in qa (stageDefaults prod); allowed: none in qa (stageDefaults prod) (auto-confirmed accounts skip proof that their owner holds the address); remove the key, or set cognito:stageDefaults: dev for a test stage (a weakening, warned)`,
            `  - cognito:userPool.passwordless: passwordless sign-in is not offered to users with MFA, so it cannot work with mfa.mode "ON" (stageDefaults "prod" gives it: the stack file does not set userPool.mfa.mode); set userPool.mfa.mode "OPTIONAL" (a weakening, warned), or stageDefaults "dev" for a test stage, or turn passwordless off`,
            ...[[0, "callbackUrls", "http://localhost:3000/auth/callback"], [0, "logoutUrls", "http://localhost:3000/"], [2, "callbackUrls", "http://localhost:4000/auth/callback"], [2, "logoutUrls", "http://localhost:4000/"]].map(([i, field, url]) =>
                `  - cognito:clients[${i}].${field}[0]: got "${url}", an address on the user's own machine; allowed in qa (stageDefaults prod): https URLs of your site, or a native app's custom scheme (keep localhost to stages with stageDefaults dev)`),
        ].join("\n"));
    });

    it("takes any client name AWS takes (spaces, + = , . @), and refuses one AWS refuses, naming its rule", async () => {
        const renamed = await planEdited("dev", {
            clients: (cs: any[]) => cs.map((c) => (c.name === "admin" ? { ...c, name: "news admin, v2.0@desk" } : c)),
            triggers: (t: any) => ({ ...t, preAuthentication: { requiredGroups: { "news admin, v2.0@desk": ["admins"] } } }),
        });
        assert.strictEqual(one(renamed, types.client, "clients-news admin, v2.0@desk").inputs.name, "news admin, v2.0@desk");
        assert.strictEqual((await checkPlan(renamed)).mandatory, 0);
        const refused = await problemLines(planEdited("dev", { clients: (cs: any[]) => cs.map((c) => (c.name === "admin" ? { ...c, name: "admin (new)" } : c)) }));
        assert.deepStrictEqual(refused.filter((l) => l.includes("clients[2].name")), [
            `cognito:clients[2].name: got "admin (new)"; "(", ")" are not allowed; allowed: 1 to 128 ASCII letters, digits, spaces or + = , . @ - _`,
        ]);
    });

    it("stops on a trigger that names a client the stack does not have", async () => {
        const error = await planEdited("dev", { triggers: (t) => ({ ...t, preAuthentication: { requiredGroups: { kiosk: ["admins"] } } }) }).then(() => undefined, (e) => e);
        assert.strictEqual(error?.message, `Invalid stack config in Pulumi.dev.yaml:\n  - cognito:triggers.preAuthentication.requiredGroups.kiosk: "kiosk" is not a client of this stack; allowed: "web", "mobile", "admin", "ingest"`);
    });

    describe("migration from another pool", () => {
        // A mutable mark: an immutable one is already refused in writeAttributes by the client checks.
        const migrating = (userMigration: Record<string, unknown>, more: Parameters<typeof planEdited>[1] = {}) => planEdited("dev", {
            userPool: (p: any) => ({ ...p, customAttributes: { ...p.customAttributes, migratedFrom: { type: "String" } } }),
            triggers: (t: any) => ({ ...t, userMigration: { sourceUserPoolId: "eu-west-1_OldPool", sourceClientId: "oldclient", ...userMigration } }),
            ...more,
        });

        it("refuses groups that follow while a client lets users write the mark, or a provider maps it: anyone could pass as migrated", async () => {
            const adminWrites = { clients: (cs: any[]) => cs.map((c) => (c.name === "admin" ? { ...c, writeAttributes: ["name", "custom:migratedFrom"] } : c)) };
            const writable = await migrating({}, adminWrites).then(() => undefined, (e) => e);
            assert.strictEqual(writable?.message, `Invalid stack config in Pulumi.dev.yaml:\n  - cognito:triggers.userMigration.followGroups: groups follow users marked in custom:migratedFrom, but users can write it through client "admin": anyone could mark an account as migrated and inherit an old account's groups; remove it from clients[].writeAttributes and identityProviders[].attributeMapping`);
            const mapped = await migrating({}, { identityProviders: (ps: any[]) => ps.map((p) => ({ ...p, attributeMapping: { email: "email", "custom:migratedFrom": "sub" } })) }).then(() => undefined, (e) => e);
            assert.match(mapped?.message ?? "", /followGroups: groups follow users marked in custom:migratedFrom, but identity provider "Google" maps it:/);
            // Groups that do not follow need no mark: nothing reads it.
            await migrating({ followGroups: false }, adminWrites);
        });

        it("says, without the mark declared, that no group follows migrated users", async () => {
            const plan = await planEdited("dev", { triggers: (t: any) => ({ ...t, userMigration: { sourceUserPoolId: "eu-west-1_OldPool", sourceClientId: "oldclient" } }) });
            assert.deepStrictEqual(plan.warnings.filter((w) => w.includes("userMigration")), [
                "setting without effect: cognito:triggers.userMigration.followGroups: groups do not follow migrated users: they follow only users the trigger marks in custom:migratedFrom, which userPool.customAttributes does not declare; declare migratedFrom: { type: String, mutable: false } to let every group but the protected ones follow, or set followGroups: false",
            ]);
            assert.strictEqual(ofType(plan, types.lambdaFunction).find((f) => f.name === "main-post-authentication-function")!.inputs.environment.variables.TRIGGER_SETTINGS, "{}");
        });

        it("lets every group follow by default but those of power (precedence 0, gated), even where protectedGroups leaves one out", async () => {
            const followed = (plan: Plan) => JSON.parse(one(plan, types.lambdaFunction, "main-post-authentication-function").inputs.environment.variables.TRIGGER_SETTINGS).followGroups;
            assert.deepStrictEqual(followed(await migrating({})), ["readers"]);
            const narrowed = await migrating({}, { triggers: (t: any) => ({ ...t, preSignUp: { ...t.preSignUp, protectedGroups: ["admins"] }, userMigration: { sourceUserPoolId: "eu-west-1_OldPool", sourceClientId: "oldclient" } }) });
            assert.deepStrictEqual(followed(narrowed), ["readers"], "editors, admitted to the gated admin client, stays behind");
            const listed = await migrating({ followGroups: ["editors"] });
            assert.deepStrictEqual(followed(listed), ["editors"]);
            assert.ok(listed.warnings.includes(`security default weakened on purpose: cognito:triggers.userMigration.followGroups[0] is "editors", a protected group: a migrated member gets it from the old pool without this stack's own vetting`), listed.warnings.join("\n"));
        });

        it("warns a protected group that follows, and a role-choosing claim carried from the old pool", async () => {
            const plan = await migrating({ followGroups: ["admins", "readers"], carryAttributes: ["custom:edition"] }, {
                identityPool: (p: any) => ({ ...p, roleMapping: { type: "rules", trustedClaims: ["custom:edition"], rules: [{ claim: "custom:edition", value: "ar", roleArn: "arn:aws:iam::123456789012:role/arabic-desk" }] } }),
            });
            const warned = plan.warnings.filter((w) => w.includes("userMigration"));
            assert.deepStrictEqual(warned, [
                `security default weakened on purpose: cognito:triggers.userMigration.followGroups[0] is "admins", a protected group: a migrated member gets it from the old pool without this stack's own vetting`,
                `security default weakened on purpose: cognito:triggers.userMigration.carryAttributes[0] carries "custom:edition", which chooses AWS roles here, from the old pool, where users may have written it`,
            ]);
            const settings = JSON.parse(one(plan, types.lambdaFunction, "main-user-migration-function").inputs.environment.variables.TRIGGER_SETTINGS);
            assert.ok(settings.attributes.includes("custom:edition") && !settings.attributes.includes("custom:migratedFrom"), settings.attributes.join());
        });
    });

    describe("a default group every sign-up joins", () => {
        const withDefault = (group: string) => ({ triggers: (t: any) => ({ ...t, postConfirmation: { defaultGroup: group } }) });
        const refusal = (stage: string, file: string, group: string, why: string) =>
            `Invalid stack config in ${file}:\n  - cognito:triggers.postConfirmation.defaultGroup: got "${group}", which ${why}: every self sign-up and every federated user's first sign-in would join it; allowed in ${stage}: a group of ordinary users (such as "readers")`;

        it("is refused on prod's defaults when it has precedence 0, is admitted by a gated client, is protected, or carries an IAM role", async () => {
            const cases: [string, string, string, string, Parameters<typeof planEdited>[1]][] = [
                ["prod", "Pulumi.prod.yaml", "admins", "has precedence 0, which marks the groups that carry power", withDefault("admins")],
                ["staging (stageDefaults prod)", "Pulumi.staging.yaml", "editors", `admits its members to the gated client "admin" (triggers.preAuthentication.requiredGroups)`, withDefault("editors")],
                ["prod", "Pulumi.prod.yaml", "readers", "is one of triggers.preSignUp.protectedGroups", { triggers: (t: any) => ({ ...t, preSignUp: { ...t.preSignUp, protectedGroups: ["admins", "readers"] } }) }],
                ["prod", "Pulumi.prod.yaml", "readers", "carries the IAM role arn:aws:iam::123456789012:role/newsroom (roleArn), which an identity pool's token role mapping hands to its members",
                    { userPool: (p: any) => ({ ...p, groups: p.groups.map((g: any) => (g.name === "readers" ? { ...g, roleArn: "arn:aws:iam::123456789012:role/newsroom" } : g)) }) }],
            ];
            for (const [stage, file, group, why, edits] of cases) {
                const stack = file === "Pulumi.staging.yaml" ? "staging" : "prod";
                const error = await planEdited(stack, edits).then(() => undefined, (e) => e);
                assert.strictEqual(error?.message, refusal(stage, file, group, why));
            }
        });

        it("is warned, by its key, on dev's defaults", async () => {
            const plan = await planEdited("dev", withDefault("editors"));
            assert.ok(plan.warnings.includes(`security default weakened on purpose: cognito:triggers.postConfirmation.defaultGroup is "editors", which admits its members to the gated client "admin" (triggers.preAuthentication.requiredGroups): every self sign-up and every federated user's first sign-in joins it`), plan.warnings.join("\n"));
            const ordinary = await planEdited("dev", withDefault("readers"));
            assert.ok(!ordinary.warnings.some((w) => w.includes("postConfirmation")), ordinary.warnings.join("\n"));
        });
    });

    it("refuses a role rule on a claim users can write or Google maps, and accepts one on an attribute only administrators set", async () => {
        const rule = (claim: string) => ({ roleMapping: { type: "rules", rules: [{ claim, value: "editor", roleArn: "arn:aws:iam::123456789012:role/editors" }] } });
        const writable = await planEdited("dev", { identityPool: (p) => ({ ...p, ...rule("locale") }) }).then(() => undefined, (e) => e);
        assert.strictEqual(writable?.message.split("\n")[1], `  - cognito:identityPool.roleMapping.rules[0].claim: got "locale": users can write it through client "web", so a user could choose their own role; allowed: a claim users cannot write and identity providers do not map (such as "cognito:groups"), or list it in roleMapping.trustedClaims`);
        const mapped = await planEdited("dev", { identityPool: (p) => ({ ...p, ...rule("email_verified") }) }).then(() => undefined, (e) => e);
        assert.strictEqual(mapped?.message.split("\n")[1], `  - cognito:identityPool.roleMapping.rules[0].claim: got "email_verified": identity provider "Google" maps it, so a user could choose their own role; allowed: a claim users cannot write and identity providers do not map (such as "cognito:groups"), or list it in roleMapping.trustedClaims`);
        const adminOnly = await planEdited("dev", { identityPool: (p) => ({ ...p, ...rule("custom:edition") }) });
        assert.deepStrictEqual(one(adminOnly, types.roleAttachment).inputs.roleMappings[0].ambiguousRoleResolution, "Deny");
    });

    it("refuses auto-confirmed sign-ups in prod", async () => {
        const error = await planEdited("prod", { triggers: (t) => ({ ...t, preSignUp: { autoConfirmEmailDomains: ["test.news.example.com"] } }) }).then(() => undefined, (e) => e);
        assert.match(error?.message, /^Invalid stack config in .*Pulumi\.prod\.yaml:\n/);
        assert.strictEqual(error?.message.split("\n")[1], `  - cognito:triggers.preSignUp.autoConfirmEmailDomains: got ["test.news.example.com"] in prod; allowed: none in prod (auto-confirmed accounts skip proof that their owner holds the address); remove the key`);
        assert.strictEqual(error?.message.split("\n").length, 2);
    });

    it("stops on a user pool combination under its config key", async () => {
        const error = await planEdited("prod", { userPool: (pool) => ({ ...pool, mfa: { ...pool.mfa, email: true }, email: { sender: "cognito" } }) }).then(() => undefined, (e) => e);
        assert.strictEqual(error?.message, [
            "Invalid stack config in Pulumi.prod.yaml:",
            `  - cognito:userPool.mfa.email: email MFA needs email.sender "ses" (got "cognito")`,
            `  - cognito:userPool.accountRecovery: got "email" while mfa.email is on; Cognito refuses email recovery to users with email MFA, so they could never reset their password; allowed: "email_then_phone", "phone_then_email" (with a phone number), "admin_only", or turn mfa.email off`,
        ].join("\n"));
    });

    it("a real run without a secret stops with Pulumi's missing-config error", async () => {
        const program = require("../index");
        const file = readStackFile("dev");
        await assert.rejects(runProgram(program, { stack: "dev", config: file.values }), /Missing required configuration variable 'cognito:googleClientSecret'/);
    });

    it("stops with the fix when the stack file has no region, with the file's other problems", async () => {
        assert.deepStrictEqual(await problemLines(planEdited("dev", { "aws:region": () => undefined, userPool: (p) => ({ ...p, featurePlan: "GOLD" }) })), [
            "aws:region: is not set; set it with `pulumi config set aws:region eu-central-1` (allowed: a region where Amazon Cognito has user pools)",
            `cognito:userPool.featurePlan: got "GOLD"; allowed: "LITE", "ESSENTIALS", "PLUS"`,
        ]);
    });

    it("takes a secret set with `pulumi config set --secret` (a secure: value) as set: no placeholder, no plain-text complaint", async () => {
        const file = path.join(os.tmpdir(), `Pulumi.dev-secure-${process.pid}.yaml`);
        fs.writeFileSync(file, fs.readFileSync(readStackFile("dev").path, "utf8") + "  cognito:googleClientSecret:\n    secure: v1:AAAAencrypted\n");
        try {
            const plan = await planStack("dev", { file });
            assert.deepStrictEqual(plan.placeholders, []);
            const google = one(plan, types.identityProvider, "idp-google").inputs.providerDetails;
            assert.ok(isWireSecret(google));
            assert.strictEqual(unwrapSecrets(google).client_secret, "<encrypted in the stack file: decrypted only by the Pulumi CLI>");
        } finally {
            fs.rmSync(file);
        }
    });
});
