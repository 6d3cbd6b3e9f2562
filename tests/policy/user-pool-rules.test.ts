import * as assert from "assert";
import { emailSending, featurePlan, mfa, passwordComposition, passwordMinimumLength, temporaryPasswordValidity } from "../../policy/rules/user-pool";
import { resource, unknown, violations } from "../support/policy";
import { awsTypes as types } from "../../policy/rules/type-tokens";

const poolType = types.userPool;
const pool = (inputs: Record<string, any>) => resource(poolType, inputs);
const secure = { passwordPolicy: { minimumLength: 15, temporaryPasswordValidityDays: 7 }, mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true }, userPoolTier: "ESSENTIALS", emailConfiguration: { emailSendingAccount: "DEVELOPER" } };

describe("user pool rules", () => {
    describe("cognito-password-min-length", () => {
        it("passes 15 without MFA and 14 with MFA ON", async () => {
            assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ ...secure, mfaConfiguration: "OPTIONAL" })]), []);
            assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ ...secure, passwordPolicy: { minimumLength: 14 } })]), []);
        });
        it("asks 15 while MFA is not ON, and 14 with it", async () => {
            assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ ...secure, mfaConfiguration: "OPTIONAL", passwordPolicy: { minimumLength: 14 } })]), ["mandatory: Password minimum length is 14; at least 15 is required while MFA is not ON."]);
            assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ ...secure, passwordPolicy: { minimumLength: 12 } })]), ["mandatory: Password minimum length is 12; at least 14 is required."]);
        });
        it("reads AWS's default of 8 when the pool says nothing, and the thresholds from config", async () => {
            assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({})]), ["mandatory: Password minimum length is 8; at least 15 is required while MFA is not ON."]);
            assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ ...secure, passwordPolicy: { minimumLength: 15 } })], { enforcementLevel: "advisory", minimumLength: 20 }), ["advisory: Password minimum length is 15; at least 20 is required."]);
        });
    });

    describe("cognito-password-composition", () => {
        it("follows NIST by default: composition rules are flagged, none is fine", async () => {
            assert.deepStrictEqual(await violations(passwordComposition, [pool(secure)]), []);
            assert.deepStrictEqual(await violations(passwordComposition, [pool({ passwordPolicy: { requireUppercase: true, requireSymbols: true } })]), ["advisory: Password policy requires uppercase, symbols; NIST advises length instead of composition rules."]);
        });
        it("checks the classes an organisation requires when configured", async () => {
            const config = { requiredClasses: ["numbers", "symbols"] };
            assert.deepStrictEqual(await violations(passwordComposition, [pool({ passwordPolicy: { requireNumbers: true } })], config), ["advisory: Password policy does not require symbols, which this organisation asks for."]);
            assert.deepStrictEqual(await violations(passwordComposition, [pool({ passwordPolicy: { requireNumbers: true, requireSymbols: true } })], config), []);
        });
    });

    describe("cognito-temporary-password-validity", () => {
        it("passes 7 days (and AWS's default) and refuses more", async () => {
            assert.deepStrictEqual(await violations(temporaryPasswordValidity, [pool(secure), pool({})]), []);
            assert.deepStrictEqual(await violations(temporaryPasswordValidity, [pool({ passwordPolicy: { temporaryPasswordValidityDays: 30 } })]), ["mandatory: Temporary passwords stay valid 30 days; at most 7 are allowed."]);
        });
    });

    describe("cognito-mfa", () => {
        it("passes MFA ON with TOTP", async () => {
            assert.deepStrictEqual(await violations(mfa, [pool(secure)]), []);
        });
        it("refuses MFA OFF (or unset), and OPTIONAL where ON is required", async () => {
            assert.deepStrictEqual(await violations(mfa, [pool({ mfaConfiguration: "OFF" }), pool({})]), ["mandatory: MFA is OFF; it must be ON.", "mandatory: MFA is OFF; it must be ON."]);
            assert.deepStrictEqual(await violations(mfa, [pool({ ...secure, mfaConfiguration: "OPTIONAL" })]), ["mandatory: MFA is OPTIONAL; it must be ON in this stage."]);
        });
        it("accepts OPTIONAL where the stage allows it, but never OFF", async () => {
            assert.deepStrictEqual(await violations(mfa, [pool({ ...secure, mfaConfiguration: "OPTIONAL" })], { requireOn: false }), []);
            assert.deepStrictEqual(await violations(mfa, [pool({ mfaConfiguration: "OFF" })], { requireOn: false }), ["mandatory: MFA is OFF; it must be ON or OPTIONAL."]);
        });
        it("flags missing TOTP, and SMS as the only factor", async () => {
            assert.deepStrictEqual(await violations(mfa, [pool({ mfaConfiguration: "ON", smsConfiguration: { snsCallerArn: "arn:aws:iam::1:role/sms" } })]), [
                "mandatory: Authenticator apps (TOTP) are not enabled as an MFA factor.",
                "mandatory: SMS is the only MFA factor: text messages can be intercepted or redirected by SIM swap.",
            ]);
            assert.deepStrictEqual(await violations(mfa, [pool({ mfaConfiguration: "ON", smsConfiguration: {}, emailMfaConfiguration: {} })]), ["mandatory: Authenticator apps (TOTP) are not enabled as an MFA factor."]);
        });
    });

    describe("cognito-feature-plan", () => {
        it("passes features on plans that offer them", async () => {
            assert.deepStrictEqual(await violations(featurePlan, [pool({ userPoolTier: "PLUS", userPoolAddOns: { advancedSecurityMode: "ENFORCED" }, emailMfaConfiguration: {} }), pool({ emailMfaConfiguration: {}, webAuthnConfiguration: { relyingPartyId: "a.example" } })]), []);
        });
        it("refuses each feature below its plan", async () => {
            assert.deepStrictEqual(await violations(featurePlan, [pool({ userPoolTier: "ESSENTIALS", userPoolAddOns: { advancedSecurityMode: "AUDIT" } })]), ["mandatory: threat protection needs the PLUS plan; this pool is on ESSENTIALS."]);
            assert.deepStrictEqual(await violations(featurePlan, [pool({ userPoolTier: "LITE", emailMfaConfiguration: {}, signInPolicy: { allowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] } })]), [
                "mandatory: email MFA needs the ESSENTIALS plan; this pool is on LITE.",
                "mandatory: passkeys needs the ESSENTIALS plan; this pool is on LITE.",
                "mandatory: email one-time codes needs the ESSENTIALS plan; this pool is on LITE.",
            ]);
        });
    });

    describe("cognito-email-sending", () => {
        it("passes SES and refuses Cognito's sender (also when unset)", async () => {
            assert.deepStrictEqual(await violations(emailSending, [pool(secure)]), []);
            assert.deepStrictEqual(await violations(emailSending, [pool({ emailConfiguration: { emailSendingAccount: "COGNITO_DEFAULT" } }), pool({})], "advisory"), [
                "advisory: Email is sent by COGNITO_DEFAULT; use SES (DEVELOPER).",
                "advisory: Email is sent by COGNITO_DEFAULT; use SES (DEVELOPER).",
            ]);
        });
    });

    it("reports a value a preview cannot know as advisory, naming the rule and the value", async () => {
        assert.deepStrictEqual(await violations(passwordMinimumLength, [pool({ ...secure, passwordPolicy: { minimumLength: unknown } })]), [
            "advisory: can't run policy 'cognito-password-min-length' from policy pack 'cognito-security@v0.1.0' during preview: string value at .passwordPolicy.minimumLength can't be known during preview",
        ]);
    });

    it("ignores resources of other types", async () => {
        assert.deepStrictEqual(await violations(mfa, [resource(types.client, { mfaConfiguration: "OFF" })]), []);
    });
});
