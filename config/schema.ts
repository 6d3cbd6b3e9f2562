// The shape of every `cognito:*` key in Pulumi.<stack>.yaml. Types, ranges and formats are checked
// here; rules that join several fields (MFA needs a factor, passkeys need a relying party id, ...)
// belong to the component that owns them (see components/*-settings.ts), so that a program using a
// component directly gets the same errors.
// Defaults are not here: the stage's live in stage-defaults.ts, the rest in each component's
// `...Defaults` object and resolve function. The JSDoc of each field is what an editor shows for it,
// in the stack config and in every component's args: what it does, `@default` what an omitted field
// becomes in the component used directly, and a "Stage dev: ...; stage prod: ..." line where the
// stage defaults (stageDefaults "dev" or "prod") set it instead. tests/docs/defaults.test.ts holds
// each of them to the code.
import { z } from "zod";
import { awsFields, ruleProblem } from "./aws-fields";
import { arn, awsRegion, awsText, emailAddress, patterned, scopeName, strictObject, uniqueList, wholeNumber } from "./schema-helpers";
import { standardAttributeNames } from "../policy/rules/attributes";

/** The two sets of stage defaults (config/stage-defaults.ts) and stage rules a stage can take. */
export const stageDefaultsNames = ["dev", "prod"] as const;

/** What a stage may be called: it tags every resource and names its policy config (policy/config/<stage>.json). */
export const stageNameAllowed = "a lowercase name of letters, digits and '-', starting with a letter, at most 32 characters, such as staging";
export const stageName = patterned(/^[a-z][a-z0-9-]{0,31}$/, stageNameAllowed);


export { standardAttributeNames } from "../policy/rules/attributes";

const standardAttribute = strictObject({
    /** Every user must have it. Cannot be changed after the pool exists. @default false */
    required: z.boolean().optional(),
    /** Users (and identity provider mappings) may change it after sign-up. @default true */
    mutable: z.boolean().optional(),
});

const customAttributeCommon = {
    /** May change after sign-up. Cognito cannot change this later. @default true */
    mutable: z.boolean().optional(),
};
const customAttribute = z.discriminatedUnion("type", [
    strictObject({
        /** Text. Required. */
        type: z.literal("String"),
        ...customAttributeCommon,
        /** Shortest value accepted. @default 0 */
        minLength: wholeNumber(0, 2048).optional(),
        /** Longest value accepted. @default 2048 */
        maxLength: wholeNumber(1, 2048).optional(),
    }),
    strictObject({
        /** A whole number. Required. */
        type: z.literal("Number"),
        ...customAttributeCommon,
        /** Smallest value accepted. Required: Cognito's own default shows as a perpetual diff. */
        min: z.number().int(),
        /** Largest value accepted. Required, as `min`. */
        max: z.number().int(),
    }),
    strictObject({
        /** True or false. Required. */
        type: z.literal("Boolean"),
        ...customAttributeCommon,
    }),
    strictObject({
        /** A date and time. Required. */
        type: z.literal("DateTime"),
        ...customAttributeCommon,
    }),
], { error: `allowed: "String", "Number", "Boolean", "DateTime"` });

const customAttributeName = patterned(/^[A-Za-z0-9_]{1,20}$/, "1 to 20 letters, digits or '_', without the 'custom:' prefix");

export const signInIdentifiers = ["email", "phone", "username", "preferred_username"] as const;

const passwordPolicy = strictObject({
    /** NIST SP 800-63B rev 4 asks 15 for passwords used without a second factor. @default 15 */
    minimumLength: wholeNumber(6, 99).optional(),
    /** Require a lowercase letter. Composition rules: NIST advises against them. @default false */
    requireLowercase: z.boolean().optional(),
    /** Require an uppercase letter. @default false */
    requireUppercase: z.boolean().optional(),
    /** Require a digit. @default false */
    requireNumbers: z.boolean().optional(),
    /** Require a symbol. @default false */
    requireSymbols: z.boolean().optional(),
    /** Days an administrator-set temporary password stays valid. @default 7 */
    temporaryPasswordValidityDays: wholeNumber(1, 365).optional(),
    /** Previous passwords a user may not reuse (Essentials or Plus plan). @default 0 (off) */
    passwordHistorySize: wholeNumber(0, 24).optional(),
});

const mfa = strictObject({
    /**
     * Who needs a second factor: nobody ("OFF"), users who set one up ("OPTIONAL"), everyone ("ON").
     * Stage dev: "OPTIONAL"; stage prod: "ON".
     * @default "ON"
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
     */
    mode: z.enum(["OFF", "OPTIONAL", "ON"]).optional(),
    /** Authenticator apps. @default true */
    totp: z.boolean().optional(),
    /** Codes by text message (creates the SNS role). @default false */
    sms: z.boolean().optional(),
    /** Codes by email: needs SES sending and the Essentials or Plus plan. @default false */
    email: z.boolean().optional(),
    /** Text of the SMS code message; must contain {####}. @default bilingual (English and Arabic) */
    smsMessage: awsText(awsFields.smsCodeMessage).optional(),
    /** Subject of the email code message. @default bilingual (English and Arabic) */
    emailSubject: awsText(awsFields.mfaEmailSubject).optional(),
    /** Body of the email code message; must contain {####}. @default bilingual (English and Arabic) */
    emailMessage: awsText(awsFields.mfaEmailMessage).optional(),
});

