// Rules on the user pool itself: passwords, MFA, the feature plan, email sending.
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { bool, enumValue, field, firstFactorsOf, forTypes, list, mfaFactorsOf, mfaModeOf, num, obj, passwordless, passwordPolicyOf, settingsOf, text, userPoolTypes } from "./support";

type Props = Record<string, unknown>;

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
    validateResource: forTypes<Props>(userPoolTypes, (pool, args, report) => {
        // A pool that accepts no password at sign-in has no password to judge.
        if (passwordless(pool)) return;
        const config = settingsOf<{ minimumLength: number; minimumLengthWithoutMfa: number }>(args, passwordLengthSchema);
        const length = num(passwordPolicyOf(pool).minimumLength) ?? awsDefaults.minimumLength;
        const mfaOn = mfaModeOf(pool) === "ON";
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
    validateResource: forTypes<Props>(userPoolTypes, (pool, args, report) => {
        const { requiredClasses } = settingsOf<{ requiredClasses: (keyof typeof classFields)[] }>(args, compositionSchema);
        const policy = passwordPolicyOf(pool);
        const on = (Object.keys(classFields) as (keyof typeof classFields)[]).filter((c) => bool(policy[classFields[c]]) === true);
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
    validateResource: forTypes<Props>(userPoolTypes, (pool, args, report) => {
        const { maxDays } = settingsOf<{ maxDays: number }>(args, temporaryPasswordSchema);
        const days = num(passwordPolicyOf(pool).temporaryPasswordValidityDays) ?? awsDefaults.temporaryPasswordValidityDays;
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
    validateResource: forTypes<Props>(userPoolTypes, (pool, args, report) => {
        const { requireOn } = settingsOf<{ requireOn: boolean }>(args, mfaSchema);
        // Without password sign-in there is no password for a second factor to back up (AWS does not
        // allow MFA ON with passwordless first factors); judge the factors the pool accepts instead.
        if (passwordless(pool)) {
            const factors = firstFactorsOf(pool) ?? [];
            if (factors.length > 0 && factors.every((f) => f === "SMS_OTP")) report("The pool signs users in by SMS one-time code alone: text messages can be intercepted or redirected by SIM swap.");
            return;
        }
        const mode = mfaModeOf(pool);
        if (mode === "OFF") {
            report(`MFA is OFF; it must be ${requireOn ? "ON" : "ON or OPTIONAL"}.`);
            return;
        }
        if (requireOn && mode !== "ON") report(`MFA is ${mode}; it must be ON in this stage.`);
        const { totp, sms, email } = mfaFactorsOf(pool);
        if (!totp) report("Authenticator apps (TOTP) are not enabled as an MFA factor.");
        if (!totp && sms && !email) {
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
    validateResource: forTypes<Props>(userPoolTypes, (pool, _args, report) => {
        const plan = enumValue(pool.userPoolTier) ?? awsDefaults.userPoolTier;
        const factors = firstFactorsOf(pool) ?? [];
        const features: [string, boolean, keyof typeof planNeeds][] = [
            ["threat protection", (enumValue(field(pool, "userPoolAddOns", "advancedSecurityMode")) ?? "OFF") !== "OFF", "PLUS"],
            ["email MFA", mfaFactorsOf(pool).email, "ESSENTIALS"],
            ["passkeys", obj(pool.webAuthnConfiguration) !== undefined || text(pool.webAuthnRelyingPartyId) !== undefined || factors.includes("WEB_AUTHN"), "ESSENTIALS"],
            ["email one-time codes", factors.includes("EMAIL_OTP"), "ESSENTIALS"],
        ];
        if (!(plan in planNeeds)) {
            if (features.some(([, used]) => used)) report(`The feature plan ${plan} is not one of LITE, ESSENTIALS, PLUS; the plan's features could not be checked.`);
            return;
        }
        for (const [feature, used, needs] of features) {
            if (used && planNeeds[plan as keyof typeof planNeeds] < planNeeds[needs]) report(`${feature} needs the ${needs} plan; this pool is on ${plan}.`);
        }
    }),
};

export const emailSending: ResourceValidationPolicy = {
    name: "cognito-email-sending",
    description: "The pool must send email through Amazon SES (DEVELOPER), not Cognito's default sender with its small daily cap.",
    remediationSteps: "Set cognito:userPool.email to { sender: ses, from, sesIdentityArn } with a verified SES identity.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forTypes<Props>(userPoolTypes, (pool, _args, report) => {
        const account = enumValue(field(pool, "emailConfiguration", "emailSendingAccount")) ?? "COGNITO_DEFAULT";
        if (account !== "DEVELOPER") report(`Email is sent by ${account}; use SES (DEVELOPER).`);
    }),
};

/** Recovery mechanisms by priority (lowest number first; list order where priorities are missing). */
function recoveryMechanisms(pool: Props): string[] | undefined {
    const setting = obj(pool.accountRecoverySetting);
    if (setting === undefined) return undefined;
    const entries = list(setting.recoveryMechanisms).map((m, i) => ({ name: text(typeof m === "string" ? m : field(m, "name"))?.toLowerCase(), priority: num(field(m, "priority")) ?? Number.MAX_SAFE_INTEGER, i }));
    const named = entries.filter((e): e is { name: string; priority: number; i: number } => e.name !== undefined);
    if (named.length === 0) return undefined;
    return named.sort((a, b) => a.priority - b.priority || a.i - b.i).map((e) => e.name);
}

export const accountRecovery: ResourceValidationPolicy = {
    name: "cognito-account-recovery",
    description: "Forgotten-password codes must not go by SMS first: a SIM swap or a redirected text message would hand over the account.",
    remediationSteps: "Set accountRecoverySetting.recoveryMechanisms with verified_email at priority 1 (this project's UserPool does); keep verified_phone_number, if at all, at a later priority.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forTypes<Props>(userPoolTypes, (pool, _args, report) => {
        const mechanisms = recoveryMechanisms(pool);
        if (mechanisms === undefined) {
            report("Account recovery is not set: Cognito's legacy behaviour sends the recovery code by SMS when the user has a verified phone number.");
            return;
        }
        if (mechanisms[0] === "verified_phone_number") report(`Account recovery tries verified_phone_number (SMS) first (order: ${mechanisms.join(", ")}).`);
    }),
};

export const userPoolRules: ResourceValidationPolicy[] = [passwordMinimumLength, passwordComposition, temporaryPasswordValidity, mfa, featurePlan, emailSending, accountRecovery];
