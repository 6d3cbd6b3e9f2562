// The escape hatch on the shipped prod stack: dangerous transforms, passed to index.ts as a program
// of one's own would pass them, must fail the pack with mandatory violations like any other
// weakening (README "Using the components in your own program"). Several transforms share a plan to
// keep the suite fast; every line names the resource and the cause, so each is told apart.
import * as assert from "assert";
import type { StackTransforms } from "../../components/stack-transforms";
import { planStack } from "../../tools/harness/run-stack";
import { checkPlan } from "../../tools/policy/check";

const account = "123456789012";

/** "rule resource: detail" of each mandatory violation of prod planned with these transforms, and the warnings. */
async function prodWith(transforms: StackTransforms): Promise<{ mandatory: string[]; warnings: readonly string[] }> {
    const plan = await planStack("prod", { transforms });
    const report = await checkPlan(plan);
    const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policyName} ${v.urn.split("::").pop()}: ${v.message.split("\n")[1]}`);
    return { mandatory, warnings: plan.warnings.filter((w) => w.startsWith("escape hatch used")) };
}

const gateLine = (where: string, problem: string) => `cognito-trigger-wiring main-pool: The user pool main-pool's ${where} lets only some groups into clients (admin: admins, editors), but ${problem}: Cognito skips pre authentication for a reused hosted UI session and at every refresh, so only token generation can hold the gate.`;