const threatProtection = strictObject({
    /**
     * "AUDIT" only scores sign-ins; "ENFORCED" blocks compromised credentials and high-risk sign-ins and asks for MFA at medium risk. Needs the Plus plan.
     * Stage dev: "AUDIT"; stage prod: "ENFORCED" (on the Plus plan only).
     * @default "OFF"
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html
     */
    mode: z.enum(["OFF", "AUDIT", "ENFORCED"]).optional(),
    /** CIDR ranges always blocked. @default [] */
    blockedIpRanges: z.array(z.string()).optional(),
    /** CIDR ranges never evaluated for risk (office, test runners): at most a /16 (IPv4) or /48 (IPv6) each. @default [] */
    skippedIpRanges: z.array(z.string()).optional(),
});

const passwordless = strictObject({
    /** Sign in with a code sent by email (needs SES and Essentials or Plus). @default false */
    emailOtp: z.boolean().optional(),
    /** Sign in with a code sent by SMS (Essentials or Plus). @default false */
    smsOtp: z.boolean().optional(),
    /** Passkeys (WebAuthn) as a first factor (Essentials or Plus). @default none (no passkeys) */
    passkeys: strictObject({
        /** The domain passkeys are bound to, for example auth.example.com. Required. */
        relyingPartyId: z.string().min(1),
        /** Whether the authenticator must check it is the user (biometrics or PIN) or only should. @default "preferred" */
        userVerification: z.enum(["required", "preferred"]).optional(),
    }).optional(),
});

const verificationMessage = strictObject({
    /** Users type a code ("code") or click a link ("link"). @default "code" */
    method: z.enum(["code", "link"]).optional(),
    /** Subject of the email. @default bilingual (English and Arabic) */
    emailSubject: awsText(awsFields.verificationEmailSubject).optional(),
    /** Body of the email (HTML): with {####} for a code, {##link text##} for a link. @default bilingual (English and Arabic) */
    emailMessage: z.string().optional(),
    /** Text of the SMS, with {####}. @default bilingual (English and Arabic) */
    smsMessage: awsText(awsFields.smsCodeMessage).optional(),
}).superRefine((m, ctx) => {
    // AWS holds the email to the placeholder of the method: the rule depends on a sibling field.
    const rule = m.method === "link" ? awsFields.verificationEmailMessageByLink : awsFields.verificationEmailMessage;
    const problem = m.emailMessage === undefined ? undefined : ruleProblem(rule, m.emailMessage);
    if (problem) ctx.addIssue({ code: "custom", path: ["emailMessage"], input: m.emailMessage, message: problem });
});

const invitationMessage = strictObject({
    /** Subject of the email. @default bilingual (English and Arabic) */
    emailSubject: awsText(awsFields.invitationEmailSubject).optional(),
    /** Body of the email (HTML). @default bilingual (English and Arabic) */
    emailMessage: awsText(awsFields.invitationEmailMessage).optional(),
    /** Text of the SMS. @default bilingual (English and Arabic) */
    smsMessage: awsText(awsFields.invitationSmsMessage).optional(),
});

const email = z.discriminatedUnion("sender", [
    strictObject({
        /** Cognito sends the emails itself, a few a day: for trials. Required. */
        sender: z.literal("cognito"),
    }),
    strictObject({
        /** Your verified SES identity sends the emails. Required. */
        sender: z.literal("ses"),
        /** From address, optionally with a display name: "News <no-reply@example.com>". Required. */
        from: z.string().min(3),
        /** Reply-To address. @default none */
        replyTo: awsText(awsFields.replyToEmailAddress).pipe(emailAddress).optional(),
        /** ARN of the verified SES identity (domain or address) that sends. Required. */
        sesIdentityArn: awsText(awsFields.cognitoArn).pipe(arn),
        /** SES configuration set for event publishing. @default none */
        configurationSet: awsText(awsFields.sesConfigurationSet).optional(),
    }),
], { error: `allowed: "cognito", "ses"` });

const group = strictObject({
    /** The group's name, as the cognito:groups claim carries it. Required. */
    name: awsText(awsFields.groupName),
    /** What the group is for. @default none */
    description: awsText(awsFields.groupDescription).optional(),
    /** Lower wins when a user is in several groups that carry roles. @default none */
    precedence: wholeNumber(awsFields.groupPrecedence.min, awsFields.groupPrecedence.max).optional(),
    /** IAM role for members, used by the identity pool's token role mapping. @default none */
    roleArn: awsText(awsFields.cognitoArn).pipe(arn).optional(),
});

