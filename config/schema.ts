// The shape of every `cognito:*` key in Pulumi.<stack>.yaml. Types, ranges and formats are checked
// here; rules that join several fields (MFA needs a factor, passkeys need a relying party id, ...)
// belong to the component that owns them (see components/*-settings.ts), so that a program using a
// component directly gets the same errors.
// Defaults are not here: the stage's live in stage-defaults.ts, the rest in each component's
// `defaults` object. The JSDoc below says what an omitted field becomes.
import { z } from "zod";
import { arn, awsRegion, emailAddress, patterned, scopeName, strictObject, uniqueList, wholeNumber } from "./schema-helpers";

export const stages = ["dev", "prod"] as const;

const resourceName = patterned(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, "letters, digits, '_' and '-', starting with a letter or digit, at most 63 characters");

export const standardAttributeNames = [
    "address", "birthdate", "email", "family_name", "gender", "given_name", "locale", "middle_name", "name",
    "nickname", "phone_number", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo",
] as const;

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
        type: z.literal("String"),
        ...customAttributeCommon,
        /** @default 0 */
        minLength: wholeNumber(0, 2048).optional(),
        /** @default 2048 */
        maxLength: wholeNumber(1, 2048).optional(),
    }),
    strictObject({
        type: z.literal("Number"),
        ...customAttributeCommon,
        /** Smallest value accepted. Required: Cognito's own default shows as a perpetual diff. */
        min: z.number().int(),
        /** Largest value accepted. Required, as `min`. */
        max: z.number().int(),
    }),
    strictObject({ type: z.literal("Boolean"), ...customAttributeCommon }),
    strictObject({ type: z.literal("DateTime"), ...customAttributeCommon }),
], { error: `allowed: "String", "Number", "Boolean", "DateTime"` });

const customAttributeName = patterned(/^[A-Za-z0-9_]{1,20}$/, "1 to 20 letters, digits or '_', without the 'custom:' prefix");

export const signInIdentifiers = ["email", "phone", "username", "preferred_username"] as const;

const passwordPolicy = strictObject({
    /** NIST SP 800-63B rev 4 asks 15 for passwords used without a second factor. @default 15 */
    minimumLength: wholeNumber(6, 99).optional(),
    /** Composition rules: NIST advises against them. @default false */
    requireLowercase: z.boolean().optional(),
    /** @default false */
    requireUppercase: z.boolean().optional(),
    /** @default false */
    requireNumbers: z.boolean().optional(),
    /** @default false */
    requireSymbols: z.boolean().optional(),
    /** Days an administrator-set temporary password stays valid. @default 7 */
    temporaryPasswordValidityDays: wholeNumber(1, 365).optional(),
    /** Previous passwords a user may not reuse (Essentials or Plus plan). @default 0 (off) */
    passwordHistorySize: wholeNumber(0, 24).optional(),
});

const mfa = strictObject({
    /** @default "OPTIONAL" in dev, "ON" in prod */
    mode: z.enum(["OFF", "OPTIONAL", "ON"]).optional(),
    /** Authenticator apps. @default true */
    totp: z.boolean().optional(),
    /** Codes by text message (creates the SNS role). @default false */
    sms: z.boolean().optional(),
    /** Codes by email: needs SES sending and the Essentials or Plus plan. @default false */
    email: z.boolean().optional(),
    /** Text of the SMS code message; must contain {####}. */
    smsMessage: z.string().optional(),
    /** Subject of the email code message. */
    emailSubject: z.string().min(1).max(140).optional(),
    /** Body of the email code message; must contain {####}. */
    emailMessage: z.string().optional(),
});

const threatProtection = strictObject({
    /** Needs the Plus plan. @default "ENFORCED" in prod and "AUDIT" in dev when featurePlan is PLUS, else "OFF" */
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
    /** Passkeys (WebAuthn) as a first factor (Essentials or Plus). @default off */
    passkeys: strictObject({
        /** The domain passkeys are bound to, for example auth.example.com. Required. */
        relyingPartyId: z.string().min(1),
        /** @default "preferred" */
        userVerification: z.enum(["required", "preferred"]).optional(),
    }).optional(),
});

const message = {
    emailSubject: z.string().min(1).max(140).optional(),
    emailMessage: z.string().min(6).max(20000).optional(),
    smsMessage: z.string().min(6).max(140).optional(),
};

