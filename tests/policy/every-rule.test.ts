// Every rule of the pack, one table: a realistic stack that passes, one that violates, and the odd
// shapes code nobody here wrote gives it (null, a wrong type, booleans, numbers and enums spelled as
// strings or in another case, a value a preview cannot know, a document that is not JSON), each
// with the exact lines the rule reports. A rule without its cases fails the last test.
import * as assert from "assert";
import { policies } from "../../policy/rules";
import { webAclAssociationType } from "../../policy/rules/pool-exposure";
import { awsNativeTypes as N, awsTypes as T } from "../../policy/rules/type-tokens";
import type { PlannedResource } from "../../tools/harness/run-program";
import { resource, unknown, violations } from "../support/policy";

type Props = Record<string, unknown>;

// ---- one realistic stack: a user pool, its web client, an identity pool with its roles, a trigger
const account = "123456789012";
const poolId = "eu-central-1_Abc";
const poolArn = `arn:aws:cognito-idp:eu-central-1:${account}:userpool/${poolId}`;
const idsId = "eu-central-1:1111-2222";
const arn = (role: string) => `arn:aws:iam::${account}:role/${role}`;
const fnArn = `arn:aws:lambda:eu-central-1:${account}:function:pre-sign-up`;
const provider = `cognito-idp.eu-central-1.amazonaws.com/${poolId}`;
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const trust = (amr: string | string[], aud: string = idsId) => doc({
    Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": aud }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr } },
});
const ownFiles = doc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::uploads/private/${cognito-identity.amazonaws.com:sub}/*" });
const putEvents = doc({ Effect: "Allow", Action: "mobiletargeting:PutEvents", Resource: `arn:aws:mobiletargeting:eu-central-1:${account}:apps/news/*` });
const everything = doc({ Effect: "Allow", Action: "*", Resource: "*" });
const lambdaTrust = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
/** What this project's pre sign-up role may do: look up and link users of its own pool, write its logs. */
const ownPoolCalls = doc({ Effect: "Allow", Action: ["cognito-idp:ListUsers", "cognito-idp:AdminLinkProviderForUser"], Resource: poolArn },
    { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:eu-central-1:${account}:log-group:/aws/lambda/pre-sign-up:*` });
/** A trigger function of the pool, its TRIGGER_SETTINGS as given (JSON text unless a string already). */
const trigger = (name: string, settings: unknown) => resource(T.lambdaFunction, { arn: `arn:aws:lambda:eu-central-1:${account}:function:${name}`, role: arn("pre-sign-up-role"), timeout: 5, environment: { variables: { TRIGGER_SETTINGS: typeof settings === "string" ? settings : JSON.stringify(settings) } } }, { name });
const fnOf = (name: string) => `arn:aws:lambda:eu-central-1:${account}:function:${name}`;
/** The pool with a pre authentication function gating the admin client, and a token-generation function with the given gate. */
const gated = (tokenGate: unknown, over: Props = {}) => ({
    pool: { lambdaConfig: { preSignUp: fnArn, preAuthentication: fnOf("pre-auth"), preTokenGeneration: fnOf("pre-token"), preTokenGenerationConfig: { lambdaArn: fnOf("pre-token"), lambdaVersion: "V2_0" }, ...over } },
    extra: [trigger("pre-auth", { requiredGroups: { admin: ["admins", "editors"] } }), trigger("pre-token", tokenGate)],
});
const wiring = (line: string) => `The user pool pool's preAuthentication function pre-auth lets only some groups into clients (admin: admins, editors), but ${line}: Cognito skips pre authentication for a reused hosted UI session and at every refresh, so only token generation can hold the gate.`;
const triggerRole = "The trigger role pre-sign-up-role (preSignUp pre-sign-up)";
/**
 * The newsroom's groups (admins of precedence 0, editors, readers; admins and readers replaceable), readers by default, admins and
 * editors protected from linking and refused to linked accounts at token time; each part replaceable.
 */
const newsroom = (o: { groups?: Props; readers?: Props; defaultGroup?: unknown; signUp?: unknown; token?: unknown } = {}): Over => ({
    pool: { lambdaConfig: { preSignUp: fnArn, postConfirmation: fnOf("post-confirmation"), preTokenGenerationConfig: { lambdaArn: fnOf("pre-token"), lambdaVersion: "V2_0" } } },
    fn: { environment: { variables: { TRIGGER_SETTINGS: JSON.stringify("signUp" in o ? o.signUp : { linkingProviders: ["Google"], protectedGroups: ["admins", "editors"] }) } } },
    extra: [
        resource(T.group, { userPoolId: poolId, name: "admins", precedence: 0, ...o.groups }, { name: "admins" }),
        resource(T.group, { userPoolId: poolId, name: "editors", precedence: 10 }, { name: "editors" }),
        resource(T.group, { userPoolId: poolId, name: "readers", precedence: 100, ...o.readers }, { name: "readers" }),
        resource(T.group, { userPoolId: "eu-central-1_Other", name: "staff", precedence: 0 }, { name: "staff" }),
        trigger("post-confirmation", { defaultGroup: "defaultGroup" in o ? o.defaultGroup : "readers" }),
        trigger("pre-token", "token" in o ? o.token : { requiredGroups: { admin: ["admins", "editors"] }, protectedGroups: ["admins", "editors"], providerNames: ["Google"] }),
    ],
});
const joins = (group: string, why: string) => `The user pool pool's post confirmation function post-confirmation puts every new account in the group ${group}, which ${why}: anyone who signs up, or signs in with a provider for the first time, gets its rights.`;
const unprotected = (groups: string) => `The user pool pool's pre sign-up function pre-sign-up links accounts for Google but does not protect ${groups}: a provider's sign-in linked into a member's account gets the member's rights.`;
const notRefused = (refuser: string, groups: string) => `The user pool pool links accounts for Google, but ${refuser} linked members of ${groups}: an account linked before its owner joined such a group gets that group's tokens.`;
/** CloudWatch RUM's web monitor as its console sets it up: a guest-only identity pool, the classic flow, one role that may only send events. */
const rumStack = (o: { ids?: Props; policy?: unknown } = {}) => [
    resource(T.identityPool, { id: idsId, identityPoolName: "rum", allowUnauthenticatedIdentities: true, allowClassicFlow: true, ...o.ids }, { name: "rum" }),
    resource(T.roleAttachment, { identityPoolId: idsId, roles: { unauthenticated: arn("rum-guest") } }, { name: "rum-roles" }),
    resource(T.role, { name: "rum-guest", id: "rum-guest", arn: arn("rum-guest"), assumeRolePolicy: trust("unauthenticated") }, { name: "rum-guest" }),
    resource(T.rolePolicy, { role: "rum-guest", name: "rum-events", policy: "policy" in o ? o.policy : doc({ Effect: "Allow", Action: "rum:PutRumEvents", Resource: `arn:aws:rum:eu-central-1:${account}:appmonitor/news` }) }, { name: "rum-events" }),
];
const rumAdvice = (action = "rum:PutRumEvents") => `The classic flow is allowed on the guest-only identity pool rum, whose only role rum-guest may call ${action} alone; prefer the enhanced flow and turn the classic flow off.`;
const recovery = (...mechanisms: [unknown, unknown][]) => ({ recoveryMechanisms: mechanisms.map(([name, priority]) => ({ name, priority })) });
const editorsMapping = (over: Props = {}, rule: Props = {}) => [{
    identityProvider: `${provider}:client1`, type: "Rules", ambiguousRoleResolution: "Deny",
    mappingRules: [{ claim: "cognito:groups", matchType: "Equals", value: "editors", roleArn: arn("editors"), ...rule }], ...over,
}];

const goodPool: Props = {
    id: poolId, arn: poolArn, name: "news-users",
    passwordPolicy: { minimumLength: 15, temporaryPasswordValidityDays: 7 },
    mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true },
    userPoolTier: "PLUS", userPoolAddOns: { advancedSecurityMode: "ENFORCED" },
    emailConfiguration: { emailSendingAccount: "DEVELOPER", sourceArn: `arn:aws:ses:eu-central-1:${account}:identity/news.example.com` },
    accountRecoverySetting: recovery(["verified_email", 1]),
    adminCreateUserConfig: { allowAdminCreateUserOnly: true },
    deletionProtection: "ACTIVE",
    lambdaConfig: { preSignUp: fnArn },
};
const goodClient: Props = {
    id: "client1", userPoolId: poolId, name: "web", generateSecret: false,
    allowedOauthFlowsUserPoolClient: true, allowedOauthFlows: ["code"], allowedOauthScopes: ["openid", "email"],
    callbackUrls: ["https://news.example.com/auth/callback"], logoutUrls: ["https://news.example.com/"],
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    preventUserExistenceErrors: "ENABLED", enableTokenRevocation: true,
    accessTokenValidity: 60, idTokenValidity: 60, refreshTokenValidity: 30,
    tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
    writeAttributes: ["name", "email"], refreshTokenRotation: { feature: "ENABLED", retryGracePeriodSeconds: 10 },
};

interface Over {
    pool?: Props; protect?: boolean; client?: Props; ids?: Props; attachment?: Props; risk?: Props; fn?: Props; permission?: Props; google?: Props;
    /** The pre sign-up trigger's role (merged) and the document of its one role policy. */
    triggerRole?: Props; triggerPolicy?: unknown;
    /** More resources (other triggers, standalone roles). */
    extra?: PlannedResource[];
    authTrust?: unknown; authPolicy?: unknown;
    /** allowUnauthenticatedIdentities: given, the stack has a guest role (trusting unauthenticated) in the attachment. */
    guests?: unknown; guestPolicy?: unknown;
}

/** The stack, each resource with one part replaced (a shallow merge of its properties). */
function stack(o: Over = {}): PlannedResource[] {
    const withGuests = "guests" in o;
    const role = (name: string, assumeRolePolicy: unknown) => resource(T.role, { name, id: name, arn: arn(name), assumeRolePolicy }, { name });
    const grants = (role: string, policy: unknown) => resource(T.rolePolicy, { role, name: `${role}-grants`, policy }, { name: `${role}-grants` });
    return [
        resource(T.userPool, { ...goodPool, ...o.pool }, { name: "pool", protect: o.protect ?? true }),
        resource(T.client, { ...goodClient, ...o.client }, { name: "web" }),
        resource(T.identityProvider, { userPoolId: poolId, providerName: "Google", providerType: "Google", attributeMapping: { email: "email", email_verified: "email_verified" }, ...o.google }, { name: "google" }),
        resource(T.lambdaFunction, { arn: fnArn, role: arn("pre-sign-up-role"), runtime: "nodejs20.x", timeout: 5, environment: { variables: { TRIGGER_SETTINGS: JSON.stringify({ linkingProviders: ["Google"], autoConfirmEmailDomains: [] }) } }, ...o.fn }, { name: "pre-sign-up" }),
        resource(T.role, { name: "pre-sign-up-role", id: "pre-sign-up-role", arn: arn("pre-sign-up-role"), assumeRolePolicy: lambdaTrust, ...o.triggerRole }, { name: "pre-sign-up-role" }),
        grants("pre-sign-up-role", "triggerPolicy" in o ? o.triggerPolicy : ownPoolCalls),
        resource(T.lambdaPermission, { action: "lambda:InvokeFunction", function: fnArn, principal: "cognito-idp.amazonaws.com", sourceArn: poolArn, ...o.permission }, { name: "pre-sign-up-invoke" }),
        resource(T.riskConfiguration, { userPoolId: poolId, compromisedCredentialsRiskConfiguration: { actions: { eventAction: "BLOCK" } }, accountTakeoverRiskConfiguration: { actions: { highAction: { eventAction: "BLOCK", notify: true } } }, ...o.risk }, { name: "risk" }),
        resource(webAclAssociationType, { resourceArn: poolArn, webAclArn: `arn:aws:wafv2:eu-central-1:${account}:regional/webacl/news/1` }, { name: "waf" }),
        resource(T.identityPool, { id: idsId, identityPoolName: "news", allowUnauthenticatedIdentities: withGuests ? o.guests : false, allowClassicFlow: false, cognitoIdentityProviders: [{ clientId: "client1", providerName: provider }], ...o.ids }, { name: "ids" }),
        resource(T.roleAttachment, { identityPoolId: idsId, roles: { authenticated: arn("auth"), ...(withGuests && { unauthenticated: arn("guest") }) }, roleMappings: editorsMapping(), ...o.attachment }, { name: "roles" }),
        role("auth", "authTrust" in o ? o.authTrust : trust("authenticated")), grants("auth", "authPolicy" in o ? o.authPolicy : ownFiles),
        role("editors", trust("authenticated")), grants("editors", doc({ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::drafts/*" })),
        ...(withGuests ? [role("guest", trust("unauthenticated")), grants("guest", "guestPolicy" in o ? o.guestPolicy : putEvents)] : []),
        ...(o.extra ?? []),
    ];
}

// ---- the same identity pool, role attachment and roles as aws-native (Cloud Control) resources: CloudFormation's
// property names (awsId, assumeRolePolicyDocument, policies [{ policyName, policyDocument }], roleMappings keyed
// by provider with rulesConfiguration.rules), documents as objects. The rules judge them as their aws: equivalents.
const json = (text: string) => JSON.parse(text) as Props;
const nativeRole = (name: string, assumeRolePolicyDocument: unknown, policyDocument: unknown) =>
    resource(N.role, { roleName: name, arn: arn(name), assumeRolePolicyDocument, policies: [{ policyName: `${name}-grants`, policyDocument }] }, { name });
const nativeMapping = (rule: Props = {}) => ({ [`${provider}:client1`]: { type: "Rules", ambiguousRoleResolution: "Deny", rulesConfiguration: { rules: [{ claim: "cognito:groups", matchType: "Equals", value: "editors", roleArn: arn("editors"), ...rule }] } } });

/** stack(), its identity pool part replaced by aws-native resources (the same parts replaceable). */
function nativeStack(o: Pick<Over, "pool" | "ids" | "attachment" | "authTrust" | "authPolicy" | "guests"> = {}): PlannedResource[] {
    const withGuests = "guests" in o;
    const replaced: string[] = [T.identityPool, T.roleAttachment, T.role, T.rolePolicy];
    return [
        ...stack({ pool: o.pool }).filter((r) => !replaced.includes(r.type)),
        resource(N.identityPool, { awsId: idsId, identityPoolName: "news", allowUnauthenticatedIdentities: withGuests ? o.guests : false, allowClassicFlow: false, cognitoIdentityProviders: [{ clientId: "client1", providerName: provider }], ...o.ids }, { name: "ids" }),
        resource(N.roleAttachment, { identityPoolId: idsId, roles: { authenticated: arn("auth"), ...(withGuests && { unauthenticated: arn("guest") }) }, roleMappings: nativeMapping(), ...o.attachment }, { name: "roles" }),
        nativeRole("auth", "authTrust" in o ? o.authTrust : json(trust("authenticated")), "authPolicy" in o ? o.authPolicy : json(ownFiles)),
        nativeRole("editors", json(trust("authenticated")), { Statement: { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::drafts/*" } }),
        ...(withGuests ? [nativeRole("guest", json(trust("unauthenticated")), json(putEvents))] : []),
    ];
}

// ---- the table ------------------------------------------------------------------------------------
const m = (...lines: string[]) => lines.map((l) => `mandatory: ${l}`);
const a = (...lines: string[]) => lines.map((l) => `advisory: ${l}`);
/** The advisory the server gives when a rule reads a value a preview cannot know. */
const cantRun = (rule: string, path: string) => `advisory: can't run policy '${rule}' from policy pack 'cognito-security@v0.1.0' during preview: string value at ${path} can't be known during preview`;

const kinds = ["passes", "violates", "null", "wrongType", "stringTyped", "unknown", "unreadableJson"] as const;
type Kind = (typeof kinds)[number];
/** What it shows, the stack, the exact lines (for `unknown`: the path the advisory names), and the rule's config. */
type Case = [title: string, resources: PlannedResource[], expected: string[] | string, config?: unknown];
type Entry = { [K in Kind]?: Case | Case[] } & { notApplicable?: { stringTyped?: string; unreadableJson?: string } };
const always: Kind[] = ["passes", "violates", "null", "wrongType", "unknown"];

const noDocuments = "reads no IAM policy document";
const lengthLine = "Password minimum length is 8; at least 15 is required while MFA is not ON.";
const recoveryUnset = "Account recovery is not set: Cognito's legacy behaviour sends the recovery code by SMS when the user has a verified phone number.";
const noWriteAttributes = "writeAttributes is not set, so users can write every standard attribute of the pool.";
const unused = (value: string, then = "once guests are turned on, anyone on the internet gets it") => `The guest role guest is an unused guest role: the identity pool ids does not allow guests (allowUnauthenticatedIdentities is ${value}), so nobody is given it; ${then}. Remove it from the role attachment, and the role itself if nothing else uses it.`;
const everyThen = `once guests are turned on it becomes a mandatory finding: it allows *; allows actions on every resource ("*")`;
const signUp = (source = "role policy auth-grants") => `The user pool pool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool ids gives its signed-in users the role auth, which is granted by ${source}: anyone on the internet gets AWS credentials by signing up.`;
const noWaf = (arnText: string) => `The user pool pool has no WAF web ACL (no ${webAclAssociationType} with resourceArn ${arnText}).`;
const mapping = `The role mapping for ${provider}:client1`;
const customSchema = [{ name: "email", attributeDataType: "String" }, { name: "tenant", attributeDataType: "String" }, { name: "plan", attributeDataType: "String", developerOnlyAttribute: "true" }, { name: "custom:tier", attributeDataType: "String" }];
const everyCustom = "writeAttributes is not set, so users can write every custom attribute of the pool through this client: custom:tenant, custom:tier.";
const selfSignUp = { pool: { adminCreateUserConfig: { allowAdminCreateUserOnly: false } } };

const table: Record<string, Entry> = {
    // ---- the user pool
    "cognito-password-min-length": {
        passes: ["15 characters, MFA ON", stack(), []],
        violates: ["12 characters with MFA ON", stack({ pool: { passwordPolicy: { minimumLength: 12 } } }), m("Password minimum length is 12; at least 14 is required.")],
        null: [["unset length: AWS's 8; unset MFA: OFF", stack({ pool: { passwordPolicy: { minimumLength: null }, mfaConfiguration: null } }), m(lengthLine)],
            ["no password policy at all: AWS's 8", stack({ pool: { passwordPolicy: null, mfaConfiguration: null } }), m(lengthLine)]],
        wrongType: [["an object for the length reads as unset", stack({ pool: { passwordPolicy: { minimumLength: { value: 15 } }, mfaConfiguration: 1 } }), m(lengthLine)],
            ["a number for the password policy reads as unset", stack({ pool: { passwordPolicy: 15, mfaConfiguration: null } }), m(lengthLine)]],
        stringTyped: ["\"12\" and \"on\" read as 12 and ON", stack({ pool: { passwordPolicy: { minimumLength: "12" }, mfaConfiguration: "on" } }), m("Password minimum length is 12; at least 14 is required.")],
        unknown: ["the length", stack({ pool: { passwordPolicy: { minimumLength: unknown } } }), ".passwordPolicy.minimumLength"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-password-composition": {
        passes: ["length only", stack(), []],
        violates: ["uppercase and symbols required", stack({ pool: { passwordPolicy: { minimumLength: 15, requireUppercase: true, requireSymbols: true, requireNumbers: false } } }), a("Password policy requires uppercase, symbols; NIST advises length instead of composition rules.")],
        null: ["unset: not required", stack({ pool: { passwordPolicy: { minimumLength: 15, requireUppercase: null, requireSymbols: null } } }), []],
        wrongType: [["1 and an object read as unset: not required", stack({ pool: { passwordPolicy: { minimumLength: 15, requireUppercase: 1, requireSymbols: { on: true } } } }), []],
            ["a string for the password policy reads as unset", stack({ pool: { passwordPolicy: "requireSymbols" } }), []]],
        stringTyped: ["\"True\", \" true \" and \"false\" read as true, true and false", stack({ pool: { passwordPolicy: { minimumLength: 15, requireUppercase: "True", requireSymbols: " true ", requireNumbers: "false" } } }), a("Password policy requires uppercase, symbols; NIST advises length instead of composition rules.")],
        unknown: ["a class", stack({ pool: { passwordPolicy: { minimumLength: 15, requireUppercase: unknown } } }), ".passwordPolicy.requireUppercase"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-temporary-password-validity": {
        passes: ["7 days", stack(), []],
        violates: ["30 days", stack({ pool: { passwordPolicy: { minimumLength: 15, temporaryPasswordValidityDays: 30 } } }), m("Temporary passwords stay valid 30 days; at most 7 are allowed.")],
        null: ["unset: AWS's 7 days", stack({ pool: { passwordPolicy: { minimumLength: 15, temporaryPasswordValidityDays: null } } }), []],
        wrongType: ["a list reads as unset: 7 days", stack({ pool: { passwordPolicy: { minimumLength: 15, temporaryPasswordValidityDays: [30] } } }), []],
        stringTyped: ["\"30\" reads as 30", stack({ pool: { passwordPolicy: { minimumLength: 15, temporaryPasswordValidityDays: "30" } } }), m("Temporary passwords stay valid 30 days; at most 7 are allowed.")],
        unknown: ["the days", stack({ pool: { passwordPolicy: { temporaryPasswordValidityDays: unknown } } }), ".passwordPolicy.temporaryPasswordValidityDays"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-mfa": {
        passes: ["ON with TOTP", stack(), []],
        violates: ["OPTIONAL with SMS only", stack({ pool: { mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: false }, smsConfiguration: { snsCallerArn: arn("sms"), externalId: "news" } } }),
            m("MFA is OPTIONAL; it must be ON in this stage.", "Authenticator apps (TOTP) are not enabled as an MFA factor.", "SMS is the only MFA factor: text messages can be intercepted or redirected by SIM swap.")],
        null: [["unset mode: AWS's OFF", stack({ pool: { mfaConfiguration: null } }), m("MFA is OFF; it must be ON.")],
            ["unset TOTP block: no TOTP", stack({ pool: { softwareTokenMfaConfiguration: null } }), m("Authenticator apps (TOTP) are not enabled as an MFA factor.")]],
        wrongType: [["true for the mode reads as unset: OFF", stack({ pool: { mfaConfiguration: true } }), m("MFA is OFF; it must be ON.")],
            ["a string for the TOTP block reads as unset: no TOTP", stack({ pool: { softwareTokenMfaConfiguration: "enabled" } }), m("Authenticator apps (TOTP) are not enabled as an MFA factor.")]],
        stringTyped: [["\"optional\" and \"false\" read as OPTIONAL and false", stack({ pool: { mfaConfiguration: "optional", softwareTokenMfaConfiguration: { enabled: "false" } } }), m("MFA is OPTIONAL; it must be ON in this stage.", "Authenticator apps (TOTP) are not enabled as an MFA factor.")],
            ["\" on \" and \"TRUE\" read as ON and true", stack({ pool: { mfaConfiguration: " on ", softwareTokenMfaConfiguration: { enabled: "TRUE" } } }), []]],
        unknown: ["the mode", stack({ pool: { mfaConfiguration: unknown } }), ".mfaConfiguration"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-feature-plan": {
        passes: ["threat protection on PLUS", stack(), []],
        violates: ["email MFA and passkeys on LITE", stack({ pool: { userPoolTier: "LITE", userPoolAddOns: null, emailMfaConfiguration: { subject: "Your code" }, webAuthnConfiguration: { relyingPartyId: "news.example.com" } } }),
            m("email MFA needs the ESSENTIALS plan; this pool is on LITE.", "passkeys needs the ESSENTIALS plan; this pool is on LITE.")],
        null: [["unset plan: AWS's ESSENTIALS", stack({ pool: { userPoolTier: null } }), m("threat protection needs the PLUS plan; this pool is on ESSENTIALS.")],
            ["unset threat protection: OFF", stack({ pool: { userPoolTier: "LITE", userPoolAddOns: { advancedSecurityMode: null } } }), []]],
        wrongType: [["a number for the plan reads as unset: ESSENTIALS", stack({ pool: { userPoolTier: 2 } }), m("threat protection needs the PLUS plan; this pool is on ESSENTIALS.")],
            ["a string for the add-ons block reads as unset: OFF", stack({ pool: { userPoolTier: "LITE", userPoolAddOns: "ENFORCED" } }), []]],
        stringTyped: ["\"lite\" and \"audit\" read as LITE and AUDIT", stack({ pool: { userPoolTier: "lite", userPoolAddOns: { advancedSecurityMode: "audit" } } }), m("threat protection needs the PLUS plan; this pool is on LITE.")],
        unknown: ["the plan", stack({ pool: { userPoolTier: unknown } }), ".userPoolTier"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-email-sending": {
        passes: ["SES", stack(), []],
        violates: ["Cognito's sender", stack({ pool: { emailConfiguration: { emailSendingAccount: "COGNITO_DEFAULT" } } }), m("Email is sent by COGNITO_DEFAULT; use SES (DEVELOPER).")],
        null: ["unset: AWS's COGNITO_DEFAULT", stack({ pool: { emailConfiguration: null } }), m("Email is sent by COGNITO_DEFAULT; use SES (DEVELOPER).")],
        wrongType: [["a string for the block reads as unset", stack({ pool: { emailConfiguration: "DEVELOPER" } }), m("Email is sent by COGNITO_DEFAULT; use SES (DEVELOPER).")],
            ["a number for the account reads as unset", stack({ pool: { emailConfiguration: { emailSendingAccount: 1 } } }), m("Email is sent by COGNITO_DEFAULT; use SES (DEVELOPER).")]],
        stringTyped: [["\"developer\" reads as DEVELOPER", stack({ pool: { emailConfiguration: [{ emailSendingAccount: "developer" }] } }), []],
            ["\" cognito_default \" reads as COGNITO_DEFAULT", stack({ pool: { emailConfiguration: { emailSendingAccount: " cognito_default " } } }), m("Email is sent by COGNITO_DEFAULT; use SES (DEVELOPER).")]],
        unknown: ["the account", stack({ pool: { emailConfiguration: { emailSendingAccount: unknown } } }), ".emailConfiguration.emailSendingAccount"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-account-recovery": {
        passes: ["email first, phone second", stack({ pool: { accountRecoverySetting: recovery(["verified_phone_number", 2], ["verified_email", 1]) } }), []],
        violates: ["phone first", stack({ pool: { accountRecoverySetting: recovery(["verified_phone_number", 1], ["verified_email", 2]) } }), m("Account recovery tries verified_phone_number (SMS) first (order: verified_phone_number, verified_email).")],
        null: [["unset: Cognito's legacy SMS recovery", stack({ pool: { accountRecoverySetting: null } }), m(recoveryUnset)],
            ["unset priorities: list order", stack({ pool: { accountRecoverySetting: recovery(["verified_email", null], ["verified_phone_number", null]) } }), []]],
        wrongType: [["a string for the setting reads as unset", stack({ pool: { accountRecoverySetting: "verified_email" } }), m(recoveryUnset)],
            ["a number for the mechanisms reads as unset", stack({ pool: { accountRecoverySetting: { recoveryMechanisms: 1 } } }), m(recoveryUnset)]],
        stringTyped: ["priorities \"10\" and \"2\" read as numbers, names in any case", stack({ pool: { accountRecoverySetting: recovery(["Verified_Email", "10"], ["VERIFIED_PHONE_NUMBER", "2"]) } }),
            m("Account recovery tries verified_phone_number (SMS) first (order: verified_phone_number, verified_email).")],
        unknown: ["a mechanism's name", stack({ pool: { accountRecoverySetting: recovery([unknown, 1]) } }), ".accountRecoverySetting.recoveryMechanisms.0.name"],
        notApplicable: { unreadableJson: noDocuments },
    },

    // ---- app clients
    "cognito-user-existence-errors": {
        passes: ["ENABLED", stack(), []],
        violates: ["LEGACY", stack({ client: { preventUserExistenceErrors: "LEGACY" } }), m("preventUserExistenceErrors is LEGACY; it must be ENABLED.")],
        null: ["unset: AWS's LEGACY", stack({ client: { preventUserExistenceErrors: null } }), m("preventUserExistenceErrors is not set (LEGACY); it must be ENABLED.")],
        wrongType: ["true reads as unset", stack({ client: { preventUserExistenceErrors: true } }), m("preventUserExistenceErrors is not set (LEGACY); it must be ENABLED.")],
        stringTyped: [["\"enabled\" reads as ENABLED", stack({ client: { preventUserExistenceErrors: "enabled" } }), []],
            ["\" Legacy \" reads as LEGACY", stack({ client: { preventUserExistenceErrors: " Legacy " } }), m("preventUserExistenceErrors is LEGACY; it must be ENABLED.")]],
        unknown: ["the setting", stack({ client: { preventUserExistenceErrors: unknown } }), ".preventUserExistenceErrors"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-token-revocation": {
        passes: ["on", stack(), []],
        violates: ["off", stack({ client: { enableTokenRevocation: false } }), m("Token revocation is off.")],
        null: ["unset: AWS's default for new clients, on", stack({ client: { enableTokenRevocation: null } }), []],
        wrongType: ["0 reads as unset: on", stack({ client: { enableTokenRevocation: 0 } }), []],
        stringTyped: [["\"false\" reads as false", stack({ client: { enableTokenRevocation: "false" } }), m("Token revocation is off.")],
            ["\" FALSE \" reads as false", stack({ client: { enableTokenRevocation: " FALSE " } }), m("Token revocation is off.")],
            ["\"True\" reads as true", stack({ client: { enableTokenRevocation: "True" } }), []]],
        unknown: ["the setting", stack({ client: { enableTokenRevocation: unknown } }), ".enableTokenRevocation"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-token-validity": {
        passes: ["60 minutes, 30 days", stack(), []],
        violates: ["2 hours and 90 days", stack({ client: { accessTokenValidity: 2, idTokenValidity: 1, refreshTokenValidity: 90, tokenValidityUnits: { accessToken: "hours", idToken: "hours", refreshToken: "days" } } }),
            m("Access tokens live 120 minutes; at most 60 are allowed.", "Refresh tokens live 90 days; at most 30 are allowed.")],
        null: ["unset validities and units: AWS's 1 hour and 30 days", stack({ client: { accessTokenValidity: null, idTokenValidity: null, refreshTokenValidity: null, tokenValidityUnits: null } }), []],
        wrongType: [["a string for the units block reads as unset: 60 means 60 hours", stack({ client: { tokenValidityUnits: "minutes" } }), m("Access tokens live 3600 minutes; at most 60 are allowed.", "ID tokens live 3600 minutes; at most 60 are allowed.")],
            ["an object for a validity reads as unset: 1 hour", stack({ client: { accessTokenValidity: { value: 600 } } }), []]],
        stringTyped: ["\"120\" and \"Minutes\" read as 120 minutes", stack({ client: { accessTokenValidity: "120", tokenValidityUnits: { accessToken: "Minutes", idToken: "MINUTES", refreshToken: " days " } } }), m("Access tokens live 120 minutes; at most 60 are allowed.")],
        unknown: ["the access token validity", stack({ client: { accessTokenValidity: unknown } }), ".accessTokenValidity"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-no-implicit-grant": {
        passes: ["code flow", stack(), []],
        violates: ["implicit allowed", stack({ client: { allowedOauthFlows: ["code", "implicit"] } }), m("The implicit grant is allowed.")],
        null: ["unset: no OAuth flow", stack({ client: { allowedOauthFlows: null } }), []],
        wrongType: ["an object reads as no flow", stack({ client: { allowedOauthFlows: { implicit: true } } }), []],
        stringTyped: ["\"IMPLICIT\", one string for a list of one", stack({ client: { allowedOauthFlows: "IMPLICIT" } }), m("The implicit grant is allowed.")],
        unknown: ["the flows", stack({ client: { allowedOauthFlows: unknown } }), ".allowedOauthFlows"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-no-plain-password-flow": {
        passes: [["SRP only", stack(), []],
            ["a client with a secret may send the password", stack({ client: { generateSecret: true, explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] } }), []]],
        violates: ["a public client with USER_PASSWORD_AUTH", stack({ client: { explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"] } }), m("A client without a secret allows ALLOW_USER_PASSWORD_AUTH.")],
        null: ["unset: AWS's SRP, custom and refresh flows", stack({ client: { explicitAuthFlows: null } }), []],
        wrongType: [["a number for the flows reads as none", stack({ client: { explicitAuthFlows: 7 } }), []],
            ["1 for generateSecret reads as unset: no secret", stack({ client: { generateSecret: 1, explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] } }), m("A client without a secret allows ALLOW_USER_PASSWORD_AUTH.")]],
        stringTyped: [["\"true\" reads as a secret", stack({ client: { generateSecret: "true", explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] } }), []],
            ["\"false\" reads as no secret; flows in any case", stack({ client: { generateSecret: "false", explicitAuthFlows: ["allow_user_password_auth"] } }), m("A client without a secret allows allow_user_password_auth.")]],
        unknown: ["the flows", stack({ client: { explicitAuthFlows: unknown } }), ".explicitAuthFlows"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-callback-urls": {
        passes: [["https callback and sign-out URLs", stack(), []],
            ["a client_credentials-only client redirects nobody", stack({ client: { allowedOauthFlows: ["client_credentials"], callbackUrls: ["http://localhost:3000/cb"] } }), []],
            ["a client without OAuth redirects nobody", stack({ client: { allowedOauthFlowsUserPoolClient: false, callbackUrls: ["http://localhost:3000/cb"] } }), []]],
        violates: ["http, a wildcard, localhost, a fragment", stack({ client: { callbackUrls: ["http://news.example.com/cb", "https://*.example.com/cb", "http://localhost:3000/cb"], logoutUrls: ["https://news.example.com/#out"] } }),
            m("The callback URL http://news.example.com/cb is not https.", "The callback URL https://*.example.com/cb has a wildcard.", "The callback URL http://localhost:3000/cb points at localhost.", "The sign-out URL https://news.example.com/#out has a fragment.")],
        null: ["unset lists and null entries: no URL", stack({ client: { callbackUrls: null, logoutUrls: [null, "https://news.example.com/"] } }), []],
        wrongType: [["a number is not a URL", stack({ client: { callbackUrls: 42 } }), m("The callback URL 42 is not a string.")],
            ["an object is not a URL", stack({ client: { logoutUrls: [{ url: "https://news.example.com/" }] } }), m(`The sign-out URL {"url":"https://news.example.com/"} is not a string.`)],
            ["one string is a list of one URL", stack({ client: { callbackUrls: "http://news.example.com/cb" } }), m("The callback URL http://news.example.com/cb is not https.")]],
        stringTyped: ["scheme and host in another case", stack({ client: { callbackUrls: ["HTTPS://News.Example.com/cb", "HTTP://LOCALHOST/cb"] } }), m("The callback URL HTTP://LOCALHOST/cb points at localhost.")],
        unknown: ["one URL", stack({ client: { callbackUrls: ["https://news.example.com/cb", unknown] } }), ".callbackUrls.1"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-custom-attribute-writes": {
        passes: ["standard attributes only", stack(), []],
        violates: [["custom:tenant writable", stack({ client: { writeAttributes: ["email", "custom:tenant"] } }), m("Users can write custom:tenant through this client.")],
            ["writeAttributes unset: every custom attribute of the pool, developer-only ones aside", stack({ client: { writeAttributes: undefined }, pool: { schemas: customSchema } }), m(everyCustom)]],
        null: [["unset, and the pool has no custom attribute: nothing custom to write", stack({ client: { writeAttributes: null } }), []],
            ["unset, the pool's custom attributes", stack({ client: { writeAttributes: null }, pool: { schemas: customSchema } }), m(everyCustom)]],
        wrongType: [["a number reads as unset: the pool has no custom attribute", stack({ client: { writeAttributes: 42 } }), []],
            ["an object reads as unset: every custom attribute of the pool", stack({ client: { writeAttributes: { "custom:tenant": true } }, pool: { schemas: customSchema } }), m(everyCustom)],
            ["a schema entry without a name names nothing", stack({ client: { writeAttributes: null }, pool: { schemas: [{ attributeDataType: "String" }, 7, null] } }), []]],
        stringTyped: ["the prefix in another case, one string for a list of one", stack({ client: { writeAttributes: "Custom:Tenant" } }), m("Users can write Custom:Tenant through this client.")],
        unknown: ["an attribute", stack({ client: { writeAttributes: ["email", unknown] } }), ".writeAttributes.1"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-verified-flag-writes": {
        passes: [["standard attributes only", stack(), []], ["unset: Cognito's default leaves the flags out", stack({ client: { writeAttributes: null } }), []]],
        violates: ["email_verified writable", stack({ client: { writeAttributes: ["name", "email", "email_verified"] } }), m("Users can mark their own email_verified through this client: a contact they never proved passes as verified.")],
        null: ["a null entry is skipped", stack({ client: { writeAttributes: [null, "phone_number_verified"] } }), m("Users can mark their own phone_number_verified through this client: a contact they never proved passes as verified.")],
        wrongType: ["a number reads as unset", stack({ client: { writeAttributes: 42 } }), []],
        stringTyped: ["one string in another case is a list of one", stack({ client: { writeAttributes: " Email_Verified " } }), m("Users can mark their own Email_Verified through this client: a contact they never proved passes as verified.")],
        unknown: ["an attribute", stack({ client: { writeAttributes: ["email", unknown] } }), ".writeAttributes.1"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-write-attributes-explicit": {
        passes: ["listed", stack(), []],
        violates: ["not listed", stack({ client: { writeAttributes: undefined } }), a(noWriteAttributes)],
        null: ["null is unset", stack({ client: { writeAttributes: null } }), a(noWriteAttributes)],
        wrongType: [["a number reads as unset", stack({ client: { writeAttributes: 42 } }), a(noWriteAttributes)],
            ["a list of nothing readable reads as unset", stack({ client: { writeAttributes: [null, 7, ""] } }), a(noWriteAttributes)]],
        unknown: ["the list", stack({ client: { writeAttributes: unknown } }), ".writeAttributes"],
        notApplicable: { stringTyped: "reads attribute names only, no boolean, number or enum", unreadableJson: noDocuments },
    },
    "cognito-refresh-token-rotation": {
        passes: [["rotation ENABLED", stack(), []],
            ["a client with a secret needs none", stack({ client: { generateSecret: true, refreshTokenRotation: null } }), []]],
        violates: ["DISABLED on a public client", stack({ client: { refreshTokenRotation: { feature: "DISABLED" } } }), a("Refresh-token rotation is DISABLED on a client without a secret.")],
        null: ["unset: AWS's DISABLED", stack({ client: { refreshTokenRotation: null } }), a("Refresh-token rotation is not set (DISABLED) on a client without a secret.")],
        wrongType: ["a string for the block reads as unset", stack({ client: { refreshTokenRotation: "ENABLED" } }), a("Refresh-token rotation is not set (DISABLED) on a client without a secret.")],
        stringTyped: [["\"enabled\" reads as ENABLED", stack({ client: { refreshTokenRotation: [{ feature: "enabled" }] } }), []],
            ["\"TRUE\" reads as a secret", stack({ client: { generateSecret: "TRUE", refreshTokenRotation: null } }), []]],
        unknown: ["the feature", stack({ client: { refreshTokenRotation: { feature: unknown } } }), ".refreshTokenRotation.feature"],
        notApplicable: { unreadableJson: noDocuments },
    },

    // ---- the identity pool and its roles
    "cognito-guest-access": {
        passes: [["no guests", stack(), []], ["guests where the stage allows them", stack({ guests: true }), [], { allowGuests: true }]],
        violates: [["guests", stack({ guests: true }), m("Guests (unauthenticated identities) are allowed.")],
            ["guests on an aws-native identity pool", nativeStack({ guests: true }), m("Guests (unauthenticated identities) are allowed.")]],
        null: ["unset: AWS's false", stack({ guests: null }), []],
        wrongType: ["1 reads as unset: false", stack({ guests: 1 }), []],
        stringTyped: [["\"TRUE\" reads as true", stack({ guests: "TRUE" }), m("Guests (unauthenticated identities) are allowed.")], ["\"false\" reads as false", stack({ guests: "false" }), []]],
        unknown: ["the setting", stack({ guests: unknown }), ".allowUnauthenticatedIdentities"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-classic-flow": {
        passes: ["off", stack(), []],
        violates: [["on", stack({ ids: { allowClassicFlow: true } }), m("The classic flow is allowed.")],
            ["CloudWatch RUM's shape with a second action: the role can do more than send events", rumStack({ policy: doc({ Effect: "Allow", Action: ["rum:PutRumEvents", "rum:GetAppMonitor"], Resource: `arn:aws:rum:eu-central-1:${account}:appmonitor/news` }) }), m("The classic flow is allowed.")],
            ["CloudWatch RUM's shape with a sign-in provider: not guest-only", rumStack({ ids: { cognitoIdentityProviders: [{ clientId: "client1", providerName: provider }] } }), m("The classic flow is allowed.")],
            ["CloudWatch RUM's shape with a second role whose trust names the pool: a client could pick it", [...rumStack(), resource(T.role, { name: "picked", arn: arn("picked"), assumeRolePolicy: trust("unauthenticated") }, { name: "picked" })], m("The classic flow is allowed.")],
            ["CloudWatch RUM's shape with a second role whose aud is a wildcard matching the pool: a client could pick it", [...rumStack(), resource(T.role, { name: "picked", arn: arn("picked"), assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "cognito-identity.amazonaws.com:aud": "eu-central-1:*" } } }) }, { name: "picked" })], m("The classic flow is allowed.")]],
        null: [["unset: AWS's false", stack({ ids: { allowClassicFlow: null } }), []],
            ["CloudWatch RUM's shape (guest-only, one narrow action) is cognito-classic-flow-guest-only's advice", rumStack(), []]],
        wrongType: ["an object reads as unset: false", stack({ ids: { allowClassicFlow: { enabled: true } } }), []],
        stringTyped: [["\" True \" reads as true", stack({ ids: { allowClassicFlow: " True " } }), m("The classic flow is allowed.")], ["\"FALSE\" reads as false", stack({ ids: { allowClassicFlow: "FALSE" } }), []],
            ["CloudFormation's \"true\" on an aws-native identity pool", nativeStack({ ids: { allowClassicFlow: "true" } }), m("The classic flow is allowed.")]],
        unknown: ["the setting", stack({ ids: { allowClassicFlow: unknown } }), ".allowClassicFlow"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-classic-flow-guest-only": {
        passes: [["classic flow off", stack(), []], ["RUM's shape with the classic flow off", rumStack({ ids: { allowClassicFlow: false } }), []]],
        violates: [["CloudWatch RUM's setup: guest-only, one role that may only send events", rumStack(), a(rumAdvice())],
            ["one action on every app monitor (\"*\") is still one action: where it applies is the privilege rules' business", rumStack({ policy: doc({ Effect: "Allow", Action: "rum:PutRumEvents", Resource: "*" }) }), a(rumAdvice())]],
        null: [["no sign-in provider lists at all: still guest-only", rumStack({ ids: { cognitoIdentityProviders: null, supportedLoginProviders: null, openidConnectProviderArns: null } }), a(rumAdvice())],
            ["no policy document: the role may do nothing, which is no narrow action either", rumStack({ policy: null }), []]],
        wrongType: [["a number for the policy: cannot be read, so not known to be narrow (cognito-classic-flow refuses it)", rumStack({ policy: 42 }), []],
            ["an action wildcard is not narrow", rumStack({ policy: doc({ Effect: "Allow", Action: "rum:Put*", Resource: `arn:aws:rum:eu-central-1:${account}:appmonitor/news` }) }), []]],
        stringTyped: ["\"TRUE\" for guests and the classic flow", rumStack({ ids: { allowUnauthenticatedIdentities: "TRUE", allowClassicFlow: " true " } }), a(rumAdvice())],
        unknown: ["the role's policy", rumStack({ policy: unknown }), ".policy"],
        unreadableJson: ["not JSON: not known to be narrow", rumStack({ policy: "not json {" }), []],
    },
    "cognito-role-trust": {
        passes: [["each role trusts this pool and its slot", stack({ guests: true }), []],
            ["aws-native roles, trust documents as objects", nativeStack({ guests: true }), []]],
        violates: [["the signed-in role accepts guests of another pool", stack({ authTrust: trust(["authenticated", "unauthenticated"], "eu-central-1:9999") }),
            m(`The authenticated role auth does not require aud = ${idsId} (has ["eu-central-1:9999"]).`, `The authenticated role auth does not require amr = authenticated (has ["authenticated","unauthenticated"]).`)],
            ["a role attached nowhere trusts cognito-identity with amr but no aud", stack({ extra: [resource(T.role, { name: "loose", arn: arn("loose"), assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } } }) }, { name: "loose" })] }),
                m("The role loose trusts cognito-identity.amazonaws.com without requiring cognito-identity.amazonaws.com:aud to be one identity pool's id, so the users of any identity pool, in any account, can assume it.")],
            ["an SMS role trusting cognito-idp with an external id but no source account", stack({ extra: [resource(T.role, { name: "sms", arn: arn("sms"), assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "news-sms" } } }) }, { name: "sms" })] }),
                m("The role sms trusts cognito-idp.amazonaws.com without requiring aws:SourceAccount or aws:SourceArn naming this account, so another account's user pool can make Cognito act as it (a confused deputy).")],
            ["conditions that require nothing of a caller who leaves the key out or sends another: ...IfExists, a negation, ForAllValues", stack({ extra: [
                resource(T.role, { name: "sms", arn: arn("sms"), assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEqualsIfExists: { "sts:ExternalId": "news-sms" }, StringNotEquals: { "aws:SourceAccount": "999999999999" }, ArnLike: { "aws:SourceArn": `arn:aws:cognito-idp:eu-central-1:${account}:userpool/*` } } }) }, { name: "sms" }),
                resource(T.role, { name: "loose", arn: arn("loose"), assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { "ForAllValues:StringEquals": { "cognito-identity.amazonaws.com:aud": idsId } } }) }, { name: "loose" }),
            ] }), m("The role sms trusts cognito-idp.amazonaws.com without requiring sts:ExternalId, so another account's user pool can make Cognito act as it (a confused deputy).",
                "The role loose trusts cognito-identity.amazonaws.com without requiring cognito-identity.amazonaws.com:aud to be one identity pool's id, so the users of any identity pool, in any account, can assume it.")],
            ["an SMS role whose source account is another account than its own", stack({ extra: [resource(T.role, { name: "sms", arn: arn("sms"), assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "news-sms", "aws:SourceAccount": "999999999999" } } }) }, { name: "sms" })] }),
                m("The role sms trusts cognito-idp.amazonaws.com without requiring aws:SourceAccount or aws:SourceArn naming this account, so another account's user pool can make Cognito act as it (a confused deputy).")],
            ["policy variables, which take the caller's own value, as the aud and the external id", stack({ extra: [
                resource(T.role, { name: "sms", arn: arn("sms"), assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "cognito-idp.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "${sts:ExternalId}", "aws:SourceAccount": account } } }) }, { name: "sms" }),
                resource(T.role, { name: "loose", arn: arn("loose"), assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": "${cognito-identity.amazonaws.com:aud}" } } }) }, { name: "loose" }),
            ] }), m("The role sms trusts cognito-idp.amazonaws.com without requiring sts:ExternalId, so another account's user pool can make Cognito act as it (a confused deputy).",
                "The role loose trusts cognito-identity.amazonaws.com without requiring cognito-identity.amazonaws.com:aud to be one identity pool's id, so the users of any identity pool, in any account, can assume it.")]],
        null: ["no trust policy: nobody is allowed in", stack({ authTrust: null }), m("The authenticated role auth has no Allow statement.")],
        wrongType: [["a number is not a document", stack({ authTrust: 42 }), m("The authenticated role auth has a trust policy that cannot be read (not a JSON object); check it by hand.")],
            ["a number for the Statement is not a statement", stack({ authTrust: { Statement: 42 } }), m("The authenticated role auth has a trust policy that cannot be read (statement 1 is not an object); check it by hand.")]],
        stringTyped: ["the amr operator and key in another case", stack({ authTrust: doc({ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": idsId }, "forAnyValue:stringLike": { "Cognito-Identity.amazonaws.com:AMR": "authenticated" } } }) }), []],
        unknown: [["the trust policy", stack({ authTrust: unknown }), ".assumeRolePolicy"],
            ["an aws-native role's trust policy, at the name the program wrote", nativeStack({ authTrust: unknown }), ".assumeRolePolicyDocument"]],
        unreadableJson: [["not JSON", stack({ authTrust: "not json {" }), m("The authenticated role auth has a trust policy that cannot be read (not valid JSON); check it by hand.")],
            ["an aws-native trust given as a string that is not JSON", nativeStack({ authTrust: "not json {" }), m("The authenticated role auth has a trust policy that cannot be read (not valid JSON); check it by hand.")]],
    },
    "cognito-guest-role-privilege": {
        passes: [["named actions on named resources", stack({ guests: true }), []],
            ["actions IAM cannot scope, on \"*\" as they must be", stack({ guests: true, guestPolicy: doc({ Effect: "Allow", Action: ["polly:SynthesizeSpeech", "cognito-identity:GetId"], Resource: "*" }) }), []]],
        violates: ["s3:* on every resource", stack({ guests: true, guestPolicy: doc({ Effect: "Allow", Action: ["s3:*", "mobiletargeting:PutEvents"], Resource: "*" }) }),
            m("The guest role guest allows s3:*.", `The guest role guest allows actions on every resource ("*").`)],
        null: [["guests unset: AWS's false, the role is unused (cognito-unused-guest-role's)", stack({ guests: null, guestPolicy: everything }), []],
            ["no policy document: grants nothing", stack({ guests: true, guestPolicy: null }), []]],
        wrongType: [["1 for guests reads as unset: unused", stack({ guests: 1, guestPolicy: everything }), []],
            ["a number is not a document", stack({ guests: true, guestPolicy: 42 }), m("The guest role guest has role policy guest-grants, which cannot be read: not a JSON object.")]],
        stringTyped: [["\"TRUE\" reads as true: the grants are judged", stack({ guests: "TRUE", guestPolicy: everything }), m("The guest role guest allows *.", `The guest role guest allows actions on every resource ("*").`)],
            ["\" false \" reads as false: unused", stack({ guests: " false ", guestPolicy: everything }), []]],
        unknown: ["the guest role's policy", stack({ guests: true, guestPolicy: unknown }), ".policy"],
        unreadableJson: ["not JSON", stack({ guests: true, guestPolicy: "not json {" }), m("The guest role guest has role policy guest-grants, which cannot be read: not valid JSON.")],
    },
    "cognito-unused-guest-role": {
        passes: [["guests allowed: the guest role is live", stack({ guests: true }), []], ["no guest role", stack(), []]],
        violates: ["a guest role with every action, guests off", stack({ guests: false, guestPolicy: everything }), a(unused("false", everyThen))],
        null: [["guests unset: AWS's false", stack({ guests: null, guestPolicy: everything }), a(unused("unset", everyThen))],
            ["no policy document: nothing would fail, but anyone would get it", stack({ guests: false, guestPolicy: null }), a(unused("false"))]],
        wrongType: ["1 for guests reads as unset", stack({ guests: 1 }), a(unused("1"))],
        stringTyped: [["\" false \" reads as false", stack({ guests: " false ", guestPolicy: null }), a(unused(" false "))], ["\"TRUE\" reads as true: live", stack({ guests: "TRUE" }), []]],
        unknown: ["the setting", stack({ guests: unknown }), ".allowUnauthenticatedIdentities"],
        unreadableJson: ["a guest policy that is not JSON", stack({ guests: false, guestPolicy: "not json {" }), a(unused("false", "once guests are turned on it becomes a mandatory finding: it has role policy guest-grants, which cannot be read: not valid JSON"))],
    },
    "cognito-identity-role-privilege": {
        passes: [["own files only, guests too", stack({ guests: true }), []],
            ["the same as aws-native roles (policies [{ policyName, policyDocument }])", nativeStack({ guests: true }), []]],
        violates: [["a scan, unscoped items, a wildcard", stack({ authPolicy: doc({ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Scan", "s3:Get*"], Resource: `arn:aws:dynamodb:eu-central-1:${account}:table/news` }) }),
            m("The authenticated role auth: role policy auth-grants allows the partial wildcard action(s) s3:Get*.",
                "The authenticated role auth: role policy auth-grants allows dynamodb:GetItem without a dynamodb:LeadingKeys condition.",
                "The authenticated role auth: role policy auth-grants allows dynamodb:Scan, which reads every item of a table.",
                "The authenticated role auth: role policy auth-grants allows the S3 ACL or bucket-policy action(s) s3:GetObjectAcl, s3:GetObjectVersionAcl, s3:GetBucketAcl, s3:GetBucketPolicy, s3:GetBucketPolicyStatus.")],
            ["everything, in an aws-native role's inline policy", nativeStack({ authPolicy: json(everything) }),
                m(`The authenticated role auth: inline policy "auth-grants" allows the wildcard action(s) *.`, `The authenticated role auth: inline policy "auth-grants" allows * on every resource ("*").`)]],
        null: [["no policy document: grants nothing", stack({ authPolicy: null }), []],
            ["guests unset: AWS's false, the guest role is handed to nobody", stack({ guests: null, guestPolicy: everything }), []]],
        wrongType: [["a number is not a document", stack({ authPolicy: 42 }), m("The authenticated role auth: role policy auth-grants cannot be read (not a JSON object); check it by hand.")],
            ["a number for an Action", stack({ authPolicy: doc({ Effect: "Allow", Action: 7, Resource: "*" }) }), m("The authenticated role auth: role policy auth-grants cannot be read (Action of statement 1 is neither a string nor a list of strings); check it by hand.")],
            ["1 for guests reads as unset: the guest role is handed to nobody", stack({ guests: 1, guestPolicy: everything }), []],
            ["a number is not an aws-native role's document either", nativeStack({ authPolicy: 42 }), m(`The authenticated role auth: inline policy "auth-grants" cannot be read (not a JSON object); check it by hand.`)]],
        stringTyped: ["\"True\" reads as true: the guest role is judged", stack({ guests: "True", guestPolicy: everything }),
            m("The guest role guest: role policy guest-grants allows the wildcard action(s) *.", `The guest role guest: role policy guest-grants allows * on every resource ("*").`)],
        unknown: [["a policy", stack({ authPolicy: unknown }), ".policy"],
            ["an aws-native role's policy document, at the name the program wrote", nativeStack({ authPolicy: unknown }), ".policies.0.policyDocument"]],
        unreadableJson: ["not JSON", stack({ authPolicy: "not json {" }), m("The authenticated role auth: role policy auth-grants cannot be read (not valid JSON); check it by hand.")],
    },
    "cognito-role-outside-stack": {
        passes: [["every role in the stack", stack({ guests: true }), []], ["every aws-native role in the stack", nativeStack({ guests: true }), []]],
        violates: [["a role of another stack", stack({ attachment: { roles: { authenticated: arn("shared") } } }), a(`The authenticated role ${arn("shared")} is outside this stack, so its trust and grants cannot be checked.`)],
            ["a managed policy of another stack", stack({ authPolicy: null, attachment: { roles: { authenticated: arn("auth") }, roleMappings: null } }).concat(resource(T.rolePolicyAttachment, { role: "auth", policyArn: `arn:aws:iam::${account}:policy/shared-read` }, { name: "shared-read" })),
                a(`The authenticated role auth: managed policy arn:aws:iam::${account}:policy/shared-read is outside this stack and cannot be checked.`)]],
        null: [["a null slot names no role", stack({ attachment: { roles: { authenticated: null } } }), []],
            ["guests unset: the guest role of another stack is handed to nobody", stack({ guests: null, attachment: { roles: { authenticated: arn("auth"), unauthenticated: arn("shared-guest") } } }), []]],
        wrongType: [["a string for the roles map names no role", stack({ attachment: { roles: arn("shared"), roleMappings: null } }), []],
            ["a number for a role is named as it is", stack({ attachment: { roles: { authenticated: 42 } } }), a("The authenticated role 42 is outside this stack, so its trust and grants cannot be checked.")]],
        stringTyped: [["\"TRUE\" reads as true: the guest role counts", stack({ guests: "TRUE", attachment: { roles: { authenticated: arn("auth"), unauthenticated: arn("shared-guest") } } }), a(`The guest role ${arn("shared-guest")} is outside this stack, so its trust and grants cannot be checked.`)],
            ["\"false\" reads as false: it does not", stack({ guests: "false", attachment: { roles: { authenticated: arn("auth"), unauthenticated: arn("shared-guest") } } }), []]],
        unknown: ["a role ARN", stack({ attachment: { roles: { authenticated: unknown } } }), ".roles.authenticated"],
        notApplicable: { unreadableJson: "judges where roles and policies live, not their documents (cognito-identity-role-privilege reports one it cannot read)" },
    },
    "cognito-role-mapping": {
        passes: [["Equals on cognito:groups, Deny", stack(), []], ["the same in an aws-native attachment (a map by provider)", nativeStack(), []]],
        violates: [["a fallback role and a loose match on a claim users write", stack({ client: { writeAttributes: ["email", "custom:tier"] }, attachment: { roleMappings: editorsMapping({ ambiguousRoleResolution: "AuthenticatedRole" }, { claim: "custom:tier", matchType: "StartsWith" }) } }),
            m(`${mapping}: ambiguousRoleResolution is AuthenticatedRole, not Deny, so a user no rule matches still gets a role.`,
                `${mapping}: rule 1 picks a role from the claim custom:tier, which is set by users through client web (in its writeAttributes); whoever sets it chooses the role.`,
                `${mapping}: rule 1 matches custom:tier with StartsWith, which also matches values nobody meant; use Equals.`)],
            ["a loose match in an aws-native attachment's rulesConfiguration", nativeStack({ attachment: { roleMappings: nativeMapping({ matchType: "Contains" }) } }),
                m(`${mapping}: rule 1 matches cognito:groups with Contains, which also matches values nobody meant; use Equals.`)]],
        null: [["an unset fallback is not Deny", stack({ attachment: { roleMappings: editorsMapping({ ambiguousRoleResolution: null }) } }), m(`${mapping}: ambiguousRoleResolution is not set, not Deny, so a user no rule matches still gets a role.`)],
            ["no role mappings", stack({ attachment: { roleMappings: null } }), []]],
        wrongType: [["a number for the rules is not a rule", stack({ attachment: { roleMappings: editorsMapping({ mappingRules: 42 }) } }), m(`${mapping}: rule 1 is 42, not a mapping rule; check it by hand.`)],
            ["true for the fallback reads as unset", stack({ attachment: { roleMappings: editorsMapping({ ambiguousRoleResolution: true }) } }), m(`${mapping}: ambiguousRoleResolution is not set, not Deny, so a user no rule matches still gets a role.`)]],
        stringTyped: ["\"rules\", \"deny\" and \"starts_with\" read as Rules, Deny and StartsWith", stack({ attachment: { roleMappings: editorsMapping({ type: "rules", ambiguousRoleResolution: "deny" }, { matchType: "starts_with" }) } }),
            m(`${mapping}: rule 1 matches cognito:groups with StartsWith, which also matches values nobody meant; use Equals.`)],
        unknown: [["a match type", stack({ attachment: { roleMappings: editorsMapping({}, { matchType: unknown }) } }), ".roleMappings.0.mappingRules.0.matchType"],
            ["a match type in an aws-native attachment", nativeStack({ attachment: { roleMappings: nativeMapping({ matchType: unknown }) } }), `.roleMappings.${provider}:client1.rulesConfiguration.rules.0.matchType`]],
        notApplicable: { unreadableJson: noDocuments },
    },

    // ---- rules over the stack: deletion, threat protection, triggers
    "cognito-deletion-protection": {
        passes: ["ACTIVE and protected", stack(), []],
        violates: ["INACTIVE, not protected", stack({ pool: { deletionProtection: "INACTIVE" }, protect: false }), m("The user pool pool has deletion protection INACTIVE.", "The user pool pool is not protected (resource option protect).")],
        null: ["unset: AWS's INACTIVE", stack({ pool: { deletionProtection: null } }), m("The user pool pool has deletion protection INACTIVE.")],
        wrongType: ["true reads as unset: INACTIVE", stack({ pool: { deletionProtection: true } }), m("The user pool pool has deletion protection INACTIVE.")],
        stringTyped: ["\"active\" reads as ACTIVE", stack({ pool: { deletionProtection: "active" } }), []],
        unknown: ["the setting", stack({ pool: { deletionProtection: unknown } }), ".deletionProtection"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-threat-protection": {
        passes: ["ENFORCED, compromised credentials and high risk blocked", stack(), []],
        violates: ["high risk let through, a /8 skipped", stack({ risk: { accountTakeoverRiskConfiguration: { actions: { highAction: { eventAction: "MFA_IF_CONFIGURED", notify: true } } }, riskExceptionConfiguration: { skippedIpRangeList: ["10.0.0.0/8", "192.0.2.10/32"] } } }),
            a("The risk configuration risk lets high-risk sign-ins through (account-takeover highAction is MFA_IF_CONFIGURED, not BLOCK).",
                "The risk configuration risk skips threat protection for 10.0.0.0/8: ranges wider than /16 (IPv4) or /48 (IPv6) exempt far too many sign-ins.")],
        null: [["unset mode: OFF", stack({ pool: { userPoolAddOns: null } }), a("Threat protection of the user pool pool is OFF, not ENFORCED.")],
            ["unset compromised-credentials action: not blocked", stack({ risk: { compromisedCredentialsRiskConfiguration: { actions: { eventAction: null } } } }), a("The user pool pool does not block compromised credentials (no risk configuration with eventAction BLOCK).")]],
        wrongType: [["a string for the add-ons block reads as unset: OFF", stack({ pool: { userPoolAddOns: "ENFORCED" } }), a("Threat protection of the user pool pool is OFF, not ENFORCED.")],
            ["a number for the skipped ranges skips none", stack({ risk: { riskExceptionConfiguration: { skippedIpRangeList: 8 } } }), []]],
        stringTyped: ["\"enforced\", \"block\" and \"/8\" as text", stack({ pool: { userPoolAddOns: { advancedSecurityMode: "enforced" } }, risk: { compromisedCredentialsRiskConfiguration: { actions: { eventAction: "block" } }, accountTakeoverRiskConfiguration: { actions: { highAction: { eventAction: " Block " } } }, riskExceptionConfiguration: { skippedIpRangeList: "10.0.0.0/8" } } }),
            a("The risk configuration risk skips threat protection for 10.0.0.0/8: ranges wider than /16 (IPv4) or /48 (IPv6) exempt far too many sign-ins.")],
        unknown: ["the mode", stack({ pool: { userPoolAddOns: { advancedSecurityMode: unknown } } }), ".userPoolAddOns.advancedSecurityMode"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-trigger-permission": {
        passes: ["the pool's ARN as source", stack(), []],
        violates: [["no sourceArn", stack({ permission: { sourceArn: undefined } }), m("The permission has no sourceArn.")],
            ["every pool's ARN", stack({ permission: { sourceArn: `arn:aws:cognito-idp:eu-central-1:${account}:userpool/*` } }), m(`The sourceArn arn:aws:cognito-idp:eu-central-1:${account}:userpool/* is not a user pool ARN.`)]],
        null: ["unset sourceArn: any pool may invoke", stack({ permission: { sourceArn: null } }), m("The permission has no sourceArn.")],
        wrongType: ["a list for the ARN reads as unset", stack({ permission: { sourceArn: [poolArn] } }), m("The permission has no sourceArn.")],
        stringTyped: ["the principal in another case", stack({ permission: { principal: " Cognito-IDP.amazonaws.com ", sourceArn: null } }), m("The permission has no sourceArn.")],
        unknown: ["the source ARN", stack({ permission: { sourceArn: unknown } }), ".sourceArn"],
        notApplicable: { unreadableJson: noDocuments },
    },
    "cognito-trigger-timeout": {
        passes: ["5 seconds", stack(), []],
        violates: ["30 seconds", stack({ fn: { timeout: 30 } }), a("The trigger pre-sign-up times out after 30 s; Cognito waits 5 s.")],
        null: ["unset: Lambda's 3 seconds", stack({ fn: { timeout: null } }), []],
        wrongType: [["a list for the timeout reads as unset: 3 seconds", stack({ fn: { timeout: [30] } }), []],
            ["a string for lambdaConfig wires no trigger", stack({ fn: { timeout: 30 }, pool: { lambdaConfig: fnArn } }), []]],
        stringTyped: ["\"30\" reads as 30", stack({ fn: { timeout: "30" } }), a("The trigger pre-sign-up times out after 30 s; Cognito waits 5 s.")],
        unknown: ["the timeout", stack({ fn: { timeout: unknown } }), ".timeout"],
        notApplicable: { unreadableJson: noDocuments },
    },

    "cognito-trigger-role-privilege": {
        passes: ["calls on its own pool, its own logs", stack(), []],
        violates: [["AdministratorAccess attached", stack({ triggerRole: { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] } }), m(`${triggerRole}: the AWS managed policy AdministratorAccess allows every action ("*").`)],
            ["Cognito admin calls on every pool, AmazonCognitoPowerUser and a *FullAccess policy attached", stack({
                triggerPolicy: doc({ Effect: "Allow", Action: ["cognito-idp:AdminCreateUser", "cognito-idp:Admin*"], Resource: `arn:aws:cognito-idp:eu-central-1:${account}:userpool/*` }),
                extra: [resource(T.rolePolicyAttachment, { role: "pre-sign-up-role", policyArn: "arn:aws:iam::aws:policy/AmazonCognitoPowerUser" }, { name: "power" }), resource(T.rolePolicyAttachment, { role: arn("pre-sign-up-role"), policyArn: "arn:aws:iam::aws:policy/AmazonEC2FullAccess" }, { name: "ec2" })],
            }), m(`${triggerRole}: role policy pre-sign-up-role-grants allows cognito-idp:AdminCreateUser, cognito-idp:Admin* on every user pool (arn:aws:cognito-idp:eu-central-1:${account}:userpool/*).`,
                `${triggerRole}: the AWS managed policy AmazonCognitoPowerUser allows cognito-identity:*, cognito-idp:*, cognito-sync:* on every resource ("*").`,
                `${triggerRole}: the AWS managed policy AmazonEC2FullAccess grants every action of its service on every resource (an AWS managed *FullAccess policy).`)],
            ["every action but IAM (NotAction), in an inline policy", stack({ triggerRole: { inlinePolicies: [{ name: "almost-all", policy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }] } }), m(`${triggerRole}: inline policy "almost-all" allows every action but iam:* (NotAction).`)]],
        null: [["the function names no role", stack({ fn: { role: null } }), []], ["no policy document: grants nothing", stack({ triggerPolicy: null }), []]],
        wrongType: [["a number for the role names none", stack({ fn: { role: 42 } }), []],
            ["a number is not a document", stack({ triggerPolicy: 42 }), m(`${triggerRole}: role policy pre-sign-up-role-grants cannot be read (not a JSON object); check it by hand.`)]],
        stringTyped: ["one action, in another case, on \"*\"", stack({ triggerPolicy: doc({ Effect: "Allow", Action: "Cognito-IDP:adminSetUserPassword", Resource: "*" }) }), m(`${triggerRole}: role policy pre-sign-up-role-grants allows Cognito-IDP:adminSetUserPassword on every user pool ("*").`)],
        unknown: ["the role's policy", stack({ triggerPolicy: unknown }), ".policy"],
        unreadableJson: ["not JSON", stack({ triggerPolicy: "not json {" }), m(`${triggerRole}: role policy pre-sign-up-role-grants cannot be read (not valid JSON); check it by hand.`)],
    },
    "cognito-trigger-wiring": {
        passes: [["this stack's function, no gate", stack(), []],
            ["a gated client, the same gate in token generation", stack(gated({ requiredGroups: { admin: ["admins", "editors"] } })), []],
            ["token generation stricter than pre authentication", stack(gated({ requiredGroups: { admin: ["admins"] } })), []],
            ["the gate in token generation alone (no pre authentication function)", stack({ pool: { lambdaConfig: { preTokenGenerationConfig: { lambdaArn: fnOf("pre-token") } } }, extra: [trigger("pre-token", { requiredGroups: { admin: ["admins"] } })] }), []]],
        violates: [["another account's function, and a migration function of no stack", stack({ pool: { lambdaConfig: { preSignUp: "arn:aws:lambda:eu-central-1:999999999999:function:pre-sign-up", userMigration: fnOf("collector") } } }),
            m(`The user pool pool runs its preSignUp trigger in the account 999999999999 (arn:aws:lambda:eu-central-1:999999999999:function:pre-sign-up), not the pool's own ${account}: whoever controls that account sees and decides every preSignUp event.`,
                `The user pool pool sends every password typed for an unknown user to the user migration function ${fnOf("collector")}, which is not a function of this stack.`)],
            ["a gated client, no token-generation function", stack(gated({}, { preTokenGeneration: undefined, preTokenGenerationConfig: undefined })), m(wiring("the pool has no pre token generation function"))],
            ["a token gate that leaves the client out or admits more", stack(gated({ requiredGroups: { web: ["readers"] } })), m(wiring("its pre token generation function pre-token does not carry the same gate (client admin is not gated there)"))],
            ["a token gate that also admits readers", stack(gated({ requiredGroups: { admin: ["admins", "editors", "readers"] } })), m(wiring("its pre token generation function pre-token does not carry the same gate (client admin also admits readers there)"))],
            ["a token-generation function outside the stack", stack(gated({}, { preTokenGeneration: fnOf("elsewhere"), preTokenGenerationConfig: { lambdaArn: fnOf("elsewhere") } })), m(wiring(`its pre token generation function ${fnOf("elsewhere")} is not in this stack, so its gate cannot be confirmed`))]],
        null: [["no lambdaConfig", stack({ pool: { lambdaConfig: null } }), []],
            ["a null gate list admits nobody: no gate", stack({ ...gated({}, { preTokenGeneration: undefined, preTokenGenerationConfig: undefined }), extra: [trigger("pre-auth", { requiredGroups: { admin: null } })] }), []]],
        wrongType: [["a string for lambdaConfig wires no trigger", stack({ pool: { lambdaConfig: fnArn } }), []],
            ["a number for requiredGroups is no gate", stack({ ...gated({}, { preTokenGenerationConfig: undefined, preTokenGeneration: undefined }), extra: [trigger("pre-auth", { requiredGroups: 7 })] }), []]],
        stringTyped: ["one group as a string is a list of one, in both", stack({ ...gated({}), extra: [trigger("pre-auth", { requiredGroups: { admin: "admins" } }), trigger("pre-token", { requiredGroups: { admin: "admins" } })] }), []],
        unknown: ["the migration function", stack({ pool: { lambdaConfig: { userMigration: unknown } } }), ".lambdaConfig.userMigration"],
        unreadableJson: ["token generation's settings are not JSON: its gate cannot be read", stack(gated("not json {")), m(wiring("its pre token generation function pre-token does not carry the same gate (client admin is not gated there)"))],
    },

    "cognito-trigger-groups": {
        passes: [["readers by default; admins and editors protected and refused to linked accounts (another pool's staff group aside)", stack(newsroom()), []],
            ["no linking: nothing to protect", stack(newsroom({ signUp: { linkingProviders: [] }, token: { requiredGroups: { admin: ["admins", "editors"] } } })), []]],
        violates: [["admins by default", stack(newsroom({ defaultGroup: "admins" })), m(joins("admins", "has precedence 0, which marks the groups that carry power"))],
            ["editors (gated) by default", stack(newsroom({ defaultGroup: "editors" })), m(joins("editors", "is admitted to the gated client admin"))],
            ["a default group the stack does not define (another pool's staff group)", stack(newsroom({ defaultGroup: "staff" })),
                m(joins("staff", "is not a group of this stack's pool, so its precedence and role cannot be judged (and Cognito adds nobody to a group that does not exist)"))],
            ["a default group with an IAM role", stack(newsroom({ readers: { roleArn: arn("newsroom") } })),
                m(joins("readers", `carries the IAM role ${arn("newsroom")}, which an identity pool's token role mapping hands to its members`))],
            ["editors left unprotected while linking, and the token function refusing nobody", stack(newsroom({ signUp: { linkingProviders: ["Google"], protectedGroups: ["admins"] }, token: { requiredGroups: { admin: ["admins", "editors"] } } })),
                m(unprotected("editors (which is admitted to the gated client admin)"), notRefused("its pre token generation function pre-token does not refuse", "admins"))],
            ["no token function while linking", stack({ ...newsroom(), pool: { lambdaConfig: { preSignUp: fnArn, postConfirmation: fnOf("post-confirmation") } } }),
                m(notRefused("has no pre token generation function of this stack to refuse", "admins, editors"))]],
        null: [["no default group", stack(newsroom({ defaultGroup: null })), []],
            ["protectedGroups null while linking: nothing protected", stack(newsroom({ signUp: { linkingProviders: ["Google"], protectedGroups: null } })),
                m(unprotected("admins (which has precedence 0, which marks the groups that carry power), editors (which is admitted to the gated client admin)"))]],
        wrongType: ["a number for protectedGroups protects nothing", stack(newsroom({ signUp: { linkingProviders: ["Google"], protectedGroups: 7 } })),
            m(unprotected("admins (which has precedence 0, which marks the groups that carry power), editors (which is admitted to the gated client admin)"))],
        stringTyped: [["precedence \" 0 \" reads as 0", stack(newsroom({ defaultGroup: "admins", groups: { precedence: " 0 " } })), m(joins("admins", "has precedence 0, which marks the groups that carry power"))],
            ["one protected group as a string is a list of one", stack(newsroom({ signUp: { linkingProviders: "Google", protectedGroups: "admins" }, token: { requiredGroups: { admin: ["admins"] }, protectedGroups: "admins" } })), []]],
        unknown: ["a group's precedence", stack(newsroom({ groups: { precedence: unknown } })), ".precedence"],
        unreadableJson: ["token generation's settings are not JSON: nobody is known to be refused", stack(newsroom({ token: "not json {" })),
            m(notRefused("has no pre token generation function of this stack to refuse", "admins, editors"))],
    },

    // ---- how exposed the pool is
    "cognito-self-signup-with-aws-rights": {
        passes: ["admin-only sign-up", stack(), []],
        violates: [["self sign-up into a role that reads and writes files", stack(selfSignUp), a(signUp())],
            ["the same through an aws-native identity pool and role", nativeStack(selfSignUp), a(signUp(`inline policy "auth-grants"`))],
            ["a role granted only by a *FullAccess policy known by its name", stack({ ...selfSignUp, authPolicy: null, extra: [resource(T.rolePolicyAttachment, { role: "auth", policyArn: "arn:aws:iam::aws:policy/AmazonTextractFullAccess" }, { name: "textract" })] }),
                a(signUp("the AWS managed policy AmazonTextractFullAccess"))]],
        null: ["unset: AWS's self sign-up", stack({ pool: { adminCreateUserConfig: null } }), a(signUp())],
        wrongType: [["1 reads as unset: self sign-up", stack({ pool: { adminCreateUserConfig: { allowAdminCreateUserOnly: 1 } } }), a(signUp())],
            ["a string for the block reads as unset: self sign-up", stack({ pool: { adminCreateUserConfig: "admin-only" } }), a(signUp())]],
        stringTyped: [["\" TRUE \" reads as true", stack({ pool: { adminCreateUserConfig: { allowAdminCreateUserOnly: " TRUE " } } }), []],
            ["\"False\" reads as false", stack({ pool: { adminCreateUserConfig: [{ allowAdminCreateUserOnly: "False" }] } }), a(signUp())]],
        unknown: ["the setting", stack({ pool: { adminCreateUserConfig: { allowAdminCreateUserOnly: unknown } } }), ".adminCreateUserConfig.allowAdminCreateUserOnly"],
        unreadableJson: ["a policy that cannot be read may grant anything", stack({ ...selfSignUp, authPolicy: "not json {" }), a(signUp("role policy auth-grants (which cannot be read: not valid JSON)"))],
    },
    "cognito-provider-email-trust": {
        passes: ["a social provider maps email_verified, the trigger links it", stack(), []],
        violates: [["an OIDC provider maps email_verified", stack({ google: { providerName: "Corp", providerType: "OIDC" } }),
            m(`The OIDC identity provider Corp maps email_verified (to "email_verified"): the pool trusts the provider's word on addresses, which lets whoever controls its directory take over accounts through linking.`)],
            ["the trigger links Facebook, which does not verify addresses", stack({ google: { providerName: "Facebook", providerType: "Facebook" }, fn: { environment: { variables: { TRIGGER_SETTINGS: JSON.stringify({ linkingProviders: ["Facebook"] }) } } } }),
                m("The pre sign-up trigger pre-sign-up links accounts for the FACEBOOK provider Facebook, which does not verify the addresses it asserts: it joins a sign-up to the existing account with the address the provider asserts, so whoever registers that address there takes over the account.")],
            ["the trigger links a provider the stack does not define (another program's OIDC provider)", stack({ fn: { environment: { variables: { TRIGGER_SETTINGS: JSON.stringify({ linkingProviders: ["Partner"] }) } } } }),
                m("The pre sign-up trigger pre-sign-up links accounts for the provider Partner, which is not an identity provider of this stack nor a social provider's name, so whether it verifies the addresses it asserts cannot be judged: define the provider in this stack, or stop linking it.")],
            ["the trigger auto-confirms a domain", stack({ fn: { environment: { variables: { TRIGGER_SETTINGS: JSON.stringify({ linkingProviders: [], autoConfirmEmailDomains: ["staff.example.com"] }) } } } }),
                m("The pre sign-up trigger pre-sign-up auto-confirms sign-ups from staff.example.com, which this stage does not allow (allowAutoConfirm is false): those accounts skip proof that their owner holds the address.")]],
        null: ["unset mapping and type: nothing trusted", stack({ google: { providerType: null, attributeMapping: null } }), []],
        wrongType: [["a number for the mapping reads as unset", stack({ google: { providerName: "Corp", providerType: "OIDC", attributeMapping: 42 } }), []],
            ["a number for the type reads as unset: not OIDC or SAML", stack({ google: { providerType: 7 } }), []]],
        stringTyped: ["\"oidc\" and the key in another case, as a JSON string", stack({ google: { providerName: "Corp", providerType: "oidc", attributeMapping: JSON.stringify({ " Email_Verified ": "verified" }) } }),
            m(`The OIDC identity provider Corp maps email_verified (to "verified"): the pool trusts the provider's word on addresses, which lets whoever controls its directory take over accounts through linking.`)],
        unknown: [["an OIDC provider's mapping", stack({ google: { providerName: "Corp", providerType: "OIDC", attributeMapping: unknown } }), ".attributeMapping"],
            ["a social provider's mapping is not read", stack({ google: { attributeMapping: unknown } }), []]],
        notApplicable: { unreadableJson: "reads no IAM policy document; a mapping or TRIGGER_SETTINGS that is not JSON reads as unset (exposure-rules.test.ts)" },
    },
    "cognito-web-acl": {
        passes: ["a web ACL on the pool's ARN", stack(), []],
        violates: ["the web ACL on another resource", stack({ pool: { arn: `${poolArn}x` } }), a(noWaf(`${poolArn}x`))],
        null: ["unset ARN: nothing can name it", stack({ pool: { arn: null } }), a(noWaf("set to its ARN"))],
        wrongType: ["a number for the ARN reads as unset", stack({ pool: { arn: 42 } }), a(noWaf("set to its ARN"))],
        unknown: ["the pool's ARN", stack({ pool: { arn: unknown } }), ".arn"],
        notApplicable: { stringTyped: "reads ARNs only, no boolean, number or enum", unreadableJson: noDocuments },
    },
};

// ---- the loop ---------------------------------------------------------------------------------------
const casesOf = (value: Case | Case[] | undefined): Case[] => (value === undefined ? [] : typeof value[0] === "string" ? [value as Case] : (value as Case[]));

describe("every rule, one table", () => {
    for (const policy of policies) {
        describe(policy.name, () => {
            for (const kind of kinds) {
                for (const [title, resources, expected, config] of casesOf(table[policy.name]?.[kind])) {
                    it(`${kind}: ${title}`, async () => {
                        const want = typeof expected === "string" ? [cantRun(policy.name, expected)] : expected;
                        assert.deepStrictEqual(await violations(policy, resources, config), want);
                    });
                }
            }
        });
    }

    it("has every kind of case for every rule, or says why a kind does not apply", () => {
        const names = policies.map((p) => p.name);
        const optional = ["stringTyped", "unreadableJson"] as const;
        const problems = [
            ...Object.keys(table).filter((name) => !names.includes(name)).map((name) => `${name}: not a rule of the pack`),
            ...names.flatMap((name) => {
                const entry = table[name] ?? {};
                const required = [...always, ...optional.filter((k) => entry.notApplicable?.[k] === undefined)];
                const given = optional.filter((k) => entry.notApplicable?.[k] !== undefined && entry[k] !== undefined);
                return [...required.filter((k) => casesOf(entry[k]).length === 0).map((k) => `${name}: no ${k} case`), ...given.map((k) => `${name}: ${k} both given and said not to apply`)];
            }),
        ];
        assert.deepStrictEqual(problems, []);
    });
});