export const logRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const logDelivery = strictObject({
    /** Sign-in activity with risk details (Plus plan, threat protection on). @default "OFF" */
    userActivity: z.enum(["OFF", "ERROR", "INFO"]).optional(),
    /** Failed email and SMS deliveries. @default "ERROR" */
    notificationErrors: z.enum(["OFF", "ERROR"]).optional(),
    /** Days the log group keeps the logs. @default 90 */
    retentionDays: z.union(logRetentionDays.map((d) => z.literal(d)), { error: `allowed: one of ${logRetentionDays.join(", ")}` }).optional(),
});

export const userPoolSchema = strictObject({
    /** The pool's name: set it to the existing pool's name when migrating. Changing it later is an in-place update (the pinned @pulumi/aws 7.x); the trigger functions, named after it, are replaced. @default "<project>-<stack>" */
    name: awsText(awsFields.userPoolName).optional(),
    /** Adopt an existing pool (for example the one Serverless created) instead of creating one. @default none */
    importId: patterned(/^[\w-]+_[0-9a-zA-Z]+$/, "a user pool id such as eu-central-1_AbCdEf123").optional(),
    /** What users type to sign in. Cannot be changed after the pool exists. @default ["email"] */
    signInWith: uniqueList(z.enum(signInIdentifiers), "sign-in identifiers").min(1, { error: "allowed: at least one of email, phone, username, preferred_username" }).optional(),
    /** Sign-in names are case-sensitive ("Alice" and "alice" two users). Cannot be changed after the pool exists. @default false */
    caseSensitive: z.boolean().optional(),
    /**
     * Standard attributes to declare: required and mutability. A map given replaces the default.
     * @default email with email sign-in and phone_number with phone sign-in, both required and mutable
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
     */
    standardAttributes: z.partialRecord(z.enum(standardAttributeNames), standardAttribute).optional(),
    /** Custom attributes by name (without "custom:"). They cannot be removed or changed once created. @default {} */
    customAttributes: z.record(customAttributeName, customAttribute).optional(),
    /** Password rules; each field has its own default. @default 15 characters minimum, no composition rules, temporary passwords valid 7 days, no history */
    passwordPolicy: passwordPolicy.optional(),
    /**
     * Second factors: mode and which factors are offered.
     * @default mode "ON" with authenticator apps (TOTP) only
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
     */
    mfa: mfa.optional(),
    /**
     * The pool's plan: "ESSENTIALS" adds passwordless, email MFA and token customization; "PLUS" adds threat protection.
     * @default "ESSENTIALS"
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html
     */
    featurePlan: z.enum(["LITE", "ESSENTIALS", "PLUS"]).optional(),
    /**
     * Risk checks of sign-ins (Plus plan).
     * @default { mode: "OFF", blockedIpRanges: [], skippedIpRanges: [] }
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html
     */
    threatProtection: threatProtection.optional(),
    /**
     * First factors besides the password (Essentials or Plus; not with mfa.mode "ON").
     * @default { emailOtp: false, smsOtp: false }
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
     */
    passwordless: passwordless.optional(),
    /**
     * How a forgotten password is recovered.
     * @default "email"
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html
     */
    accountRecovery: z.enum(["email", "phone", "email_then_phone", "phone_then_email", "admin_only"]).optional(),
    /** Users may sign themselves up; false means administrators create every user. @default true */
    selfSignUp: z.boolean().optional(),
    /** Message sent to verify an email or phone. Codes need {####}; links need {##text##}. @default bilingual code messages */
    verificationMessage: verificationMessage.optional(),
    /** Message sent to users created by an administrator; needs {username} and {####}. @default bilingual messages */
    invitationMessage: invitationMessage.optional(),
    /**
     * Who sends the pool's emails: Cognito itself, or your SES identity (needed for email MFA and codes).
     * @default { sender: "cognito" } (Cognito's default sender, capped at a few emails a day)
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html
     */
    email: email.optional(),
    /** Region of the SNS service that sends SMS. @default none (the pool's own region) */
    smsRegion: awsRegion.optional(),
    /**
     * User groups, for role choice (identity pool), trigger rules and the cognito:groups claim.
     * @default []
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html
     */
    groups: z.array(group).optional(),
    /**
     * Logs the pool delivers to a CloudWatch log group of its own.
     * @default { userActivity: "OFF", notificationErrors: "ERROR", retentionDays: 90 }
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html
     */
    logDelivery: logDelivery.optional(),
    /**
     * AWS refuses to delete the pool while "ACTIVE".
     * Stage dev: "INACTIVE"; stage prod: "ACTIVE".
     * @default "ACTIVE"
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html
     */
    deletionProtection: z.enum(["ACTIVE", "INACTIVE"]).optional(),
    /**
     * Pulumi refuses to delete or replace the pool. Used directly, the UserPool component takes Pulumi's own `protect`
     * resource option when this is left out; both given and different is refused.
     * Stage dev: false; stage prod: true.
     * @default true
     */
    protect: z.boolean().optional(),
    /**
     * `pulumi destroy` leaves the pool in AWS. Used directly, the UserPool component takes Pulumi's own `retainOnDelete`
     * resource option when this is left out; both given and different is refused.
     * Stage dev: false; stage prod: true.
     * @default true
     */
    retainOnDelete: z.boolean().optional(),
});

