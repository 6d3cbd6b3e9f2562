// The pack over a corpus of Cognito code written from public sources (Terraform modules and examples,
// Amplify Gen 2 defaults and backends, Pulumi examples and templates, CloudFormation and Serverless templates
// translated to aws: and to aws-native resources, a SAM template with its Lambda triggers, an AWS CDK stack as
// it synthesizes, SST v3's CognitoUserPool / CognitoIdentityPool component defaults):
// tests/fixtures/corpus/*.ts, each naming its source. Every
// fixture runs through the whole pack under the prod config; the exact violations are asserted, and a few
// things that must not be reported. Findings believed wrong are not encoded: they are listed as
// `// pack gap:` (removed from what the pack says before comparing) and in packGaps. Findings the pack
// should make but does not are named in a comment on the case ("Missed, not asserted").
import * as assert from "assert";
import type { PlannedResource } from "../../tools/harness/run-program";
import { policies } from "../../policy/rules";
import { evaluatePolicies } from "../../tools/policy/evaluate";
import { loadPackConfig } from "../../tools/policy/pack-config";
import { awsTypes as types } from "../../policy/rules/type-tokens";
import { resource } from "../support/policy";
import * as amplify from "../fixtures/corpus/amplify-gen2-defaults";
import * as awsSamplesSam from "../fixtures/corpus/aws-samples-passwordless-sam";
import * as cloudgoat from "../fixtures/corpus/cloudgoat-vulnerable-cognito";
import * as hadamcode from "../fixtures/corpus/hadamcode-module";
import * as hxrsmurf from "../fixtures/corpus/hxrsmurf-playground";
import * as lgallard from "../fixtures/corpus/lgallard-simple-extended";
import * as linuxander from "../fixtures/corpus/linuxander-client";
import * as madvonh from "../fixtures/corpus/madvonh-signed-cookies";
import * as paulomaced0 from "../fixtures/corpus/paulomaced0-todo";
import * as philschmidNative from "../fixtures/corpus/philschmid-aws-native";
import * as philschmid from "../fixtures/corpus/philschmid-cloudformation";
import * as pulumiDocs from "../fixtures/corpus/pulumi-docs-role-attachment";
import * as pulumiPython from "../fixtures/corpus/pulumi-python-crud";
import * as pulumiTemplate from "../fixtures/corpus/pulumi-template-basic";
import * as raab70 from "../fixtures/corpus/raab70-sswa";
import * as splitter from "../fixtures/corpus/splitter-app";
import * as sst from "../fixtures/corpus/sst-cognito-defaults";
import * as zelda from "../fixtures/corpus/zelda-policy";
import * as h3ow3d from "../fixtures/corpus/h3ow3d-site";
import * as h93xv2 from "../fixtures/corpus/h93xv2-amplify-guest-listusers";
import * as immmersive from "../fixtures/corpus/immmersive-serverless-auth";
import * as jamesWoolfenden from "../fixtures/corpus/jameswoolfenden-module";
import * as jlnmrtn from "../fixtures/corpus/jlnmrtn-amplify-full-access";
import * as kg0r0 from "../fixtures/corpus/kg0r0-cdk-user-pool";
import * as moggiez from "../fixtures/corpus/moggiez-auth";
import * as nhsdigital from "../fixtures/corpus/nhsdigital-rum";
import * as nkhine from "../fixtures/corpus/nkhine-elm-golang-spa";
import * as scorebridge from "../fixtures/corpus/scorebridge-serverless";
import * as tamuto from "../fixtures/corpus/tamuto-terramod-sms";

interface Fixture {
    readonly source: string;
    readonly resources: PlannedResource[];
}

/** "level policy-name: detail" for every violation under the prod config, sorted. */
async function prodViolations(fixture: Fixture): Promise<string[]> {
    const found = await evaluatePolicies(fixture.resources, policies, loadPackConfig("prod", policies), { name: "cognito-security", version: "0.1.0" });
    return found.map((v) => `${v.enforcementLevel} ${v.policyName}: ${v.message.split("\n").slice(1).join("\n") || v.message}`).sort();
}

const none = (lines: string[], pattern: RegExp, why: string) => assert.ok(!lines.some((l) => pattern.test(l)), `${why}\n${lines.join("\n")}`);

interface Case {
    readonly fixture: Fixture;
    readonly expected: string[];
    /** Lines the pack reports that are believed wrong (each with a `// pack gap:` comment): left out before comparing. */
    readonly packGaps?: string[];
    readonly mustNot: (lines: string[]) => void;
}

// Shared lines: a pool on AWS's defaults for MFA, email, deletion protection, threat protection.
const poolDefaults = (pool: string) => [
    `advisory cognito-threat-protection: Threat protection of the user pool ${pool} is OFF, not ENFORCED.`,
    `advisory cognito-web-acl: The user pool ${pool} has no WAF web ACL (no aws:wafv2/webAclAssociation:WebAclAssociation with resourceArn set to its ARN).`,
    `mandatory cognito-deletion-protection: The user pool ${pool} has deletion protection INACTIVE.`,
    `mandatory cognito-deletion-protection: The user pool ${pool} is not protected (resource option protect).`,
    "mandatory cognito-email-sending: Email is sent by COGNITO_DEFAULT; use SES (DEVELOPER).",
    "mandatory cognito-mfa: MFA is OFF; it must be ON.",
];
const noRecovery = "mandatory cognito-account-recovery: Account recovery is not set: Cognito's legacy behaviour sends the recovery code by SMS when the user has a verified phone number.";
const publicClientAdvice = [
    "advisory cognito-refresh-token-rotation: Refresh-token rotation is not set (DISABLED) on a client without a secret.",
    "advisory cognito-write-attributes-explicit: writeAttributes is not set, so users can write every standard attribute of the pool.",
];
const legacyErrors = "mandatory cognito-user-existence-errors: preventUserExistenceErrors is not set (LEGACY); it must be ENABLED.";
const shortPassword = (n: number) => `mandatory cognito-password-min-length: Password minimum length is ${n}; at least 15 is required while MFA is not ON.`;
const sorted = (lines: string[]) => [...lines].sort();
/** A guest role granting cognito-sync:* on "*", attached to an identity pool that allows no guests: advice, naming what would fail once guests are on. */
const unusedCognitoSyncGuest = (identityPool: string) => `advisory cognito-unused-guest-role: The guest role unauthenticated is an unused guest role: the identity pool ${identityPool} does not allow guests (allowUnauthenticatedIdentities is false), so nobody is given it; once guests are turned on it becomes a mandatory finding: it allows cognito-sync:*; allows actions on every resource ("*"). Remove it from the role attachment, and the role itself if nothing else uses it.`;

