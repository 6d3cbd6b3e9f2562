// Cognito code nobody here wrote: odd shapes read as what they mean, passwordless pools, aws-native
// and managed clients, and the rules for attribute writes, account recovery, refresh-token rotation
// and the rest of threat protection.
import * as assert from "assert";
import { accountRecovery, featurePlan, emailSending, mfa, passwordComposition, passwordMinimumLength, temporaryPasswordValidity } from "../../policy/rules/user-pool";
import { callbackUrls, customAttributeWrites, noImplicitGrant, noPlainPasswordFlow, refreshTokenRotation, tokenRevocation, tokenValidity, userExistenceErrors, writeAttributesExplicit } from "../../policy/rules/clients";
import { deletionProtection, threatProtection, wideRange } from "../../policy/rules/stack";
import { triggerPermission } from "../../policy/rules/triggers";
import { bool, enumValue, field, list, num, obj, strings, text } from "../../policy/rules/support";
import { awsNativeTypes, awsTypes as types } from "../../policy/rules/type-tokens";
import { resource, unknown, violations } from "../support/policy";

const pool = (inputs: Record<string, any>) => resource(types.userPool, inputs);
const client = (inputs: Record<string, any>, type: string = types.client) => resource(type, inputs);
const cantRun = (rule: string, path: string) => `advisory: can't run policy '${rule}' from policy pack 'cognito-security@v0.1.0' during preview: string value at ${path} can't be known during preview`;

describe("odd shapes read as what they mean (support.ts)", () => {
    it("booleans, numbers, enums, blank strings", () => {
        assert.deepStrictEqual([bool(true), bool("true"), bool(" False "), bool("yes"), bool(1), bool(null)], [true, true, false, undefined, undefined, undefined]);
        assert.deepStrictEqual([num(15), num("15"), num(" 7 "), num(""), num("x"), num(NaN), num(null)], [15, 15, 7, undefined, undefined, undefined, undefined]);
        assert.deepStrictEqual([enumValue("on"), enumValue(" Enforced "), enumValue(""), enumValue(3)], ["ON", "ENFORCED", undefined, undefined]);
        assert.deepStrictEqual([text(" a "), text(""), text("  "), text(null)], ["a", undefined, undefined, undefined]);
    });
    it("Terraform's block shape, lists of one, null entries", () => {
        assert.deepStrictEqual(obj([{ minimumLength: 8 }]), { minimumLength: 8 });
        assert.deepStrictEqual([obj([]), obj(null), obj("x"), obj([null])], [undefined, undefined, undefined, undefined]);
        assert.strictEqual(field({ a: [{ b: [{ c: 1 }] }] }, "a", "b", "c"), 1);
        assert.strictEqual(field({ a: "x" }, "a", "b"), undefined);
        assert.deepStrictEqual(list("https://a.example.com/"), ["https://a.example.com/"]);
        assert.deepStrictEqual(list([null, "", "a", undefined, 7]), ["a", 7]);
        assert.deepStrictEqual([list(null), list(undefined), strings([" a ", 7, null, ""])], [[], [], ["a"]]);
    });
});

