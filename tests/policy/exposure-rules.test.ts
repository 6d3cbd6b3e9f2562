// The pool-exposure rules: self sign-up that yields AWS credentials, providers trusted on e-mail
// addresses, and the missing WAF web ACL.
import * as assert from "assert";
import { policies } from "../../policy/rules";
import { providerEmailTrust, selfSignUpWithAwsRights, webAcl, webAclAssociationType } from "../../policy/rules/pool-exposure";
import { types } from "../../policy/rules/support";
import { resource, violations } from "../support/policy";

const poolArn = "arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_Abc";
const roleArn = "arn:aws:iam::123456789012:role/readers";
const grants = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });

function stack(opts: { pool?: Record<string, unknown>; providers?: unknown; rolePolicy?: unknown; inlinePolicies?: unknown } = {}) {
    return [
        resource(types.userPool, { id: "eu-central-1_Abc", arn: poolArn, ...opts.pool }, { name: "pool" }),
        resource(types.client, { id: "client1", userPoolId: "eu-central-1_Abc" }, { name: "web" }),
        resource(types.identityPool, { id: "ip1", cognitoIdentityProviders: "providers" in opts ? opts.providers : [{ clientId: "client1", providerName: "cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Abc" }] }, { name: "ids" }),
        resource(types.roleAttachment, { identityPoolId: "ip1", roles: { authenticated: roleArn } }, { name: "attach" }),
        resource(types.role, { name: "readers", arn: roleArn, inlinePolicies: opts.inlinePolicies }, { name: "readers" }),
        ...(opts.rolePolicy === null ? [] : [resource(types.rolePolicy, { role: "readers", policy: opts.rolePolicy ?? grants }, { name: "readers-grants" })]),
    ];
}

const signUpFinding = (source = "role policy readers-grants") =>
    `advisory: The user pool pool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool ids gives its signed-in users the role readers, which is granted by ${source}: anyone on the internet gets AWS credentials by signing up.`;

describe("cognito-self-signup-with-aws-rights", () => {
    it("reports a self sign-up pool whose client an identity pool trusts with a granting role", async () => {
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack()), [signUpFinding()]);
    });

    it("passes an admin-only pool, in any spelling of true", async () => {
        for (const value of [true, "true", " TRUE "]) assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ pool: { adminCreateUserConfig: { allowAdminCreateUserOnly: value } } })), []);
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ pool: { adminCreateUserConfig: [{ allowAdminCreateUserOnly: true }] } })), []);
    });

    it("reads false, \"false\", [] and an unset block as self sign-up", async () => {
        for (const config of [{ allowAdminCreateUserOnly: false }, { allowAdminCreateUserOnly: "False" }, [], null]) {
            assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ pool: { adminCreateUserConfig: config } })), [signUpFinding()]);
        }
    });

    it("passes when the role grants nothing (no policy, only Deny, empty document)", async () => {
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ rolePolicy: null })), []);
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ rolePolicy: JSON.stringify({ Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }) })), []);
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ rolePolicy: "{}" })), []);
    });

    it("passes when the identity pool trusts another pool's client, or no provider", async () => {
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ providers: [{ clientId: "other", providerName: "cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other" }] })), []);
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ providers: [] })), []);
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ providers: undefined })), []);
    });

    it("counts a provider without clientId or name, one provider object, and inline or managed grants", async () => {
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ providers: [{ clientId: "", providerName: null }] })), [signUpFinding()]);
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ providers: { clientId: "client1" } })), [signUpFinding()]);
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ rolePolicy: null, inlinePolicies: [{ name: "read", policy: grants }] })), [signUpFinding(`inline policy "read"`)]);
        const managed = [...stack({ rolePolicy: null }), resource(types.rolePolicyAttachment, { role: "readers", policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }, { name: "ro" })];
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, managed), [signUpFinding("the AWS managed policy AmazonS3ReadOnlyAccess")]);
    });

    it("reports every self sign-up pool an identity pool trusts, not only the first", async () => {
        const second = resource(types.userPool, { arn: "arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_Two" }, { name: "second" });
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, [...stack(), second]), [signUpFinding(), signUpFinding().replace("user pool pool ", "user pool second ")]);
    });

    it("judges any identity pool when the user pool's id is unknown to the rule", async () => {
        assert.deepStrictEqual(await violations(selfSignUpWithAwsRights, stack({ pool: { id: undefined }, providers: [{ clientId: "whatever" }] })), [signUpFinding()]);
    });
});

const provider = (providerType: unknown, attributeMapping: unknown, providerName = "Corp") => resource(types.identityProvider, { providerName, providerType, attributeMapping, userPoolId: "p" }, { name: `idp-${providerName}` });
const preSignUp = (settings: unknown) => resource(types.lambdaFunction, { environment: { variables: { TRIGGER_SETTINGS: typeof settings === "string" ? settings : JSON.stringify(settings) } } }, { name: "pre-sign-up" });
const prod = { enforcementLevel: "mandatory", allowAutoConfirm: false };

