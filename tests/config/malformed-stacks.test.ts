// Malformed stack files: each is refused before any resource is registered, with one line that
// names the config key, the value found and what is allowed.
import * as assert from "assert";
import { cognitoUserPoolRegions } from "../../config/aws-regions";
import { planEdited, problemLines } from "../support/harness";

type Case = [title: string, edits: Record<string, (current: any) => any>, expected: string];

const set = (path: string[], value: unknown) => (current: any) => {
    const root = current ?? {};
    let node = root;
    for (const key of path.slice(0, -1)) node = node[key] ??= {};
    node[path[path.length - 1]] = value;
    return root;
};

const cases: Case[] = [
    ["another stage than the stack's name", { stage: () => "prod" }, `cognito:stage: got "prod" in stack "dev"; a stack named after a stage is that stage (its defaults and policy config): remove the key or set "dev"`],
    ["a short password", { userPool: set(["passwordPolicy", "minimumLength"], 5) }, "cognito:userPool.passwordPolicy.minimumLength: got 5; allowed: a whole number from 6 to 99"],
    ["a password length given as text", { userPool: set(["passwordPolicy", "minimumLength"], "15") }, `cognito:userPool.passwordPolicy.minimumLength: got "15"; expected a whole number from 6 to 99`],
    ["an unknown MFA mode", { userPool: set(["mfa", "mode"], "SOMETIMES") }, `cognito:userPool.mfa.mode: got "SOMETIMES"; allowed: "OFF", "OPTIONAL", "ON"`],
    ["an unknown feature plan", { userPool: set(["featurePlan"], "GOLD") }, `cognito:userPool.featurePlan: got "GOLD"; allowed: "LITE", "ESSENTIALS", "PLUS"`],
    ["a misspelt user pool key", { userPool: set(["passwordPolcy"], {}) }, `cognito:userPool: unknown key(s) "passwordPolcy" (did you mean "passwordPolicy"?); allowed keys: name, importId, signInWith, caseSensitive, standardAttributes, customAttributes, passwordPolicy, mfa, featurePlan, threatProtection, passwordless, accountRecovery, selfSignUp, verificationMessage, invitationMessage, email, smsRegion, groups, logDelivery, deletionProtection, protect, retainOnDelete`],
    ["a duplicate sign-in identifier", { userPool: set(["signInWith"], ["email", "email"]) }, `cognito:userPool.signInWith: got ["email","email"]; allowed: a list of sign-in identifiers without duplicates`],
    ["an unknown sign-in identifier", { userPool: set(["signInWith"], ["emial"]) }, `cognito:userPool.signInWith[0]: got "emial"; did you mean "email"? allowed: "email", "phone", "username", "preferred_username"`],
    ["a custom attribute name with a space", { userPool: set(["customAttributes", "reading list"], { type: "String" }) }, `cognito:userPool.customAttributes.reading list: the name "reading list" is not allowed; allowed: 1 to 20 letters, digits or '_', without the 'custom:' prefix`],
    ["a custom attribute of unknown type", { userPool: set(["customAttributes", "edition"], { type: "Text" }) }, `cognito:userPool.customAttributes.edition.type: got "Text"; allowed: "String", "Number", "Boolean", "DateTime"`],
    ["a number attribute without an upper bound", { userPool: set(["customAttributes", "age"], { type: "Number", min: 0 }) }, "cognito:userPool.customAttributes.age.max: is required (expected number)"],
    ["passkeys without a relying party id", { userPool: set(["passwordless"], { passkeys: {} }) }, "cognito:userPool.passwordless.passkeys.relyingPartyId: is required (expected string)"],
    ["SES without its identity", { userPool: set(["email"], { sender: "ses", from: "no-reply@news.example.com" }) }, "cognito:userPool.email.sesIdentityArn: is required (expected string)"],
    ["a log retention CloudWatch does not offer", { userPool: set(["logDelivery", "retentionDays"], 2) }, "cognito:userPool.logDelivery.retentionDays: got 2; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"],
    ["an unknown client kind", { clients: (c) => [{ ...c[0], kind: "spa" }] }, `cognito:clients[0].kind: got "spa"; allowed: "web", "native", "server"`],
    ["pkce: true, with what PKCE is here", { clients: (c) => [{ ...c[0], pkce: true }, ...c.slice(1)] }, `cognito:clients[0].pkce: got true; not a setting: PKCE is the app's part of the code flow. Web and native clients (code flow, no secret) accept it, and Amplify, amazon-cognito-identity-js's hosted UI helpers and OIDC libraries send it (S256, the one method Cognito supports); Cognito checks it whenever a code_challenge is sent and has no switch to require it per client; server clients use client_credentials, which has none. Remove the key (README: "PKCE")`],
    ["a provider type in the wrong case, with what it meant", { identityProviders: () => [{ type: "Google", clientId: "x" }] }, `cognito:identityProviders[0].type: got "Google"; did you mean "google"? allowed: "google", "facebook", "amazon", "apple", "oidc", "saml"`],
    ["a scope named without its resource server", { clients: (c) => [{ ...c[0], scopes: ["openid", "articles.read"] }, ...c.slice(1)] }, `cognito:clients[0].scopes[1]: got "articles.read"; did you mean "https://api.dev.news.example.com/articles.read"? allowed: "openid", "email", "phone", "profile", "aws.cognito.signin.user.admin", "https://api.dev.news.example.com/articles.read", "https://api.dev.news.example.com/articles.write"`],
    ["a default group misspelt", { triggers: (t) => ({ ...t, postConfirmation: { defaultGroup: "reader" } }) }, `cognito:triggers.postConfirmation.defaultGroup: got "reader", which is not a group of the pool; did you mean "readers"? allowed: "admins", "editors", "readers"`],
    ["sign-in identifiers as one word", { userPool: set(["signInWith"], "email") }, `cognito:userPool.signInWith: got "email"; expected a list ([a, b] or one "- item" per line)`],
    ["a refresh token lifetime given twice", { clients: (c) => [{ ...c[0], tokenValidity: { refreshDays: 1, refreshMinutes: 90 } }] }, `cognito:clients[0].tokenValidity: got {"refreshDays":1,"refreshMinutes":90}; allowed: refreshDays or refreshMinutes, not both`],
    ["a refresh token living less than an hour", { clients: (c) => [{ ...c[0], tokenValidity: { refreshMinutes: 30 } }] }, "cognito:clients[0].tokenValidity.refreshMinutes: got 30; allowed: a whole number from 60 to 5256000"],
    ["an access token living two days", { clients: (c) => [{ ...c[0], tokenValidity: { accessMinutes: 2880 } }] }, "cognito:clients[0].tokenValidity.accessMinutes: got 2880; allowed: a whole number from 5 to 1440"],
    ["a client without a name", { clients: (c) => [{ kind: "web", callbackUrls: c[0].callbackUrls }] }, "cognito:clients[0].name: is required (expected string)"],
    ["an unknown identity provider type", { identityProviders: () => [{ type: "github", clientId: "x" }] }, `cognito:identityProviders[0].type: got "github"; allowed: "google", "facebook", "amazon", "apple", "oidc", "saml"`],
    ["an Apple team id of the wrong length", { identityProviders: () => [{ type: "apple", servicesId: "com.example", teamId: "ABC", keyId: "KEY1234567" }] }, `cognito:identityProviders[0].teamId: got "ABC"; allowed: a 10-character Apple team id`],
    ["a managed login version that does not exist", { domain: set(["managedLoginVersion"], 3) }, "cognito:domain.managedLoginVersion: got 3; allowed: 1 (classic hosted UI) or 2 (managed login)"],
    ["an uppercase custom domain", { domain: () => ({ customDomain: { name: "Auth.Example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" } }) }, `cognito:domain.customDomain.name: got "Auth.Example.com"; allowed: 1 to 63 characters of a lowercase host name such as auth.example.com (letters, digits and hyphens; periods between labels)`],
    ["a dynamo grant without a table ARN", { identityPool: set(["authenticated", "dynamoUserItems"], { tableArn: "reading-lists" }) }, `cognito:identityPool.authenticated.dynamoUserItems.tableArn: got "reading-lists"; allowed: an ARN such as arn:aws:iam::123456789012:role/name`],
    ["a role mapping of unknown type", { identityPool: set(["roleMapping"], { type: "groups" }) }, `cognito:identityPool.roleMapping.type: got "groups"; allowed: "token", "rules"`],
    ["an unknown top-level key", { "cognito:userpool": () => ({}) }, "cognito:userpool: unknown key; did you mean cognito:userPool? allowed keys: stage, stageDefaults, userPool, resourceServers, clients, domain, identityProviders, identityPool, triggers (and secrets set with `pulumi config set --secret`)"],
    ["a client secret written in plain text", { googleClientSecret: () => "not-so-secret" }, "cognito:googleClientSecret: is stored in plain text; remove it from the stack file and run `pulumi config set --secret googleClientSecret ...`"],
    ["a user pool given as a list", { userPool: () => ["news-dev"] }, `cognito:userPool: got ["news-dev"]; expected a map of keys ({ key: value } or indented keys)`],
    ["a group precedence past 2^53, once", { userPool: (p) => ({ ...p, groups: [{ name: "admins", precedence: 1e20 }] }) }, "cognito:userPool.groups[0].precedence: got 100000000000000000000; allowed: a whole number from 0 to 2147483647"],
    ["a group precedence that is not whole", { userPool: (p) => ({ ...p, groups: [{ name: "admins", precedence: 1.5 }] }) }, "cognito:userPool.groups[0].precedence: got 1.5; allowed: a whole number from 0 to 2147483647"],
    ["a server client without scopes in a stack without resource servers", { resourceServers: () => undefined, clients: () => [{ name: "ingest", kind: "server" }], triggers: () => undefined, identityPool: () => undefined }, "cognito:clients[0].scopes: a server client needs at least one resource server scope; allowed: none (declare a resource server in resourceServers first)"],
    ["a region without Cognito", { "aws:region": () => "mars-central-1" }, `aws:region: got "mars-central-1"; allowed: a region where Amazon Cognito has user pools: ${cognitoUserPoolRegions.join(", ")}`],
    ["a misspelt aws: key", { "aws:regoin": () => "eu-central-1" }, "aws:regoin: is not a key this program or the AWS provider reads; did you mean aws:region?"],
    ["a key named __proto__", { "cognito:__proto__": () => ({ userPool: { mfa: { mode: "OFF" } } }) }, "cognito:__proto__: unknown key; allowed keys: stage, stageDefaults, userPool, resourceServers, clients, domain, identityProviders, identityPool, triggers (and secrets set with `pulumi config set --secret`)"],
    ["a misspelt namespace", { "cogntio:triggers": () => ({}) }, `cogntio:triggers: nothing reads the namespace "cogntio"; did you mean cognito:triggers? allowed: cognito:, aws:, random:, pulumi:`],
];

