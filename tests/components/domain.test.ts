import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Domain, domainProblems, providerRegistration, type DomainArgs } from "../../components/domain";
import type { DomainSettings } from "../../config/schema";
import { planStack } from "../../tools/harness/run-stack";
import { projectRoot } from "../../tools/harness/stack-file";
import { one, ofType, runComponents, types } from "../support/harness";

async function domainRun(settings: DomainSettings, extra: Partial<DomainArgs> = {}) {
    return runComponents(() => {
        const domain = new Domain("hosted", { userPoolId: "pool-1", region: "eu-central-1", ...settings, baseDir: projectRoot, ...extra });
        return { host: domain.host, baseUrl: domain.baseUrl, ...(domain.dnsRecord && { dnsRecord: domain.dnsRecord }) };
    });
}

const problems = (settings: DomainSettings, baseDir = projectRoot) => domainProblems(settings, baseDir).map((p) => `${p.field}: ${p.message}`);

describe("Domain", () => {
    it("creates a prefix domain on managed login, with its host in the outputs", async () => {
        const run = await domainRun({ prefix: "news-dev" });
        assert.deepStrictEqual(one(run, types.domain).inputs, { userPoolId: "pool-1", domain: "news-dev", managedLoginVersion: 2 });
        assert.deepStrictEqual(run.outputs, { host: "news-dev.auth.eu-central-1.amazoncognito.com", baseUrl: "https://news-dev.auth.eu-central-1.amazoncognito.com" });
        assert.deepStrictEqual([ofType(run, types.certificate).length, ofType(run, types.record).length], [0, 0]);
    });

    it("creates a custom domain with a DNS-validated certificate in us-east-1 and alias records", async () => {
        const run = await domainRun({ customDomain: { name: "auth.news.example.com", hostedZoneId: "Z0123456789ABC" } });
        const provider = one(run, types.provider);
        assert.deepStrictEqual(provider.inputs.region, "us-east-1");
        const certificate = one(run, types.certificate);
        assert.deepStrictEqual([certificate.inputs.domainName, certificate.inputs.validationMethod, certificate.options.provider], ["auth.news.example.com", "DNS", `${types.provider}::hosted-us-east-1`]);
        const validation = one(run, types.record, "hosted-certificate-validation").inputs;
        assert.deepStrictEqual([validation.zoneId, validation.name, validation.type, validation.records], ["Z0123456789ABC", "_mock.auth.news.example.com.", "CNAME", ["_mock.acm-validations.aws."]]);
        assert.strictEqual(one(run, types.certificateValidation).options.provider, `${types.provider}::hosted-us-east-1`);
        const domain = one(run, types.domain).inputs;
        assert.deepStrictEqual([domain.domain, domain.certificateArn], ["auth.news.example.com", "arn:aws:acm:eu-central-1:123456789012:certificate/hosted-certificate"]);
        for (const type of ["a", "aaaa"]) {
            const alias = one(run, types.record, `hosted-alias-${type}`).inputs;
            assert.deepStrictEqual([alias.name, alias.type, alias.aliases], ["auth.news.example.com", type.toUpperCase(), [{ name: "d111111abcdef8.cloudfront.net", zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false }]]);
        }
        assert.strictEqual(run.outputs.baseUrl, "https://auth.news.example.com");
    });

    it("uses a given certificate and leaves DNS alone without a hosted zone, naming the CNAME to make at the DNS provider", async () => {
        const arn = "arn:aws:acm:us-east-1:123456789012:certificate/given";
        const run = await domainRun({ customDomain: { name: "auth.news.example.com", certificateArn: arn } });
        assert.strictEqual(one(run, types.domain).inputs.certificateArn, arn);
        assert.deepStrictEqual([ofType(run, types.certificate).length, ofType(run, types.record).length], [0, 0]);
        assert.deepStrictEqual(run.outputs.dnsRecord, { name: "auth.news.example.com", type: "CNAME", value: "d111111abcdef8.cloudfront.net" });
        const zoned = await domainRun({ customDomain: { name: "auth.news.example.com", hostedZoneId: "Z0123456789ABC" } });
        assert.strictEqual(zoned.outputs.dnsRecord, undefined, "the aliases are made in the hosted zone");
    });

    it("brands the classic hosted UI from the repository's CSS and logo", async () => {
        const run = await domainRun({ prefix: "news", managedLoginVersion: 1, branding: { style: "classic" } });
        const ui = one(run, types.uiCustomization);
        assert.strictEqual(ui.inputs.css, fs.readFileSync(path.join(projectRoot, "branding/classic.css"), "utf8"));
        assert.strictEqual(ui.inputs.imageFile, fs.readFileSync(path.join(projectRoot, "branding/logo.png")).toString("base64"));
        assert.deepStrictEqual(ui.options.dependsOn, [`${types.domain}::hosted-domain`]);
    });

    it("brands managed login per client, from a settings file or with Cognito's values", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "branding-"));
        fs.writeFileSync(path.join(dir, "settings.json"), `{ "components": { "pageBackground": { "lightMode": { "color": "0b3d5cff" } } } }`);
        const withFile = await domainRun({ prefix: "news", branding: { style: "managed", settingsFile: "settings.json" } }, { baseDir: dir, brandedClients: { web: "id-web", mobile: "id-mobile" } });
        const web = one(withFile, types.branding, "hosted-branding-web").inputs;
        assert.deepStrictEqual([web.clientId, web.useCognitoProvidedValues, JSON.parse(web.settings).components.pageBackground.lightMode.color], ["id-web", false, "0b3d5cff"]);
        assert.strictEqual(ofType(withFile, types.branding).length, 2);
        const defaults = one(await domainRun({ prefix: "news", branding: { style: "managed" } }, { brandedClients: { web: "id-web" } }), types.branding).inputs;
        assert.deepStrictEqual([defaults.useCognitoProvidedValues, defaults.settings], [true, undefined]);
    });

    describe("impossible combinations", () => {
        const cases: [string, DomainSettings, string][] = [
            ["neither prefix nor custom domain", {}, ": give exactly one of prefix and customDomain"],
            ["both prefix and custom domain", { prefix: "news", customDomain: { name: "auth.example.com", hostedZoneId: "Z123" } }, ": give exactly one of prefix and customDomain"],
            ["an uppercase prefix", { prefix: "News" }, `prefix: got "News"; allowed: 1 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen`],
            ["a prefix ending with a hyphen", { prefix: "news-" }, `prefix: got "news-"; allowed: 1 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen`],
            ["a prefix with a reserved word", { prefix: "news-cognito" }, `prefix: got "news-cognito"; it may not contain "cognito" (reserved by AWS)`],
            ["a prefix with two reserved words", { prefix: "aws-amazon-news" }, `prefix: got "aws-amazon-news"; it may not contain "aws", "amazon" (reserved by AWS)`],
            ["a custom domain with no way to a certificate", { customDomain: { name: "auth.example.com" } }, "customDomain: give hostedZoneId (to create and validate a certificate) or certificateArn (an issued certificate in us-east-1)"],
            ["a certificate outside us-east-1", { customDomain: { name: "auth.example.com", certificateArn: "arn:aws:acm:eu-central-1:123456789012:certificate/x" } }, `customDomain.certificateArn: got "arn:aws:acm:eu-central-1:123456789012:certificate/x"; the certificate must be an ACM certificate in us-east-1`],
            ["classic branding on managed login", { prefix: "news", branding: { style: "classic" } }, `branding.style: "classic" branding needs managedLoginVersion 1 (got 2)`],
            ["managed branding on the classic UI", { prefix: "news", managedLoginVersion: 1, branding: { style: "managed" } }, `branding.style: "managed" branding needs managedLoginVersion 2 (got 1)`],
            ["a logo that is not an image", { prefix: "news", managedLoginVersion: 1, branding: { style: "classic", logoFile: "branding/classic.css" } }, `branding.logoFile: got "branding/classic.css"; allowed: a .png or .jpg file`],
        ];
        for (const [title, settings, expected] of cases) {
            it(`refuses ${title}`, () => assert.deepStrictEqual(problems(settings), [expected]));
        }

        it("refuses missing branding files, a logo over 100 KB and settings that are not JSON", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "branding-"));
            fs.writeFileSync(path.join(dir, "big.png"), Buffer.alloc(100 * 1024 + 1));
            fs.writeFileSync(path.join(dir, "broken.json"), "{ nope");
            assert.deepStrictEqual(problems({ prefix: "news", managedLoginVersion: 1, branding: { style: "classic", cssFile: "missing.css", logoFile: "big.png" } }, dir), [
                `branding.cssFile: file "missing.css" not found (paths are relative to ${dir})`,
                "branding.logoFile: big.png is 102401 bytes; allowed: at most 102400",
            ]);
            const [line] = problems({ prefix: "news", branding: { style: "managed", settingsFile: "broken.json" } }, dir);
            assert.match(line, /^branding\.settingsFile: broken\.json is not valid JSON: /);
        });

        it("throws at construction naming the component", () => {
            assert.throws(() => new Domain("hosted", { userPoolId: "p", region: "eu-central-1", prefix: "my-aws" }),
                { message: `Domain "hosted" has invalid arguments:\n  - prefix: got "my-aws"; it may not contain "aws" (reserved by AWS)` });
        });
    });
});

describe("what to register with each identity provider", () => {
    it("social and OIDC: the domain's /oauth2/idpresponse; SAML: the pool's entity id and ACS URL", () => {
        assert.deepStrictEqual(providerRegistration("https://auth.news.example.com", "eu-central-1_Abc", "google"), { redirectUri: "https://auth.news.example.com/oauth2/idpresponse" });
        assert.deepStrictEqual(providerRegistration("https://auth.news.example.com", "eu-central-1_Abc", "oidc"), { redirectUri: "https://auth.news.example.com/oauth2/idpresponse" });
        assert.deepStrictEqual(providerRegistration("https://auth.news.example.com", "eu-central-1_Abc", "saml"), { entityId: "urn:amazon:cognito:sp:eu-central-1_Abc", acsUrl: "https://auth.news.example.com/saml2/idpresponse" });
    });

    it("is a stack output per provider, by its name in the pool", async () => {
        const dev = await planStack("dev");
        assert.deepStrictEqual(dev.outputs.identityProviderSetup, { Google: { redirectUri: "https://news-dev-example.auth.eu-central-1.amazoncognito.com/oauth2/idpresponse" } });
    });
});
