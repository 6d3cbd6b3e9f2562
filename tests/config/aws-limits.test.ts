// Values AWS would refuse, refused by the stack config schema first: each names the key, the value,
// the characters AWS refuses in it and what AWS allows, as the AWS API reference gives it for the
// field the key ends up in (config/aws-fields.ts). Without these, `pulumi up` stops at the first
// resource AWS refuses, the ones before it already created.
import * as assert from "assert";
import { awsFields, javaPattern, ruleProblem } from "../../config/aws-fields";
import { show } from "../../config/errors";
import { planEdited, problemLines } from "../support/harness";

type Case = [title: string, edits: Record<string, (current: any) => any>, expected: string];

/** The first item of a list key, changed. */
const first = (change: (item: any) => any) => (list: any[]) => [change(list[0]), ...list.slice(1)];
const pool = (change: Record<string, unknown>) => (current: any) => ({ ...current, ...change });
const server = (change: Record<string, unknown>) => first((s) => ({ ...s, ...change }));
const scope = (change: Record<string, unknown>) => server({ scopes: [{ name: "articles.read", description: "Read articles", ...change }] });
const manyScopes = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `articles.s${i}`, description: `وصف النطاق ${i}` }));
const oidc = (name: string) => (current: any[]) => [...current, { type: "oidc", name, clientId: "news", issuer: "https://sso.example.com" }];

const plainName = "ASCII letters, digits, spaces or + = , . @ - _";
const printable = "letters, digits, marks, symbols or punctuation of any script, without spaces";
const messageText = "letters, digits, marks, symbols, punctuation of any script and ASCII whitespace (no no-break spaces or invisible direction marks)";