export const resourceServerSchema = strictObject({
    /**
     * Usually an https URL of the API, for example https://api.example.com. Prefix of its scopes. Required.
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
     */
    identifier: awsText(awsFields.resourceServerIdentifier),
    /** Display name. Required. */
    name: awsText(awsFields.resourceServerName),
    /** The scopes it defines; clients ask for them as "<identifier>/<name>". Required. */
    scopes: z.array(strictObject({
        /** Scope name. Required. */
        name: awsText(awsFields.resourceServerScopeName),
        /** What the scope allows. Required. */
        description: awsText(awsFields.resourceServerScopeDescription),
    })).min(1).max(awsFields.resourceServerScopes.maxItems),
});

export const clientKinds = ["web", "native", "server"] as const;
export const authFlowNames = ["srp", "refresh", "password", "admin_password", "user_auth", "custom"] as const;

export const clientSchema = strictObject({
    /** The client's name, unique in the stack; triggers and the identity pool refer to it (AWS's rule: 1 to 128 ASCII letters, digits, spaces or + = , . @ - _). Required. */
    name: awsText(awsFields.clientName),
    /**
     * web: browser app, code + PKCE, no secret. native: mobile app, custom-scheme callbacks, no secret. server: secret, client_credentials. Required.
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
     */
    kind: z.enum(clientKinds),
    /** Where the hosted sign-in returns: at least one for web and native clients, none for server clients. @default [] */
    callbackUrls: z.array(awsText(awsFields.redirectUrl)).optional(),
    /** Where sign-out returns (web and native). @default [] */
    logoutUrls: z.array(awsText(awsFields.redirectUrl)).optional(),
    /** OAuth scopes the client may ask for: built-in ones and "<resource server>/<scope>". @default ["openid", "email", "profile"] (server clients must list theirs) */
    scopes: uniqueList(scopeName, "scopes").optional(),
    /** Identity provider names offered on the hosted sign-in; "COGNITO" is the pool's own users. @default ["COGNITO"] (and every configured identity provider; none for server clients) */
    identityProviders: uniqueList(awsText(awsFields.clientIdentityProvider), "provider names").optional(),
    /** API sign-in flows. "password" sends the password itself and is only for migration. @default ["srp"] (plus "user_auth" when the pool has passwordless factors and "refresh" while rotation is off; ["refresh"] for server clients) */
    authFlows: uniqueList(z.enum(authFlowNames), "auth flows").optional(),
    /** How long tokens stay valid. @default { accessMinutes: 60, idMinutes: 60, refreshDays: 30 } */
    tokenValidity: strictObject({
        /** Access token lifetime in minutes. @default 60 */
        accessMinutes: wholeNumber(5, 1440).optional(),
        /** ID token lifetime in minutes. @default 60 */
        idMinutes: wholeNumber(5, 1440).optional(),
        /** Refresh token lifetime in days. @default 30 */
        refreshDays: wholeNumber(1, 3650).optional(),
        /** Refresh token lifetime in minutes, for less than a day or not whole days (AWS allows 60 minutes to 10 years); instead of refreshDays. @default none (refreshDays applies) */
        refreshMinutes: wholeNumber(60, 3650 * 1440).optional(),
    }).refine((v) => v.refreshDays === undefined || v.refreshMinutes === undefined, { error: "allowed: refreshDays or refreshMinutes, not both" }).optional(),
    /** Attributes the client may read. @default none (Cognito lets it read every attribute) */
    readAttributes: z.array(awsText(awsFields.clientAttribute)).optional(),
    /** Attributes users may change through this client. A custom attribute is writable only when listed here. @default the pool's mutable standard attributes (no custom attributes) */
    writeAttributes: z.array(awsText(awsFields.clientAttribute)).optional(),
    /** Issue a new refresh token at each refresh (Essentials or Plus). @default true (false on the Lite plan, which lacks it, and for server clients) */
    refreshTokenRotation: z.boolean().optional(),
    /** Allow the OAuth implicit grant (tokens in the URL). A weakening. @default false */
    allowImplicitGrant: z.boolean().optional(),
    /** Not a setting, named so that writing it gets an answer: the app sends PKCE, Cognito checks it; nothing to turn on (README "PKCE"). @default none */
    pkce: z.unknown().refine(() => false, { error: "not a setting: PKCE is the app's part of the code flow. Web and native clients (code flow, no secret) accept it, and Amplify, amazon-cognito-identity-js's hosted UI helpers and OIDC libraries send it (S256, the one method Cognito supports); Cognito checks it whenever a code_challenge is sent and has no switch to require it per client; server clients use client_credentials, which has none. Remove the key (README: \"PKCE\")" }).optional(),
});

