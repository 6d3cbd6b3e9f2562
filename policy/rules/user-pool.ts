// Rules on the user pool itself: passwords, MFA, the feature plan, email sending.
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { forType, settingsOf, types, type UserPoolProps } from "./support";

/** What AWS applies when a pool does not say. */
const awsDefaults = { minimumLength: 8, temporaryPasswordValidityDays: 7, mfaConfiguration: "OFF", userPoolTier: "ESSENTIALS" };

const passwordLengthSchema: PolicyConfigSchema = {
    properties: {
        minimumLength: { type: "integer", minimum: 6, maximum: 99, default: 14, description: "Shortest password accepted when MFA is ON." },
        minimumLengthWithoutMfa: { type: "integer", minimum: 6, maximum: 99, default: 15, description: "Shortest password accepted when MFA is not ON (NIST SP 800-63B rev 4)." },
    },
};

export const passwordMinimumLength: ResourceValidationPolicy = {
    name: "cognito-password-min-length",
    description: "User pool passwords must be long: at least 14 characters, and 15 when MFA is not ON (NIST SP 800-63B rev 4).",
    remediationSteps: "Set cognito:userPool.passwordPolicy.minimumLength to 15 (the default of this project).",
    enforcementLevel: "mandatory",
    configSchema: passwordLengthSchema,
    validateResource: forType<UserPoolProps>(types.userPool, (pool, args, report) => {
        const config = settingsOf<{ minimumLength: number; minimumLengthWithoutMfa: number }>(args, passwordLengthSchema);
        const length = pool.passwordPolicy?.minimumLength ?? awsDefaults.minimumLength;
        const mfaOn = (pool.mfaConfiguration ?? awsDefaults.mfaConfiguration) === "ON";
        const required = mfaOn ? config.minimumLength : Math.max(config.minimumLength, config.minimumLengthWithoutMfa);
        if (length < required) report(`Password minimum length is ${length}; at least ${required} is required${mfaOn ? "" : " while MFA is not ON"}.`);
    }),
};

const compositionSchema: PolicyConfigSchema = {
    properties: {
        requiredClasses: {
            type: "array",
            items: { type: "string", enum: ["lowercase", "uppercase", "numbers", "symbols"] },
            default: [],
            description: "Character classes your organisation requires. Empty: follow NIST and flag composition rules instead.",
        },
    },
};

const classFields = { lowercase: "requireLowercase", uppercase: "requireUppercase", numbers: "requireNumbers", symbols: "requireSymbols" } as const;

export const passwordComposition: ResourceValidationPolicy = {
    name: "cognito-password-composition",
    description: "Password character classes are advice only: NIST SP 800-63B advises against composition rules, which make passwords harder to remember and no stronger than length does.",
    remediationSteps: "Prefer length over composition; list the classes your organisation requires in this rule's requiredClasses if it must.",
    enforcementLevel: "advisory",
    configSchema: compositionSchema,
    validateResource: forType<UserPoolProps>(types.userPool, (pool, args, report) => {
        const { requiredClasses } = settingsOf<{ requiredClasses: (keyof typeof classFields)[] }>(args, compositionSchema);
        const policy = pool.passwordPolicy ?? {};
        const on = (Object.keys(classFields) as (keyof typeof classFields)[]).filter((c) => policy[classFields[c]] === true);
        if (requiredClasses.length === 0) {
            if (on.length > 0) report(`Password policy requires ${on.join(", ")}; NIST advises length instead of composition rules.`);
            return;
        }
        const missing = requiredClasses.filter((c) => !on.includes(c));
        if (missing.length > 0) report(`Password policy does not require ${missing.join(", ")}, which this organisation asks for.`);
    }),
};

const temporaryPasswordSchema: PolicyConfigSchema = {
    properties: { maxDays: { type: "integer", minimum: 1, maximum: 365, default: 7, description: "Longest validity of an administrator-set temporary password." } },
};