describe("malformed stack configs", () => {
    it("says only the misspelling of a misspelt section: the checks that depend on it wait instead of pointing the wrong way", async () => {
        const lines = await problemLines(planEdited("dev", { userPool: () => undefined, "cognito:userpool": () => ({ name: "news-dev", groups: [{ name: "readers" }] }) }));
        assert.deepStrictEqual(lines, ["cognito:userpool: unknown key; did you mean cognito:userPool? allowed keys: stage, stageDefaults, userPool, resourceServers, clients, domain, identityProviders, identityPool, triggers (and secrets set with `pulumi config set --secret`)"]);
        // A misspelt identityProviders section leaves its secret unjudged too.
        const idps = await problemLines(planEdited("dev", { identityProviders: () => undefined, "cognito:identityProvider": () => [{ type: "google", clientId: "x" }] }));
        assert.deepStrictEqual(idps, ["cognito:identityProvider: unknown key; did you mean cognito:identityProviders? allowed keys: stage, stageDefaults, userPool, resourceServers, clients, domain, identityProviders, identityPool, triggers (and secrets set with `pulumi config set --secret`)"]);
    });

    for (const [title, edits, expected] of cases) {
        it(`refuses ${title}`, async () => {
            assert.deepStrictEqual(await problemLines(planEdited("dev", edits)), [expected]);
        });
    }

    it("reports every problem of a file in one run: aws: keys, stage, schema, stage rules and combinations", async () => {
        const lines = await problemLines(planEdited("prod", {
            "aws:region": () => "42",
            "aws:regoin": () => "eu-central-1",
            stage: () => "dev",
            userPool: set(["featurePlan"], "GOLD"),
            triggers: (t) => ({ ...t, preSignUp: { autoConfirmEmailDomains: ["test.news.example.com"] } }),
            domain: (d) => ({ ...d, managedLoginVersion: 2 }),
        }));
        assert.deepStrictEqual(lines, [
            `aws:region: got "42"; allowed: a region where Amazon Cognito has user pools: ${cognitoUserPoolRegions.join(", ")}`,
            "aws:regoin: is not a key this program or the AWS provider reads; did you mean aws:region?",
            `cognito:stage: got "dev" in stack "prod"; a stack named after a stage is that stage (its defaults and policy config): remove the key or set "prod"`,
            `cognito:userPool.featurePlan: got "GOLD"; allowed: "LITE", "ESSENTIALS", "PLUS"`,
            `cognito:triggers.preSignUp.autoConfirmEmailDomains: got ["test.news.example.com"] in prod; allowed: none in prod (auto-confirmed accounts skip proof that their owner holds the address); remove the key`,
            `cognito:domain.branding.style: "classic" branding needs managedLoginVersion 1 (got 2)`,
        ]);
    });

    it("skips a combination check whose section the schema refused, and runs the others", async () => {
        const lines = await problemLines(planEdited("dev", {
            userPool: set(["mfa", "mode"], "NEVER"),
            clients: (clients) => clients.map((c: any) => (c.name === "web" ? { ...c, identityProviders: ["COGNITO", "Facebook"] } : c)),
            domain: () => ({ prefix: "news-cognito" }),
        }));
        // A client's provider is checked without the pool, so it is said in the same run; what needs the pool's
        // capabilities (write attributes, the plan) waits for a pool that parses. The domain's needs nothing else.
        assert.deepStrictEqual(lines, [
            `cognito:userPool.mfa.mode: got "NEVER"; allowed: "OFF", "OPTIONAL", "ON"`,
            `cognito:clients[0].identityProviders[1]: got "Facebook", which is not configured; allowed: "COGNITO", "Google"`,
            `cognito:domain.prefix: got "news-cognito"; it may not contain "cognito" (reserved by AWS)`,
        ]);
    });

    it("refuses callback and sign-out URLs on the user's own machine on prod's defaults, by key", async () => {
        const lines = await problemLines(planEdited("prod", { clients: (cs: any[]) => cs.map((c) => (c.name === "web" ? { ...c, callbackUrls: ["https://news.example.com/cb", "http://127.0.0.1:3000/cb"], logoutUrls: ["http://localhost.:3000/"] } : c)) }));
        assert.deepStrictEqual(lines, [
            `cognito:clients[0].callbackUrls[1]: got "http://127.0.0.1:3000/cb", an address on the user's own machine; allowed in prod: https URLs of your site, or a native app's custom scheme (keep localhost to stages with stageDefaults dev)`,
            `cognito:clients[0].logoutUrls[0]: got "http://localhost.:3000/", an address on the user's own machine; allowed in prod: https URLs of your site, or a native app's custom scheme (keep localhost to stages with stageDefaults dev)`,
        ]);
    });

    it("names the stack file in the error", async () => {
        await assert.rejects(planEdited("dev", { stage: () => "qa" }), /^ConfigError: Invalid stack config in .*Pulumi\.dev\.yaml:/m);
    });
});