export const domainSchema = strictObject({
    /**
     * Cognito prefix domain: <prefix>.auth.<region>.amazoncognito.com. Give prefix or customDomain.
     * @default none
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
     */
    prefix: awsText(awsFields.userPoolDomainPrefix).optional(),
    /**
     * Your own domain, for example auth.example.com, with its certificate in us-east-1. Give prefix or customDomain.
     * @default none
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html
     */
    customDomain: strictObject({
        /** The host name of the hosted sign-in, for example auth.example.com. Required. */
        name: awsText(awsFields.userPoolCustomDomain).regex(/\.[a-z]{2,63}$/, { error: "allowed: a host name whose last label is a top-level domain of letters, such as auth.example.com" }),
        /** Route 53 zone for DNS validation of the certificate and the alias record. @default none */
        hostedZoneId: patterned(/^Z[A-Z0-9]{1,31}$/, "a Route 53 hosted zone id such as Z0123456789ABC").optional(),
        /** An issued ACM certificate in us-east-1; required when no hostedZoneId is given. @default a new DNS-validated certificate in us-east-1 (needs hostedZoneId) */
        certificateArn: arn.optional(),
    }).optional(),
    /**
     * 1: classic hosted UI; 2: managed login.
     * @default 2
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html
     */
    managedLoginVersion: z.union([z.literal(1), z.literal(2)], { error: "allowed: 1 (classic hosted UI) or 2 (managed login)" }).optional(),
    /** How the hosted pages look. @default none (Cognito's own look) */
    branding: z.discriminatedUnion("style", [
        strictObject({
            /** CSS and a logo for the classic hosted UI (managedLoginVersion 1). Required. */
            style: z.literal("classic"),
            /** CSS file in the repository. @default "branding/classic.css" */
            cssFile: z.string().optional(),
            /** PNG or JPEG logo in the repository, at most 100 KB. @default "branding/logo.png" */
            logoFile: z.string().optional(),
        }),
        strictObject({
            /** Managed login branding of each branded client (in the stack: every web and native client; managedLoginVersion 2). Required. */
            style: z.literal("managed"),
            /** JSON settings exported from the branding editor. @default none (Cognito's default branding) */
            settingsFile: z.string().optional(),
        }),
    ], { error: `allowed: "classic", "managed"` }).optional(),
});

const mapping = z.record(awsText(awsFields.attributeMappingKey), z.string().min(1));
/** Opt in to account linking: see the README's "Security model" before turning it on. */
const linkToExistingUsers = z.boolean().optional();
const idpCommon = {
    /** Scopes asked of the provider. @default Google and OIDC ["openid", "email", "profile"], Facebook ["public_profile", "email"], Amazon ["profile"], Apple ["email", "name"] */
    scopes: z.array(z.string().min(1)).optional(),
    /**
     * Pool attribute -> provider claim. Mapping email_verified from an OIDC or SAML provider is a warned weakening.
     * @default per provider: email and username always, email_verified only from Google and Apple, names as the provider gives them
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html
     */
    attributeMapping: mapping.optional(),
    /** A sign-up through this provider whose verified email belongs to a confirmed, enabled native user (outside the protected groups) is linked to that user. Only for providers that verify the emails they assert. @default false */
    linkToExistingUsers,
};
/** An OIDC or SAML provider's name: AWS's rule, and ASCII, as it also makes the secret's config key and the provider's resource name. */
const federationName = awsText(awsFields.identityProviderName).regex(/^[\w.-]+$/, { error: "allowed: ASCII letters, digits, '.', '_' or '-'" });
/** The top-level config key that holds the secret; set it with `pulumi config set --secret`. */
const secretKey = patterned(/^[A-Za-z][A-Za-z0-9]*$/, "a config key name of letters and digits").optional();