describe("dangerous transforms on the shipped prod stack fail the pack", function () {
    this.timeout(60_000);

    it("the pool: MFA off, a weak password policy, another account's pre sign-up function, a migration function of no stack, an invoke permission for any pool", async () => {
        const { mandatory, warnings } = await prodWith({
            userPool: {
                pool: {
                    mfaConfiguration: "OFF",
                    passwordPolicy: { minimumLength: 8, temporaryPasswordValidityDays: 30 },
                    lambdaConfig: { preSignUp: "arn:aws:lambda:eu-central-1:999999999999:function:harvest", userMigration: `arn:aws:lambda:eu-central-1:${account}:function:password-collector` },
                },
                invokePermission: (args, _opts, name) => {
                    if (name === "main-custom-message-invoke") delete (args as { sourceArn?: unknown }).sourceArn;
                },
            },
        });
        assert.deepStrictEqual(mandatory.sort(), [
            "cognito-mfa main-pool: MFA is OFF; it must be ON.",
            "cognito-password-min-length main-pool: Password minimum length is 8; at least 15 is required while MFA is not ON.",
            "cognito-temporary-password-validity main-pool: Temporary passwords stay valid 30 days; at most 7 are allowed.",
            "cognito-trigger-permission main-custom-message-invoke: The permission has no sourceArn.",
            `cognito-trigger-wiring main-pool: The user pool main-pool runs its preSignUp trigger in the account 999999999999 (arn:aws:lambda:eu-central-1:999999999999:function:harvest), not the pool's own ${account}: whoever controls that account sees and decides every preSignUp event.`,
            `cognito-trigger-wiring main-pool: The user pool main-pool sends every password typed for an unknown user to the user migration function arn:aws:lambda:eu-central-1:${account}:function:password-collector, which is not a function of this stack.`,
        ]);
        assert.strictEqual(warnings.length, 6, "the pool and each of the five permissions: every use is warned");
    });

    // The gate lives in the token function's settings alone (issue 17): a transform that drops it there
    // leaves no resource that still names it, so the pack cannot tell it from a stack without a gate.
    // The review sees it: the trust map's change marks the admin client opened (tests/tools/diagram.test.ts).
    // What the groups, the pre sign-up and token functions still say is judged: a default group that
    // carries power, protected groups the token function no longer refuses to linked accounts.
    it("the triggers and clients: a trigger role with AdministratorAccess, Facebook linked, admins by default, linked admins' tokens no longer refused, a client writing email_verified", async () => {
        const { mandatory } = await prodWith({
            triggers: {
                role: (args, _opts, name) => {
                    if (name === "main-pre-sign-up-role") args.managedPolicyArns = ["arn:aws:iam::aws:policy/AdministratorAccess"];
                },
                function: (args, _opts, name) => {
                    const variables = (args.environment as { variables: Record<string, string> }).variables;
                    const settings = JSON.parse(variables.TRIGGER_SETTINGS);
                    if (name === "main-pre-sign-up-function") variables.TRIGGER_SETTINGS = JSON.stringify({ ...settings, linkingProviders: [...settings.linkingProviders, "Facebook"] });
                    if (name === "main-post-confirmation-function") variables.TRIGGER_SETTINGS = JSON.stringify({ defaultGroup: "admins" });
                    if (name === "main-pre-token-generation-function") variables.TRIGGER_SETTINGS = JSON.stringify({ ...settings, protectedGroups: ["editors"] });
                },
            },
            clients: {
                client: (args, _opts, name) => {
                    if (name === "clients-web") args.writeAttributes = [...(args.writeAttributes as string[]), "email_verified"];
                },
            },
        });
        assert.deepStrictEqual(mandatory.sort(), [
            "cognito-provider-email-trust main-pre-sign-up-function: The pre sign-up trigger main-pre-sign-up-function links accounts for the FACEBOOK provider Facebook, which does not verify the addresses it asserts: it joins a sign-up to the existing account with the address the provider asserts, so whoever registers that address there takes over the account.",
            "cognito-trigger-groups main-pool: The user pool main-pool's post confirmation function news-prod-post-confirmation puts every new account in the group admins, which has precedence 0, which marks the groups that carry power: anyone who signs up, or signs in with a provider for the first time, gets its rights.",
            "cognito-trigger-groups main-pool: The user pool main-pool links accounts for Google, SignInWithApple, Facebook, but its pre token generation function news-prod-pre-token-generation does not refuse linked members of admins: an account linked before its owner joined such a group gets that group's tokens.",
            `cognito-trigger-role-privilege main-pre-sign-up-role: The trigger role main-pre-sign-up-role (preSignUp news-prod-pre-sign-up): the AWS managed policy AdministratorAccess allows every action ("*").`,
            "cognito-verified-flag-writes clients-web: Users can mark their own email_verified through this client: a contact they never proved passes as verified.",
        ].sort());
    });

    it("the token-generation trigger taken out of lambdaConfig while a client is gated, and Cognito admin calls on every pool", async () => {
        const { mandatory } = await prodWith({
            userPool: {
                pool: { lambdaConfig: { preTokenGeneration: undefined, preTokenGenerationConfig: undefined } },
                triggerPolicy: (args, _opts, name) => {
                    if (name === "main-post-confirmation-cognito-policy") args.policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "cognito-idp:Admin*", Resource: "*" }] });
                },
            },
        });
        assert.deepStrictEqual(mandatory.sort(), [
            gateLine("function (which lambdaConfig does not name, though the pool may invoke it) news-prod-pre-token-generation", "the pool has no pre token generation function"),
            "cognito-trigger-groups main-pool: The user pool main-pool links accounts for Google, SignInWithApple, but has no pre token generation function of this stack to refuse linked members of admins, editors: an account linked before its owner joined such a group gets that group's tokens.",
            "cognito-trigger-role-privilege main-post-confirmation-role: The trigger role main-post-confirmation-role (postConfirmation news-prod-post-confirmation): role policy main-post-confirmation-cognito-policy allows cognito-idp:Admin* on every user pool (\"*\").",
        ].sort());
    });

    it("the identity pool: guests and the classic flow, a signed-in role trusting any pool, a full-access managed policy", async () => {
        const { mandatory } = await prodWith({
            identityPool: {
                pool: { allowUnauthenticatedIdentities: true, allowClassicFlow: true },
                role: (args) => {
                    args.assumeRolePolicy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } } }] });
                    args.managedPolicyArns = ["arn:aws:iam::aws:policy/AmazonBedrockFullAccess"];
                },
            },
        });
        assert.deepStrictEqual(mandatory.sort(), [
            "cognito-classic-flow identity-pool: The classic flow is allowed.",
            "cognito-guest-access identity-pool: Guests (unauthenticated identities) are allowed.",
            "cognito-identity-role-privilege identity-authenticated: The authenticated role identity-authenticated: the AWS managed policy AmazonBedrockFullAccess allows the wildcard action(s) bedrock:*.",
            `cognito-identity-role-privilege identity-authenticated: The authenticated role identity-authenticated: the AWS managed policy AmazonBedrockFullAccess allows bedrock:* on every resource ("*").`,
            `cognito-role-trust identity-authenticated: The authenticated role identity-authenticated does not require aud = eu-central-1:00000000-0000-4000-8000-de0000000000 (has []).`,
        ].sort());
    });
});
