import * as assert from "assert";
import { UserPool, type UserPoolArgs } from "../../components/user-pool";
import { resolveUserPoolSettings, userPoolProblems } from "../../components/user-pool/settings";
import { InvalidArgsError } from "../../components/shared/validation";
import { runProgram } from "../../tools/harness/run-program";
import { componentTypes, ofType, one, runComponents, types } from "../support/harness";

const ses = { sender: "ses", from: "News <no-reply@news.example.com>", replyTo: "help@news.example.com", sesIdentityArn: "arn:aws:ses:eu-central-1:123456789012:identity/news.example.com", configurationSet: "auth" } as const;

async function poolRun(args: UserPoolArgs = {}, opts?: import("@pulumi/pulumi").ComponentResourceOptions) {
    return runComponents(() => {
        const pool = new UserPool("up", args, opts);
        return { id: pool.id, arn: pool.arn, issuerUrl: pool.issuerUrl, jwksUrl: pool.jwksUrl };
    });
}

async function poolInputs(args: UserPoolArgs = {}) {
    return one(await poolRun(args), types.userPool).inputs;
}

function problems(args: UserPoolArgs): string[] {
    return userPoolProblems(resolveUserPoolSettings(args)).map((p) => `${p.field}: ${p.message}`);
}

describe("UserPool", () => {
    describe("defaults", () => {
        let run: Awaited<ReturnType<typeof poolRun>>;
        let inputs: Record<string, any>;
        before(async () => {
            run = await poolRun();
            inputs = one(run, types.userPool).inputs;
        });

        it("signs in with a case-insensitive email, verified before it changes", () => {
            assert.deepStrictEqual(inputs.usernameAttributes, ["email"]);
            assert.strictEqual(inputs.aliasAttributes, undefined);
            assert.deepStrictEqual(inputs.usernameConfiguration, { caseSensitive: false });
            assert.deepStrictEqual(inputs.autoVerifiedAttributes, ["email"]);
            assert.deepStrictEqual(inputs.userAttributeUpdateSettings, { attributesRequireVerificationBeforeUpdates: ["email"] });
        });

        it("declares email required with explicit constraints (no perpetual diff)", () => {
            assert.deepStrictEqual(inputs.schemas, [{
                name: "email", attributeDataType: "String", required: true, mutable: true, developerOnlyAttribute: false,
                stringAttributeConstraints: { minLength: "0", maxLength: "2048" },
            }]);
        });

        it("asks 15 characters and no composition rules; temporary passwords last 7 days", () => {
            assert.deepStrictEqual(inputs.passwordPolicy, {
                minimumLength: 15, requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSymbols: false, temporaryPasswordValidityDays: 7,
            });
        });

        it("requires MFA with an authenticator app, on the Essentials plan", () => {
            assert.strictEqual(inputs.mfaConfiguration, "ON");
            assert.deepStrictEqual(inputs.softwareTokenMfaConfiguration, { enabled: true });
            assert.strictEqual(inputs.smsConfiguration, undefined);
            assert.strictEqual(inputs.userPoolTier, "ESSENTIALS");
            assert.strictEqual(inputs.userPoolAddOns, undefined);
            assert.strictEqual(ofType(run, types.role).length, 0, "no SMS role when nothing sends SMS");
        });

        it("recovers accounts by verified email and lets users sign up", () => {
            assert.deepStrictEqual(inputs.accountRecoverySetting, { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] });
            assert.strictEqual(inputs.adminCreateUserConfig.allowAdminCreateUserOnly, false);
        });

        it("sends bilingual code messages with the placeholders Cognito needs", () => {
            const v = inputs.verificationMessageTemplate;
            assert.strictEqual(v.defaultEmailOption, "CONFIRM_WITH_CODE");
            assert.match(v.emailMessage, /\{####\}.*dir="rtl" lang="ar".*\{####\}/s);
            assert.match(v.smsMessage, /\{####\}/);
            const invite = inputs.adminCreateUserConfig.inviteMessageTemplate;
            for (const text of [invite.emailMessage, invite.smsMessage]) assert.match(text, /\{username\}.*\{####\}/s);
        });

        it("uses Cognito's email sender, with deletion protection, protect and retainOnDelete on", () => {
            assert.deepStrictEqual(inputs.emailConfiguration, { emailSendingAccount: "COGNITO_DEFAULT" });
            assert.strictEqual(inputs.deletionProtection, "ACTIVE");
            const options = one(run, types.userPool).options;
            assert.deepStrictEqual([options.protect, options.retainOnDelete], [true, true]);
        });

        it("delivers notification errors to a vended log group kept 90 days", () => {
            const group = one(run, types.logGroup).inputs;
            assert.deepStrictEqual([group.name, group.retentionInDays], ["/aws/vendedlogs/cognito/cognito-test", 90]);
            const delivery = one(run, types.logDelivery).inputs;
            assert.deepStrictEqual(delivery.logConfigurations.map((c: any) => [c.eventSource, c.logLevel]), [["userNotification", "ERROR"]]);
            assert.ok(delivery.logConfigurations[0].cloudWatchLogsConfiguration.logGroupArn.includes("up-logs"));
        });

        it("outputs id, ARN, issuer and JWKS URL", () => {
            assert.deepStrictEqual(run.outputs, {
                id: "eu-central-1_Mockuppool",
                arn: "arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_Mockuppool",
                issuerUrl: "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Mockuppool",
                jwksUrl: "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Mockuppool/.well-known/jwks.json",
            });
        });

        it("parents every child to the component", () => {
            for (const r of run.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"))) assert.strictEqual(r.parent, `${componentTypes.userPool}::up`, r.name);
        });
    });

    describe("options", () => {
        it("makes email and preferred_username aliases when users have usernames", async () => {
            const inputs = await poolInputs({ signInWith: ["username", "email", "preferred_username"] });
            assert.deepStrictEqual([inputs.aliasAttributes, inputs.usernameAttributes], [["email", "preferred_username"], undefined]);
        });

        describe("SMS through an SNS role", () => {
            it("signs in with a phone number; the pool and the role share a random external id", async () => {
                const run = await poolRun({ name: "news", signInWith: ["phone"], accountRecovery: "phone" });
                const inputs = one(run, types.userPool).inputs;
                assert.deepStrictEqual(inputs.usernameAttributes, ["phone_number"]);
                assert.deepStrictEqual(inputs.autoVerifiedAttributes, ["phone_number"]);
                one(run, types.randomUuid, "up-sms-external-id");
                const externalId = inputs.smsConfiguration.externalId;
                assert.match(externalId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
                assert.ok(!externalId.includes("news"), "not derived from the pool's name");
                assert.deepStrictEqual(inputs.smsConfiguration, { snsCallerArn: "arn:aws:iam::123456789012:role/up-sms-role", externalId });
                assert.deepStrictEqual(JSON.parse(one(run, types.rolePolicy).inputs.policy).Statement[0].Action, "sns:Publish");
            });

            it("lets Cognito assume the role for user pools of this account only, presenting the external id", async () => {
                const run = await poolRun({ name: "news", mfa: { sms: true }, standardAttributes: { phone_number: {} } });
                const externalId = one(run, types.userPool).inputs.smsConfiguration.externalId;
                const trust = JSON.parse(one(run, types.role).inputs.assumeRolePolicy);
                assert.deepStrictEqual(trust.Statement, [{
                    Effect: "Allow",
                    Principal: { Service: "cognito-idp.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "sts:ExternalId": externalId, "aws:SourceAccount": "123456789012" },
                        ArnLike: { "aws:SourceArn": "arn:aws:cognito-idp:eu-central-1:123456789012:userpool/*" },
                    },
                }]);
                assert.ok(typeof externalId === "string" && externalId.length === 36);
            });

            it("takes the region of the source ARN from the stack", async () => {
                const run = await runProgram(() => { new UserPool("up", { signInWith: ["phone"], accountRecovery: "phone" }); }, { stack: "test", config: {}, region: "me-central-1" });
                const trust = JSON.parse(one(run, types.role).inputs.assumeRolePolicy);
                assert.strictEqual(trust.Statement[0].Condition.ArnLike["aws:SourceArn"], "arn:aws:cognito-idp:me-central-1:123456789012:userpool/*");
            });
        });

        it("writes custom attributes with explicit constraints", async () => {
            const inputs = await poolInputs({
                customAttributes: {
                    edition: { type: "String", minLength: 2, maxLength: 5 },
                    score: { type: "Number", min: 0, max: 100, mutable: false },
                    optIn: { type: "Boolean" },
                    since: { type: "DateTime" },
                },
            });
            const custom = inputs.schemas.filter((s: any) => s.name !== "email");
            assert.deepStrictEqual(custom, [
                { name: "edition", attributeDataType: "String", required: false, mutable: true, developerOnlyAttribute: false, stringAttributeConstraints: { minLength: "2", maxLength: "5" } },
                { name: "score", attributeDataType: "Number", required: false, mutable: false, developerOnlyAttribute: false, numberAttributeConstraints: { minValue: "0", maxValue: "100" } },
                { name: "optIn", attributeDataType: "Boolean", required: false, mutable: true, developerOnlyAttribute: false },
                { name: "since", attributeDataType: "DateTime", required: false, mutable: true, developerOnlyAttribute: false },
            ]);
        });

        it("declares standard attributes with their real constraints", async () => {
            const inputs = await poolInputs({ standardAttributes: { email: { required: true }, birthdate: {}, updated_at: { mutable: true } } });
            const byName = Object.fromEntries(inputs.schemas.map((s: any) => [s.name, s]));
            assert.deepStrictEqual(byName.birthdate.stringAttributeConstraints, { minLength: "10", maxLength: "10" });
            assert.deepStrictEqual([byName.updated_at.attributeDataType, byName.updated_at.numberAttributeConstraints], ["Number", { minValue: "0" }]);
        });

        it("sends SMS and email MFA codes when asked, through SES", async () => {
            const inputs = await poolInputs({ signInWith: ["email", "phone"], mfa: { mode: "OPTIONAL", totp: true, sms: true, email: true }, email: ses, accountRecovery: "email_then_phone" });
            assert.strictEqual(inputs.mfaConfiguration, "OPTIONAL");
            assert.match(inputs.smsAuthenticationMessage, /\{####\}/);
            assert.strictEqual(inputs.emailMfaConfiguration.subject, "Your sign-in code | رمز الدخول");
            assert.deepStrictEqual(inputs.emailConfiguration, {
                emailSendingAccount: "DEVELOPER", fromEmailAddress: ses.from, replyToEmailAddress: ses.replyTo, sourceArn: ses.sesIdentityArn, configurationSet: "auth",
            });
        });

        it("turns MFA off without sending factor settings", async () => {
            const inputs = await poolInputs({ mfa: { mode: "OFF" } });
            assert.deepStrictEqual([inputs.mfaConfiguration, inputs.softwareTokenMfaConfiguration], ["OFF", undefined]);
        });

        it("enforces threat protection on Plus: compromised credentials and high risk blocked", async () => {
            const run = await poolRun({ featurePlan: "PLUS", threatProtection: { mode: "ENFORCED", skippedIpRanges: ["203.0.113.0/24"] } });
            assert.deepStrictEqual(one(run, types.userPool).inputs.userPoolAddOns, { advancedSecurityMode: "ENFORCED" });
            const risk = one(run, types.riskConfiguration).inputs;
            assert.deepStrictEqual(risk.compromisedCredentialsRiskConfiguration, { eventFilters: ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"], actions: { eventAction: "BLOCK" } });
            assert.deepStrictEqual(risk.accountTakeoverRiskConfiguration.actions, {
                highAction: { eventAction: "BLOCK", notify: false },
                mediumAction: { eventAction: "MFA_IF_CONFIGURED", notify: false },
                lowAction: { eventAction: "NO_ACTION", notify: false },
            });
            assert.deepStrictEqual(risk.riskExceptionConfiguration, { skippedIpRangeLists: ["203.0.113.0/24"] });
        });

        it("notifies users of risky sign-ins when SES can send", async () => {
            const risk = one(await poolRun({ featurePlan: "PLUS", threatProtection: { mode: "AUDIT" }, email: ses }), types.riskConfiguration).inputs;
            assert.strictEqual(risk.accountTakeoverRiskConfiguration.actions.highAction.notify, true);
            assert.deepStrictEqual(risk.accountTakeoverRiskConfiguration.notifyConfiguration, { sourceArn: ses.sesIdentityArn, from: ses.from, replyTo: ses.replyTo });
        });

        it("offers passwordless first factors and passkeys", async () => {
            const inputs = await poolInputs({ mfa: { mode: "OPTIONAL" }, email: ses, passwordless: { emailOtp: true, passkeys: { relyingPartyId: "auth.news.example.com" } } });
            assert.deepStrictEqual(inputs.signInPolicy, { allowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] });
            assert.deepStrictEqual(inputs.webAuthnConfiguration, { relyingPartyId: "auth.news.example.com", userVerification: "preferred" });
            assert.ok(inputs.emailMfaConfiguration, "email OTP uses the email MFA template");
        });

        it("orders recovery mechanisms and closes self sign-up", async () => {
            const inputs = await poolInputs({ signInWith: ["email", "phone"], accountRecovery: "phone_then_email", selfSignUp: false });
            assert.deepStrictEqual(inputs.accountRecoverySetting.recoveryMechanisms, [{ name: "verified_phone_number", priority: 1 }, { name: "verified_email", priority: 2 }]);
            assert.strictEqual(inputs.adminCreateUserConfig.allowAdminCreateUserOnly, true);
        });

        it("verifies by link with the link template", async () => {
            const v = (await poolInputs({ verificationMessage: { method: "link" } })).verificationMessageTemplate;
            assert.strictEqual(v.defaultEmailOption, "CONFIRM_WITH_LINK");
            assert.match(v.emailMessageByLink, /\{##.+##\}/);
            assert.strictEqual(v.emailMessage, undefined);
        });

        it("creates groups with precedence and role", async () => {
            const run = await poolRun({ groups: [{ name: "editors", precedence: 10, roleArn: "arn:aws:iam::123456789012:role/editors" }, { name: "readers" }] });
            const editors = one(run, types.group, "up-group-editors").inputs;
            assert.deepStrictEqual([editors.name, editors.precedence, editors.roleArn, editors.userPoolId], ["editors", 10, "arn:aws:iam::123456789012:role/editors", "eu-central-1_Mockuppool"]);
            assert.strictEqual(ofType(run, types.group).length, 2);
        });

        it("logs user activity on Plus, and nothing when both logs are off", async () => {
            const plus = one(await poolRun({ featurePlan: "PLUS", logDelivery: { userActivity: "INFO", retentionDays: 365 } }), types.logDelivery).inputs;
            assert.deepStrictEqual(plus.logConfigurations.map((c: any) => [c.eventSource, c.logLevel]), [["userNotification", "ERROR"], ["userAuthEvents", "INFO"]]);
            const off = await poolRun({ logDelivery: { notificationErrors: "OFF" } });
            assert.deepStrictEqual([ofType(off, types.logGroup).length, ofType(off, types.logDelivery).length], [0, 0]);
        });

        it("adopts an existing pool by id and can lift the guards when told to", async () => {
            const pool = one(await poolRun({ importId: "eu-central-1_AbC123", deletionProtection: "INACTIVE", protect: false, retainOnDelete: false }), types.userPool);
            assert.deepStrictEqual([pool.options.import, pool.options.protect, pool.options.retainOnDelete, pool.inputs.deletionProtection], ["eu-central-1_AbC123", false, false, "INACTIVE"]);
        });

        it("takes Pulumi's own protect and retainOnDelete options on the component when its args leave them out, and refuses the two saying different things", async () => {
            const lifted = one(await poolRun({}, { protect: false, retainOnDelete: false }), types.userPool);
            assert.deepStrictEqual([lifted.options.protect, lifted.options.retainOnDelete], [false, false]);
            const args = one(await poolRun({ protect: true }, { protect: true }), types.userPool);
            assert.strictEqual(args.options.protect, true);
            await assert.rejects(poolRun({ protect: true, retainOnDelete: false }, { protect: false, retainOnDelete: true }), {
                message: [
                    `UserPool "up" has invalid arguments:`,
                    "  - protect: got true in the args and false in the resource options ({ protect: false }); say it once: the args' protect is the pool's",
                    "  - retainOnDelete: got false in the args and true in the resource options ({ retainOnDelete: true }); say it once: the args' retainOnDelete is the pool's",
                ].join("\n"),
            });
        });

        it("keeps a password history on Essentials", async () => {
            assert.strictEqual((await poolInputs({ passwordPolicy: { passwordHistorySize: 5 } })).passwordPolicy.passwordHistorySize, 5);
        });
    });

    it("sends through SES as any address the identity covers: its domain, a subdomain, or the address itself in any case", () => {
        const sesWith = (from: string, identity: string) => ({ email: { ...ses, from, sesIdentityArn: `arn:aws:ses:eu-central-1:123456789012:identity/${identity}` } });
        for (const [from, identity] of [["News <no-reply@news.example.com>", "news.example.com"], ["a@mail.news.example.com", "news.example.com"], ["A@News.Example.com", "a@news.example.com"], ["a@news.example.com", "NEWS.example.com."]]) {
            assert.deepStrictEqual(problems(sesWith(from, identity)), [], `${from} with ${identity}`);
        }
    });

    describe("impossible combinations", () => {
        const cases: [string, UserPoolArgs, string][] = [
            ["an alias without usernames", { signInWith: ["email", "preferred_username"] }, `signInWith: got "email", "preferred_username"; "preferred_username" is an alias of a username, so it needs "username" in the list too`],
            ["MFA with no factor", { mfa: { mode: "ON", totp: false } }, `mfa: mfa.mode "ON" but no factor is on; allowed: at least one of totp, sms, email set to true`],
            ["email MFA without SES", { mfa: { email: true }, accountRecovery: "admin_only" }, `mfa.email: email MFA needs email.sender "ses" (got "cognito")`],
            ["email MFA on Lite", { mfa: { email: true }, email: ses, featurePlan: "LITE", accountRecovery: "admin_only" }, `mfa.email: email MFA needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`],
            ["SMS MFA without phone numbers", { mfa: { sms: true } }, `mfa.sms: codes by SMS need a phone number: add "phone" to signInWith or declare standardAttributes.phone_number`],
            ["threat protection below Plus", { threatProtection: { mode: "ENFORCED" } }, `threatProtection.mode: got "ENFORCED" on featurePlan "ESSENTIALS"; threat protection needs featurePlan "PLUS", or set mode "OFF"`],
            ["a malformed IP range", { featurePlan: "PLUS", threatProtection: { mode: "AUDIT", blockedIpRanges: ["10.0.0.0/33"] } }, `threatProtection.blockedIpRanges[0]: got "10.0.0.0/33"; allowed: a CIDR range such as 203.0.113.0/24 or 2001:db8::/48`],
            ["passkeys on Lite", { featurePlan: "LITE", mfa: { mode: "OPTIONAL" }, passwordless: { passkeys: { relyingPartyId: "auth.example.com" } } }, `passwordless: passwordless sign-in needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`],
            ["passwordless with MFA required", { passwordless: { passkeys: { relyingPartyId: "auth.example.com" } } }, `passwordless: passwordless sign-in is not offered to users with MFA, so it cannot work with mfa.mode "ON"; set userPool.mfa.mode "OPTIONAL" (a weakening, warned), or turn passwordless off`],
            ["email codes without SES", { mfa: { mode: "OPTIONAL" }, passwordless: { emailOtp: true } }, `passwordless.emailOtp: email one-time codes need email.sender "ses" (got "cognito")`],
            ["a passkey relying party that is not a domain", { mfa: { mode: "OPTIONAL" }, passwordless: { passkeys: { relyingPartyId: "https://auth.example.com" } } }, `passwordless.passkeys.relyingPartyId: got "https://auth.example.com"; allowed: a lowercase domain name such as auth.example.com`],
            ["password history on Lite", { featurePlan: "LITE", passwordPolicy: { passwordHistorySize: 3 } }, `passwordPolicy.passwordHistorySize: password history needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`],
            ["activity logs below Plus", { logDelivery: { userActivity: "INFO" } }, `logDelivery.userActivity: got "INFO" on featurePlan "ESSENTIALS"; user activity logs need featurePlan "PLUS"`],
            ["recovery by phone without phones", { accountRecovery: "phone" }, `accountRecovery: got "phone" but users have no phone number: add "phone" to signInWith or declare standardAttributes.phone_number`],
            ["recovery by email without emails", { signInWith: ["phone"] }, `accountRecovery: got "email" but users have no email: add "email" to signInWith or declare standardAttributes.email`],
            ["an SES sender that is no address", { email: { ...ses, from: "News" } }, `email.from: got "News"; allowed: an address, optionally with a name: "News <no-reply@example.com>"`],
            ["an SES sender outside the identity's domain", { email: { ...ses, sesIdentityArn: "arn:aws:ses:eu-central-1:123456789012:identity/other-brand.com" } },
                `email.from: got "News <no-reply@news.example.com>", whose domain "news.example.com" the SES identity "other-brand.com" (email.sesIdentityArn) does not cover; allowed: an address at other-brand.com or one of its subdomains, or the identity of "news.example.com"`],
            ["an SES sender at a domain that only ends like the identity's", { email: { ...ses, from: "a@notexample.com", sesIdentityArn: "arn:aws:ses:eu-central-1:123456789012:identity/example.com" } },
                `email.from: got "a@notexample.com", whose domain "notexample.com" the SES identity "example.com" (email.sesIdentityArn) does not cover; allowed: an address at example.com or one of its subdomains, or the identity of "notexample.com"`],
            ["an SES sender other than the address identity", { email: { ...ses, sesIdentityArn: "arn:aws:ses:eu-central-1:123456789012:identity/alerts@news.example.com" } },
                `email.from: got "News <no-reply@news.example.com>", but email.sesIdentityArn verifies the address "alerts@news.example.com" only; allowed: "alerts@news.example.com", or an identity for the domain of "no-reply@news.example.com"`],
            ["a code message without the code", { verificationMessage: { emailMessage: "Welcome to the news" } }, `verificationMessage.emailMessage: got "Welcome to the news"; a code message must contain {####}`],
            ["a link message without the link", { verificationMessage: { method: "link", emailMessage: "Click {####}" } }, `verificationMessage.emailMessage: got "Click {####}"; a link message must contain {##link text##}`],
            ["an invitation without the username", { invitationMessage: { smsMessage: "Password {####}" } }, `invitationMessage.smsMessage: got "Password {####}"; must contain both {username} and {####} (the temporary password)`],
            ["a string attribute longer at least than at most", { customAttributes: { edition: { type: "String", minLength: 9, maxLength: 5 } } }, "customAttributes.edition: minLength 9 is above maxLength 5"],
            ["a number attribute with min above max", { customAttributes: { score: { type: "Number", min: 10, max: 1 } } }, "customAttributes.score: min 10 is above max 1"],
            ["an optional email that users sign in with", { standardAttributes: { email: { required: false } } }, "standardAttributes.email.required: got false while users sign in with email; allowed: true"],
            ["a group declared twice", { groups: [{ name: "admins" }, { name: "admins" }] }, `groups[1].name: got "admins" twice; group names must be unique`],
        ];
        for (const [title, args, expected] of cases) {
            it(`refuses ${title}`, () => assert.deepStrictEqual(problems(args), [expected]));
        }

        it("throws at construction, before registering anything, naming the component", () => {
            // Outside any Pulumi runtime: reaching super() would fail differently.
            assert.throws(() => new UserPool("main", { mfa: { mode: "ON", totp: false } }), (error: unknown) =>
                error instanceof InvalidArgsError && error.message === `UserPool "main" has invalid arguments:\n  - mfa: mfa.mode "ON" but no factor is on; allowed: at least one of totp, sms, email set to true`);
        });
    });
});
