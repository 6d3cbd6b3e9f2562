// Every value the planned stacks send to AWS, held to the rule AWS's API reference gives for its field
// (config/aws-fields.ts): the shipped stacks, and variants at the edges of what the config lets
// through (the longest names, Arabic text where AWS takes it, 100 scopes, the longest custom domain).
// A value the schema let pass but AWS refuses would stop `pulumi up` halfway. Also the names the
// components derive from config: refused, or made to fit, before anything is registered.
import * as assert from "assert";
import * as path from "path";
import { awsFields, pulumiAutoName, ruleProblem, type AwsRule } from "../../config/aws-fields";
import { show } from "../../config/errors";
import type { PlannedResource } from "../../tools/harness/run-program";
import { planStack, type Plan } from "../../tools/harness/run-stack";
import { projectRoot } from "../../tools/harness/stack-file";
import { stackNames } from "../../tools/harness/stacks";
import { one, planEdited, problemLines, types } from "../support/harness";

/** A rule, or the rule that applies given the resource's inputs (a prefix or a custom domain). */
type FieldRule = AwsRule | ((inputs: Record<string, any>) => AwsRule);

/**
 * Input path (as the provider receives it) -> rule, per resource type. "[]" is each item of a list,
 * "{}" each key of a map.
 */
const plannedFields: Readonly<Record<string, Readonly<Record<string, FieldRule>>>> = {
    [types.userPool]: {
        "name": awsFields.userPoolName,
        "schemas[].name": awsFields.customAttributeName,
        "verificationMessageTemplate.emailMessage": awsFields.verificationEmailMessage,
        "verificationMessageTemplate.emailMessageByLink": awsFields.verificationEmailMessageByLink,
        "verificationMessageTemplate.emailSubject": awsFields.verificationEmailSubject,
        "verificationMessageTemplate.emailSubjectByLink": awsFields.verificationEmailSubject,
        "verificationMessageTemplate.smsMessage": awsFields.smsCodeMessage,
        "smsAuthenticationMessage": awsFields.smsCodeMessage,
        "adminCreateUserConfig.inviteMessageTemplate.emailMessage": awsFields.invitationEmailMessage,
        "adminCreateUserConfig.inviteMessageTemplate.emailSubject": awsFields.invitationEmailSubject,
        "adminCreateUserConfig.inviteMessageTemplate.smsMessage": awsFields.invitationSmsMessage,
        "emailMfaConfiguration.message": awsFields.mfaEmailMessage,
        "emailMfaConfiguration.subject": awsFields.mfaEmailSubject,
        "emailConfiguration.replyToEmailAddress": awsFields.replyToEmailAddress,
        "emailConfiguration.configurationSet": awsFields.sesConfigurationSet,
        "emailConfiguration.sourceArn": awsFields.cognitoArn,
    },
    [types.client]: {
        "name": awsFields.clientName,
        "callbackUrls[]": awsFields.redirectUrl,
        "logoutUrls[]": awsFields.redirectUrl,
        "allowedOauthScopes[]": awsFields.oauthScope,
        "supportedIdentityProviders[]": awsFields.clientIdentityProvider,
        "readAttributes[]": awsFields.clientAttribute,
        "writeAttributes[]": awsFields.clientAttribute,
    },
    [types.resourceServer]: {
        "identifier": awsFields.resourceServerIdentifier,
        "name": awsFields.resourceServerName,
        "scopes": awsFields.resourceServerScopes,
        "scopes[].scopeName": awsFields.resourceServerScopeName,
        "scopes[].scopeDescription": awsFields.resourceServerScopeDescription,
    },
    [types.group]: { "name": awsFields.groupName, "description": awsFields.groupDescription, "precedence": awsFields.groupPrecedence, "roleArn": awsFields.cognitoArn },
    [types.identityProvider]: {
        "providerName": awsFields.identityProviderName,
        "idpIdentifiers[]": awsFields.identityProviderIdentifier,
        "attributeMapping{}": awsFields.attributeMappingKey,
    },
    // The same field holds a prefix, or a custom domain (which comes with its certificate).
    [types.domain]: { domain: (inputs) => (inputs.certificateArn === undefined ? awsFields.userPoolDomainPrefix : awsFields.userPoolCustomDomain) },
    [types.identityPool]: { identityPoolName: awsFields.identityPoolName },
    [types.roleAttachment]: {
        "roleMappings[].mappingRules[].claim": awsFields.roleMappingClaim,
        "roleMappings[].mappingRules[].value": awsFields.roleMappingValue,
        "roleMappings[].mappingRules[].roleArn": awsFields.roleMappingRoleArn,
    },
    [types.role]: { "name": awsFields.roleName, "description": awsFields.roleDescription, "path": awsFields.rolePath },
    [types.rolePolicy]: { name: awsFields.rolePolicyName },
    [types.lambdaFunction]: { "name": awsFields.functionName, "description": awsFields.functionDescription, "environment.variables": awsFields.functionEnvironment },
    [types.logGroup]: { name: awsFields.logGroupName },
};