describe("cognito-provider-email-trust", () => {
    it("reports an OIDC or SAML provider that maps email_verified, in any case and shape", async () => {
        assert.deepStrictEqual(await violations(providerEmailTrust, [provider("OIDC", { email: "email", email_verified: "email_verified" })], prod), [
            `mandatory: The OIDC identity provider Corp maps email_verified (to "email_verified"): the pool trusts the provider's word on addresses, which lets whoever controls its directory take over accounts through linking.`,
        ]);
        assert.deepStrictEqual(await violations(providerEmailTrust, [provider("saml", JSON.stringify({ Email_Verified: "verified" }))], prod), [
            `mandatory: The SAML identity provider Corp maps email_verified (to "verified"): the pool trusts the provider's word on addresses, which lets whoever controls its directory take over accounts through linking.`,
        ]);
        assert.deepStrictEqual(await violations(providerEmailTrust, [provider("OIDC", [{ email_verified: "ev" }])], { enforcementLevel: "advisory", allowAutoConfirm: true }), [
            `advisory: The OIDC identity provider Corp maps email_verified (to "ev"): the pool trusts the provider's word on addresses, which lets whoever controls its directory take over accounts through linking.`,
        ]);
    });

    it("passes social providers, providers without email_verified, and odd mappings", async () => {
        for (const r of [provider("Google", { email_verified: "email_verified" }), provider("OIDC", { email: "email" }), provider("OIDC", "not json"), provider("SAML", null), provider(undefined, { email_verified: "x" })]) {
            assert.deepStrictEqual(await violations(providerEmailTrust, [r], prod), []);
        }
    });

    const links = (kind: string, name: string, why: string) => `mandatory: The pre sign-up trigger pre-sign-up links accounts for the ${kind} provider ${name}, ${why}: it joins a sign-up to the existing account with the address the provider asserts, so whoever registers that address there takes over the account.`;
    const noMapping = "whose attributeMapping maps no email_verified, so nothing says it verified an address";
    const unverifying = "which does not verify the addresses it asserts";

    it("reports the pre sign-up trigger linking an OIDC or SAML provider without a mapped email_verified, or one it cannot find, not Google or Apple", async () => {
        const resources = [provider("OIDC", {}, "Corp"), provider("SAML", { email: "mail" }, "Partner"), provider("Google", {}, "Google"), provider("SignInWithApple", {}, "SignInWithApple"),
            preSignUp({ linkingProviders: ["Google", "Corp", "Partner", "SignInWithApple", "Elsewhere"], autoConfirmEmailDomains: [] })];
        assert.deepStrictEqual(await violations(providerEmailTrust, resources, prod), [links("OIDC", "Corp", noMapping), links("SAML", "Partner", noMapping),
            "mandatory: The pre sign-up trigger pre-sign-up links accounts for the provider Elsewhere, which is not an identity provider of this stack nor a social provider's name, so whether it verifies the addresses it asserts cannot be judged: define the provider in this stack, or stop linking it."]);
        assert.deepStrictEqual(await violations(providerEmailTrust, [provider("Google", {}, "Google"), preSignUp({ linkingProviders: ["Google"] })], prod), []);
    });

    it("reports linking Facebook or Login with Amazon, in the stack or known by their names alone", async () => {
        const resources = [provider("Facebook", { email: "email" }, "Facebook"), preSignUp({ linkingProviders: ["Facebook", "LoginWithAmazon"] })];
        assert.deepStrictEqual(await violations(providerEmailTrust, resources, prod), [links("FACEBOOK", "Facebook", unverifying), links("LOGINWITHAMAZON", "LoginWithAmazon", unverifying)]);
    });

    it("leaves the linking of an OIDC provider that maps email_verified to the mapping's own finding", async () => {
        const resources = [provider("OIDC", { email_verified: "email_verified" }, "Corp"), preSignUp({ linkingProviders: "Corp" })];
        assert.deepStrictEqual(await violations(providerEmailTrust, resources, prod), [
            `mandatory: The OIDC identity provider Corp maps email_verified (to "email_verified"): the pool trusts the provider's word on addresses, which lets whoever controls its directory take over accounts through linking.`,
        ]);
    });

    it("reads the settings as the handler reads them: TRIGGER_SETTINGS as JSON text or an object, anything else as no settings", async () => {
        const fb = provider("Facebook", {}, "Facebook");
        const fn = (variables: unknown) => resource(types.lambdaFunction, { environment: { variables } }, { name: "pre-sign-up" });
        assert.deepStrictEqual(await violations(providerEmailTrust, [fb, fn({ TRIGGER_SETTINGS: { linkingProviders: ["Facebook"] } })], prod), [links("FACEBOOK", "Facebook", unverifying)]);
        for (const variables of [{ TRIGGER_SETTINGS: "not json" }, { TRIGGER_SETTINGS: 42 }, { SETTINGS: JSON.stringify({ linkingProviders: ["Facebook"] }) }, null]) {
            assert.deepStrictEqual(await violations(providerEmailTrust, [fb, fn(variables)], prod), [], JSON.stringify(variables));
        }
    });

    it("reports auto-confirmed domains only where the stage does not allow them", async () => {
        const fn = preSignUp({ linkingProviders: [], autoConfirmEmailDomains: ["test.example.com", "qa.example.com"] });
        assert.deepStrictEqual(await violations(providerEmailTrust, [fn], prod), [
            "mandatory: The pre sign-up trigger pre-sign-up auto-confirms sign-ups from test.example.com, qa.example.com, which this stage does not allow (allowAutoConfirm is false): those accounts skip proof that their owner holds the address.",
        ]);
        assert.deepStrictEqual(await violations(providerEmailTrust, [fn], { enforcementLevel: "advisory", allowAutoConfirm: true }), []);
        assert.deepStrictEqual(await violations(providerEmailTrust, [preSignUp({ linkingProviders: [], autoConfirmEmailDomains: "one.example.com" })], {}), [
            "mandatory: The pre sign-up trigger pre-sign-up auto-confirms sign-ups from one.example.com, which this stage does not allow (allowAutoConfirm is false): those accounts skip proof that their owner holds the address.",
        ]);
    });

    it("ignores other functions: no TRIGGER_SETTINGS, settings that are not JSON, settings without linkingProviders", async () => {
        const others = [
            resource(types.lambdaFunction, {}, { name: "plain" }),
            resource(types.lambdaFunction, { environment: [{ variables: [{ TRIGGER_SETTINGS: "{not json" }] }] }, { name: "broken" }),
            preSignUp({ autoConfirmEmailDomains: ["x.example.com"] }),
            preSignUp("[1,2]"),
        ];
        assert.deepStrictEqual(await violations(providerEmailTrust, others, prod), []);
    });

    it("judges a function wired as pre sign-up whatever its settings hold (a transform dropped linkingProviders; the handler still auto-confirms)", async () => {
        const fnArn = "arn:aws:lambda:eu-central-1:123456789012:function:pre-sign-up";
        const wired = [resource(types.userPool, { lambdaConfig: { preSignUp: fnArn } }, { name: "pool" }), resource(types.lambdaFunction, { arn: fnArn, environment: { variables: { TRIGGER_SETTINGS: JSON.stringify({ autoConfirmEmailDomains: ["x.example.com"] }) } } }, { name: "pre-sign-up" })];
        assert.deepStrictEqual(await violations(providerEmailTrust, wired, prod), [
            "mandatory: The pre sign-up trigger pre-sign-up auto-confirms sign-ups from x.example.com, which this stage does not allow (allowAutoConfirm is false): those accounts skip proof that their owner holds the address.",
        ]);
    });
});