/** The web ACL advice for a pool whose ARN is known. */
const noWafAt = (pool: string, arn: string) => `advisory cognito-web-acl: The user pool ${pool} has no WAF web ACL (no aws:wafv2/webAclAssociation:WebAclAssociation with resourceArn ${arn}).`;
/** poolDefaults for a pool whose ARN is known. */
const poolDefaultsAt = (pool: string, arn: string) => [...poolDefaults(pool).filter((l) => !l.includes("cognito-web-acl")), noWafAt(pool, arn)];
const composition = (classes: string) => `advisory cognito-password-composition: Password policy requires ${classes}; NIST advises length instead of composition rules.`;
/** The auth construct's defaults of amplify-gen2-defaults.ts, as the pack judges them (guests apart). */
const amplifyDefaults = [...poolDefaults("amplifyAuthUserPool"), noRecovery, shortPassword(8), composition("lowercase, uppercase, numbers, symbols"), ...publicClientAdvice];
const trustsAnyPool = (role: string) => `mandatory cognito-role-trust: The role ${role} trusts cognito-identity.amazonaws.com without requiring cognito-identity.amazonaws.com:aud to be one identity pool's id, so the users of any identity pool, in any account, can assume it.`;

// The philschmid template's findings beyond the pool's defaults, the same whether written as aws: or aws-native resources.
const philschmidFindings = [
    noRecovery,
    shortPassword(10),
    "advisory cognito-password-composition: Password policy requires lowercase, uppercase, numbers; NIST advises length instead of composition rules.",
    ...publicClientAdvice,
    legacyErrors,
    "mandatory cognito-guest-access: Guests (unauthenticated identities) are allowed.",
    `mandatory cognito-guest-role-privilege: The guest role CognitoUnauthRole allows actions on every resource ("*").`,
    "mandatory cognito-guest-role-privilege: The guest role CognitoUnauthRole allows cognito-sync:*, cognito-identity:*.",
    // "dynamo:*" is no service prefix (DynamoDB is dynamodb:), so it grants nothing; reported as the wildcard it is written as.
    `mandatory cognito-identity-role-privilege: The authenticated role CognitoAuthRole: inline policy "CognitoAuthorizedPolicy" allows cognito-sync:*, cognito-identity:*, lambda:*, dynamo:* on every resource ("*").`,
    `mandatory cognito-identity-role-privilege: The authenticated role CognitoAuthRole: inline policy "CognitoAuthorizedPolicy" allows execute-api:Invoke on every resource ("*").`,
    `mandatory cognito-identity-role-privilege: The authenticated role CognitoAuthRole: inline policy "CognitoAuthorizedPolicy" allows the wildcard action(s) cognito-sync:*, cognito-identity:*, lambda:*, dynamo:*.`,
    `mandatory cognito-identity-role-privilege: The guest role CognitoUnauthRole: inline policy "CognitoUnauthorizedPolicy" allows cognito-sync:*, cognito-identity:* on every resource ("*").`,
    `mandatory cognito-identity-role-privilege: The guest role CognitoUnauthRole: inline policy "CognitoUnauthorizedPolicy" allows the wildcard action(s) cognito-sync:*, cognito-identity:*.`,
    `advisory cognito-self-signup-with-aws-rights: The user pool CognitoUserPool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool CognitoIdentityPool gives its signed-in users the role CognitoAuthRole, which is granted by inline policy "CognitoAuthorizedPolicy": anyone on the internet gets AWS credentials by signing up.`,
];