/** Resources the program leaves unnamed: AWS gets Pulumi's auto-name, which must fit the rule too. */
const autoNamed: readonly string[] = [types.role, types.rolePolicy];

type Sent = { readonly at: string; readonly value: unknown };
type Resource = Pick<PlannedResource, "type" | "name" | "inputs">;

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** "scopes[].scopeName" -> ["scopes", "[]", "scopeName"]. */
const segments = (fieldPath: string) => fieldPath.split(".").flatMap((s) => s.replace(/(\[\]|\{\})$/, " $1").split(" "));

/** The values at a path, each with where it is ("scopes[2].scopeName"); none when the input is not set. */
function valuesAt(value: unknown, rest: readonly string[], at: string): Sent[] {
    if (rest.length === 0) return value === undefined ? [] : [{ at, value }];
    const [head, ...tail] = rest;
    if (head === "[]") return Array.isArray(value) ? value.flatMap((item, i) => valuesAt(item, tail, `${at}[${i}]`)) : [];
    if (head === "{}") return isMap(value) ? Object.keys(value).map((key) => ({ at: `${at}{${key}}`, value: key })) : [];
    return isMap(value) ? valuesAt(value[head], tail, at ? `${at}.${head}` : head) : [];
}

/** What AWS receives at a path: the input, or for a resource left unnamed, its auto-name. */
function sentValues(resource: Resource, fieldPath: string): Sent[] {
    const given = valuesAt(resource.inputs, segments(fieldPath), "");
    if (given.length === 0 && fieldPath === "name" && autoNamed.includes(resource.type)) return [{ at: "name (auto-named)", value: pulumiAutoName(resource.name) }];
    return given;
}

/** One line per value AWS would refuse; the (type, path) pairs checked are added to `seen`. */
function violations(resources: readonly Resource[], seen = new Set<string>()): string[] {
    return resources.flatMap((resource) => Object.entries(plannedFields[resource.type] ?? {}).flatMap(([fieldPath, fieldRule]) => {
        const sent = sentValues(resource, fieldPath);
        if (sent.length) seen.add(`${resource.type} ${fieldPath}`);
        const rule = typeof fieldRule === "function" ? fieldRule(resource.inputs) : fieldRule;
        return sent.flatMap(({ at, value }) => {
            const problem = ruleProblem(rule, value);
            return problem ? [`${resource.type} ${resource.name} ${at}: got ${show(value)}; ${problem}`] : [];
        });
    }));
}

const arabic = {
    subject: "رمز التحقق من الأخبار اليومية",
    // Diacritics, an Arabic comma and Arabic-Indic digits: letters, marks, punctuation and digits to AWS.
    email: "<p dir=\"rtl\">مرحبًا، رمزُ التحقق الخاص بك هو {####}. صالح لمدة ١٠ دقائق.</p>",
    sms: "رمزك للأخبار: {####}",
    invitation: "<p dir=\"rtl\">اسم المستخدم: {username}<br>كلمة المرور المؤقتة: {####}</p>",
};