export const identityProviderSchema = z.discriminatedUnion("type", [
    strictObject({
        /** Sign in with Google. Required. */
        type: z.literal("google"),
        /** The OAuth client id Google issued. Required. */
        clientId: z.string().min(1),
        ...idpCommon,
        /** Config key holding the client secret (`pulumi config set --secret`). @default "googleClientSecret" */
        clientSecretKey: secretKey,
    }),
    strictObject({
        /** Sign in with Facebook. Required. */
        type: z.literal("facebook"),
        /** The Facebook app id. Required. */
        clientId: z.string().min(1),
        /** Graph API version. @default "v19.0" */
        apiVersion: patterned(/^v\d+\.\d+$/, "a Graph API version such as v19.0").optional(),
        ...idpCommon,
        /** Config key holding the app secret (`pulumi config set --secret`). @default "facebookAppSecret" */
        clientSecretKey: secretKey,
    }),
    strictObject({
        /** Login with Amazon. Required. */
        type: z.literal("amazon"),
        /** The client id Login with Amazon issued. Required. */
        clientId: z.string().min(1),
        ...idpCommon,
        /** Config key holding the client secret (`pulumi config set --secret`). @default "amazonClientSecret" */
        clientSecretKey: secretKey,
    }),
    strictObject({
        /** Sign in with Apple. Required. */
        type: z.literal("apple"),
        /** The Services ID. Required. */
        servicesId: z.string().min(1),
        /** The Apple developer team id. Required. */
        teamId: patterned(/^[A-Z0-9]{10}$/, "a 10-character Apple team id"),
        /** The id of the Sign in with Apple private key. Required. */
        keyId: patterned(/^[A-Z0-9]{10}$/, "a 10-character Apple key id"),
        ...idpCommon,
        /** Config key holding the private key (.p8) (`pulumi config set --secret`). @default "applePrivateKey" */
        privateKeyKey: secretKey,
    }),
    strictObject({
        /** Any OpenID Connect provider. Required. */
        type: z.literal("oidc"),
        /** The provider's name, which clients list and federated user names start with. Required. */
        name: federationName,
        /** The OAuth client id the provider issued. Required. */
        clientId: z.string().min(1),
        /** The issuer URL (https); its discovery document names the endpoints. Required. */
        issuer: patterned(/^https:\/\/[^\s]+$/, "an https issuer URL"),
        /** How Cognito calls the userinfo endpoint. @default "GET" */
        attributesRequestMethod: z.enum(["GET", "POST"]).optional(),
        ...idpCommon,
        /** Config key holding the client secret (`pulumi config set --secret`). @default "<name in lower camel case>ClientSecret" */
        clientSecretKey: secretKey,
    }),
    strictObject({
        /** A SAML 2.0 identity provider. Required. */
        type: z.literal("saml"),
        /** The provider's name, which clients list and federated user names start with. Required. */
        name: federationName,
        /** Metadata URL of the IdP. Give metadataUrl or metadataFile. @default none */
        metadataUrl: patterned(/^https:\/\/[^\s]+$/, "an https URL").optional(),
        /** Metadata XML file in the repository. Give metadataUrl or metadataFile. @default none */
        metadataFile: z.string().optional(),
        /** Send sign-out to the IdP. @default false */
        signOut: z.boolean().optional(),
        /** Email domains routed to this IdP on the hosted sign-in. @default none */
        identifiers: z.array(awsText(awsFields.identityProviderIdentifier)).optional(),
        /** Pool attribute -> SAML attribute. Mapping email_verified is a warned weakening. @default { email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" } */
        attributeMapping: mapping.optional(),
        /** As for the other providers: link sign-ups to native users with the same verified email. @default false */
        linkToExistingUsers,
    }),
], { error: `allowed: "google", "facebook", "amazon", "apple", "oidc", "saml"` });

const statement = strictObject({
    /** IAM actions allowed, by exact name unless allowWildcards. Required. */
    actions: z.array(z.string().min(1)).min(1),
    /** ARNs of the resources they apply to. Required. */
    resources: z.array(z.string().min(1)).min(1),
    /** Let this statement use "*" or "service:*" actions or a "*" resource. A weakening, warned. @default false */
    allowWildcards: z.boolean().optional(),
});