const cases: Record<string, Case> = {
    "lgallard simple_extended (Terraform module example, block-list shapes)": {
        fixture: lgallard,
        expected: sorted([
            ...poolDefaults("simple_extended_pool").filter((l) => !l.includes("cognito-web-acl")),
            "advisory cognito-web-acl: The user pool simple_extended_pool has no WAF web ACL (no aws:wafv2/webAclAssociation:WebAclAssociation with resourceArn arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_SimpleExt).",
            noRecovery,
            shortPassword(11),
            ...publicClientAdvice,
            legacyErrors,
            // The pool declares custom:available and the client sets no write_attributes: users can write it.
            "mandatory cognito-custom-attribute-writes: writeAttributes is not set, so users can write every custom attribute of the pool through this client: custom:available.",
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-password-composition/, "requireLowercase false and no other class: no composition advice");
            none(lines, /cognito-token-validity/, "refresh 30 days is within the limit");
            none(lines, /cognito-callback-urls/, "https://mydomain.com/callback is fine");
            none(lines, /cognito-no-plain-password-flow/, "no explicit auth flows");
        },
    },
    "hxrsmurf playground (console-exported identity pool, cognito-identity:* on *, localhost callback)": {
        fixture: hxrsmurf,
        expected: sorted([
            ...poolDefaults("user-pool").filter((l) => !l.includes("deletion protection INACTIVE")),
            "advisory cognito-password-composition: Password policy requires lowercase, uppercase, numbers, symbols; NIST advises length instead of composition rules.",
            shortPassword(8),
            ...publicClientAdvice,
            legacyErrors,
            "mandatory cognito-callback-urls: The callback URL http://localhost:3000 points at localhost.",
            "mandatory cognito-no-plain-password-flow: A client without a secret allows ALLOW_USER_PASSWORD_AUTH.",
            unusedCognitoSyncGuest("identity-pool"),
            `mandatory cognito-identity-role-privilege: The authenticated role authenticated: inline policy "oneClick_Cognito_Auth_Role" allows cognito-sync:*, cognito-identity:* on every resource ("*").`,
            `mandatory cognito-identity-role-privilege: The authenticated role authenticated: inline policy "oneClick_Cognito_Auth_Role" allows the wildcard action(s) cognito-sync:*, cognito-identity:*.`,
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-guest-access/, "guests are off");
            none(lines, /cognito-guest-role-privilege: The guest role unauthenticated (allows|has)/, "no guest privilege finding when guests are off");
            none(lines, /cognito-identity-role-privilege: The guest role/, "a guest role nobody is given is reported once, as unused, not judged as live");
            none(lines, /cognito-role-trust/, "both roles trust cognito-identity for this pool and their own amr");
            none(lines, /mobileanalytics:PutEvents/, "mobileanalytics:PutEvents on * is allow-listed");
            none(lines, /cognito-account-recovery/, "recovery is admin_only, not SMS");
            none(lines, /deletion protection INACTIVE/, "deletion protection is ACTIVE");
            none(lines, /cognito-classic-flow/, "allow_classic_flow = false");
        },
    },
    "Raab70 serverless-streaming-web-analytics (guests on by design, narrow guest role)": {
        fixture: raab70,
        expected: ["mandatory cognito-guest-access: Guests (unauthenticated identities) are allowed."],
        mustNot: (lines) => {
            none(lines, /cognito-guest-role-privilege/, "the guest role may only put records to one stream");
            none(lines, /cognito-identity-role-privilege/, "kinesis:PutRecord(s) on one stream ARN is least privilege");
            none(lines, /cognito-role-trust/, "both trusts name the pool and the slot");
        },
    },
    "zerotrustlabs zelda (cognito-sync:* on the guest role, Deny statement)": {
        fixture: zelda,
        expected: [
            "mandatory cognito-guest-role-privilege: The guest role unauthenticated_role allows cognito-sync:*.",
            "mandatory cognito-identity-role-privilege: The guest role unauthenticated_role: role policy unauthenticated_policy allows the wildcard action(s) cognito-sync:*.",
        ],
        mustNot: (lines) => {
            none(lines, /every resource/, "every statement names the bucket ARNs");
            none(lines, /s3:PutObject/, "the PutObject statement is a Deny");
            none(lines, /\bauthenticated_role/, "the authenticated role reads one bucket");
            none(lines, /cognito-guest-access/, "the identity pool is not in this fixture");
        },
    },
    "PauloMaced0 to-do-app (implicit grant, https://localhost, password flow)": {
        fixture: paulomaced0,
        expected: sorted([
            ...poolDefaults("pool"),
            shortPassword(8),
            ...publicClientAdvice,
            legacyErrors,
            "mandatory cognito-callback-urls: The callback URL https://localhost:3000/reminders points at localhost.",
            "mandatory cognito-callback-urls: The sign-out URL https://localhost:3000/ points at localhost.",
            "mandatory cognito-no-implicit-grant: The implicit grant is allowed.",
            "mandatory cognito-no-plain-password-flow: A client without a secret allows ALLOW_USER_PASSWORD_AUTH.",
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-account-recovery/, "recovery is verified_email first");
            none(lines, /cognito-token-validity/, "tokens: 1 h access and ID, 4 h refresh");
            none(lines, /cognito-guest-access|cognito-identity-role-privilege|cognito-role-trust/, "identity pool without guests or roles");
            none(lines, /cognito-password-composition/, "no character classes required");
        },
    },
    "Linuxander client (LEGACY errors, 1-hour tokens)": {
        fixture: linuxander,
        expected: sorted([
            ...publicClientAdvice,
            "mandatory cognito-no-plain-password-flow: A client without a secret allows ALLOW_USER_PASSWORD_AUTH.",
            "mandatory cognito-user-existence-errors: preventUserExistenceErrors is LEGACY; it must be ENABLED.",
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-token-validity/, "all tokens 1 hour (refresh in hours units)");
            none(lines, /cognito-token-revocation/, "revocation unset: AWS's default is on");
        },
    },
    "maciejGolebio aws-crud-lambda (Pulumi Python, defaults + USER_PASSWORD_AUTH)": {
        fixture: pulumiPython,
        expected: sorted([...poolDefaults("pool"), noRecovery, shortPassword(8), ...publicClientAdvice, legacyErrors,
            "mandatory cognito-no-plain-password-flow: A client without a secret allows ALLOW_USER_PASSWORD_AUTH."]),
        mustNot: (lines) => {
            none(lines, /cognito-temporary-password-validity/, "AWS's default is 7 days");
            none(lines, /cognito-password-composition/, "AWS's default classes are not set in the program");
            none(lines, /cognito-token-validity|cognito-callback-urls|cognito-no-implicit-grant/, "defaults: 1 h tokens, 30 d refresh, no OAuth");
        },
    },
    "justinvp templates-aws (Pulumi template: empty pool and client)": {
        fixture: pulumiTemplate,
        expected: sorted([...poolDefaults("pool"), noRecovery, shortPassword(8), ...publicClientAdvice, legacyErrors]),
        mustNot: (lines) => {
            none(lines, /cognito-no-plain-password-flow/, "no explicit auth flows set");
            none(lines, /cognito-feature-plan/, "no plan-bound feature used");
        },
    },
    "HAdamCode module (string numbers and booleans, empty strings)": {
        fixture: hadamcode,
        expected: sorted([
            ...poolDefaults("this"),
            noRecovery,
            shortPassword(8),
            "advisory cognito-password-composition: Password policy requires lowercase, uppercase, numbers; NIST advises length instead of composition rules.",
        ]),
        mustNot: (lines) => {
            none(lines, /symbols/, `requireSymbols "false" is off`);
            none(lines, /cognito-temporary-password-validity/, `"7" days is within the limit`);
            none(lines, /cognito-feature-plan/, "no feature plan problem from empty strings");
        },
    },
    "Splitter-App (minimum_length = 6)": {
        fixture: splitter,
        expected: sorted([...poolDefaults("default"), noRecovery, shortPassword(6)]),
        mustNot: (lines) => {
            none(lines, /cognito-password-composition/, "no classes required");
            none(lines, /cognito-temporary-password-validity/, "default 7 days");
        },
    },
    "Amplify Gen 2 auth-construct defaults (guests on, SRP + custom auth)": {
        fixture: amplify,
        expected: sorted([
            ...poolDefaults("amplifyAuthUserPool"),
            noRecovery,
            shortPassword(8),
            "advisory cognito-password-composition: Password policy requires lowercase, uppercase, numbers, symbols; NIST advises length instead of composition rules.",
            ...publicClientAdvice,
            "mandatory cognito-guest-access: Guests (unauthenticated identities) are allowed.",
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-user-existence-errors/, "PREVENT_USER_EXISTENCE_ERRORS: true");
            none(lines, /cognito-no-plain-password-flow/, "SRP and custom auth only");
            none(lines, /cognito-guest-role-privilege|cognito-identity-role-privilege/, "the construct's roles carry no permissions");
            none(lines, /cognito-role-trust/, "trusts name the pool and the slot");
        },
    },
    "Pulumi docs IdentityPoolRoleAttachment example (cognito-identity:* on *, rule mapping)": {
        fixture: pulumiDocs,
        expected: [
            `mandatory cognito-identity-role-privilege: The role authenticated (authenticated, rule-mapped): role policy authenticated allows cognito-sync:*, cognito-identity:* on every resource ("*").`,
            "mandatory cognito-identity-role-privilege: The role authenticated (authenticated, rule-mapped): role policy authenticated allows the wildcard action(s) cognito-sync:*, cognito-identity:*.",
            "mandatory cognito-role-mapping: The role mapping for graph.facebook.com: ambiguousRoleResolution is AuthenticatedRole, not Deny, so a user no rule matches still gets a role.",
        ],
        mustNot: (lines) => {
            none(lines, /cognito-guest-access|cognito-guest-role-privilege/, "no guests, no guest role");
            none(lines, /matches .* with/, "the rule matches with Equals");
            none(lines, /cognito-role-trust/, "the trust names the pool and amr authenticated");
        },
    },
    "philschmid aws-cognito-create-pool (CloudFormation as aws: resources; guests on, lambda:* on *)": {
        fixture: philschmid,
        expected: sorted([
            ...poolDefaults("CognitoUserPool"),
            ...philschmidFindings,
        ]),
        mustNot: (lines) => {
            none(lines, /mobileanalytics:PutEvents/, "mobileanalytics:PutEvents on * is allow-listed");
            none(lines, /symbols/, "RequireSymbols: false");
            none(lines, /cognito-role-trust/, "both trusts name the pool (aud) and the slot (amr), with Action as a one-element list");
            none(lines, /cognito-temporary-password-validity/, "UnusedAccountValidityDays 2 (deprecated) and the default 7 days are both within the limit");
            none(lines, /cognito-role-mapping|group "(User|Admin)"/, "no role mappings; the groups carry no role");
            none(lines, /cognito-no-plain-password-flow|cognito-no-implicit-grant|cognito-callback-urls/, "the client sets no auth flows and no OAuth");
        },
    },
    "philschmid aws-cognito-create-pool (the same CloudFormation as aws-native resources)": {
        fixture: philschmidNative,
        // The identity pool, its role attachment and the roles are judged as their aws: equivalents
        // (native-shapes.ts): the same identity-pool findings as the aws: translation above.
        expected: sorted([
            ...poolDefaults("CognitoUserPool").filter((l) => !l.includes("cognito-web-acl")),
            "advisory cognito-web-acl: The user pool CognitoUserPool has no WAF web ACL (no aws:wafv2/webAclAssociation:WebAclAssociation with resourceArn arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_PhilSchm1).",
            ...philschmidFindings,
        ]),
        mustNot: (lines) => {
            none(lines, /symbols/, "policies.passwordPolicy.requireSymbols is false");
            none(lines, /Could not read/, "aws-native shapes (policies.passwordPolicy, userPoolId, clientId, awsId, assumeRolePolicyDocument) read without error");
            none(lines, /mobileanalytics:PutEvents/, "mobileanalytics:PutEvents on * is allow-listed");
            none(lines, /cognito-role-trust/, "both trusts (documents as objects) name the pool (aud) and the slot (amr)");
            none(lines, /cognito-role-outside-stack/, "both roles are aws-native roles of this stack");
            none(lines, /cognito-role-mapping|group "(User|Admin)"/, "no role mappings; the groups carry no role");
        },
    },
    "aws-samples passwordless e-mail auth (SAM: custom-auth triggers with scoped permissions)": {
        fixture: awsSamplesSam,
        // The only client allows CUSTOM_AUTH_FLOW_ONLY, so nobody signs in with the pool's passwords; the
        // length, MFA and recovery findings still stand, since the pool itself (the thing judged) accepts
        // passwords for any client that allows them (no signInPolicy without PASSWORD).
        expected: sorted([
            ...poolDefaults("UserPool").filter((l) => !l.includes("cognito-web-acl")),
            "advisory cognito-web-acl: The user pool UserPool has no WAF web ACL (no aws:wafv2/webAclAssociation:WebAclAssociation with resourceArn arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_PwdLess01).",
            noRecovery,
            shortPassword(8),
            ...publicClientAdvice,
            legacyErrors,
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-trigger-permission/, "all five permissions name the pool's ARN as sourceArn");
            none(lines, /cognito-trigger-timeout/, "Globals.Function.Timeout is 3 s for all five triggers");
            none(lines, /cognito-no-plain-password-flow/, "CUSTOM_AUTH_FLOW_ONLY is not a password flow");
            none(lines, /cognito-password-composition/, "no character class required");
            none(lines, /ses:SendEmail|AdminUpdateUserAttributes|AWSLambdaBasicExecutionRole|cognito-role-outside-stack/, "the functions' execution roles are not identity pool roles");
        },
    },
    "SST v3 CognitoUserPool + CognitoIdentityPool defaults (examples/aws-cognito)": {
        fixture: sst,
        expected: sorted([
            ...poolDefaults("MyUserPoolUserPool"),
            "mandatory cognito-account-recovery: Account recovery tries verified_phone_number (SMS) first (order: verified_phone_number, verified_email).",
            shortPassword(8),
            ...publicClientAdvice,
            legacyErrors,
            "mandatory cognito-no-implicit-grant: The implicit grant is allowed.",
            "mandatory cognito-guest-access: Guests (unauthenticated identities) are allowed.",
            `mandatory cognito-guest-role-privilege: The guest role MyIdentityPoolUnauthRole allows actions on every resource ("*").`,
            "mandatory cognito-guest-role-privilege: The guest role MyIdentityPoolUnauthRole allows cognito-sync:*.",
            `mandatory cognito-identity-role-privilege: The authenticated role MyIdentityPoolAuthRole: inline policy "inline" allows cognito-sync:*, cognito-identity:* on every resource ("*").`,
            `mandatory cognito-identity-role-privilege: The authenticated role MyIdentityPoolAuthRole: inline policy "inline" allows the wildcard action(s) cognito-sync:*, cognito-identity:*.`,
            `mandatory cognito-identity-role-privilege: The guest role MyIdentityPoolUnauthRole: inline policy "inline" allows cognito-sync:* on every resource ("*").`,
            "mandatory cognito-identity-role-privilege: The guest role MyIdentityPoolUnauthRole: inline policy \"inline\" allows the wildcard action(s) cognito-sync:*.",
            `advisory cognito-self-signup-with-aws-rights: The user pool MyUserPoolUserPool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool MyIdentityPoolIdentityPool gives its signed-in users the role MyIdentityPoolAuthRole, which is granted by inline policy "inline": anyone on the internet gets AWS credentials by signing up.`,
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-callback-urls/, "https://example.com is an absolute https URL");
            none(lines, /cognito-role-trust/, "getPolicyDocument's trust names the pool and the slot");
            none(lines, /mobileanalytics:PutEvents/, "mobileanalytics:PutEvents on * is allow-listed");
            none(lines, /cognito-password-composition|cognito-feature-plan/, "no password policy, advancedSecurityMode OFF");
            none(lines, /unused guest role/, "the pool allows guests, so the guest role is live");
        },
    },
    "RhinoSecurityLabs CloudGoat vulnerable_cognito (s3:*, lambda:* on *, writable custom:access, classic flow)": {
        fixture: cloudgoat,
        expected: sorted([
            ...poolDefaults("ctf_pool"),
            shortPassword(8),
            "advisory cognito-password-composition: Password policy requires lowercase, uppercase, numbers, symbols; NIST advises length instead of composition rules.",
            publicClientAdvice[0],
            "mandatory cognito-no-plain-password-flow: A client without a secret allows ALLOW_USER_PASSWORD_AUTH.",
            "mandatory cognito-custom-attribute-writes: Users can write custom:access through this client.",
            "mandatory cognito-classic-flow: The classic flow is allowed.",
            // "cognitoidp:*" is no service prefix (Cognito user pools are cognito-idp:); reported as the wildcard it is written as.
            `mandatory cognito-identity-role-privilege: The authenticated role authenticated: inline policy "authenticated_policy-cgid0123456789" allows s3:*, cognitoidp:*, cognito-identity:*, lambda:* on every resource ("*").`,
            "mandatory cognito-identity-role-privilege: The authenticated role authenticated: inline policy \"authenticated_policy-cgid0123456789\" allows the wildcard action(s) s3:*, cognitoidp:*, cognito-identity:*, lambda:*.",
            `advisory cognito-self-signup-with-aws-rights: The user pool ctf_pool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool main gives its signed-in users the role authenticated, which is granted by inline policy "authenticated_policy-cgid0123456789": anyone on the internet gets AWS credentials by signing up.`,
            "mandatory cognito-trigger-permission: The permission has no sourceArn.",
            // The post-confirmation trigger's role may call every Cognito action on every pool of the account.
            `mandatory cognito-trigger-role-privilege: The trigger role iam_for_lambda (postConfirmation CognitoCTF-cgid0123456789): policy cognito-policy allows cognito-idp:* on every resource ("*").`,
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-user-existence-errors|cognito-token-validity|cognito-token-revocation/, "ENABLED, 60 min / 30 days, revocation on");
            none(lines, /cognito-write-attributes-explicit/, "write_attributes is set (its custom:access is its own finding)");
            none(lines, /cognito-account-recovery/, "recovery is verified_email");
            none(lines, /cognito-guest/, "no guests, no guest role");
            none(lines, /cognito-trigger-timeout/, "the trigger's timeout is Lambda's default 3 s");
            none(lines.filter((l) => !l.includes("cognito-trigger-role-privilege")), /cognito-idp:\*|iam_for_lambda/, "the trigger's execution role is no identity pool role: judged by the trigger role rule alone");
        },
    },
    "madvonh cloudfront-cognito-signed-cookies (AWS managed AmazonS3FullAccess on the authenticated role)": {
        fixture: madvonh,
        // AmazonS3FullAccess is an AWS managed policy with a published document (s3:* and s3-object-lambda:* on
        // "*"): judged as what it grants (grants.ts awsManagedPolicies), not as a policy outside the stack.
        expected: sorted([
            ...poolDefaults("user_pool"),
            shortPassword(8),
            "advisory cognito-password-composition: Password policy requires lowercase, uppercase, numbers, symbols; NIST advises length instead of composition rules.",
            ...publicClientAdvice,
            "mandatory cognito-no-implicit-grant: The implicit grant is allowed.",
            "mandatory cognito-classic-flow: The classic flow is allowed.",
            unusedCognitoSyncGuest("identity_pool"),
            `mandatory cognito-identity-role-privilege: The authenticated role authenticated: role policy authenticated_policy allows cognito-sync:*, cognito-identity:* on every resource ("*").`,
            "mandatory cognito-identity-role-privilege: The authenticated role authenticated: role policy authenticated_policy allows the wildcard action(s) cognito-sync:*, cognito-identity:*.",
            `mandatory cognito-identity-role-privilege: The authenticated role authenticated: the AWS managed policy AmazonS3FullAccess allows s3:*, s3-object-lambda:* on every resource ("*").`,
            "mandatory cognito-identity-role-privilege: The authenticated role authenticated: the AWS managed policy AmazonS3FullAccess allows the wildcard action(s) s3:*, s3-object-lambda:*.",
            "advisory cognito-self-signup-with-aws-rights: The user pool user_pool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool identity_pool gives its signed-in users the role authenticated, which is granted by role policy authenticated_policy, the AWS managed policy AmazonS3FullAccess: anyone on the internet gets AWS credentials by signing up.",
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-account-recovery/, `recovery is verified_email (priority "1" as a string)`);
            none(lines, /cognito-user-existence-errors|cognito-token-validity/, "ENABLED; 10 min tokens, 30 days refresh");
            none(lines, /cognito-identity-role-privilege: The guest role/, "a guest role nobody is given is reported once, as unused");
            none(lines, /cognito-role-trust/, "both trusts name the pool and the slot");
            none(lines, /cognito-callback-urls/, "https callback and sign-out URLs");
            none(lines, /cognito-role-outside-stack/, "an AWS managed policy whose grants are known is not outside the stack");
        },
    },

    // ---- the third round: trigger roles, lambdaConfig, trust of Cognito services, writable attributes, managed policies by name
    "immmersive codesmash-aws-serverless-auth (Terraform: a pre sign-up trigger whose role holds service-wide grants)": {
        fixture: immmersive,
        expected: sorted([
            ...poolDefaultsAt("user_pool", "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Smash0001"),
            noRecovery,
            shortPassword(8),
            ...publicClientAdvice,
            legacyErrors,
            "mandatory cognito-no-plain-password-flow: A client without a secret allows USER_PASSWORD_AUTH.",
            "advisory cognito-trigger-timeout: The trigger lambda times out after 60 s; Cognito waits 5 s.",
            // "cognito:*" names no service (user pools are cognito-idp:); reported as the wildcard it is written as.
            ...["cognito:*", "dynamodb:*", "execute-api:*", "s3:*", "sns:*"].map((a) => `mandatory cognito-trigger-role-privilege: The trigger role role (preSignUp auth_dev): policy policy allows ${a} on every resource ("*").`),
        ]),
        mustNot: (lines) => {
            none(lines, /ses:SendEmail|logs:/, "named actions IAM cannot always scope (SES identities aside, log groups) are no service-wide grant");
            none(lines, /cognito-trigger-permission|cognito-trigger-wiring/, "the permission names the pool; the function is the stack's own, in the pool's account");
        },
    },
    "tamuto terramod cognito_w_schemas (Terraform module: an SMS role anyone's pool may use, custom attributes writable)": {
        fixture: tamuto,
        expected: sorted([
            ...poolDefaultsAt("user_pool", "arn:aws:cognito-idp:ap-northeast-1:123456789012:userpool/ap-northeast-1_TerraMod1").filter((l) => !l.includes("cognito-mfa")),
            "mandatory cognito-mfa: MFA is OPTIONAL; it must be ON in this stage.",
            shortPassword(8),
            ...publicClientAdvice,
            "mandatory cognito-custom-attribute-writes: writeAttributes is not set, so users can write every custom attribute of the pool through this client: custom:tenant.",
            "mandatory cognito-role-trust: The role iam_role_mfa trusts cognito-idp.amazonaws.com without requiring sts:ExternalId and aws:SourceAccount or aws:SourceArn naming this account, so another account's user pool can make Cognito act as it (a confused deputy).",
        ]),
        mustNot: (lines) => {
            none(lines, /Authenticator apps|SMS is the only/, "TOTP is on next to SMS");
            none(lines, /AmazonSNSFullAccess/, "the SMS role is neither a trigger's nor one an identity pool hands out");
            none(lines, /cognito-account-recovery/, "recovery is verified_email");
        },
    },
    "moggiez auth (Terraform: trigger role with s3:* on every bucket, custom:organisationId writable, callbacks without OAuth)": {
        fixture: moggiez,
        expected: sorted([
            ...poolDefaultsAt("_", "arn:aws:cognito-idp:eu-west-1:989665778089:userpool/eu-west-1_Moggiez01").filter((l) => !l.includes("cognito-email-sending")),
            shortPassword(8),
            ...publicClientAdvice,
            legacyErrors,
            "mandatory cognito-custom-attribute-writes: writeAttributes is not set, so users can write every custom attribute of the pool through this client: custom:invitedBy, custom:orgInviteBy, custom:organisationId.",
            "advisory cognito-trigger-timeout: The trigger custom_message times out after 60 s; Cognito waits 5 s.",
            "advisory cognito-trigger-timeout: The trigger post_confirmation times out after 60 s; Cognito waits 5 s.",
            "mandatory cognito-trigger-role-privilege: The trigger role iam_for_lambda (customMessage cognito_trigger_custom_message, postConfirmation cognito_trigger_post_confirmation): policy s3_access allows s3:* on every resource (arn:aws:s3:::*).",
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-callback-urls/, "the client has no OAuth flow: nobody is redirected to its callback URL");
            none(lines, /dynamodb|logs:/, "DynamoDB on one table and log writes are no service-wide grant");
            none(lines, /cognito-trigger-permission|cognito-trigger-wiring/, "both permissions name the pool; both functions are the stack's own");
        },
    },
    "NHSDigital national-document-repository CloudWatch RUM (Terraform: guest-only, enhanced flow, one narrow customer policy)": {
        fixture: nhsdigital,
        expected: ["mandatory cognito-guest-access: Guests (unauthenticated identities) are allowed."],
        mustNot: (lines) => {
            none(lines, /cognito-guest-role-privilege|cognito-identity-role-privilege/, "a customer policy of the stack allowing rum:PutRumEvents on one app monitor is least privilege");
            none(lines, /cognito-role-outside-stack/, "the policy is in the stack");
            none(lines, /cognito-classic-flow/, "the classic flow is off");
        },
    },
    "h3ow3d site (Terraform: implicit grant with localhost, and RUM's guest-only pool with the classic flow)": {
        fixture: h3ow3d,
        expected: sorted([
            ...poolDefaults("main"),
            shortPassword(8),
            composition("lowercase, uppercase, numbers, symbols"),
            ...publicClientAdvice.filter((l) => !l.includes("cognito-write-attributes-explicit")),
            publicClientAdvice[1],
            "mandatory cognito-callback-urls: The callback URL http://localhost:5173 points at localhost.",
            "mandatory cognito-callback-urls: The sign-out URL http://localhost:5173 points at localhost.",
            "mandatory cognito-no-implicit-grant: The implicit grant is allowed.",
            "mandatory cognito-guest-access: Guests (unauthenticated identities) are allowed.",
            "advisory cognito-classic-flow-guest-only: The classic flow is allowed on the guest-only identity pool rum, whose only role rum_guest may call rum:PutRumEvents alone; prefer the enhanced flow and turn the classic flow off.",
        ]),
        mustNot: (lines) => {
            none(lines, /mandatory cognito-classic-flow/, "the classic flow hands out nothing a client could pick: advice, not a violation");
            none(lines, /cognito-guest-role-privilege|cognito-identity-role-privilege/, "rum:PutRumEvents on the account's app monitors");
            none(lines, /cognito-provider-email-trust/, "Google verifies addresses, and nothing links accounts");
        },
    },
    "jlnmrtn sub-management (Amplify Gen 2: AmazonBedrockFullAccess, AWSIoTFullAccess, AmazonAthenaFullAccess, AmazonS3FullAccess on signed-in users)": {
        fixture: jlnmrtn,
        expected: sorted([
            ...amplifyDefaults,
            ...[["AWSIoTFullAccess", "iot:*, iotjobsdata:*"], ["AmazonAthenaFullAccess", "athena:*"], ["AmazonBedrockFullAccess", "bedrock:*"], ["AmazonS3FullAccess", "s3:*, s3-object-lambda:*"]].flatMap(([policy, actions]) => [
                `mandatory cognito-identity-role-privilege: The authenticated role amplifyAuthauthenticatedUserRole: the AWS managed policy ${policy} allows ${actions} on every resource ("*").`,
                `mandatory cognito-identity-role-privilege: The authenticated role amplifyAuthauthenticatedUserRole: the AWS managed policy ${policy} allows the wildcard action(s) ${actions}.`,
            ]),
            "advisory cognito-self-signup-with-aws-rights: The user pool amplifyAuthUserPool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool amplifyAuthIdentityPool gives its signed-in users the role amplifyAuthauthenticatedUserRole, which is granted by the AWS managed policy AmazonBedrockFullAccess, the AWS managed policy AWSIoTFullAccess, the AWS managed policy AmazonAthenaFullAccess, the AWS managed policy AmazonS3FullAccess: anyone on the internet gets AWS credentials by signing up.",
            "advisory cognito-unused-guest-role: The guest role amplifyAuthunauthenticatedUserRole is an unused guest role: the identity pool amplifyAuthIdentityPool does not allow guests (allowUnauthenticatedIdentities is false), so nobody is given it; once guests are turned on, anyone on the internet gets it. Remove it from the role attachment, and the role itself if nothing else uses it.",
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-role-outside-stack/, "AWS managed policies are judged by their published documents, not as outside the stack");
            none(lines, /cognito-guest-access|cognito-guest-role-privilege/, "guests are off");
        },
    },
    "h93xV2 melody-link (Amplify Gen 2: guests may list every user pool's users)": {
        fixture: h93xv2,
        expected: sorted([
            ...amplifyDefaults,
            "mandatory cognito-guest-access: Guests (unauthenticated identities) are allowed.",
            `mandatory cognito-guest-role-privilege: The guest role amplifyAuthunauthenticatedUserRole allows actions on every resource ("*").`,
            `mandatory cognito-identity-role-privilege: The guest role amplifyAuthunauthenticatedUserRole: role policy amplifyAuthunauthenticatedUserRoleDefaultPolicy allows cognito-idp:ListUsers on every resource ("*").`,
        ]),
        mustNot: (lines) => {
            none(lines, /amplifyAuthauthenticatedUserRole/, "the signed-in role carries nothing");
            none(lines, /cognito-unused-guest-role/, "guests are on: the guest role is live");
        },
    },
    "timheilman scorebridge-cloud (Serverless: custom:tenantId writable through three clients without writeAttributes)": {
        fixture: scorebridge,
        expected: sorted([
            ...poolDefaults("CognitoUserPool").filter((l) => !l.includes("cognito-email-sending")),
            noRecovery,
            shortPassword(8),
            ...[1, 2, 3].flatMap(() => [...publicClientAdvice, legacyErrors,
                "mandatory cognito-no-plain-password-flow: A client without a secret allows ALLOW_USER_PASSWORD_AUTH.",
                "mandatory cognito-custom-attribute-writes: writeAttributes is not set, so users can write every custom attribute of the pool through this client: custom:tenantId."]),
            "mandatory cognito-token-validity: Refresh tokens live 3650 days; at most 30 are allowed.",
        ]),
        mustNot: (lines) => {
            none(lines, /custom:name/, "name is a standard attribute");
            none(lines, /cognito-self-signup-with-aws-rights/, "invitation only, and no identity pool");
        },
    },
    "JamesWoolfenden terraform-aws-cognito (Terraform module: group roles any identity pool may hand out, a client_credentials client's callback)": {
        fixture: jamesWoolfenden,
        expected: sorted([
            ...poolDefaults("main"),
            noRecovery,
            shortPassword(8),
            composition("lowercase, uppercase, numbers, symbols"),
            ...publicClientAdvice,
            publicClientAdvice[1],
            legacyErrors,
            legacyErrors,
            "mandatory cognito-callback-urls: The callback URL http://example.com is not https.",
            trustsAnyPool("authenticated_standard"),
            trustsAnyPool("unauthenticated"),
        ]),
        mustNot: (lines) => {
            assert.strictEqual(lines.filter((l) => l.includes("cognito-callback-urls")).length, 1, "only the web client redirects: client_credentials sends nobody to its callback");
            none(lines, /cognito-self-signup-with-aws-rights/, "no role is attached to the identity pool");
        },
    },
    "nkhine elm-golang-spa (Serverless CloudFormation as aws-native: guests, Facebook and Google, cognito-sync:* on *)": {
        fixture: nkhine,
        expected: sorted([
            ...poolDefaultsAt("UserPool", "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_ZmgcDev01"),
            noRecovery,
            shortPassword(8),
            composition("lowercase, uppercase, numbers"),
            ...publicClientAdvice,
            legacyErrors,
            "mandatory cognito-guest-access: Guests (unauthenticated identities) are allowed.",
            `mandatory cognito-guest-role-privilege: The guest role CognitoUnAuthorizedRole allows actions on every resource ("*").`,
            "mandatory cognito-guest-role-privilege: The guest role CognitoUnAuthorizedRole allows cognito-sync:*.",
            `mandatory cognito-identity-role-privilege: The authenticated role CognitoAuthorizedRole: inline policy "CognitoAuthorizedPolicy" allows cognito-sync:*, cognito-identity:* on every resource ("*").`,
            `mandatory cognito-identity-role-privilege: The authenticated role CognitoAuthorizedRole: inline policy "CognitoAuthorizedPolicy" allows lambda:InvokeFunction on every resource ("*").`,
            `mandatory cognito-identity-role-privilege: The authenticated role CognitoAuthorizedRole: inline policy "CognitoAuthorizedPolicy" allows the wildcard action(s) cognito-sync:*, cognito-identity:*.`,
            `mandatory cognito-identity-role-privilege: The guest role CognitoUnAuthorizedRole: inline policy "CognitoUnauthorizedPolicy" allows cognito-sync:* on every resource ("*").`,
            `mandatory cognito-identity-role-privilege: The guest role CognitoUnAuthorizedRole: inline policy "CognitoUnauthorizedPolicy" allows the wildcard action(s) cognito-sync:*.`,
            `advisory cognito-self-signup-with-aws-rights: The user pool UserPool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool IdentityPool gives its signed-in users the role CognitoAuthorizedRole, which is granted by inline policy "CognitoAuthorizedPolicy": anyone on the internet gets AWS credentials by signing up.`,
        ]),
        mustNot: (lines) => {
            none(lines, /mobileanalytics:PutEvents/, "mobileanalytics:PutEvents has no resource-level permissions (Service Authorization Reference): \"*\" is what it takes");
            none(lines, /cognito-role-trust|cognito-classic-flow/, "both trusts name the pool and the slot; the classic flow is unset");
        },
    },
    "kg0r0 cognito-examples (AWS CDK UserPool, synthesized to aws-native: custom:isAdmin declared, no client yet)": {
        fixture: kg0r0,
        expected: sorted([
            ...poolDefaultsAt("userpool0AC4AA96", "arn:aws:cognito-idp:ap-northeast-1:123456789012:userpool/ap-northeast-1_CdkPool01"),
            shortPassword(8),
            composition("lowercase, numbers"),
        ]),
        mustNot: (lines) => {
            none(lines, /cognito-custom-attribute-writes/, "no client yet: nobody can write custom:isAdmin (a client without writeAttributes would make it a finding)");
            none(lines, /cognito-account-recovery/, "AccountRecovery.EMAIL_ONLY is verified_email");
        },
    },

};