describe("user pool rules over odd shapes", () => {
    it("read string numbers, enums in any case and the block shape", async () => {
        assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ passwordPolicy: [{ minimumLength: "14" }], mfaConfiguration: "on" })]), []);
        assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ passwordPolicy: [{ minimumLength: "12" }], mfaConfiguration: "on" })]), ["mandatory: Password minimum length is 12; at least 14 is required."]);
        assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ passwordPolicy: { minimumLength: "" }, mfaConfiguration: "" })]), ["mandatory: Password minimum length is 8; at least 15 is required while MFA is not ON."], "\"\" is unset");
        assert.deepStrictEqual(await violations(temporaryPasswordValidity, [pool({ passwordPolicy: [{ temporaryPasswordValidityDays: "30" }] })]), ["mandatory: Temporary passwords stay valid 30 days; at most 7 are allowed."]);
        assert.deepStrictEqual(await violations(passwordComposition, [pool({ passwordPolicy: [{ requireSymbols: "true", requireNumbers: "false" }] })]), ["advisory: Password policy requires symbols; NIST advises length instead of composition rules."]);
        assert.deepStrictEqual(await violations(mfa, [pool({ mfaConfiguration: "on", softwareTokenMfaConfiguration: [{ enabled: "true" }] })]), []);
        assert.deepStrictEqual(await violations(mfa, [pool({ mfaConfiguration: "optional", softwareTokenMfaConfiguration: { enabled: "TRUE" } })]), ["mandatory: MFA is OPTIONAL; it must be ON in this stage."]);
        assert.deepStrictEqual(await violations(emailSending, [pool({ emailConfiguration: [{ emailSendingAccount: "developer" }] })]), []);
        assert.deepStrictEqual(await violations(featurePlan, [pool({ userPoolTier: "essentials", userPoolAddOns: [{ advancedSecurityMode: "enforced" }] })]), ["mandatory: threat protection needs the PLUS plan; this pool is on ESSENTIALS."]);
        assert.deepStrictEqual(await violations(featurePlan, [pool({ userPoolTier: "GOLD", emailMfaConfiguration: {} })]), ["mandatory: The feature plan GOLD is not one of LITE, ESSENTIALS, PLUS; the plan's features could not be checked."]);
    });
    it("read null and wrong types as unset, without throwing", async () => {
        for (const odd of [null, 42, "x", [], [null], true]) {
            const p = pool({ passwordPolicy: odd, mfaConfiguration: odd, softwareTokenMfaConfiguration: odd, signInPolicy: odd, userPoolTier: odd, accountRecoverySetting: odd, emailConfiguration: odd });
            for (const rule of [passwordMinimumLength, mfa, featurePlan, emailSending, accountRecovery]) {
                for (const v of await violations(rule, [p])) assert.ok(!v.includes("Could not read"), `${rule.name} ${JSON.stringify(odd)}: ${v}`);
            }
        }
    });

    describe("passwordless-only pools (no PASSWORD first factor)", () => {
        const passwordless = { signInPolicy: { allowedFirstAuthFactors: ["WEB_AUTHN", "EMAIL_OTP"] }, userPoolTier: "ESSENTIALS" };
        it("make no password-length or MFA demands", async () => {
            assert.deepStrictEqual(await violations(passwordMinimumLength, [pool(passwordless)]), []);
            assert.deepStrictEqual(await violations(mfa, [pool(passwordless)]), []);
            assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ signInPolicy: [{ allowedFirstAuthFactors: ["web_authn", null] }] })]), [], "block shape, any case, null skipped");
        });
        it("still judge pools that accept a password, and an empty factor list as unset", async () => {
            assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ signInPolicy: { allowedFirstAuthFactors: ["password", "WEB_AUTHN"] } })]), ["mandatory: Password minimum length is 8; at least 15 is required while MFA is not ON."]);
            assert.deepStrictEqual(await violations(mfa, [pool({ signInPolicy: { allowedFirstAuthFactors: [] } })]), ["mandatory: MFA is OFF; it must be ON."]);
        });
        it("flag SMS one-time codes as the only way in", async () => {
            assert.deepStrictEqual(await violations(mfa, [pool({ signInPolicy: { allowedFirstAuthFactors: ["SMS_OTP"] } })]), ["mandatory: The pool signs users in by SMS one-time code alone: text messages can be intercepted or redirected by SIM swap."]);
        });
        it("report an unknown factor list as can't-run", async () => {
            assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ signInPolicy: { allowedFirstAuthFactors: [unknown] } })]), [cantRun("cognito-password-min-length", ".signInPolicy.allowedFirstAuthFactors.0")]);
        });
    });

    describe("cognito-account-recovery", () => {
        const recovery = (...mechanisms: unknown[]) => pool({ accountRecoverySetting: { recoveryMechanisms: mechanisms } });
        it("passes email first", async () => {
            assert.deepStrictEqual(await violations(accountRecovery, [recovery({ name: "verified_email", priority: 1 }), recovery({ name: "verified_phone_number", priority: 2 }, { name: "verified_email", priority: 1 }), recovery({ name: "admin_only", priority: 1 })]), []);
        });
        it("refuses SMS first, and unset (legacy: SMS when a phone is verified)", async () => {
            assert.deepStrictEqual(await violations(accountRecovery, [recovery({ name: "verified_email", priority: 2 }, { name: "verified_phone_number", priority: 1 })]), ["mandatory: Account recovery tries verified_phone_number (SMS) first (order: verified_phone_number, verified_email)."]);
            assert.deepStrictEqual(await violations(accountRecovery, [pool({})]), ["mandatory: Account recovery is not set: Cognito's legacy behaviour sends the recovery code by SMS when the user has a verified phone number."]);
        });
        it("reads odd shapes: block shape, string priorities, names in any case, null entries, list order without priorities", async () => {
            assert.deepStrictEqual(await violations(accountRecovery, [pool({ accountRecoverySetting: [{ recoveryMechanisms: [null, { name: "VERIFIED_PHONE_NUMBER", priority: "1" }, { name: "verified_email", priority: "2" }] }] })]), ["mandatory: Account recovery tries verified_phone_number (SMS) first (order: verified_phone_number, verified_email)."]);
            assert.deepStrictEqual(await violations(accountRecovery, [recovery({ name: "verified_email" }, { name: "verified_phone_number" })]), []);
            assert.deepStrictEqual(await violations(accountRecovery, [recovery("verified_phone_number")]), ["mandatory: Account recovery tries verified_phone_number (SMS) first (order: verified_phone_number)."]);
            assert.deepStrictEqual(await violations(accountRecovery, [recovery({ name: "verified_email", priority: unknown })]), [cantRun("cognito-account-recovery", ".accountRecoverySetting.recoveryMechanisms.0.priority")]);
        });
    });
});