const email = z.discriminatedUnion("sender", [
    strictObject({ sender: z.literal("cognito") }),
    strictObject({
        sender: z.literal("ses"),
        /** From address, optionally with a display name: "News <no-reply@example.com>". */
        from: z.string().min(3),
        /** @default none */
        replyTo: emailAddress.optional(),
        /** ARN of the verified SES identity (domain or address) that sends. */
        sesIdentityArn: arn,
        /** SES configuration set for event publishing. @default none */
        configurationSet: z.string().min(1).optional(),
    }),
], { error: `allowed: "cognito", "ses"` });

const group = strictObject({
    name: patterned(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u, "1 to 128 characters without spaces"),
    description: z.string().max(2048).optional(),
    /** Lower wins when a user is in several groups that carry roles. @default none */
    precedence: wholeNumber(0, 2147483647).optional(),
    /** IAM role for members, used by the identity pool's token role mapping. @default none */
    roleArn: arn.optional(),
});

export const logRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const logDelivery = strictObject({
    /** Sign-in activity with risk details (Plus plan). @default "OFF" */
    userActivity: z.enum(["OFF", "ERROR", "INFO"]).optional(),
    /** Failed email and SMS deliveries. @default "ERROR" */
    notificationErrors: z.enum(["OFF", "ERROR"]).optional(),
    /** @default 90 */
    retentionDays: z.union(logRetentionDays.map((d) => z.literal(d)), { error: `allowed: one of ${logRetentionDays.join(", ")}` }).optional(),
});

export const userPoolSchema = strictObject({
    /** The pool's name. Changing it replaces the pool: set it to the existing pool's name when migrating. @default "<project>-<stack>" */
    name: patterned(/^[\w\s+=,.@-]{1,128}$/, "1 to 128 letters, digits, spaces or + = , . @ - _").optional(),
    /** Adopt an existing pool (for example the one Serverless created) instead of creating one. @default none */
    importId: patterned(/^[\w-]+_[0-9a-zA-Z]+$/, "a user pool id such as eu-central-1_AbCdEf123").optional(),
    /** What users type to sign in. Cannot be changed after the pool exists. @default ["email"] */
    signInWith: uniqueList(z.enum(signInIdentifiers), "sign-in identifiers").min(1, { error: "allowed: at least one of email, phone, username, preferred_username" }).optional(),
    /** @default false (case-insensitive) */
    caseSensitive: z.boolean().optional(),
    /** Standard attributes to declare: required and mutability. @default email required when signing in with email, phone_number when with phone */
    standardAttributes: z.partialRecord(z.enum(standardAttributeNames), standardAttribute).optional(),
    /** Custom attributes by name (without "custom:"). They cannot be removed or changed once created. @default {} */
    customAttributes: z.record(customAttributeName, customAttribute).optional(),
    passwordPolicy: passwordPolicy.optional(),
    mfa: mfa.optional(),
    /** @default "ESSENTIALS" */
    featurePlan: z.enum(["LITE", "ESSENTIALS", "PLUS"]).optional(),
    threatProtection: threatProtection.optional(),
    passwordless: passwordless.optional(),
    /** How a forgotten password is recovered. @default "email" */
    accountRecovery: z.enum(["email", "phone", "email_then_phone", "phone_then_email", "admin_only"]).optional(),
    /** Users may sign themselves up; false means administrators create every user. @default true */
    selfSignUp: z.boolean().optional(),
    /** Message sent to verify an email or phone. Codes need {####}; links need {##text##}. @default bilingual code messages */
    verificationMessage: strictObject({
        /** @default "code" */
        method: z.enum(["code", "link"]).optional(),
        ...message,
    }).optional(),
    /** Message sent to users created by an administrator; needs {username} and {####}. @default bilingual messages */
    invitationMessage: strictObject(message).optional(),
    /** @default { sender: "cognito" } (Cognito's default sender, capped at a few emails a day) */
    email: email.optional(),
    /** Region of the SNS service that sends SMS. @default the stack's region */
    smsRegion: awsRegion.optional(),
    groups: z.array(group).optional(),
    logDelivery: logDelivery.optional(),
    /** @default "INACTIVE" in dev, "ACTIVE" in prod */
    deletionProtection: z.enum(["ACTIVE", "INACTIVE"]).optional(),
    /** Pulumi refuses to delete or replace the pool. @default false in dev, true in prod */
    protect: z.boolean().optional(),
    /** `pulumi destroy` leaves the pool in AWS. @default false in dev, true in prod */
    retainOnDelete: z.boolean().optional(),
});

export const resourceServerSchema = strictObject({
    /** Usually an https URL of the API, for example https://api.example.com. Prefix of its scopes. */
    identifier: patterned(/^[\x21\x23-\x5b\x5d-\x7e]{1,256}$/, "1 to 256 printable characters without spaces, quotes or backslashes"),
    name: z.string().min(1).max(256),
    scopes: z.array(strictObject({
        name: scopeName,
        description: z.string().min(1).max(256),
    })).min(1),
});

