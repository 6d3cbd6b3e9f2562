// Editor help that tells the truth. What an editor shows when hovering a field is its JSDoc: the
// zod schema's (config/schema.ts, which every component's args extend) and the args interfaces'
// own. Each field must say what it does and either that it is required or, with @default, what it
// becomes when left out of the component used directly; a stage that sets it otherwise says so in
// a "Stage dev: ...; stage prod: ..." line.
//
// How a default is checked: the table `real` below says, for every optional field, how its real
// default is obtained from the code (the components' resolve functions, their `...Defaults`
// objects, the `x ?? fallback` the code writes inline, or a run under the mock runtime). A @default
// that is a literal (`"ON"`, `15`, `["email"]`, `{ sender: "cognito" }`), or `none` for a field the
// component leaves unset, optionally followed by a note in parentheses, must equal that real value.
// A @default in words is allowed only as a `prose` entry of the table, word for word, with a check
// of what it claims. A field missing from the table, or the table naming a field that is gone,
// fails: nothing new slips through undocumented or unchecked.
import * as assert from "assert";
import { isDeepStrictEqual } from "util";
import { runProgram } from "../../tools/harness/run-program";
import { projectName } from "../../tools/harness/stack-file";
import { resolveClient, type PoolCapabilities } from "../../components/app-clients/settings";
import { domainDefaults, domainProblems } from "../../components/domain/settings";
import { authenticatedStatements, roleMappings } from "../../components/identity-pool/inputs";
import { IdentityPool } from "../../components/identity-pool/identity-pool";
import { assumedUntrustedClaims, identityPoolDefaults, identityPoolProblems } from "../../components/identity-pool/settings";
import { providerDetails } from "../../components/identity-providers/inputs";
import { attributeMapping, identityProviderDefaults } from "../../components/identity-providers/settings";
import { enabledTriggers, protectedGroups, triggerDefaults, type TriggerPool } from "../../components/triggers/settings";
import { userPoolInputs } from "../../components/user-pool/inputs";
import { defaultMessages } from "../../components/user-pool/messages";
import { poolCapabilities, resolveUserPoolSettings, userPoolDefaults, userPoolName } from "../../components/user-pool/settings";
import { standardAttributeNames, type ClientSettings, type IdentityProviderSettings, type UserPoolSettings } from "../../config/schema";
import { loadStackConfig } from "../../config/load";
import { identityProviderSecretKey } from "../../config/secrets";
import { applyStageDefaults } from "../../config/stage-defaults";
import {
    componentClasses, inlineDefault, inlineDefaultText, interfaceFields, parseDefault, parseLiteral, schemaFields, sourceFile, stageLinePattern, type DocField,
} from "./jsdoc";
import { awsTypes as types } from "../../policy/rules/type-tokens";

// ---- how each real default is obtained ----------------------------------------------------------

type Check = () => void | Promise<void>;
type Real =
    /** The documented literal (or `none`: undefined) must equal get(); `holds` checks what a note in parentheses adds. */
    | { readonly kind: "value"; readonly get: () => unknown; readonly holds?: Check }
    /** A default in words: the @default text must be exactly `text`, and `holds` checks it against the code. */
    | { readonly kind: "prose"; readonly text: string; readonly holds: Check };

const is = (get: () => unknown, holds?: Check): Real => ({ kind: "value", get, holds });
/** The component passes the field on as given, so left out it stays unset (`@default none`). */
const unset = (_why: string, holds?: Check): Real => ({ kind: "value", get: () => undefined, holds });
const prose = (text: string, holds: Check): Real => ({ kind: "prose", text, holds });

const pool = resolveUserPoolSettings({});
const caps: PoolCapabilities = poolCapabilities(pool);
const webSettings: ClientSettings = { name: "web", kind: "web", callbackUrls: ["https://a.example.com/cb"] };
const web = resolveClient(webSettings, [], caps);
const serverClient = resolveClient({ name: "ingest", kind: "server" }, [], caps);
const noPool: TriggerPool = { providers: [], groups: [] };
/** What the pool tells AWS about one attribute (its `schemas` entry). */
const poolSchema = (settings: UserPoolSettings, name: string): Record<string, any> =>
    (userPoolInputs(resolveUserPoolSettings(settings), { poolName: "p" }).schemas as Record<string, any>[]).find((s) => s.name === name)!;
const customAttribute = (type: "String" | "Number" | "Boolean" | "DateTime") =>
    poolSchema({ customAttributes: { c: type === "Number" ? { type, min: 0, max: 9 } : { type } } }, "c");
const rules = (rule: Record<string, unknown> = {}, mapping: Record<string, unknown> = {}) =>
    ({ roleMapping: { type: "rules" as const, rules: [{ claim: "cognito:groups", value: "admins", roleArn: "arn:aws:iam::123456789012:role/admins", ...rule }], ...mapping } });
const statementProblems = (statement: Record<string, unknown>) =>
    identityPoolProblems({ authenticated: { statements: [{ actions: ["s3:*"], resources: ["arn:aws:s3:::b/*"], ...statement }] } }, ["web"], {});
/** What a provider's linkToExistingUsers amounts to, wired as index.ts wires it into the pre sign-up trigger. */
const links = (idp: IdentityProviderSettings) =>
    enabledTriggers({ preSignUp: {} }, { providers: [{ name: "P", linkToExistingUsers: idp.linkToExistingUsers }], groups: [] }).preSignUp!.linkingProviders.includes("P");