/** Variants of the shipped stacks at the edges of what the config lets through. */
const variants: Record<string, { readonly stack: string; readonly edits: Record<string, (current: any) => any> }> = {
    "the longest names the config allows": {
        stack: "dev",
        edits: {
            userPool: (p) => ({
                ...p,
                // Every character a pool name may hold: the function and log group names made from it must still fit.
                name: "News pool +=,.@-_".padEnd(128, "x"),
                customAttributes: { ...p.customAttributes, ["a".repeat(20)]: { type: "String" } },
                standardAttributes: { ...p.standardAttributes, phone_number: { required: false, mutable: true } },
                mfa: { totp: true, sms: true }, // the SMS role's description repeats the pool name
                groups: [...p.groups, { name: "محررو_الأخبار".padEnd(128, "ر"), description: "د".repeat(2048), precedence: 2147483647, roleArn: "arn:aws:iam::123456789012:role/news-editors" }],
            }),
            resourceServers: (servers) => [...servers, {
                identifier: `https://api.example.com/${"v".repeat(232)}`,
                name: "Archive API +=,.@-_".padEnd(256, "x"),
                scopes: [{ name: "s".repeat(256), description: "d".repeat(256) }],
            }],
            clients: (clients) => [...clients, {
                name: "c".repeat(63),
                kind: "web",
                callbackUrls: [`https://news.example.com/${"a".repeat(999)}`],
                logoutUrls: [`https://news.example.com/${"b".repeat(999)}`],
                identityProviders: ["COGNITO"],
                readAttributes: ["email", `custom:${"a".repeat(20)}`],
            }],
            domain: (d) => ({ ...d, prefix: `news-${"d".repeat(58)}` }),
            identityProviders: (idps) => [...idps,
                { type: "oidc", name: "Corp.Sso-".padEnd(32, "x"), clientId: "news", issuer: "https://sso.example.com" },
                { type: "saml", name: "corp-saml", metadataUrl: "https://sso.example.com/metadata", identifiers: ["corp.example.com".padEnd(40, "x")] },
            ],
            identityPool: (p) => ({
                ...p,
                name: "News identity pool ".padEnd(128, "x"),
                roleMapping: { type: "rules", rules: [{ claim: "c".repeat(64), value: "v".repeat(128), roleArn: "arn:aws:iam::123456789012:role/readers" }] },
            }),
        },
    },
    "Arabic text where AWS takes it": {
        stack: "dev",
        edits: {
            userPool: (p) => ({
                ...p,
                groups: [...p.groups.map((g: any) => ({ ...g, description: `مجموعة ${g.name}\u00A0\u200F` })), { name: "محررون", description: "المحررون", precedence: 20 }],
                verificationMessage: { method: "link", emailSubject: arabic.subject, emailMessage: "<p>{##أكِّد بريدك الإلكتروني##}</p>", smsMessage: arabic.sms },
                invitationMessage: { emailSubject: "حسابك في الأخبار", emailMessage: arabic.invitation, smsMessage: "المستخدم {username} كلمة المرور {####}" },
            }),
            resourceServers: (servers) => servers.map((s: any) => ({ ...s, scopes: s.scopes.map((sc: any) => ({ ...sc, description: `يسمح بـ ${sc.name}` })) })),
        },
    },
    "100 scopes on one resource server, all asked by one client": {
        stack: "dev",
        edits: {
            resourceServers: (servers) => [{ ...servers[0], scopes: [...servers[0].scopes, ...Array.from({ length: 98 }, (_, i) => ({ name: `sections.s${i}`, description: `Section ${i}` }))] }],
            clients: (clients) => clients.map((c: any) => (c.kind === "server" ? { ...c, scopes: [...c.scopes, ...Array.from({ length: 98 }, (_, i) => `https://api.dev.news.example.com/sections.s${i}`)] } : c)),
        },
    },
    "prod with email MFA in Arabic, the longest SES configuration set and custom domain": {
        stack: "prod",
        edits: {
            userPool: (p) => ({
                ...p,
                accountRecovery: "admin_only", // Cognito refuses email recovery to users with email MFA
                mfa: { ...p.mfa, email: true, emailSubject: arabic.subject, emailMessage: arabic.email },
                verificationMessage: { emailSubject: arabic.subject, emailMessage: arabic.email, smsMessage: arabic.sms },
                email: { ...p.email, configurationSet: "news-auth_".padEnd(64, "x") },
            }),
            domain: (d) => ({ ...d, customDomain: { ...d.customDomain, name: `auth.${"n".repeat(46)}.example.com` } }),
        },
    },
};

describe("values the stacks send to AWS", () => {
    const plans: Record<string, Plan> = {};
    const shipped = stackNames().map((stack) => `shipped ${stack}`);
    before(async () => {
        for (const stack of stackNames()) plans[`shipped ${stack}`] = await planStack(stack);
        for (const [title, { stack, edits }] of Object.entries(variants)) plans[title] = await planEdited(stack, edits);
    });

    for (const title of [...shipped, ...Object.keys(variants)]) {
        it(`are all taken by AWS: ${title}`, () => {
            assert.deepStrictEqual(violations(plans[title].resources), []);
        });
    }

    it("are checked for every field the rules name (only role paths are never set)", () => {
        const seen = new Set<string>();
        for (const plan of Object.values(plans)) violations(plan.resources, seen);
        const unseen = Object.entries(plannedFields).flatMap(([type, fields]) => Object.keys(fields).map((f) => `${type} ${f}`)).filter((key) => !seen.has(key));
        assert.deepStrictEqual(unseen, [`${types.role} path`]);
    });

    it("finds what AWS would refuse: the dev resource server's former name, a scope with a slash, a role auto-name past 64 characters", () => {
        const found = violations([
            { type: types.resourceServer, name: "clients-rs-bad", inputs: { identifier: "https://api.dev.news.example.com", name: "News API (dev)", scopes: [{ scopeName: "articles/read", scopeDescription: "Read articles" }] } },
            { type: types.role, name: "r".repeat(60), inputs: { description: "A role" } },
        ]);
        assert.deepStrictEqual(found, [
            `${types.resourceServer} clients-rs-bad name: got "News API (dev)"; "(", ")" are not allowed; allowed: 1 to 256 ASCII letters, digits, spaces or + = , . @ - _`,
            `${types.resourceServer} clients-rs-bad scopes[0].scopeName: got "articles/read"; "/" is not allowed; allowed: 1 to 256 printable ASCII characters except spaces, ", / and \\`,
            `${types.role} ${"r".repeat(60)} name (auto-named): got ${show(`${"r".repeat(60)}-0000000`)}; it has 68 characters; allowed: 1 to 64 ASCII letters, digits or + = , . @ - _`,
        ]);
    });
});