describe("client rules over odd shapes", () => {
    it("read string booleans, numbers, enums and the block shape", async () => {
        assert.deepStrictEqual(await violations(userExistenceErrors, [client({ preventUserExistenceErrors: "enabled" })]), []);
        assert.deepStrictEqual(await violations(userExistenceErrors, [client({ preventUserExistenceErrors: "" })]), ["mandatory: preventUserExistenceErrors is not set (LEGACY); it must be ENABLED."]);
        assert.deepStrictEqual(await violations(tokenRevocation, [client({ enableTokenRevocation: "false" }), client({ enableTokenRevocation: "true" }), client({ enableTokenRevocation: null })]), ["mandatory: Token revocation is off."]);
        assert.deepStrictEqual(await violations(tokenValidity, [client({ accessTokenValidity: "90", tokenValidityUnits: [{ accessToken: "MINUTES" }] })]), ["mandatory: Access tokens live 90 minutes; at most 60 are allowed."]);
        assert.deepStrictEqual(await violations(tokenValidity, [client({ accessTokenValidity: 2, tokenValidityUnits: { accessToken: "weeks" } })]), ["mandatory: The accessToken validity unit weeks is not one of seconds, minutes, hours, days; that validity could not be checked."]);
        assert.deepStrictEqual(await violations(noImplicitGrant, [client({ allowedOauthFlows: "Implicit" })]), ["mandatory: The implicit grant is allowed."]);
        assert.deepStrictEqual(await violations(noPlainPasswordFlow, [client({ generateSecret: "true", explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] })]), []);
        assert.deepStrictEqual(await violations(noPlainPasswordFlow, [client({ generateSecret: "false", explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] })]), ["mandatory: A client without a secret allows ALLOW_USER_PASSWORD_AUTH."]);
    });

    it("cognito-callback-urls checks one string as one URL, skips null and \"\" entries, and says what is not a string", async () => {
        const redirecting = { allowedOauthFlowsUserPoolClient: "true", allowedOauthFlows: "code" };
        assert.deepStrictEqual(await violations(callbackUrls, [client({ ...redirecting, callbackUrls: "https://news.example.com/cb", logoutUrls: "http://news.example.com/" })]), ["mandatory: The sign-out URL http://news.example.com/ is not https."]);
        assert.deepStrictEqual(await violations(callbackUrls, [client({ ...redirecting, callbackUrls: [null, "", "https://news.example.com/cb"], logoutUrls: null })]), []);
        assert.deepStrictEqual(await violations(callbackUrls, [client({ ...redirecting, callbackUrls: [42, { url: "x" }] })]), ["mandatory: The callback URL 42 is not a string.", `mandatory: The callback URL {"url":"x"} is not a string.`]);
    });

    it("cognito-callback-urls judges only clients that redirect: code or implicit flow with OAuth on", async () => {
        const bad = { callbackUrls: ["http://localhost:3000/cb"], logoutUrls: ["http://news.example.com/"] };
        const line = ["mandatory: The callback URL http://localhost:3000/cb points at localhost.", "mandatory: The sign-out URL http://news.example.com/ is not https."];
        assert.deepStrictEqual(await violations(callbackUrls, [client({ ...bad, allowedOauthFlowsUserPoolClient: true, allowedOauthFlows: ["client_credentials"] })]), [], "client_credentials only: no redirect");
        assert.deepStrictEqual(await violations(callbackUrls, [client({ ...bad, allowedOauthFlowsUserPoolClient: false, allowedOauthFlows: ["code"] })]), [], "OAuth off: no redirect");
        assert.deepStrictEqual(await violations(callbackUrls, [client({ ...bad, allowedOauthFlows: ["code"] })]), [], "OAuth unset is AWS's false: no redirect");
        assert.deepStrictEqual(await violations(callbackUrls, [client({ ...bad, allowedOauthFlowsUserPoolClient: true })]), [], "no flow: no redirect");
        assert.deepStrictEqual(await violations(callbackUrls, [client({ ...bad, allowedOauthFlowsUserPoolClient: " TRUE ", allowedOauthFlows: ["client_credentials", "Implicit"] })]), line, "implicit redirects");
        assert.deepStrictEqual(await violations(callbackUrls, [client({ ...bad, allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ["code"] }, awsNativeTypes.client)]), line, "aws-native spelling");
    });

    describe("cognito-custom-attribute-writes", () => {
        it("passes standard attributes only, and the custom attributes a stage allows", async () => {
            assert.deepStrictEqual(await violations(customAttributeWrites, [client({ writeAttributes: ["email", "name"] }), client({})]), []);
            assert.deepStrictEqual(await violations(customAttributeWrites, [client({ writeAttributes: ["name", "custom:newsletterOptIn"] })], { allowedCustomAttributes: ["newsletterOptIn"] }), []);
        });
        it("refuses custom attributes users could write (one string, null entries, any case)", async () => {
            assert.deepStrictEqual(await violations(customAttributeWrites, [client({ writeAttributes: ["email", null, "custom:tenant", "CUSTOM:role"] })]), ["mandatory: Users can write custom:tenant, CUSTOM:role through this client."]);
            assert.deepStrictEqual(await violations(customAttributeWrites, [client({ writeAttributes: "custom:tenant" })], "advisory"), ["advisory: Users can write custom:tenant through this client."]);
            assert.deepStrictEqual(await violations(customAttributeWrites, [client({ writeAttributes: ["email", unknown] })]), [cantRun("cognito-custom-attribute-writes", ".writeAttributes.1")]);
        });
    });

    it("cognito-write-attributes-explicit advises listing writable attributes", async () => {
        assert.deepStrictEqual(await violations(writeAttributesExplicit, [client({ writeAttributes: ["name"] }), client({ writeAttributes: "name" })]), []);
        const unset = "advisory: writeAttributes is not set, so users can write every standard attribute of the pool.";
        assert.deepStrictEqual(await violations(writeAttributesExplicit, [client({}), client({ writeAttributes: null }), client({ writeAttributes: "" }), client({ writeAttributes: [null] })]), [unset, unset, unset, unset]);
    });

    describe("cognito-refresh-token-rotation", () => {
        it("passes rotation on, and clients with a secret", async () => {
            assert.deepStrictEqual(await violations(refreshTokenRotation, [client({ refreshTokenRotation: { feature: "ENABLED" } }), client({ refreshTokenRotation: [{ feature: "enabled" }] }), client({ generateSecret: true }), client({ generateSecret: "true" })]), []);
        });
        it("advises rotation on clients without a secret", async () => {
            assert.deepStrictEqual(await violations(refreshTokenRotation, [client({ refreshTokenRotation: { feature: "DISABLED" } }), client({ refreshTokenRotation: null })]), [
                "advisory: Refresh-token rotation is DISABLED on a client without a secret.",
                "advisory: Refresh-token rotation is not set (DISABLED) on a client without a secret.",
            ]);
            assert.deepStrictEqual(await violations(refreshTokenRotation, [client({ refreshTokenRotation: { feature: unknown } })]), [cantRun("cognito-refresh-token-rotation", ".refreshTokenRotation.feature")]);
        });
    });
});