export const temporaryPasswordValidity: ResourceValidationPolicy = {
    name: "cognito-temporary-password-validity",
    description: "Temporary passwords set by administrators must expire within 7 days.",
    remediationSteps: "Set cognito:userPool.passwordPolicy.temporaryPasswordValidityDays to 7 or less.",
    enforcementLevel: "mandatory",
    configSchema: temporaryPasswordSchema,
    validateResource: forType<UserPoolProps>(types.userPool, (pool, args, report) => {
        const { maxDays } = settingsOf<{ maxDays: number }>(args, temporaryPasswordSchema);
        const days = pool.passwordPolicy?.temporaryPasswordValidityDays ?? awsDefaults.temporaryPasswordValidityDays;
        if (days > maxDays) report(`Temporary passwords stay valid ${days} days; at most ${maxDays} are allowed.`);
    }),
};

const mfaSchema: PolicyConfigSchema = {
    properties: { requireOn: { type: "boolean", default: true, description: "MFA must be ON; false also accepts OPTIONAL." } },
};

export const mfa: ResourceValidationPolicy = {
    name: "cognito-mfa",
    description: "Users must have a second factor: MFA ON (OPTIONAL where the stage allows it) with authenticator apps (TOTP), not SMS alone.",
    remediationSteps: "Set cognito:userPool.mfa.mode to ON and mfa.totp to true.",
    enforcementLevel: "mandatory",
    configSchema: mfaSchema,
    validateResource: forType<UserPoolProps>(types.userPool, (pool, args, report) => {
        const { requireOn } = settingsOf<{ requireOn: boolean }>(args, mfaSchema);
        const mode = pool.mfaConfiguration ?? awsDefaults.mfaConfiguration;
        if (mode === "OFF") {
            report(`MFA is OFF; it must be ${requireOn ? "ON" : "ON or OPTIONAL"}.`);
            return;
        }
        if (requireOn && mode !== "ON") report(`MFA is ${mode}; it must be ON in this stage.`);
        const totp = pool.softwareTokenMfaConfiguration?.enabled === true;
        if (!totp) report("Authenticator apps (TOTP) are not enabled as an MFA factor.");
        if (!totp && pool.smsConfiguration !== undefined && pool.emailMfaConfiguration === undefined) {
            report("SMS is the only MFA factor: text messages can be intercepted or redirected by SIM swap.");
        }
    }),
};

/** Features and the lowest plan that offers them. */
const planNeeds = { LITE: 0, ESSENTIALS: 1, PLUS: 2 } as const;

export const featurePlan: ResourceValidationPolicy = {
    name: "cognito-feature-plan",
    description: "Features must be on a feature plan that offers them: threat protection needs Plus; email MFA, passkeys and email one-time codes need Essentials.",
    remediationSteps: "Raise cognito:userPool.featurePlan, or turn the feature off.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forType<UserPoolProps>(types.userPool, (pool, _args, report) => {
        const plan = (pool.userPoolTier ?? awsDefaults.userPoolTier) as keyof typeof planNeeds;
        const factors = pool.signInPolicy?.allowedFirstAuthFactors ?? [];
        const features: [string, boolean, keyof typeof planNeeds][] = [
            ["threat protection", (pool.userPoolAddOns?.advancedSecurityMode ?? "OFF") !== "OFF", "PLUS"],
            ["email MFA", pool.emailMfaConfiguration !== undefined, "ESSENTIALS"],
            ["passkeys", pool.webAuthnConfiguration !== undefined || factors.includes("WEB_AUTHN"), "ESSENTIALS"],
            ["email one-time codes", factors.includes("EMAIL_OTP"), "ESSENTIALS"],
        ];
        for (const [feature, used, needs] of features) {
            if (used && planNeeds[plan] < planNeeds[needs]) report(`${feature} needs the ${needs} plan; this pool is on ${plan}.`);
        }
    }),
};

export const emailSending: ResourceValidationPolicy = {
    name: "cognito-email-sending",
    description: "The pool must send email through Amazon SES (DEVELOPER), not Cognito's default sender with its small daily cap.",
    remediationSteps: "Set cognito:userPool.email to { sender: ses, from, sesIdentityArn } with a verified SES identity.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forType<UserPoolProps>(types.userPool, (pool, _args, report) => {
        const account = pool.emailConfiguration?.emailSendingAccount ?? "COGNITO_DEFAULT";
        if (account !== "DEVELOPER") report(`Email is sent by ${account}; use SES (DEVELOPER).`);
    }),
};

export const userPoolRules: ResourceValidationPolicy[] = [passwordMinimumLength, passwordComposition, temporaryPasswordValidity, mfa, featurePlan, emailSending];