const cases: Case[] = [
    ["the dev resource server's former name, which AWS refused", { resourceServers: server({ name: "News API (dev)" }) },
        `cognito:resourceServers[0].name: got "News API (dev)"; "(", ")" are not allowed; allowed: 1 to 256 ${plainName}`],
    ["a resource server name in Arabic (\\w is ASCII to AWS)", { resourceServers: server({ name: "أخبار" }) },
        `cognito:resourceServers[0].name: got "أخبار"; "أ", "خ", "ب", "ا", "ر" are not allowed; allowed: 1 to 256 ${plainName}`],
    ["a scope name with a slash (it separates identifier and scope)", { resourceServers: scope({ name: "articles/read" }) },
        `cognito:resourceServers[0].scopes[0].name: got "articles/read"; "/" is not allowed; allowed: 1 to 256 printable ASCII characters except spaces, ", / and \\`],
    ["a scope description of 257 characters", { resourceServers: scope({ description: "d".repeat(257) }) },
        `cognito:resourceServers[0].scopes[0].description: got ${show("d".repeat(257))}; it has 257 characters; allowed: 1 to 256 characters`],
    ["101 scopes on one resource server", { resourceServers: server({ scopes: manyScopes(101) }) },
        `cognito:resourceServers[0].scopes: got ${show(manyScopes(101))}; allowed: at most 100 items`],
    ["a pool name of 129 characters", { userPool: pool({ name: "n".repeat(129) }) },
        `cognito:userPool.name: got ${show("n".repeat(129))}; it has 129 characters; allowed: 1 to 128 ${plainName}`],
    ["a group name with a space", { userPool: pool({ groups: [{ name: "news admins" }] }) },
        `cognito:userPool.groups[0].name: got "news admins"; " " is not allowed; allowed: 1 to 128 ${printable}`],
    ["a group description of 2049 characters", { userPool: pool({ groups: [{ name: "admins", description: "d".repeat(2049) }] }) },
        `cognito:userPool.groups[0].description: got ${show("d".repeat(2049))}; it has 2049 characters; allowed: at most 2048 characters`],
    ["a group role ARN without an account", { userPool: pool({ groups: [{ name: "admins", roleArn: "arn:aws:iam:::role/admins" }] }) },
        `cognito:userPool.groups[0].roleArn: got "arn:aws:iam:::role/admins"; allowed: 20 to 2048 characters of an ARN with an account (arn:aws:iam::123456789012:role/name), of ASCII letters, digits and + = / , . @ - _`],
    ["a group precedence above 2^31-1", { userPool: pool({ groups: [{ name: "admins", precedence: 2147483648 }] }) },
        "cognito:userPool.groups[0].precedence: got 2147483648; allowed: a whole number from 0 to 2147483647"],
    ["a verification subject with a right-to-left mark", { userPool: pool({ verificationMessage: { emailSubject: "\u200Fرمز التحقق" } }) },
        `cognito:userPool.verificationMessage.emailSubject: got "\u200Fرمز التحقق"; U+200F is not allowed; allowed: 1 to 140 ${messageText}`],
    ["a verification email without the code", { userPool: pool({ verificationMessage: { emailMessage: "Welcome to the news" } }) },
        `cognito:userPool.verificationMessage.emailMessage: got "Welcome to the news"; allowed: 6 to 20000 ${messageText}, with the code placeholder {####}`],
    ["a verification link email without the link", { userPool: pool({ verificationMessage: { method: "link", emailMessage: "Verify your email" } }) },
        `cognito:userPool.verificationMessage.emailMessage: got "Verify your email"; allowed: 6 to 20000 ${messageText}, with a link placeholder {##link text##}`],
    ["an SMS of 141 characters", { userPool: pool({ verificationMessage: { smsMessage: `{####} ${"x".repeat(134)}` } }) },
        `cognito:userPool.verificationMessage.smsMessage: got ${show(`{####} ${"x".repeat(134)}`)}; it has 141 characters; allowed: 6 to 140 characters on one line, with the code placeholder {####}`],
    ["an MFA text without the code", { userPool: pool({ mfa: { smsMessage: "Your sign-in code" } }) },
        `cognito:userPool.mfa.smsMessage: got "Your sign-in code"; allowed: 6 to 140 characters on one line, with the code placeholder {####}`],
    ["an invitation email with a no-break space", { userPool: pool({ invitationMessage: { emailMessage: "User\u00A0{username}, password {####}" } }) },
        `cognito:userPool.invitationMessage.emailMessage: got "User\u00A0{username}, password {####}"; U+00A0 is not allowed; allowed: 6 to 20000 ${messageText}`],
    ["a callback URL with a space", { clients: first((c) => ({ ...c, callbackUrls: ["http://localhost:3000/auth callback"] })) },
        `cognito:clients[0].callbackUrls[0]: got "http://localhost:3000/auth callback"; " " is not allowed; allowed: 1 to 1024 ${printable}`],
    ["a sign-out URL of 1025 characters", { clients: first((c) => ({ ...c, logoutUrls: [`https://news.example.com/${"p".repeat(1000)}`] })) },
        `cognito:clients[0].logoutUrls[0]: got ${show(`https://news.example.com/${"p".repeat(1000)}`)}; it has 1025 characters; allowed: 1 to 1024 ${printable}`],
    ["an OIDC provider name with '_' past the second character", { identityProviders: oidc("corp_sso") },
        `cognito:identityProviders[1].name: got "corp_sso"; allowed: 1 to 32 letters, digits, symbols or punctuation, at least 3, without spaces and without '_' except as the second character`],
    ["a SAML identifier of 41 characters", { identityProviders: (current: any[]) => [...current, { type: "saml", name: "corp-saml", metadataUrl: "https://sso.example.com/metadata", identifiers: ["i".repeat(41)] }] },
        `cognito:identityProviders[1].identifiers[0]: got "${"i".repeat(41)}"; it has 41 characters; allowed: 1 to 40 ASCII letters, digits, spaces or + = . @ - _`],
    ["an uppercase domain prefix", { domain: (d: any) => ({ ...d, prefix: "News-dev" }) },
        `cognito:domain.prefix: got "News-dev"; allowed: 1 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen`],
    ["a custom domain of 64 characters", { domain: () => ({ customDomain: { name: `auth.${"n".repeat(47)}.example.com`, hostedZoneId: "Z0123456789ABCDEFGHIJ" } }) },
        `cognito:domain.customDomain.name: got "auth.${"n".repeat(47)}.example.com"; it has 64 characters; allowed: 1 to 63 characters of a lowercase host name such as auth.example.com (letters, digits and hyphens; periods between labels)`],
    ["an identity pool name with an apostrophe", { identityPool: (p: any) => ({ ...p, name: "News' readers" }) },
        `cognito:identityPool.name: got "News' readers"; "'" is not allowed; allowed: 1 to 128 ${plainName}`],
    ["a role mapping claim with a space", {
        identityPool: (p: any) => ({ ...p, roleMapping: { type: "rules", rules: [{ claim: "cognito groups", value: "admins", roleArn: "arn:aws:iam::123456789012:role/admins" }] } }),
    }, `cognito:identityPool.roleMapping.rules[0].claim: got "cognito groups"; " " is not allowed; allowed: 1 to 64 ${printable}`],
];

describe("values AWS would refuse", () => {
    for (const [title, edits, expected] of cases) {
        it(`refuses ${title}`, async () => {
            assert.deepStrictEqual(await problemLines(planEdited("dev", edits)), [expected]);
        });
    }

    it("refuses an SES configuration set name with a dot, in prod", async () => {
        const lines = await problemLines(planEdited("prod", { userPool: (p: any) => ({ ...p, email: { ...p.email, configurationSet: "news.auth" } }) }));
        assert.deepStrictEqual(lines, [`cognito:userPool.email.configurationSet: got "news.auth"; "." is not allowed; allowed: 1 to 64 ASCII letters, digits, '_' or '-'`]);
    });

    it("lets through what AWS takes at its limits: Arabic messages and group names, 128-character names, 100 scopes", async () => {
        await planEdited("dev", {
            userPool: (p: any) => ({
                ...p,
                name: "News pool +=,.@-_".padEnd(128, "x"),
                // No pattern on a group's description: Arabic with a no-break space and a direction mark.
                groups: [...p.groups, { name: "محررو_الأخبار", description: "يَنشُرُ\u00A0المقالات\u200F", precedence: 2147483647 }],
                verificationMessage: { emailSubject: "رمز التحقق، من فضلك", emailMessage: "<p>رمزُك هو {####}</p>", smsMessage: "رمزك: {####}" },
            }),
            resourceServers: server({ scopes: [{ name: "articles.read", description: "Read" }, { name: "articles.write", description: "Write" }, ...manyScopes(98)] }),
        });
    });
});

describe("AWS's patterns read as Java reads them", () => {
    it("takes \\s as ASCII whitespace only, as Java does", () => {
        assert.strictEqual(javaPattern("[\\w\\s]+").test("a b\tc"), true);
        assert.strictEqual(javaPattern("[\\w\\s]+").test("a\u00A0b"), false);
        assert.strictEqual(javaPattern("a\\sb").test("a\u2009b"), false);
    });

    it("matches the whole value, and (?s) lets . cross lines", () => {
        assert.strictEqual(javaPattern("[a-z]+").test("abc!"), false);
        assert.strictEqual(javaPattern(".*\\{####\\}.*").test("line\n{####}"), false);
        assert.strictEqual(javaPattern("(?s).*").test("line\nline"), true);
    });

    it("says how long a value is when it is too long, before the characters", () => {
        assert.strictEqual(ruleProblem(awsFields.functionName, "fn-".repeat(22)), `it has 66 characters; allowed: 1 to 64 ASCII letters, digits, '-' or '_'`);
    });
});