const providers: Record<Exclude<IdentityProviderSettings["type"], "saml">, IdentityProviderSettings> = {
    google: { type: "google", clientId: "id" },
    facebook: { type: "facebook", clientId: "id" },
    amazon: { type: "amazon", clientId: "id" },
    apple: { type: "apple", servicesId: "id", teamId: "ABCDE12345", keyId: "ABCDE12345" },
    oidc: { type: "oidc", name: "Corp-SSO", clientId: "id", issuer: "https://sso.example.com" },
};
const saml: IdentityProviderSettings = { type: "saml", name: "corp", metadataUrl: "https://idp.example.com/metadata" };
const list = (items: readonly string[]) => `[${items.map((i) => JSON.stringify(i)).join(", ")}]`;

/** English and Arabic, as every default message is. */
function assertBilingual(text: string, field: string): void {
    assert.match(text, /[A-Za-z]/, `${field}: no English`);
    assert.match(text, /[\u0600-\u06FF]/, `${field}: no Arabic`);
}

/** Names the mock run saw (a stack name with '-', to see what the identity pool makes of it). */
const names = { stack: "doc-check", userPool: "", identityPool: "", identityPoolClients: [] as string[] };

const bilingual = "bilingual (English and Arabic)";
const messageChecks = (section: "verification" | "invitation", field: "emailSubject" | "emailMessage" | "smsMessage"): Check => () => {
    const methods = section === "verification" ? (["code", "link"] as const) : ([undefined] as const);
    for (const method of methods) {
        const s = resolveUserPoolSettings(method ? { verificationMessage: { method } } : {});
        assertBilingual((section === "verification" ? s.verificationMessage : s.invitationMessage)[field], `${section}Message.${field}`);
    }
};

/** A stack config as the loader completes it, for the stack `stackName` with these `cognito:` values. */
const loaded = (stackName: string, values: Record<string, string> = {}) =>
    loadStackConfig({ namespace: projectName, source: "doc-check", stackName, values, aws: { region: "eu-central-1" }, secretKeys: new Set() });