describe("aws-native and managed clients, judged like their aws: equivalents", () => {
    it("aws-native user pools: policies.passwordPolicy, policies.signInPolicy, enabledMfas, webAuthnRelyingPartyId", async () => {
        const native = (inputs: Record<string, any>) => resource(awsNativeTypes.userPool, inputs);
        assert.deepStrictEqual(await violations(passwordMinimumLength, [native({ policies: { passwordPolicy: { minimumLength: 10 } }, mfaConfiguration: "ON" })]), ["mandatory: Password minimum length is 10; at least 14 is required."]);
        assert.deepStrictEqual(await violations(passwordMinimumLength, [native({ policies: { signInPolicy: { allowedFirstAuthFactors: ["WEB_AUTHN"] } } })]), []);
        assert.deepStrictEqual(await violations(mfa, [native({ mfaConfiguration: "ON", enabledMfas: ["SOFTWARE_TOKEN_MFA"] })]), []);
        assert.deepStrictEqual(await violations(mfa, [native({ mfaConfiguration: "ON", enabledMfas: ["SMS_MFA"] })]), [
            "mandatory: Authenticator apps (TOTP) are not enabled as an MFA factor.",
            "mandatory: SMS is the only MFA factor: text messages can be intercepted or redirected by SIM swap.",
        ]);
        assert.deepStrictEqual(await violations(featurePlan, [native({ userPoolTier: "LITE", webAuthnRelyingPartyId: "a.example", enabledMfas: ["EMAIL_OTP"] })]), [
            "mandatory: email MFA needs the ESSENTIALS plan; this pool is on LITE.",
            "mandatory: passkeys needs the ESSENTIALS plan; this pool is on LITE.",
        ]);
        assert.deepStrictEqual(await violations(accountRecovery, [native({ accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_phone_number", priority: 1 }] } })]), ["mandatory: Account recovery tries verified_phone_number (SMS) first (order: verified_phone_number)."]);
        assert.deepStrictEqual(await violations(deletionProtection, [resource(awsNativeTypes.userPool, { deletionProtection: "active" }, { name: "np", protect: true })]), []);
    });
    it("aws-native clients: allowedOAuthFlows and the callback URL spellings", async () => {
        const native = (inputs: Record<string, any>) => client(inputs, awsNativeTypes.client);
        assert.deepStrictEqual(await violations(noImplicitGrant, [native({ allowedOAuthFlows: ["implicit"] })]), ["mandatory: The implicit grant is allowed."]);
        const oauth = { allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ["code"] };
        assert.deepStrictEqual(await violations(callbackUrls, [native({ ...oauth, callbackUrls: ["http://news.example.com/cb"] }), native({ ...oauth, callbackUrLs: ["http://news.example.com/cb"] })]), [
            "mandatory: The callback URL http://news.example.com/cb is not https.",
            "mandatory: The callback URL http://news.example.com/cb is not https.",
        ]);
        assert.deepStrictEqual(await violations(customAttributeWrites, [native({ writeAttributes: ["custom:role"] })]), ["mandatory: Users can write custom:role through this client."]);
    });
    it("managed user pool clients", async () => {
        const managed = (inputs: Record<string, any>) => client(inputs, types.managedClient);
        assert.deepStrictEqual(await violations(userExistenceErrors, [managed({ preventUserExistenceErrors: "LEGACY" })]), ["mandatory: preventUserExistenceErrors is LEGACY; it must be ENABLED."]);
        assert.deepStrictEqual(await violations(noPlainPasswordFlow, [managed({ explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] }), managed({ explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"], clientSecret: "s" })]), ["mandatory: A client without a secret allows ALLOW_USER_PASSWORD_AUTH."]);
        assert.deepStrictEqual(await violations(refreshTokenRotation, [managed({ refreshTokenRotation: { feature: "ENABLED" } })]), []);
    });
});

describe("cognito-threat-protection, the rest", () => {
    const poolId = "eu-central-1_P";
    const enforced = (addOns: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => {
        const props = { id: poolId, userPoolAddOns: { advancedSecurityMode: "ENFORCED", ...addOns }, ...extra };
        return resource(types.userPool, props, { name: "main-pool", outputs: props });
    };
    const risk = (props: Record<string, unknown>, name = "risk") => resource(types.riskConfiguration, { userPoolId: poolId, compromisedCredentialsRiskConfiguration: { actions: { eventAction: "BLOCK" } }, ...props }, { name });
    const customClient = resource(types.client, { userPoolId: poolId, explicitAuthFlows: ["ALLOW_CUSTOM_AUTH"] });

    it("a risk configuration with clientId \"\" is pool-wide", async () => {
        assert.deepStrictEqual(await violations(threatProtection, [enforced(), risk({ clientId: "" })]), []);
        assert.deepStrictEqual(await violations(threatProtection, [enforced(), risk({ clientId: "abc" })]), ["advisory: The user pool main-pool does not block compromised credentials (no risk configuration with eventAction BLOCK)."]);
    });
    it("reads odd shapes: block shape, enum case", async () => {
        assert.deepStrictEqual(await violations(threatProtection, [enforced(), risk({ compromisedCredentialsRiskConfiguration: [{ actions: [{ eventAction: "block" }] }] })]), []);
        const p = resource(types.userPool, { id: poolId, userPoolAddOns: [{ advancedSecurityMode: "enforced" }] }, { name: "p" });
        assert.deepStrictEqual(await violations(threatProtection, [p, risk({})]), []);
    });
    it("wants custom authentication ENFORCED where it is used (a client or the challenge trigger)", async () => {
        const message = "advisory: The user pool main-pool uses custom authentication, but threat protection does not enforce on it (advancedSecurityAdditionalFlows.customAuthMode is AUDIT, not ENFORCED).";
        assert.deepStrictEqual(await violations(threatProtection, [enforced({ advancedSecurityAdditionalFlows: { customAuthMode: "AUDIT" } }), risk({}), customClient]), [message]);
        assert.deepStrictEqual(await violations(threatProtection, [enforced({}, { lambdaConfig: { defineAuthChallenge: "arn:aws:lambda:eu-central-1:1:function:define" } }), risk({})]), [message.replace("is AUDIT", "is not set")]);
        assert.deepStrictEqual(await violations(threatProtection, [enforced({ advancedSecurityAdditionalFlows: [{ customAuthMode: "enforced" }] }), risk({}), customClient]), []);
        assert.deepStrictEqual(await violations(threatProtection, [enforced(), risk({})]), [], "no custom authentication, nothing to enforce");
    });
    it("refuses an account-takeover high action other than BLOCK", async () => {
        const takeover = (eventAction: unknown) => ({ accountTakeoverRiskConfiguration: { actions: { highAction: { eventAction, notify: true } } } });
        assert.deepStrictEqual(await violations(threatProtection, [enforced(), risk(takeover("BLOCK"))]), []);
        assert.deepStrictEqual(await violations(threatProtection, [enforced(), risk(takeover("mfa_if_configured"))]), ["advisory: The risk configuration risk lets high-risk sign-ins through (account-takeover highAction is MFA_IF_CONFIGURED, not BLOCK)."]);
        assert.deepStrictEqual(await violations(threatProtection, [enforced(), risk({}), risk({ clientId: "web", ...takeover("NO_ACTION") }, "web-risk")]), ["advisory: The risk configuration web-risk (client web) lets high-risk sign-ins through (account-takeover highAction is NO_ACTION, not BLOCK)."]);
    });
    it("refuses skipped IP ranges of /0 or wider than /16 (IPv4), /48 (IPv6)", async () => {
        assert.deepStrictEqual([wideRange("0.0.0.0/0"), wideRange("10.0.0.0/8"), wideRange("10.1.0.0/16"), wideRange("203.0.113.7"), wideRange("::/0"), wideRange("2001:db8::/32"), wideRange("2001:db8:1::/48"), wideRange("x/y")], [true, true, false, false, true, true, false, false]);
        assert.deepStrictEqual(await violations(threatProtection, [enforced(), risk({ riskExceptionConfiguration: { skippedIpRangeLists: ["10.1.0.0/16", "0.0.0.0/0", null, "10.0.0.0/8"] } })]), [
            "advisory: The risk configuration risk skips threat protection for 0.0.0.0/0, 10.0.0.0/8: ranges wider than /16 (IPv4) or /48 (IPv6) exempt far too many sign-ins.",
        ]);
        assert.deepStrictEqual(await violations(threatProtection, [enforced(), risk({ riskExceptionConfiguration: [{ skippedIpRangeList: "::/0" }] })]), [
            "advisory: The risk configuration risk skips threat protection for ::/0: ranges wider than /16 (IPv4) or /48 (IPv6) exempt far too many sign-ins.",
        ]);
    });
    it("cognito-trigger-permission reads \"\" as no sourceArn and the principal in any case", async () => {
        assert.deepStrictEqual(await violations(triggerPermission, [resource(types.lambdaPermission, { principal: "Cognito-IDP.amazonaws.com", sourceArn: "" })]), ["mandatory: The permission has no sourceArn."]);
    });
});