describe("names made from config", () => {
    it("cuts the trigger function names made from a 128-character pool name to Lambda's 64", async () => {
        const plan = await planEdited("dev", { userPool: (p: any) => ({ ...p, name: "News pool +=,.@-_".padEnd(128, "x") }) });
        const fn = one(plan, types.lambdaFunction, "main-pre-sign-up-function").inputs;
        assert.deepStrictEqual([fn.name, fn.name.length], [`${"News-pool-------_".padEnd(52, "x")}-pre-sign-up`, 64]);
        assert.strictEqual(one(plan, types.logGroup, "main-pre-sign-up-logs").inputs.name, `/aws/lambda/${fn.name}`);
    });

    it("names the pool's log group with '-' for the characters of the pool name CloudWatch refuses", async () => {
        const plan = await planEdited("dev", { userPool: (p: any) => ({ ...p, name: "News readers+staff@dev" }) });
        assert.strictEqual(one(plan, types.logGroup, "main-logs").inputs.name, "/aws/vendedlogs/cognito/News-readers-staff-dev");
    });

    it("refuses a pool name the SMS role's description cannot repeat", async () => {
        const lines = await problemLines(planEdited("dev", {
            userPool: (p: any) => ({ ...p, name: "News\u000Bpool", standardAttributes: { ...p.standardAttributes, phone_number: {} }, mfa: { totp: true, sms: true } }),
        }));
        assert.deepStrictEqual(lines, [
            `cognito:userPool.name: got "News\\u000bpool", which the SMS role's description repeats, and IAM refuses it there: U+000B is not allowed; allowed: at most 1000 characters of ASCII and Latin-1 (tab and line breaks included)`,
        ]);
    });

    // Pulumi Cloud caps stack names at 100 characters, so with this project's name the defaults fit;
    // a program of its own with a longer project name would not: the long stack name stands in for it.
    it("refuses default pool and identity pool names past Cognito's 128 characters, naming the keys that fix them", async () => {
        const stack = "s".repeat(125);
        const lines = await problemLines(planStack(stack, {
            file: path.join(projectRoot, "Pulumi.dev.yaml"),
            edit: (values) => ({ ...values, "cognito:userPool": JSON.stringify({ ...JSON.parse(values["cognito:userPool"]), name: undefined }) }),
        }));
        const rule = "it has 133 characters; allowed: 1 to 128 ASCII letters, digits, spaces or + = , . @ - _";
        assert.deepStrictEqual(lines, [
            `cognito:userPool.name: is not set, and the default "<project>-<stack>" "cognito-${stack}" is refused by Cognito: ${rule}; set name`,
            `cognito:identityPool.name: is not set, and the default "<project>_<stack>" "cognito_${stack}" is refused by Cognito: ${rule}; set name`,
        ]);
    });

    it("refuses trigger settings past Lambda's 4 KB of environment variables, before anything is registered", async () => {
        const domains = Array.from({ length: 300 }, (_, i) => `disposable-${i}.example.com`);
        await assert.rejects(planEdited("dev", { triggers: (t: any) => ({ ...t, preSignUp: { ...t.preSignUp, deniedEmailDomains: domains } }) }), (error: Error & { registeredBeforeFailure?: string[] }) => {
            assert.match(error.message, /^Triggers "main" has invalid arguments:\n {2}- preSignUp: the settings its function receives are too large for Lambda's environment variables: they take \d+ bytes; allowed: at most 4096 bytes of names and values together; shorten its lists$/);
            assert.deepStrictEqual(error.registeredBeforeFailure, ["pulumi:pulumi:Stack"]);
            return true;
        });
    });
});
