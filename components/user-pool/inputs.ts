// Turns resolved UserPool settings into the inputs of aws.cognito.UserPool. Pure: the only
// outside values are the SMS role and the trigger ARNs, passed in.
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { sendsSms, usesEmail, usesPhone, type ResolvedUserPoolSettings } from "./settings";

const attributeKey = { email: "email", phone: "phone_number", preferred_username: "preferred_username" } as const;

/** Cognito reports these constraints back; declaring them keeps a later preview free of diffs. */
const standardStringConstraints: Record<string, { minLength: string; maxLength: string }> = {
    birthdate: { minLength: "10", maxLength: "10" },
};

function signInAttributes(s: ResolvedUserPoolSettings): Pick<aws.cognito.UserPoolArgs, "usernameAttributes" | "aliasAttributes"> {
    const others = s.signInWith.filter((id) => id !== "username").map((id) => attributeKey[id as keyof typeof attributeKey]);
    // With "username", the others are aliases; without it, they are the username itself.
    return s.signInWith.includes("username") ? { aliasAttributes: others.length ? others : undefined } : { usernameAttributes: others };
}

function schemas(s: ResolvedUserPoolSettings): aws.types.input.cognito.UserPoolSchema[] {
    const standard = Object.entries(s.standardAttributes).map(([name, attribute]) => ({
        name,
        attributeDataType: name === "updated_at" ? "Number" : "String",
        required: attribute?.required ?? false,
        mutable: attribute?.mutable ?? true,
        developerOnlyAttribute: false,
        ...(name === "updated_at"
            ? { numberAttributeConstraints: { minValue: "0" } }
            : { stringAttributeConstraints: standardStringConstraints[name] ?? { minLength: "0", maxLength: "2048" } }),
    }));
    const custom = Object.entries(s.customAttributes).map(([name, attribute]) => ({
        name,
        attributeDataType: attribute.type,
        required: false, // Cognito does not allow required custom attributes
        mutable: attribute.mutable ?? true,
        developerOnlyAttribute: false,
        ...(attribute.type === "String" && { stringAttributeConstraints: { minLength: String(attribute.minLength ?? 0), maxLength: String(attribute.maxLength ?? 2048) } }),
        ...(attribute.type === "Number" && { numberAttributeConstraints: { minValue: String(attribute.min), maxValue: String(attribute.max) } }),
    }));
    return [...standard, ...custom];
}

const recoveryMechanisms: Record<ResolvedUserPoolSettings["accountRecovery"], string[]> = {
    email: ["verified_email"],
    phone: ["verified_phone_number"],
    email_then_phone: ["verified_email", "verified_phone_number"],
    phone_then_email: ["verified_phone_number", "verified_email"],
    admin_only: ["admin_only"],
};

function emailConfiguration(s: ResolvedUserPoolSettings): aws.types.input.cognito.UserPoolEmailConfiguration {
    if (s.email.sender === "cognito") return { emailSendingAccount: "COGNITO_DEFAULT" };
    return {
        emailSendingAccount: "DEVELOPER",
        fromEmailAddress: s.email.from,
        replyToEmailAddress: s.email.replyTo,
        sourceArn: s.email.sesIdentityArn,
        configurationSet: s.email.configurationSet,
    };
}

function firstFactors(s: ResolvedUserPoolSettings): string[] | undefined {
    const factors = [
        ...(s.passwordless.emailOtp ? ["EMAIL_OTP"] : []),
        ...(s.passwordless.smsOtp ? ["SMS_OTP"] : []),
        ...(s.passwordless.passkeys ? ["WEB_AUTHN"] : []),
    ];
    return factors.length ? ["PASSWORD", ...factors] : undefined;
}

export interface UserPoolInputExtras {
    readonly poolName: string;
    readonly smsRole?: { readonly arn: pulumi.Input<string>; readonly externalId: pulumi.Input<string> };
    readonly lambdaConfig?: pulumi.Input<aws.types.input.cognito.UserPoolLambdaConfig>;
    readonly tags?: Record<string, string>;
}

export function userPoolInputs(s: ResolvedUserPoolSettings, extras: UserPoolInputExtras): aws.cognito.UserPoolArgs {
    const mfaOn = s.mfa.mode !== "OFF";
    const verification = s.verificationMessage;
    const autoVerified = [...(usesEmail(s) ? ["email"] : []), ...(usesPhone(s) ? ["phone_number"] : [])];
    return {
        name: extras.poolName,
        ...signInAttributes(s),
        usernameConfiguration: { caseSensitive: s.caseSensitive },
        autoVerifiedAttributes: autoVerified,
        // Keep the verified value until the new one is verified: no account takeover by a typo.
        userAttributeUpdateSettings: autoVerified.length ? { attributesRequireVerificationBeforeUpdates: autoVerified } : undefined,
        schemas: schemas(s),
        passwordPolicy: { ...s.passwordPolicy, passwordHistorySize: s.passwordPolicy.passwordHistorySize || undefined },
        mfaConfiguration: s.mfa.mode,
        softwareTokenMfaConfiguration: mfaOn ? { enabled: s.mfa.totp } : undefined,
        smsAuthenticationMessage: mfaOn && s.mfa.sms ? s.mfa.smsMessage : undefined,
        smsConfiguration: sendsSms(s) && extras.smsRole
            ? { snsCallerArn: extras.smsRole.arn, externalId: extras.smsRole.externalId, snsRegion: s.smsRegion }
            : undefined,
        emailMfaConfiguration: (mfaOn && s.mfa.email) || s.passwordless.emailOtp ? { subject: s.mfa.emailSubject, message: s.mfa.emailMessage } : undefined,
        userPoolTier: s.featurePlan,
        userPoolAddOns: s.featurePlan === "PLUS" ? { advancedSecurityMode: s.threatProtection.mode } : undefined,
        signInPolicy: firstFactors(s) && { allowedFirstAuthFactors: firstFactors(s) },
        webAuthnConfiguration: s.passwordless.passkeys,
        accountRecoverySetting: {
            recoveryMechanisms: recoveryMechanisms[s.accountRecovery].map((name, i) => ({ name, priority: i + 1 })),
        },
        adminCreateUserConfig: {
            allowAdminCreateUserOnly: !s.selfSignUp,
            inviteMessageTemplate: { ...s.invitationMessage },
        },
        verificationMessageTemplate: verification.method === "code"
            ? { defaultEmailOption: "CONFIRM_WITH_CODE", emailSubject: verification.emailSubject, emailMessage: verification.emailMessage, smsMessage: verification.smsMessage }
            : { defaultEmailOption: "CONFIRM_WITH_LINK", emailSubjectByLink: verification.emailSubject, emailMessageByLink: verification.emailMessage, smsMessage: verification.smsMessage },
        emailConfiguration: emailConfiguration(s),
        deletionProtection: s.deletionProtection,
        lambdaConfig: extras.lambdaConfig,
        tags: extras.tags,
    };
}