const schemaReal: Record<string, Real> = {
    "stage": prose("the stack's name", () => assert.deepStrictEqual([loaded("staging").stage, loaded("feature-x").stage], ["staging", "feature-x"])),
    "stageDefaults": prose(`"dev" for the stage named dev, "prod" for every other stage`, () =>
        assert.deepStrictEqual([loaded("dev").stageDefaults, loaded("x", { stage: "dev" }).stageDefaults, loaded("prod").stageDefaults, loaded("staging").stageDefaults], ["dev", "dev", "prod", "prod"])),
    "userPool": is(() => inlineDefault("components/preflight.ts", "config.userPool")),
    "userPool.name": prose(`"<project>-<stack>"`, () => assert.strictEqual(names.userPool, `${projectName}-${names.stack}`)),
    "userPool.importId": is(() => pool.importId),
    "userPool.signInWith": is(() => pool.signInWith),
    "userPool.caseSensitive": is(() => pool.caseSensitive),
    "userPool.standardAttributes": prose("email with email sign-in and phone_number with phone sign-in, both required and mutable", () => {
        assert.deepStrictEqual(pool.standardAttributes, { email: { required: true, mutable: true } });
        assert.deepStrictEqual(resolveUserPoolSettings({ signInWith: ["email", "phone"] }).standardAttributes,
            { email: { required: true, mutable: true }, phone_number: { required: true, mutable: true } });
        assert.deepStrictEqual(resolveUserPoolSettings({ standardAttributes: { name: {} } }).standardAttributes, { name: {} }, "a map given replaces the default");
    }),
    "userPool.standardAttributes.*.required": is(() => poolSchema({ standardAttributes: { name: {} } }, "name").required),
    "userPool.standardAttributes.*.mutable": is(() => poolSchema({ standardAttributes: { name: {} } }, "name").mutable),
    "userPool.customAttributes": is(() => pool.customAttributes),
    ...Object.fromEntries((["String", "Number", "Boolean", "DateTime"] as const).map((type) => [`userPool.customAttributes.*{type=${type}}.mutable`, is(() => customAttribute(type).mutable)])),
    "userPool.customAttributes.*{type=String}.minLength": is(() => Number(customAttribute("String").stringAttributeConstraints.minLength)),
    "userPool.customAttributes.*{type=String}.maxLength": is(() => Number(customAttribute("String").stringAttributeConstraints.maxLength)),
    "userPool.passwordPolicy": prose("15 characters minimum, no composition rules, temporary passwords valid 7 days, no history", () => assert.deepStrictEqual(pool.passwordPolicy, {
        minimumLength: 15, requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSymbols: false, temporaryPasswordValidityDays: 7, passwordHistorySize: 0,
    })),
    ...Object.fromEntries(Object.keys(pool.passwordPolicy).map((key) => [`userPool.passwordPolicy.${key}`, is(() => pool.passwordPolicy[key as keyof typeof pool.passwordPolicy])])),
    "userPool.mfa": prose(`mode "ON" with authenticator apps (TOTP) only`, () => assert.deepStrictEqual([pool.mfa.mode, pool.mfa.totp, pool.mfa.sms, pool.mfa.email], ["ON", true, false, false])),
    "userPool.mfa.mode": is(() => pool.mfa.mode),
    "userPool.mfa.totp": is(() => pool.mfa.totp),
    "userPool.mfa.sms": is(() => pool.mfa.sms),
    "userPool.mfa.email": is(() => pool.mfa.email),
    ...Object.fromEntries((["smsMessage", "emailSubject", "emailMessage"] as const).map((field) => [`userPool.mfa.${field}`, prose(bilingual, () => {
        assert.strictEqual(pool.mfa[field], defaultMessages.mfa[field]);
        assertBilingual(pool.mfa[field], `mfa.${field}`);
    })])),
    "userPool.featurePlan": is(() => pool.featurePlan),
    "userPool.threatProtection": is(() => pool.threatProtection),
    "userPool.threatProtection.mode": is(() => pool.threatProtection.mode),
    "userPool.threatProtection.blockedIpRanges": is(() => pool.threatProtection.blockedIpRanges),
    "userPool.threatProtection.skippedIpRanges": is(() => pool.threatProtection.skippedIpRanges),
    "userPool.passwordless": is(() => pool.passwordless),
    "userPool.passwordless.emailOtp": is(() => pool.passwordless.emailOtp),
    "userPool.passwordless.smsOtp": is(() => pool.passwordless.smsOtp),
    "userPool.passwordless.passkeys": is(() => pool.passwordless.passkeys),
    "userPool.passwordless.passkeys.userVerification": is(() => resolveUserPoolSettings({ passwordless: { passkeys: { relyingPartyId: "auth.example.com" } } }).passwordless.passkeys!.userVerification),
    "userPool.accountRecovery": is(() => pool.accountRecovery),
    "userPool.selfSignUp": is(() => pool.selfSignUp),
    "userPool.verificationMessage": prose("bilingual code messages", () => {
        assert.strictEqual(pool.verificationMessage.method, "code");
        for (const field of ["emailSubject", "emailMessage", "smsMessage"] as const) assertBilingual(pool.verificationMessage[field], `verificationMessage.${field}`);
    }),
    "userPool.verificationMessage.method": is(() => pool.verificationMessage.method),
    ...Object.fromEntries((["emailSubject", "emailMessage", "smsMessage"] as const).flatMap((field) => [
        [`userPool.verificationMessage.${field}`, prose(bilingual, messageChecks("verification", field))],
        [`userPool.invitationMessage.${field}`, prose(bilingual, messageChecks("invitation", field))],
    ])),
    "userPool.invitationMessage": prose("bilingual messages", () => {
        for (const field of ["emailSubject", "emailMessage", "smsMessage"] as const) assertBilingual(pool.invitationMessage[field], `invitationMessage.${field}`);
    }),
    "userPool.email": is(() => pool.email),
    "userPool.email{sender=ses}.replyTo": unset("passed on to the email configuration as given"),
    "userPool.email{sender=ses}.configurationSet": unset("passed on to the email configuration as given"),
    "userPool.smsRegion": is(() => pool.smsRegion),
    "userPool.groups": is(() => pool.groups),
    "userPool.groups[].description": unset("passed on to the group as given"),
    "userPool.groups[].precedence": unset("passed on to the group as given"),
    "userPool.groups[].roleArn": unset("passed on to the group as given"),
    "userPool.logDelivery": is(() => pool.logDelivery),
    "userPool.logDelivery.userActivity": is(() => pool.logDelivery.userActivity),
    "userPool.logDelivery.notificationErrors": is(() => pool.logDelivery.notificationErrors),
    "userPool.logDelivery.retentionDays": is(() => pool.logDelivery.retentionDays),
    "userPool.deletionProtection": is(() => pool.deletionProtection),
    "userPool.protect": is(() => pool.protect),
    "userPool.retainOnDelete": is(() => pool.retainOnDelete),

    "resourceServers": is(() => inlineDefault("components/preflight.ts", "config.resourceServers")),

    "clients": is(() => inlineDefault("components/preflight.ts", "config.clients")),
    "clients[].callbackUrls": is(() => resolveClient({ name: "web", kind: "web" }, [], caps).callbackUrls),
    "clients[].logoutUrls": is(() => web.logoutUrls),
    "clients[].scopes": is(() => web.scopes, () => assert.deepStrictEqual(serverClient.scopes, [])),
    "clients[].identityProviders": is(() => web.identityProviders, () => {
        assert.deepStrictEqual(resolveClient(webSettings, ["Google"], caps).identityProviders, ["COGNITO", "Google"]);
        assert.deepStrictEqual(serverClient.identityProviders, []);
    }),
    "clients[].authFlows": is(() => web.authFlows, () => {
        assert.deepStrictEqual(resolveClient(webSettings, [], { ...caps, passwordless: true }).authFlows, ["srp", "user_auth"]);
        assert.deepStrictEqual(resolveClient(webSettings, [], { ...caps, featurePlan: "LITE" }).authFlows, ["srp", "refresh"]);
        assert.deepStrictEqual(resolveClient({ ...webSettings, refreshTokenRotation: false }, [], caps).authFlows, ["srp", "refresh"]);
        assert.deepStrictEqual(serverClient.authFlows, ["refresh"]);
    }),
    "clients[].tokenValidity": is(() => ({ accessMinutes: web.tokenValidity.accessMinutes, idMinutes: web.tokenValidity.idMinutes, refreshDays: web.tokenValidity.refreshMinutes / 1440 })),
    "clients[].tokenValidity.accessMinutes": is(() => web.tokenValidity.accessMinutes),
    "clients[].tokenValidity.idMinutes": is(() => web.tokenValidity.idMinutes),
    "clients[].tokenValidity.refreshDays": is(() => web.tokenValidity.refreshMinutes / 1440),
    "clients[].tokenValidity.refreshMinutes": unset("refreshDays applies", () => {
        assert.strictEqual(resolveClient({ ...webSettings, tokenValidity: { refreshMinutes: 90 } }, [], caps).tokenValidity.refreshMinutes, 90);
    }),
    "clients[].pkce": unset("not a setting: the schema refuses any value with what PKCE is here"),
    "clients[].readAttributes": is(() => web.readAttributes),
    "clients[].writeAttributes": prose("the pool's mutable standard attributes (no custom attributes)", () => {
        const client = resolveClient(webSettings, [], { ...caps, immutableAttributes: ["birthdate"], customAttributes: ["tier"] });
        assert.deepStrictEqual(client.writeAttributes, standardAttributeNames.filter((n) => n !== "birthdate"));
    }),
    "clients[].refreshTokenRotation": is(() => web.refreshTokenRotation, () => {
        assert.strictEqual(resolveClient(webSettings, [], { ...caps, featurePlan: "LITE" }).refreshTokenRotation, false);
        assert.strictEqual(serverClient.refreshTokenRotation, false);
    }),
    "clients[].allowImplicitGrant": is(() => web.allowImplicitGrant),

    "domain": unset("index.ts builds a Domain only when the key is there"),
    "domain.prefix": unset("give prefix or customDomain", () => assert.ok(domainProblems({}, ".").some((p) => /exactly one of prefix and customDomain/.test(p.message)))),
    "domain.customDomain": unset("give prefix or customDomain"),
    "domain.customDomain.hostedZoneId": unset("no alias records without it"),
    "domain.customDomain.certificateArn": prose("a new DNS-validated certificate in us-east-1 (needs hostedZoneId)", () => {
        assert.strictEqual(domainDefaults.certificateRegion, "us-east-1");
        assert.ok(domainProblems({ customDomain: { name: "auth.example.com" } }, ".").some((p) => /hostedZoneId/.test(p.message)));
    }),
    "domain.managedLoginVersion": is(() => domainDefaults.managedLoginVersion),
    "domain.branding": unset("no branding resource without it"),
    "domain.branding{style=classic}.cssFile": is(() => domainDefaults.classicCssFile),
    "domain.branding{style=classic}.logoFile": is(() => domainDefaults.classicLogoFile),
    "domain.branding{style=managed}.settingsFile": unset("Cognito-provided values without it"),

    "identityProviders": is(() => inlineDefault("components/preflight.ts", "config.identityProviders")),
    ...Object.fromEntries(Object.entries(providers).flatMap(([type, idp]) => [
        [`identityProviders[]{type=${type}}.scopes`, prose(
            `Google and OIDC ${list(identityProviderDefaults.google.scopes)}, Facebook ${list(identityProviderDefaults.facebook.scopes)}, Amazon ${list(identityProviderDefaults.amazon.scopes)}, Apple ${list(identityProviderDefaults.apple.scopes)}`,
            // The text is made from the defaults themselves; it names OIDC with Google, so they must agree.
            () => assert.deepStrictEqual(identityProviderDefaults.oidc.scopes, identityProviderDefaults.google.scopes))],
        [`identityProviders[]{type=${type}}.attributeMapping`, prose("per provider: email and username always, email_verified only from Google and Apple, names as the provider gives them", () => {
            for (const p of Object.values(providers)) {
                const mapping = attributeMapping(p);
                assert.ok(mapping.email && mapping.username, `${p.type} maps email and username`);
                assert.strictEqual(mapping.email_verified !== undefined, p.type === "google" || p.type === "apple", `${p.type}: email_verified`);
            }
        })],
        [`identityProviders[]{type=${type}}.linkToExistingUsers`, is(() => links(idp))],
        [`identityProviders[]{type=${type}}.${type === "apple" ? "privateKeyKey" : "clientSecretKey"}`, type === "oidc"
            ? prose(`"<name in lower camel case>ClientSecret"`, () => assert.strictEqual(identityProviderSecretKey(idp), "corpSsoClientSecret"))
            : is(() => identityProviderSecretKey(idp))],
    ])),
    "identityProviders[]{type=facebook}.apiVersion": is(() => (providerDetails(providers.facebook, { secrets: { facebookAppSecret: "s" } }) as Record<string, unknown>).api_version),
    "identityProviders[]{type=oidc}.attributesRequestMethod": is(() =>
        (providerDetails(providers.oidc, { secrets: { corpSsoClientSecret: "s" } }) as Record<string, unknown>).attributes_request_method),
    "identityProviders[]{type=saml}.metadataUrl": unset("give metadataUrl or metadataFile"),
    "identityProviders[]{type=saml}.metadataFile": unset("give metadataUrl or metadataFile"),
    "identityProviders[]{type=saml}.signOut": is(() => (providerDetails(saml, { secrets: {} }) as Record<string, unknown>).IDPSignout === "true"),
    "identityProviders[]{type=saml}.identifiers": unset("no idpIdentifiers without it"),
    "identityProviders[]{type=saml}.attributeMapping": is(() => attributeMapping(saml)),
    "identityProviders[]{type=saml}.linkToExistingUsers": is(() => links(saml)),

    "identityPool": unset("index.ts builds an IdentityPool only when the key is there"),
    "identityPool.name": prose(`"<project>_<stack>" (characters other than letters, digits, '_' and spaces become '_')`,
        () => assert.strictEqual(names.identityPool, `${projectName}_${names.stack}`.replace(/[^\w ]/g, "_"))),
    "identityPool.clients": prose("every web and native client (every client of availableClients)", () => {
        assert.deepStrictEqual(names.identityPoolClients, ["id-web", "id-mobile"]);
        assert.match(sourceFile("index.ts").text, /availableClients: clients\.userClientIds/, "index.ts hands the identity pool the web and native clients");
    }),
    "identityPool.allowGuests": is(() => inlineDefault("components/identity-pool/identity-pool.ts", "settings.allowGuests", { identityPoolDefaults })),
    "identityPool.authenticated": unset("no grants", () => assert.deepStrictEqual(authenticatedStatements({}), [])),
    "identityPool.authenticated.s3UserPrefix": unset("no grant"),
    "identityPool.authenticated.s3UserPrefix.actions": is(() => authenticatedStatements({ authenticated: { s3UserPrefix: { bucket: "uploads" } } })[0].Action),
    "identityPool.authenticated.dynamoUserItems": unset("no grant"),
    "identityPool.authenticated.dynamoUserItems.actions": is(() => authenticatedStatements({ authenticated: { dynamoUserItems: { tableArn: "arn:aws:dynamodb:eu-central-1:123456789012:table/t" } } })[0].Action),
    "identityPool.authenticated.statements": is(() => inlineDefault("components/identity-pool/inputs.ts", "grants.statements")),
    "identityPool.authenticated.statements[].allowWildcards": is(() => statementProblems({}).length === 0, () => assert.deepStrictEqual(statementProblems({ allowWildcards: true }), [])),
    "identityPool.guest": unset("guests, when allowed, get a role without grants"),
    "identityPool.guest.statements": is(() => inlineDefault("components/identity-pool/identity-pool.ts", "settings.guest?.statements")),
    "identityPool.guest.statements[].allowWildcards": is(() => statementProblems({}).length === 0),
    "identityPool.roleMapping": is(() => roleMappings({}, ["client"], "provider")),
    "identityPool.roleMapping{type=token}.ambiguousRoleResolution": is(() => (roleMappings({ roleMapping: { type: "token" } }, ["client"], "provider") as any[])[0].ambiguousRoleResolution),
    "identityPool.roleMapping{type=rules}.rules[].matchType": is(() => (roleMappings(rules(), ["client"], "provider") as any[])[0].mappingRules[0].matchType),
    "identityPool.roleMapping{type=rules}.ambiguousRoleResolution": is(() => (roleMappings(rules(), ["client"], "provider") as any[])[0].ambiguousRoleResolution),
    "identityPool.roleMapping{type=rules}.allowLooseMatches": is(() => identityPoolProblems(rules({ matchType: "Contains" }), ["web"], {}).length === 0),
    "identityPool.roleMapping{type=rules}.trustedClaims": is(() => inlineDefault("components/identity-pool/settings.ts", "mapping.trustedClaims")),

    "triggers": unset("index.ts builds Triggers only when the key is there"),
    "triggers.preSignUp": is(() => enabledTriggers({}, noPool).preSignUp),
    "triggers.preSignUp.allowedEmailDomains": is(() => enabledTriggers({ preSignUp: {} }, noPool).preSignUp!.allowedEmailDomains),
    "triggers.preSignUp.deniedEmailDomains": is(() => enabledTriggers({ preSignUp: {} }, noPool).preSignUp!.deniedEmailDomains),
    "triggers.preSignUp.autoConfirmEmailDomains": is(() => enabledTriggers({ preSignUp: {} }, noPool).preSignUp!.autoConfirmEmailDomains),
    "triggers.preSignUp.protectedGroups": prose("every group of precedence 0 and every group a client's requiredGroups names", () => {
        const groups = [{ name: "admins", precedence: 0 }, { name: "editors", precedence: 5 }, { name: "readers", precedence: 10 }];
        assert.deepStrictEqual(protectedGroups({ preSignUp: {}, preAuthentication: { requiredGroups: { cms: ["editors"] } } }, { providers: [], groups }), ["admins", "editors"]);
    }),
    "triggers.postConfirmation": is(() => enabledTriggers({}, noPool).postConfirmation),
    "triggers.preAuthentication": unset("no gate: enabledTriggers deploys pre token generation for it", () => {
        assert.strictEqual(enabledTriggers({}, noPool).preTokenGeneration, undefined);
    }),
    "triggers.postAuthentication": is(() => enabledTriggers({}, noPool).postAuthentication),
    "triggers.preTokenGeneration": is(() => enabledTriggers({}, noPool).preTokenGeneration, () => {
        assert.ok(enabledTriggers({ preAuthentication: { requiredGroups: { web: ["admins"] } } }, noPool).preTokenGeneration, "runs while a client requires groups");
    }),
    "triggers.preTokenGeneration.rolesClaim": is(() => enabledTriggers({ preTokenGeneration: {} }, noPool).preTokenGeneration!.tokens!.rolesClaim),
    "triggers.preTokenGeneration.claims": is(() => enabledTriggers({ preTokenGeneration: {} }, noPool).preTokenGeneration!.tokens!.claims),
    "triggers.preTokenGeneration.accessTokenScopes": is(() => enabledTriggers({ preTokenGeneration: {} }, noPool).preTokenGeneration!.tokens!.accessTokenScopes),
    "triggers.preTokenGeneration.accessTokenScopes[].groups": is(() =>
        enabledTriggers({ preTokenGeneration: { accessTokenScopes: [{ scopes: ["https://api.example.com/read"], clients: ["web"] }] } }, noPool).preTokenGeneration!.tokens!.accessTokenScopes[0].groups),
    "triggers.preTokenGeneration.accessTokenScopes[].clients": is(() =>
        enabledTriggers({ preTokenGeneration: { accessTokenScopes: [{ scopes: ["https://api.example.com/read"], groups: ["admins"] }] } }, noPool).preTokenGeneration!.tokens!.accessTokenScopes[0].clients),
    "triggers.customMessage": is(() => enabledTriggers({}, noPool).customMessage),
    "triggers.userMigration": is(() => enabledTriggers({}, noPool).userMigration),
    "triggers.userMigration.followGroups": prose("every group but the protected ones when userPool.customAttributes declares migratedFrom, else none (warned)", () => {
        const m = { sourceUserPoolId: "eu-west-1_Old", sourceClientId: "c" };
        const groups = [{ name: "admins", precedence: 0 }, { name: "readers" }];
        assert.deepStrictEqual(enabledTriggers({ userMigration: m }, { providers: [], groups, customAttributes: { migratedFrom: { type: "String" } } }).postAuthentication?.followGroups, ["readers"]);
        assert.strictEqual(enabledTriggers({ userMigration: m }, { providers: [], groups }).postAuthentication, undefined);
    }),
    "triggers.userMigration.dropAttributes": is(() => inlineDefault("components/triggers/migration.ts", "m.dropAttributes")),
    "triggers.userMigration.carryAttributes": is(() => inlineDefault("components/triggers/migration.ts", "m.carryAttributes"), () => {
        const m = { sourceUserPoolId: "eu-west-1_Old", sourceClientId: "c" };
        const carried = enabledTriggers({ userMigration: m }, { ...noPool, customAttributes: { tier: { type: "String" } }, roleClaims: ["custom:tier"] }).userMigration!.attributes;
        assert.ok(!carried.includes("custom:tier") && carried.includes("email"), "role claims are left behind");
    }),
    "triggers.logRetentionDays": is(() => inlineDefault("components/triggers/function.ts", "args.logRetentionDays", { triggerDefaults })),
};