export const clientKinds = ["web", "native", "server"] as const;
export const authFlowNames = ["srp", "refresh", "password", "admin_password", "user_auth", "custom"] as const;

export const clientSchema = strictObject({
    name: resourceName,
    /** web: browser app, code + PKCE, no secret. native: mobile app, custom-scheme callbacks, no secret. server: secret, client_credentials. */
    kind: z.enum(clientKinds),
    /** Where the hosted sign-in returns (web and native). */
    callbackUrls: z.array(z.string()).optional(),
    /** Where sign-out returns (web and native). @default [] */
    logoutUrls: z.array(z.string()).optional(),
    /** @default ["openid", "email", "profile"] for web and native; required for server */
    scopes: uniqueList(scopeName, "scopes").optional(),
    /** Identity provider names offered on the hosted sign-in; "COGNITO" is the pool's own users. @default ["COGNITO"] + every configured provider */
    identityProviders: uniqueList(z.string().min(1), "provider names").optional(),
    /** API sign-in flows. "password" sends the password itself and is only for migration. @default ["srp", "refresh"] ("refresh" is left out while rotation is on) */
    authFlows: uniqueList(z.enum(authFlowNames), "auth flows").optional(),
    tokenValidity: strictObject({
        /** @default 60 */
        accessMinutes: wholeNumber(5, 1440).optional(),
        /** @default 60 */
        idMinutes: wholeNumber(5, 1440).optional(),
        /** @default 30 */
        refreshDays: wholeNumber(1, 3650).optional(),
    }).optional(),
    /** @default all readable attributes */
    readAttributes: z.array(z.string()).optional(),
    /** Attributes users may change through this client. A custom attribute is writable only when listed here. @default the pool's mutable standard attributes (no custom attributes) */
    writeAttributes: z.array(z.string()).optional(),
    /** Issue a new refresh token at each refresh (Essentials or Plus). @default true where the plan offers it */
    refreshTokenRotation: z.boolean().optional(),
    /** Allow the OAuth implicit grant (tokens in the URL). A weakening. @default false */
    allowImplicitGrant: z.boolean().optional(),
});