describe("cognito-web-acl", () => {
    const pool = resource(types.userPool, { arn: poolArn }, { name: "pool" });
    const finding = `advisory: The user pool pool has no WAF web ACL (no ${webAclAssociationType} with resourceArn ${poolArn}).`;

    it("passes a pool with a web ACL association on its ARN", async () => {
        assert.deepStrictEqual(await violations(webAcl, [pool, resource(webAclAssociationType, { resourceArn: poolArn, webAclArn: "arn:aws:wafv2:x" })]), []);
        assert.deepStrictEqual(await violations(webAcl, [pool, resource(webAclAssociationType, { resourceArn: ` ${poolArn} ` })]), []);
    });

    it("reports a pool without one, or with one on another resource", async () => {
        assert.deepStrictEqual(await violations(webAcl, [pool]), [finding]);
        assert.deepStrictEqual(await violations(webAcl, [pool, resource(webAclAssociationType, { resourceArn: "arn:aws:elasticloadbalancing:x" }), resource(webAclAssociationType, { resourceArn: null })]), [finding]);
    });

    it("reports a pool whose ARN is not set", async () => {
        assert.deepStrictEqual(await violations(webAcl, [resource(types.userPool, {}, { name: "bare" })]), [
            `advisory: The user pool bare has no WAF web ACL (no ${webAclAssociationType} with resourceArn set to its ARN).`,
        ]);
    });
});

describe("pool-exposure rules in the pack", () => {
    it("are registered", () => {
        for (const name of ["cognito-self-signup-with-aws-rights", "cognito-provider-email-trust", "cognito-web-acl"]) assert.ok(policies.some((p) => p.name === name), name);
    });
});