/** The component args interfaces: their own fields (the schema's are checked above). */
const argsInterfaces = {
    UserPoolArgs: "components/user-pool/user-pool.ts",
    TriggersArgs: "components/triggers/triggers.ts",
    TriggerFunctionArgs: "components/triggers/function.ts",
    AppClientsArgs: "components/app-clients/app-clients.ts",
    IdentityProvidersArgs: "components/identity-providers/identity-providers.ts",
    DomainArgs: "components/domain/domain.ts",
    IdentityPoolArgs: "components/identity-pool/identity-pool.ts",
} as const;

const argsReal: Record<string, Real> = {
    "UserPoolArgs.tags": unset("no tags"),
    "UserPoolArgs.triggers": unset("no lambdaConfig"),
    "UserPoolArgs.transform": unset("no transform"),
    "TriggersArgs.featurePlan": is(() => inlineDefault(argsInterfaces.TriggersArgs, "args.featurePlan", { userPoolDefaults })),
    "TriggersArgs.groups": is(() => inlineDefault(argsInterfaces.TriggersArgs, "args.groups")),
    "TriggersArgs.federatedProviders": is(() => inlineDefault(argsInterfaces.TriggersArgs, "args.federatedProviders")),
    "TriggersArgs.passwordPolicy": prose("AWS's (8 characters of every class)", () => {
        assert.deepStrictEqual(enabledTriggers({ userMigration: { sourceUserPoolId: "eu-west-1_Old", sourceClientId: "c" } }, noPool).userMigration!.passwordPolicy,
            { minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true });
    }),
    "TriggersArgs.customAttributes": is(() => inlineDefault("components/triggers/settings.ts", "pool.customAttributes")),
    "TriggersArgs.roleClaims": is(() => inlineDefault("components/triggers/settings.ts", "pool.roleClaims")),
    "TriggersArgs.tags": unset("no tags"),
    "TriggersArgs.transform": unset("no transform"),
    "TriggerFunctionArgs.logRetentionDays": is(() => inlineDefault(argsInterfaces.TriggerFunctionArgs, "args.logRetentionDays", { triggerDefaults })),
    "TriggerFunctionArgs.tags": unset("no tags"),
    "TriggerFunctionArgs.transform": unset("no transform"),
    "AppClientsArgs.resourceServers": is(() => inlineDefault(argsInterfaces.AppClientsArgs, "args.resourceServers")),
    "AppClientsArgs.identityProviders": is(() => inlineDefault(argsInterfaces.AppClientsArgs, "args.identityProviders")),
    "AppClientsArgs.triggers": unset("no trigger settings to check clients against"),
    "AppClientsArgs.transform": unset("no transform"),
    "IdentityProvidersArgs.poolAttributes": is(() => ({ immutable: inlineDefault("components/identity-providers/settings.ts", "args.poolAttributes?.immutable") })),
    "IdentityProvidersArgs.baseDir": prose("the current directory", () => {
        for (const file of ["components/identity-providers/settings.ts", "components/identity-providers/inputs.ts"]) assert.strictEqual(inlineDefaultText(file, "args.baseDir"), `"."`, file);
    }),
    "IdentityProvidersArgs.transform": unset("no transform"),
    "DomainArgs.brandedClients": is(() => inlineDefault(argsInterfaces.DomainArgs, "args.brandedClients")),
    "DomainArgs.baseDir": prose("the current directory", () => assert.strictEqual(inlineDefaultText(argsInterfaces.DomainArgs, "args.baseDir"), "process.cwd()")),
    "DomainArgs.transform": unset("no transform"),
    "IdentityPoolArgs.untrustedClaims": prose(`every "custom:" claim and every standard attribute a rule uses (clients let users write those by default)`, () => {
        const claims = ["custom:tier", "name", "cognito:groups"].map((claim) => ({ claim, value: "v", roleArn: "arn:aws:iam::123456789012:role/r" }));
        assert.deepStrictEqual(Object.keys(assumedUntrustedClaims({ roleMapping: { type: "rules", rules: claims } })), ["custom:tier", "name"]);
        assert.strictEqual(inlineDefaultText(argsInterfaces.IdentityPoolArgs, "args.untrustedClaims"), "assumedUntrustedClaims(args)");
    }),
    "IdentityPoolArgs.tags": unset("no tags"),
    "IdentityPoolArgs.transform": unset("no transform"),
};