export const identityPoolSchema = strictObject({
    /** The identity pool's name. @default "<project>_<stack>" (characters other than letters, digits, '_' and spaces become '_') */
    name: awsText(awsFields.identityPoolName).optional(),
    /** App clients (by name) whose users get AWS credentials. @default every web and native client (every client of availableClients) */
    clients: z.array(z.string().min(1)).min(1).optional(),
    /** Give signed-out visitors a guest role. @default false */
    allowGuests: z.boolean().optional(),
    /** What signed-in users may do. @default none (no permissions) */
    authenticated: strictObject({
        /** Each user reads and writes s3://<bucket>/<their identity id>/ only. @default none */
        s3UserPrefix: strictObject({
            /** The bucket's name. Required. */
            bucket: z.string().min(3),
            /** Object-level actions only (no ACL, bucket or wildcard actions). @default ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] */
            actions: z.array(z.string().min(1)).min(1).optional(),
        }).optional(),
        /** Each user reaches only items whose partition key is their identity id. @default none */
        dynamoUserItems: strictObject({
            /** The table's ARN. Required. */
            tableArn: arn,
            /** Item-level actions only (no Scan, PartiQL, table or wildcard actions). @default ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"] */
            actions: z.array(z.string().min(1)).min(1).optional(),
        }).optional(),
        /** Further grants, each an Allow statement. @default [] */
        statements: z.array(statement).optional(),
    }).optional(),
    /** What guests may do (with allowGuests). @default none (no permissions) */
    guest: strictObject({
        /** Grants of the guest role, each an Allow statement. @default [] */
        statements: z.array(statement).optional(),
    }).optional(),
    /**
     * Choose roles from the user's token (group roles) or by rules.
     * @default none (every signed-in user gets the authenticated role)
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
     */
    roleMapping: z.discriminatedUnion("type", [
        strictObject({
            /** The role named by the token's cognito:preferred_role claim (the user's groups' roles). Required. */
            type: z.literal("token"),
            /** When the token names no role. @default "AuthenticatedRole" */
            ambiguousRoleResolution: z.enum(["Deny", "AuthenticatedRole"]).optional(),
        }),
        strictObject({
            /** The role of the first rule the user's token matches. Required. */
            type: z.literal("rules"),
            /** Checked in order; the first match chooses the role (at most 25). Required. */
            rules: z.array(strictObject({
                /** A claim users cannot write and identity providers do not map (for example cognito:groups). Required. */
                claim: awsText(awsFields.roleMappingClaim),
                /** "Equals" unless allowLooseMatches. @default "Equals" */
                matchType: z.enum(["Equals", "Contains", "StartsWith", "NotEqual"]).optional(),
                /** The value the claim is compared with. Required. */
                value: awsText(awsFields.roleMappingValue),
                /** The role a match gives. Required. */
                roleArn: awsText(awsFields.roleMappingRoleArn).pipe(arn),
            })).min(1).max(25),
            /** When no rule matches. @default "Deny" */
            ambiguousRoleResolution: z.enum(["Deny", "AuthenticatedRole"]).optional(),
            /** Accept Contains, StartsWith and NotEqual matches. A weakening, warned. @default false */
            allowLooseMatches: z.boolean().optional(),
            /** Claims a user can write or a provider maps, trusted on purpose for role choice. A weakening, warned. @default [] */
            trustedClaims: z.array(z.string().min(1)).optional(),
        }),
    ], { error: `allowed: "token", "rules"` }).optional(),
});