describe("policy pack over the public-code corpus (prod config)", () => {
    for (const [title, c] of Object.entries(cases)) {
        it(`${title}: exactly the expected violations`, async () => {
            // What must not be said holds of the expectation itself, before the pack's lines are compared with it.
            c.mustNot(c.expected);
            const lines = await prodViolations(c.fixture);
            const gaps = new Set(c.packGaps ?? []);
            assert.deepStrictEqual(lines.filter((l) => !gaps.has(l)), c.expected, `source: ${c.fixture.source}`);
            none(lines, /Could not read|can't run policy/, "no rule crashed or hit an unknown value");
        });
    }

    it("every fixture names its source", () => {
        for (const c of Object.values(cases)) assert.match(c.fixture.source, /\S+\/\S+ /);
        assert.ok(Object.keys(cases).length >= 29);
    });
});

describe("shapes the corpus probes found", () => {
    const pool = (props: Record<string, unknown>) => resource(types.identityPool, { id: "eu-central-1:pool", ...props }, { name: "pool" });

    it("reads CloudFormation's string booleans for guests and the classic flow", async () => {
        const found = await evaluatePolicies([pool({ allowUnauthenticatedIdentities: "true", allowClassicFlow: "True" })], policies, loadPackConfig("prod", policies), { name: "cognito-security", version: "0.1.0" });
        assert.deepStrictEqual(found.map((v) => v.policyName).filter((n) => n === "cognito-guest-access" || n === "cognito-classic-flow").sort(), ["cognito-classic-flow", "cognito-guest-access"]);
    });

    it("reads a role attachment's roles given in Terraform 0.11's block shape", async () => {
        const role = resource(types.role, { assumeRolePolicy: "{}" }, { name: "signed-in", outputs: { arn: "arn:aws:iam::123456789012:role/signed-in", assumeRolePolicy: "{}" } });
        const attachment = resource(types.roleAttachment, { identityPoolId: "eu-central-1:pool", roles: [{ authenticated: "arn:aws:iam::123456789012:role/signed-in" }] }, { name: "roles" });
        const found = await evaluatePolicies([pool({}), role, attachment], policies, loadPackConfig("prod", policies), { name: "cognito-security", version: "0.1.0" });
        assert.ok(found.some((v) => v.policyName === "cognito-role-trust" && v.message.includes("signed-in")), found.map((v) => `${v.policyName}: ${v.message}`).join("\n"));
    });
});