// ---- the checks ---------------------------------------------------------------------------------

const schema = schemaFields("config/schema.ts", "stackConfigSchema");
const args = Object.entries(argsInterfaces).flatMap(([name, file]) => interfaceFields(file, name));

/** Undefined-valued keys dropped and readonly arrays made plain, so values compare as JSON would. */
const plain = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const show = (value: unknown) => (value === undefined ? "undefined (none)" : JSON.stringify(value));

function assertNone(problems: string[], what: string): void {
    assert.strictEqual(problems.length, 0, `${problems.length} ${what}:\n  ${problems.join("\n  ")}`);
}

function describeFields(title: string, fields: readonly DocField[], real: Readonly<Record<string, Real>>): void {
    describe(title, () => {
        it("reads the fields (a sanity check of the reader)", () => {
            assert.ok(fields.length > 20, `only ${fields.length} fields read`);
        });

        it("gives every field a description", () => {
            assertNone(fields.filter((f) => !f.description).map((f) => `${f.path} (${f.at}): no description`), "fields without a description");
        });

        it("marks every required field Required (without @default) and gives every optional field a @default", () => {
            assertNone(fields.flatMap((f) => {
                const saysRequired = /\bRequired\b/.test(f.description);
                if (!f.optional) {
                    if (!saysRequired) return [`${f.path} (${f.at}): required, but the doc does not say "Required"`];
                    return f.defaultText !== undefined ? [`${f.path} (${f.at}): required, yet documents @default ${f.defaultText}`] : [];
                }
                return f.defaultText === undefined ? [`${f.path} (${f.at}): optional without @default (and not required): document what it becomes when left out`] : [];
            }), "fields whose doc says neither @default nor Required");
        });

        it("knows how to obtain the real default of every documented field, and of no field that is gone", () => {
            const documented = fields.filter((f) => f.optional).map((f) => f.path);
            assertNone([
                ...documented.filter((p) => !(p in real)).map((p) => `${p}: no entry in the table of real defaults (tests/docs/defaults.test.ts): say how its default is obtained`),
                ...Object.keys(real).filter((p) => !documented.includes(p)).map((p) => `${p}: in the table of real defaults, but no such optional field`),
            ], "table mismatches");
        });

        it("documents each literal default as the component's real default", () => {
            assertNone(fields.flatMap((f) => {
                const entry = real[f.path];
                if (f.defaultText === undefined || !entry || entry.kind !== "value") return [];
                const parsed = parseDefault(f.defaultText);
                if (parsed.kind === "prose") return [`${f.path} (${f.at}): @default ${f.defaultText} is prose; write a literal or none, or list it as prose`];
                const documented = parsed.kind === "none" ? undefined : parsed.value;
                const actual = plain(entry.get());
                return isDeepStrictEqual(plain(documented), actual) ? [] : [`${f.path} (${f.at}): documents @default ${show(documented)}, the component's default is ${show(actual)}`];
            }), "documented defaults that differ from the code");
        });

        it("documents each prose default word for word as listed, and what it says holds", async () => {
            const problems: string[] = [];
            for (const f of fields) {
                const entry = real[f.path];
                if (!entry) continue;
                if (entry.kind === "prose" && f.defaultText !== entry.text) problems.push(`${f.path} (${f.at}): @default ${JSON.stringify(f.defaultText)}, the table lists the prose ${JSON.stringify(entry.text)}`);
                try {
                    await entry.holds?.();
                } catch (e) {
                    problems.push(`${f.path}: what its @default says does not hold: ${(e as Error).message.split("\n")[0]}`);
                }
            }
            assertNone(problems, "prose defaults that differ or do not hold");
        });
    });
}