export const domainSchema = strictObject({
    /** Cognito prefix domain: <prefix>.auth.<region>.amazoncognito.com. */
    prefix: z.string().optional(),
    /** Your own domain, for example auth.example.com. */
    customDomain: strictObject({
        name: patterned(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a lowercase host name such as auth.example.com"),
        /** Route 53 zone for DNS validation of the certificate and the alias record. @default none */
        hostedZoneId: patterned(/^Z[A-Z0-9]{1,31}$/, "a Route 53 hosted zone id such as Z0123456789ABC").optional(),
        /** An issued ACM certificate in us-east-1; required when no hostedZoneId is given. @default a new certificate */
        certificateArn: arn.optional(),
    }).optional(),
    /** 1: classic hosted UI; 2: managed login. @default 2 */
    managedLoginVersion: z.union([z.literal(1), z.literal(2)], { error: "allowed: 1 (classic hosted UI) or 2 (managed login)" }).optional(),
    branding: z.discriminatedUnion("style", [
        strictObject({
            style: z.literal("classic"),
            /** CSS file in the repository. @default "branding/classic.css" */
            cssFile: z.string().optional(),
            /** PNG or JPEG logo in the repository. @default "branding/logo.png" */
            logoFile: z.string().optional(),
        }),
        strictObject({
            style: z.literal("managed"),
            /** JSON settings exported from the branding editor; Cognito's defaults when omitted. @default none */
            settingsFile: z.string().optional(),
        }),
    ], { error: `allowed: "classic", "managed"` }).optional(),
});

const mapping = z.record(z.string().min(1), z.string().min(1));
/** Opt in to account linking: see the README's "Security model" before turning it on. */
const linkToExistingUsers = z.boolean().optional();
const idpCommon = {
    /** Scopes asked of the provider. @default per provider */
    scopes: z.array(z.string().min(1)).optional(),
    /** Pool attribute -> provider claim. Mapping email_verified from an OIDC or SAML provider is a warned weakening. @default per provider (email, name, username; email_verified only for Google and Apple) */
    attributeMapping: mapping.optional(),
    /** A sign-up through this provider whose verified email belongs to a confirmed, enabled native user (outside the protected groups) is linked to that user. Only for providers that verify the emails they assert. @default false */
    linkToExistingUsers,
};
/** The top-level config key that holds the secret; set it with `pulumi config set --secret`. */
const secretKey = patterned(/^[A-Za-z][A-Za-z0-9]*$/, "a config key name of letters and digits").optional();

export const identityProviderSchema = z.discriminatedUnion("type", [
    strictObject({ type: z.literal("google"), clientId: z.string().min(1), ...idpCommon, /** @default "googleClientSecret" */ clientSecretKey: secretKey }),
    strictObject({ type: z.literal("facebook"), clientId: z.string().min(1), /** @default "v19.0" */ apiVersion: patterned(/^v\d+\.\d+$/, "a Graph API version such as v19.0").optional(), ...idpCommon, /** @default "facebookAppSecret" */ clientSecretKey: secretKey }),
    strictObject({ type: z.literal("amazon"), clientId: z.string().min(1), ...idpCommon, /** @default "amazonClientSecret" */ clientSecretKey: secretKey }),
    strictObject({
        type: z.literal("apple"),
        /** The Services ID. */
        servicesId: z.string().min(1),
        teamId: patterned(/^[A-Z0-9]{10}$/, "a 10-character Apple team id"),
        keyId: patterned(/^[A-Z0-9]{10}$/, "a 10-character Apple key id"),
        ...idpCommon,
        /** @default "applePrivateKey" */
        privateKeyKey: secretKey,
    }),
    strictObject({
        type: z.literal("oidc"),
        name: patterned(/^[\w.-]{3,32}$/, "3 to 32 letters, digits, '.', '_' or '-'"),
        clientId: z.string().min(1),
        issuer: patterned(/^https:\/\/[^\s]+$/, "an https issuer URL"),
        /** @default "GET" */
        attributesRequestMethod: z.enum(["GET", "POST"]).optional(),
        ...idpCommon,
        /** @default "<name in lower camel case>ClientSecret" */
        clientSecretKey: secretKey,
    }),
    strictObject({
        type: z.literal("saml"),
        name: patterned(/^[\w.-]{3,32}$/, "3 to 32 letters, digits, '.', '_' or '-'"),
        /** Metadata URL of the IdP (or metadataFile). */
        metadataUrl: patterned(/^https:\/\/[^\s]+$/, "an https URL").optional(),
        /** Metadata XML file in the repository (or metadataUrl). */
        metadataFile: z.string().optional(),
        /** Send sign-out to the IdP. @default false */
        signOut: z.boolean().optional(),
        /** Email domains routed to this IdP on the hosted sign-in. @default [] */
        identifiers: z.array(z.string().min(1)).optional(),
        /** Pool attribute -> SAML attribute. Mapping email_verified is a warned weakening. @default { email: the emailaddress claim } */
        attributeMapping: mapping.optional(),
        /** As for the other providers: link sign-ups to native users with the same verified email. @default false */
        linkToExistingUsers,
    }),
], { error: `allowed: "google", "facebook", "amazon", "apple", "oidc", "saml"` });

const statement = strictObject({
    actions: z.array(z.string().min(1)).min(1),
    resources: z.array(z.string().min(1)).min(1),
    /** Let this statement use "*" or "service:*" actions or a "*" resource. A weakening, warned. @default false */
    allowWildcards: z.boolean().optional(),
});

export const identityPoolSchema = strictObject({
    /** @default "<project>-<stack>" */
    name: patterned(/^[\w ]{1,128}$/, "1 to 128 letters, digits, '_' or spaces").optional(),
    /** App clients (by name) whose users get AWS credentials. @default every web and native client */
    clients: z.array(z.string().min(1)).min(1).optional(),
    /** Give signed-out visitors a guest role. @default false */
    allowGuests: z.boolean().optional(),
    /** What signed-in users may do. */
    authenticated: strictObject({
        /** Each user reads and writes s3://<bucket>/<their identity id>/ only. */
        s3UserPrefix: strictObject({
            bucket: z.string().min(3),
            /** Object-level actions only (no ACL, bucket or wildcard actions). @default ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] */
            actions: z.array(z.string().min(1)).min(1).optional(),
        }).optional(),
        /** Each user reaches only items whose partition key is their identity id. */
        dynamoUserItems: strictObject({
            tableArn: arn,
            /** Item-level actions only (no Scan, PartiQL, table or wildcard actions). @default GetItem, BatchGetItem, Query, PutItem, UpdateItem, DeleteItem */
            actions: z.array(z.string().min(1)).min(1).optional(),
        }).optional(),
        statements: z.array(statement).optional(),
    }).optional(),
    /** What guests may do (with allowGuests). @default nothing */
    guest: strictObject({ statements: z.array(statement).optional() }).optional(),
    /** Choose roles from the user's token (group roles) or by rules. @default none (the authenticated role) */
    roleMapping: z.discriminatedUnion("type", [
        strictObject({
            type: z.literal("token"),
            /** When the token names no role. @default "AuthenticatedRole" */
            ambiguousRoleResolution: z.enum(["Deny", "AuthenticatedRole"]).optional(),
        }),
        strictObject({
            type: z.literal("rules"),
            rules: z.array(strictObject({
                /** A claim users cannot write and identity providers do not map (for example cognito:groups). */
                claim: z.string().min(1),
                /** "Equals" unless allowLooseMatches. @default "Equals" */
                matchType: z.enum(["Equals", "Contains", "StartsWith", "NotEqual"]).optional(),
                value: z.string().min(1),
                roleArn: arn,
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
    /** Check sign-ups: email domains, auto-confirmation, linking federated users to native ones. */
    preSignUp: strictObject({
        /** Only these domains (and subdomains) may sign up. @default [] (any) */
        allowedEmailDomains: z.array(emailDomain).optional(),
        /** @default [] */
        deniedEmailDomains: z.array(emailDomain).optional(),
        /** Self sign-ups from these domains are confirmed without a code, their email left unverified (test accounts). Refused in prod. @default [] */
        autoConfirmEmailDomains: z.array(emailDomain).optional(),
        /** Native users in these groups are never linked to a federated identity. @default every group with precedence 0 */
        protectedGroups: z.array(z.string().min(1)).optional(),
    }).optional(),
    /** Put each confirmed user in a group. */
    postConfirmation: strictObject({ defaultGroup: z.string().min(1) }).optional(),
    /** Clients (by name) only members of some groups may sign in to: refused at sign-in and at every token issue (hosted UI sessions and refreshes included). */
    preAuthentication: strictObject({ requiredGroups: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)) }).optional(),
    /** One audit log line per sign-in. */
    postAuthentication: strictObject({}).optional(),
    /** Claims and scopes added to tokens (V2 event: Essentials or Plus plan). */
    preTokenGeneration: strictObject({
        /** Claim listing the user's groups. @default "app_roles" */
        rolesClaim: patterned(/^[A-Za-z][\w.-]{0,63}$/, "a claim name of letters, digits, '_', '.' or '-'").optional(),
        /** @default {} */
        claims: z.record(patterned(/^[A-Za-z][\w.-]{0,63}$/, "a claim name of letters, digits, '_', '.' or '-'"), z.union([z.string(), z.number(), z.boolean()])).optional(),
        /** Scopes added to access tokens, each grant for members of some groups and/or sign-ins through some clients (at least one of the two). @default [] */
        accessTokenScopes: z.array(strictObject({
            scopes: uniqueList(scopeName, "scopes").min(1),
            /** Members of at least one of these groups. @default any user */
            groups: z.array(z.string().min(1)).min(1).optional(),
            /** Sign-ins through one of these clients (by name). @default any client */
            clients: z.array(z.string().min(1)).min(1).optional(),
        })).optional(),
    }).optional(),
    /** Every message in the user's language (English or Arabic). */
    customMessage: strictObject({ appName: strictObject({ en: z.string().min(1).max(60), ar: z.string().min(1).max(60) }) }).optional(),
    /** Days the trigger logs are kept. @default 30 */
    logRetentionDays: z.union(logRetentionDays.map((d) => z.literal(d)), { error: `allowed: one of ${logRetentionDays.join(", ")}` }).optional(),
});

/** Every non-secret key in the `cognito:` namespace. */
export const stackConfigSchema = strictObject({
    stage: z.enum(stages),
    userPool: userPoolSchema.optional(),
    resourceServers: z.array(resourceServerSchema).optional(),
    clients: z.array(clientSchema).optional(),
    domain: domainSchema.optional(),
    identityProviders: z.array(identityProviderSchema).optional(),
    identityPool: identityPoolSchema.optional(),
    triggers: triggersSchema.optional(),
});

export type Stage = (typeof stages)[number];
export type UserPoolSettings = z.infer<typeof userPoolSchema>;
export type ResourceServerSettings = z.infer<typeof resourceServerSchema>;
export type ClientSettings = z.infer<typeof clientSchema>;
export type DomainSettings = z.infer<typeof domainSchema>;
export type IdentityProviderSettings = z.infer<typeof identityProviderSchema>;
export type IdentityPoolSettings = z.infer<typeof identityPoolSchema>;
export type TriggerSettings = z.infer<typeof triggersSchema>;
export type StackSettings = z.infer<typeof stackConfigSchema>;