const emailDomain = patterned(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a lowercase email domain such as news.example.com");

export const triggersSchema = strictObject({
    /**
     * Check sign-ups: email domains, auto-confirmation, linking federated users to native ones.
     * @default none (no pre sign-up trigger)
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html
     */
    preSignUp: strictObject({
        /** Only these domains (and subdomains) may sign up. @default [] (any) */
        allowedEmailDomains: z.array(emailDomain).optional(),
        /** These domains (and subdomains) may not sign up. @default [] */
        deniedEmailDomains: z.array(emailDomain).optional(),
        /** Self sign-ups from these domains are confirmed without a code, their email left unverified (test accounts). Refused in prod. @default [] */
        autoConfirmEmailDomains: z.array(emailDomain).optional(),
        /** Native users in these groups are never linked to a federated identity. @default every group of precedence 0 and every group a client's requiredGroups names */
        protectedGroups: z.array(z.string().min(1)).optional(),
    }).optional(),
    /** Put each confirmed user in a group. @default none (no post confirmation trigger) */
    postConfirmation: strictObject({
        /** The group (of userPool.groups) each confirmed user joins. Required. */
        defaultGroup: z.string().min(1),
    }).optional(),
    /**
     * Clients (by name) only members of some groups may sign in to. Enforced by the pre token generation function at
     * every token issue (sign-in, hosted UI sessions, refreshes), after the password is proven: no pre authentication
     * function is deployed, since its refusal would come before the password and tell anyone who is registered.
     * @default none (no client gate)
     */
    preAuthentication: strictObject({
        /** Client name -> groups, membership in one of which admits a user. Required. */
        requiredGroups: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
    }).optional(),
    /** One audit log line per sign-in. @default none (no post authentication trigger) */
    postAuthentication: strictObject({}).optional(),
    /**
     * Claims and scopes added to tokens (V2 event: Essentials or Plus plan). The trigger also runs, without these, while a client requires groups or accounts are linked.
     * @default none
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
     */
    preTokenGeneration: strictObject({
        /** Claim listing the user's groups. @default "app_roles" */
        rolesClaim: patterned(/^[A-Za-z][\w.-]{0,63}$/, "a claim name of letters, digits, '_', '.' or '-'").optional(),
        /** Claims added to ID and access tokens, the same for every user. @default {} */
        claims: z.record(patterned(/^[A-Za-z][\w.-]{0,63}$/, "a claim name of letters, digits, '_', '.' or '-'"), z.union([z.string(), z.number(), z.boolean()])).optional(),
        /** Scopes added to access tokens, each grant for members of some groups and/or sign-ins through some clients (at least one of the two). @default [] */
        accessTokenScopes: z.array(strictObject({
            /** The scopes granted. Required. */
            scopes: uniqueList(scopeName, "scopes").min(1),
            /** Members of at least one of these groups. @default none (any user) */
            groups: z.array(z.string().min(1)).min(1).optional(),
            /** Sign-ins through one of these clients (by name). @default none (any client) */
            clients: z.array(z.string().min(1)).min(1).optional(),
        })).optional(),
    }).optional(),
    /** Every message in the user's language (English or Arabic). @default none (the pool's bilingual messages) */
    customMessage: strictObject({
        /** The app's name as messages say it. Required. */
        appName: strictObject({
            /** In English. Required. */
            en: z.string().min(1).max(60),
            /** In Arabic. Required. */
            ar: z.string().min(1).max(60),
        }),
    }).optional(),
    /**
     * Users of another pool (being retired, in another region of this account) move here as they sign in or reset
     * their password: checked against that pool, copied with the attributes this pool has (less those the stack trusts for
     * roles) and the groups that may follow, confirmed with the password they typed. Remove it once the old pool is empty
     * of users worth keeping.
     * @default none (no user migration trigger)
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html
     */
    userMigration: strictObject({
        /** The pool users come from, of this AWS account (its region is in its id). Required. */
        sourceUserPoolId: patterned(/^[\w-]+_[0-9a-zA-Z]+$/, "a user pool id such as eu-central-1_AbCdEf123"),
        /** A client of that pool that allows ALLOW_ADMIN_USER_PASSWORD_AUTH (the trigger checks passwords with it). Required. */
        sourceClientId: patterned(/^[\w+]{1,128}$/, "an app client id of letters, digits, '_' or '+'"),
        /**
         * The old pool's groups a migrated user keeps, given at their first sign-in (only to users the migration trigger created
         * and marked in custom:migratedFrom, which the pool must declare; never at a federated sign-in). true: every group of this
         * pool but the protected ones (triggers.preSignUp.protectedGroups' default); false: none; a list: exactly those (a
         * protected group listed is a weakening, warned).
         * @default every group but the protected ones when userPool.customAttributes declares migratedFrom, else none (warned)
         */
        followGroups: z.union([z.boolean(), z.array(z.string().min(1))], { error: "allowed: true, false, or a list of group names" }).optional(),
        /** Attributes left behind although this pool has them (a custom attribute your back end trusts, which the old pool let users write). @default [] */
        dropAttributes: z.array(z.string().min(1)).optional(),
        /** Claims this stack trusts to choose AWS roles (identityPool.roleMapping rules), carried anyway: their values were written in the old pool, perhaps by its users. A weakening, warned. @default [] (they are left behind) */
        carryAttributes: z.array(z.string().min(1)).optional(),
    }).optional(),
    /** Days the trigger logs are kept. @default 30 */
    logRetentionDays: z.union(logRetentionDays.map((d) => z.literal(d)), { error: `allowed: one of ${logRetentionDays.join(", ")}` }).optional(),
});

/** Every non-secret key in the `cognito:` namespace. */
export const stackConfigSchema = strictObject({
    /**
     * The stage: its name tags every resource and picks its policy config (policy/config/<stage>.json, else its stageDefaults' one). A stack named dev or prod is that stage.
     * @default the stack's name
     */
    stage: stageName.optional(),
    /**
     * Which stage defaults (config/stage-defaults.ts) and stage rules apply: "dev" or "prod". "dev" on any other stage is a weakening, warned.
     * @default "dev" for the stage named dev, "prod" for every other stage
     */
    stageDefaults: z.enum(stageDefaultsNames).optional(),
    /** The user pool. @default {} (every field at its default, the stage's where a Stage line says so) */
    userPool: userPoolSchema.optional(),
    /** APIs whose scopes clients ask for. @default [] */
    resourceServers: z.array(resourceServerSchema).optional(),
    /** App clients. @default [] */
    clients: z.array(clientSchema).optional(),
    /** The hosted sign-in domain. @default none (no domain) */
    domain: domainSchema.optional(),
    /**
     * Social and enterprise identity providers.
     * @default []
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
     */
    identityProviders: z.array(identityProviderSchema).optional(),
    /**
     * AWS credentials for signed-in users.
     * @default none (no identity pool)
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-identity.html
     */
    identityPool: identityPoolSchema.optional(),
    /**
     * Lambda triggers of the pool.
     * @default none (no trigger)
     * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
     */
    triggers: triggersSchema.optional(),
});

export type StageDefaultsName = (typeof stageDefaultsNames)[number];
export type UserPoolSettings = z.infer<typeof userPoolSchema>;
export type ResourceServerSettings = z.infer<typeof resourceServerSchema>;
export type ClientSettings = z.infer<typeof clientSchema>;
export type DomainSettings = z.infer<typeof domainSchema>;
export type IdentityProviderSettings = z.infer<typeof identityProviderSchema>;
export type IdentityPoolSettings = z.infer<typeof identityPoolSchema>;
export type TriggerSettings = z.infer<typeof triggersSchema>;
export type StackSettings = z.infer<typeof stackConfigSchema>;
