// The pack over the shipped stacks, and over a deliberately weakened copy of prod.
import * as assert from "assert";
import { planStack } from "../../tools/harness/run-stack";
import { stackEntries, stackNames } from "../../tools/harness/stacks";
import { checkPlan, renderPolicyReport } from "../../tools/policy/check";
import { planEdited } from "../support/harness";

const summary = (report: Awaited<ReturnType<typeof checkPlan>>) => report.violations.map((v) => `${v.enforcementLevel} ${v.policyName} ${v.urn.split("::").pop()}: ${v.message.split("\n")[1]}`);

describe("policy pack over the stacks", () => {
    for (const stack of stackNames()) {
        it(`${stack}: passes the policy config its stage takes, as \`npm run stacks\` lists it, without a mandatory violation`, async () => {
            const report = await checkPlan(await planStack(stack));
            assert.strictEqual(report.configFile, stackEntries().find((e) => e.stack === stack)?.policyConfig);
            assert.deepStrictEqual(report.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.message), []);
        });
    }

    it("prod passes its stage's pack without a mandatory violation (advice only: self sign-up yields the reader role, no WAF web ACL)", async () => {
        const report = await checkPlan(await planStack("prod"));
        assert.strictEqual(report.mandatory, 0);
        assert.deepStrictEqual(summary(report), [
            "advisory cognito-self-signup-with-aws-rights main-pool: The user pool main-pool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool identity-pool gives its signed-in users the role identity-authenticated, which is granted by role policy identity-authenticated-grants: anyone on the internet gets AWS credentials by signing up.",
            "advisory cognito-web-acl main-pool: The user pool main-pool has no WAF web ACL (no aws:wafv2/webAclAssociation:WebAclAssociation with resourceArn arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_Mockmainpool).",
        ]);
        assert.strictEqual(report.configFile, "policy/config/prod.json");
    });

    it("dev passes its stage's pack without a mandatory violation (advice only)", async () => {
        const report = await checkPlan(await planStack("dev"));
        assert.strictEqual(report.mandatory, 0);
        assert.deepStrictEqual(summary(report), [
            "advisory cognito-email-sending main-pool: Email is sent by COGNITO_DEFAULT; use SES (DEVELOPER).",
            "advisory cognito-deletion-protection main-pool: The user pool main-pool has deletion protection INACTIVE.",
            "advisory cognito-deletion-protection main-pool: The user pool main-pool is not protected (resource option protect).",
            "advisory cognito-self-signup-with-aws-rights main-pool: The user pool main-pool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool identity-pool gives its signed-in users the role identity-authenticated, which is granted by role policy identity-authenticated-grants: anyone on the internet gets AWS credentials by signing up.",
        ]);
    });

    it("a weakened prod (short password, MFA off, implicit grant, guest role with s3:*) fails with exactly these violations", async () => {
        const plan = await planEdited("prod", {
            userPool: (pool) => ({ ...pool, passwordPolicy: { minimumLength: 8 }, mfa: { mode: "OFF" } }),
            clients: (clients) => clients.map((c: any) => (c.name === "web" ? { ...c, allowImplicitGrant: true } : c)),
            identityPool: (pool) => ({ ...pool, allowGuests: true, guest: { statements: [{ actions: ["s3:*"], resources: ["*"], allowWildcards: true }] } }),
        });
        const report = await checkPlan(plan);
        assert.deepStrictEqual(summary(report), [
            "mandatory cognito-password-min-length main-pool: Password minimum length is 8; at least 15 is required while MFA is not ON.",
            "mandatory cognito-mfa main-pool: MFA is OFF; it must be ON.",
            "mandatory cognito-no-implicit-grant clients-web: The implicit grant is allowed.",
            "mandatory cognito-guest-access identity-pool: Guests (unauthenticated identities) are allowed.",
            "mandatory cognito-guest-role-privilege identity-guest: The guest role identity-guest allows s3:*.",
            `mandatory cognito-guest-role-privilege identity-guest: The guest role identity-guest allows actions on every resource ("*").`,
            "mandatory cognito-identity-role-privilege identity-guest: The guest role identity-guest: role policy identity-guest-grants allows the wildcard action(s) s3:*.",
            `mandatory cognito-identity-role-privilege identity-guest: The guest role identity-guest: role policy identity-guest-grants allows s3:* on every resource ("*").`,
            "advisory cognito-self-signup-with-aws-rights main-pool: The user pool main-pool lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool identity-pool gives its signed-in users the role identity-authenticated, which is granted by role policy identity-authenticated-grants: anyone on the internet gets AWS credentials by signing up.",
            "advisory cognito-web-acl main-pool: The user pool main-pool has no WAF web ACL (no aws:wafv2/webAclAssociation:WebAclAssociation with resourceArn arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_Mockmainpool).",
        ]);
        assert.strictEqual(report.mandatory, 8);
        const text = renderPolicyReport(report);
        assert.ok(text.startsWith("Policy pack cognito-security with policy/config/prod.json: 8 mandatory, 2 advisory violation(s)\n  [mandatory] cognito-password-min-length  aws:cognito/userPool:UserPool main-pool\n      Password minimum length is 8; at least 15 is required while MFA is not ON.\n"), text);
    });
});