/** Leaf paths (a.b.c) of the plain values in `value`. */
function leaves(value: unknown, at = ""): Map<string, unknown> {
    const out = new Map<string, unknown>();
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) for (const [p, leaf] of leaves(v, at ? `${at}.${k}` : k)) out.set(p, leaf);
    } else if (value !== undefined) {
        out.set(at, value);
    }
    return out;
}

describe("Editor help (JSDoc) tells the truth", () => {
    before(async () => {
        // Names that only a Pulumi program has: "<project>-<stack>" and the identity pool's.
        const run = await runProgram(() => {
            names.userPool = userPoolName({});
            new IdentityPool("identity", { userPoolProviderName: "cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Mock", availableClients: { web: "id-web", mobile: "id-mobile" } });
        }, { stack: names.stack, config: {} });
        const identityPool = run.resources.find((r) => r.type === types.identityPool)!;
        names.identityPool = identityPool.inputs.identityPoolName;
        names.identityPoolClients = identityPool.inputs.cognitoIdentityProviders.map((p: { clientId: string }) => p.clientId);
    });

    describeFields("config/schema.ts (the stack config and every component's settings)", schema, schemaReal);
    describeFields("the component args interfaces' own fields", args, argsReal);

    describe("stage overrides", () => {
        // What a stage sets when the stack file leaves it out: the leaves applyStageDefaults adds,
        // for a pool without a plan and for one on the Plus plan.
        const overrides = new Map<string, { dev: unknown; prod: unknown; plusOnly: boolean }>();
        for (const input of [{}, { featurePlan: "PLUS" as const }]) {
            const given = leaves(input);
            const dev = leaves(applyStageDefaults(input, "dev"));
            const prod = leaves(applyStageDefaults(input, "prod"));
            for (const [p, value] of dev) {
                if (given.has(p) || overrides.has(`userPool.${p}`)) continue;
                overrides.set(`userPool.${p}`, { dev: value, prod: prod.get(p), plusOnly: Object.keys(input).length > 0 });
            }
        }

        it("finds what the stages set (a sanity check)", () => {
            assert.deepStrictEqual([...overrides.keys()].sort(), ["userPool.deletionProtection", "userPool.mfa.mode", "userPool.protect", "userPool.retainOnDelete", "userPool.threatProtection.mode"]);
        });

        it("says each stage's value on the fields a stage sets, and on no other", () => {
            const problems: string[] = [];
            for (const f of schema) {
                const expected = overrides.get(f.path);
                if (!f.stageLine) {
                    if (expected) problems.push(`${f.path} (${f.at}): the stages set it, but its doc has no "Stage dev: ...; stage prod: ..." line`);
                    continue;
                }
                const m = stageLinePattern.exec(f.stageLine);
                if (!m) {
                    problems.push(`${f.path} (${f.at}): "${f.stageLine}" is not of the form "Stage dev: <value>; stage prod: <value>."`);
                    continue;
                }
                if (!expected) {
                    problems.push(`${f.path} (${f.at}): has a stage line, but no stage sets it (config/stage-defaults.ts)`);
                    continue;
                }
                const [dev, prod] = [parseLiteral(m[1]), parseLiteral(m[2])];
                if (!dev.ok || !isDeepStrictEqual(dev.value, expected.dev)) problems.push(`${f.path}: documents stage dev ${m[1]}, the stage sets ${show(expected.dev)}`);
                if (!prod.ok || !isDeepStrictEqual(prod.value, expected.prod)) problems.push(`${f.path}: documents stage prod ${m[2]}, the stage sets ${show(expected.prod)}`);
                if (expected.plusOnly && !/Plus/.test(m[3] ?? "")) problems.push(`${f.path}: the stages set it only on the Plus plan; say so: "(on the Plus plan only)"`);
            }
            assertNone(problems, "stage lines that differ from config/stage-defaults.ts");
        });
    });

    describe("component classes", () => {
        const files = [...new Set(Object.values(argsInterfaces))];
        const classes = files.flatMap((file) => componentClasses(file, "CognitoComponent"));

        it("finds every component (a sanity check)", () => {
            assert.deepStrictEqual(classes.map((c) => c.name).sort(), ["AppClients", "Domain", "IdentityPool", "IdentityProviders", "TriggerFunction", "Triggers", "UserPool"]);
        });

        it("gives each a short description and an @example", () => {
            assertNone(classes.flatMap((c) => [
                ...(c.description ? [] : [`${c.name} (${c.file}): no description`]),
                ...(c.example?.includes(`new ${c.name}(`) ? [] : [`${c.name} (${c.file}): no @example that builds one`]),
            ]), "component classes without doc or example");
        });

        it("documents every public output (field, getter, method)", () => {
            assertNone(classes.flatMap((c) => c.undocumented.map((m) => `${c.name}.${m} (${c.file}): no doc`)), "undocumented outputs");
        });
    });
});
