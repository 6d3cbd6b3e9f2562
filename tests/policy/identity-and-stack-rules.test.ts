import * as assert from "assert";
import { classicFlow } from "../../policy/rules/classic-flow";
import { guestAccess, guestRolePrivilege, roleOutsideStack, unusedGuestRole } from "../../policy/rules/identity-pool";
import { roleTrust } from "../../policy/rules/role-trust";
import { triggerPermission, triggerTimeout } from "../../policy/rules/triggers";
import { deletionProtection, threatProtection } from "../../policy/rules/stack";
import { resource, unknown, violations } from "../support/policy";
import { awsTypes as types } from "../../policy/rules/type-tokens";

const poolId = "eu-central-1:1111";
const trust = (aud: string | string[], amr: string | string[], principal: unknown = { Federated: "cognito-identity.amazonaws.com" }) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": aud }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr } } }],
});
const role = (name: string, assumeRolePolicy: string) => resource(types.role, { assumeRolePolicy }, { name, outputs: { assumeRolePolicy, arn: `arn:aws:iam::1:role/${name}`, id: name, name } });
const attachment = (roles: Record<string, string>) => resource(types.roleAttachment, { identityPoolId: poolId, roles });
const grants = (roleName: string, statements: unknown[]) => resource(types.rolePolicy, { role: roleName, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
const arn = (name: string) => `arn:aws:iam::1:role/${name}`;

describe("identity pool rules", () => {
    it("cognito-guest-access refuses guests unless the stage allows them", async () => {
        const pool = resource(types.identityPool, { allowUnauthenticatedIdentities: true });
        assert.deepStrictEqual(await violations(guestAccess, [pool]), ["mandatory: Guests (unauthenticated identities) are allowed."]);
        assert.deepStrictEqual(await violations(guestAccess, [pool], { allowGuests: true }), []);
        assert.deepStrictEqual(await violations(guestAccess, [resource(types.identityPool, { allowUnauthenticatedIdentities: false })]), []);
    });

    it("cognito-classic-flow refuses the classic flow", async () => {
        assert.deepStrictEqual(await violations(classicFlow, [resource(types.identityPool, { allowClassicFlow: true })]), ["mandatory: The classic flow is allowed."]);
        assert.deepStrictEqual(await violations(classicFlow, [resource(types.identityPool, { allowClassicFlow: false })]), []);
    });

    describe("cognito-role-trust", () => {
        it("passes roles bound to this pool and their slot", async () => {
            assert.deepStrictEqual(await violations(roleTrust, [role("auth", trust(poolId, "authenticated")), role("guest", trust(poolId, "unauthenticated")), attachment({ authenticated: arn("auth"), unauthenticated: arn("guest") })]), []);
        });
        it("refuses a signed-in role that accepts guests, another pool, or no aud at all", async () => {
            assert.deepStrictEqual(await violations(roleTrust, [role("auth", trust("eu-central-1:2222", ["authenticated", "unauthenticated"])), attachment({ authenticated: arn("auth") })]), [
                `mandatory: The authenticated role auth does not require aud = ${poolId} (has ["eu-central-1:2222"]).`,
                `mandatory: The authenticated role auth does not require amr = authenticated (has ["authenticated","unauthenticated"]).`,
            ]);
            const open = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" }] });
            assert.deepStrictEqual(await violations(roleTrust, [role("auth", open), attachment({ authenticated: arn("auth") })]), [
                `mandatory: The authenticated role auth does not require aud = ${poolId} (has []).`,
                "mandatory: The authenticated role auth does not require amr = authenticated (has []).",
            ]);
        });
        it("refuses a role that trusts anyone else too", async () => {
            assert.deepStrictEqual(await violations(roleTrust, [role("auth", trust(poolId, "authenticated", { Federated: "cognito-identity.amazonaws.com", AWS: "arn:aws:iam::999:root" })), attachment({ authenticated: arn("auth") })]), [
                `mandatory: The authenticated role auth trusts {"Federated":"cognito-identity.amazonaws.com","AWS":"arn:aws:iam::999:root"}, not cognito-identity.amazonaws.com alone.`,
            ]);
        });
        it("says what is wrong when amr sits under another operator", async () => {
            const wrongOperator = JSON.stringify({ Statement: { Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": poolId, "cognito-identity.amazonaws.com:amr": "authenticated" } } } });
            assert.deepStrictEqual(await violations(roleTrust, [role("auth", wrongOperator), attachment({ authenticated: arn("auth") })]), [
                `mandatory: The authenticated role auth tests amr with StringEquals ["authenticated"], which does not test it as intended (amr is a list of values): require ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = authenticated.`,
            ]);
            const both = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": poolId }, "forAnyValue:stringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" }, "ForAllValues:StringLike": { "Cognito-Identity.amazonaws.com:AMR": ["unauthenticated"] } } }] });
            assert.deepStrictEqual(await violations(roleTrust, [role("guest", both), attachment({ unauthenticated: arn("guest") })]), [
                `mandatory: The unauthenticated role guest tests amr with ForAllValues:StringLike ["unauthenticated"], which does not test it as intended (amr is a list of values): require ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = unauthenticated.`,
            ], "the right operator in another case is read; the wrong one is named");
        });
        it("checks rule-mapped and group roles like the authenticated role, once per role", async () => {
            const mapped = role("mapped", trust(poolId, "unauthenticated"));
            const admins = role("admins", trust("eu-central-1:2222", "authenticated"));
            const fine = role("editors", trust(poolId, "authenticated"));
            const mappings = [{ identityProvider: "cognito-idp.eu-central-1.amazonaws.com/eu-central-1_P:c1", type: "Rules", ambiguousRoleResolution: "Deny", mappingRules: [{ claim: "tier", matchType: "Equals", value: "gold", roleArn: arn("mapped") }, { claim: "x", matchType: "Equals", value: "y", roleArn: arn("auth") }, null] }];
            const pools = resource(types.roleAttachment, { identityPoolId: poolId, roles: { authenticated: arn("auth") }, roleMappings: mappings });
            const group = (name: string, roleArn: unknown) => resource(types.group, { name, userPoolId: "eu-central-1_P", roleArn }, { name: `group-${name}` });
            assert.deepStrictEqual(await violations(roleTrust, [role("auth", trust(poolId, "authenticated")), mapped, admins, fine, pools, group("admins", arn("admins")), group("editors", arn("editors")), group("ops", arn("elsewhere")), group("none", ""), group("odd", null)]), [
                "mandatory: The rule-mapped role mapped does not require amr = authenticated (has [\"unauthenticated\"]).",
                `mandatory: The group "admins" role admins does not require aud = ${poolId} (has ["eu-central-1:2222"]).`,
            ], "a role outside the stack is cognito-role-outside-stack's advice, not a trust violation");
            assert.deepStrictEqual(await violations(roleTrust, [admins, group("admins", arn("admins"))]), [], "a group role without an identity pool in the stack is not this rule's business");
        });
        it("reads a mapping rule's role under CloudFormation's RoleARN too", async () => {
            const mapped = role("mapped", trust(poolId, "unauthenticated"));
            const pools = resource(types.roleAttachment, { identityPoolId: poolId, roles: {}, roleMappings: [{ type: "Rules", mappingRules: [{ claim: "tier", matchType: "Equals", value: "gold", RoleARN: arn("mapped") }] }] });
            assert.deepStrictEqual(await violations(roleTrust, [mapped, pools]), ["mandatory: The rule-mapped role mapped does not require amr = authenticated (has [\"unauthenticated\"])."]);
        });
        it("says when a role lives outside the stack, as advice (cognito-role-outside-stack), not as a trust violation", async () => {
            const outside = [attachment({ authenticated: "arn:aws:iam::1:role/elsewhere" })];
            assert.deepStrictEqual(await violations(roleTrust, outside), []);
            assert.deepStrictEqual(await violations(roleOutsideStack, outside), ["advisory: The authenticated role arn:aws:iam::1:role/elsewhere is outside this stack, so its trust and grants cannot be checked."]);
        });
        it("reports a trust policy a preview cannot know as advisory", async () => {
            const unknownRole = resource(types.role, {}, { name: "auth", outputs: { arn: arn("auth"), assumeRolePolicy: unknown } });
            assert.deepStrictEqual(await violations(roleTrust, [unknownRole, attachment({ authenticated: arn("auth") })]), [
                "advisory: can't run policy 'cognito-role-trust' from policy pack 'cognito-security@v0.1.0' during preview: string value at .assumeRolePolicy can't be known during preview",
            ]);
        });
    });

    describe("cognito-guest-role-privilege", () => {
        const guest = role("guest", trust(poolId, "unauthenticated"));
        const use = attachment({ authenticated: arn("auth"), unauthenticated: arn("guest") });
        it("passes named actions on named resources", async () => {
            assert.deepStrictEqual(await violations(guestRolePrivilege, [guest, use, grants("guest", [{ Effect: "Allow", Action: ["mobiletargeting:PutEvents"], Resource: ["arn:aws:mobiletargeting:eu-central-1:1:apps/a/*"] }])]), []);
        });
        it("leaves a guest role of a pool that allows no guests to cognito-unused-guest-role, which says what would fail once guests are on", async () => {
            const wide = grants("guest", [{ Effect: "Allow", Action: "*", Resource: "*" }]);
            const pool = (allowUnauthenticatedIdentities: unknown) => resource(types.identityPool, { allowUnauthenticatedIdentities }, { name: "ids", outputs: { id: poolId, allowUnauthenticatedIdentities } });
            const unused = (value: string, then = `once guests are turned on it becomes a mandatory finding: it allows *; allows actions on every resource ("*")`) =>
                `advisory: The guest role guest is an unused guest role: the identity pool ids does not allow guests (allowUnauthenticatedIdentities is ${value}), so nobody is given it; ${then}. Remove it from the role attachment, and the role itself if nothing else uses it.`;
            for (const value of [false, " False ", null]) assert.deepStrictEqual(await violations(guestRolePrivilege, [pool(value), guest, use, wide]), [], `guests ${value}: nothing live to judge`);
            assert.deepStrictEqual(await violations(unusedGuestRole, [pool(false), guest, use, wide]), [unused("false")]);
            assert.deepStrictEqual(await violations(unusedGuestRole, [pool(" False "), guest, use, wide]), [unused(" False ")]);
            assert.deepStrictEqual(await violations(unusedGuestRole, [pool(null), guest, use, wide]), [unused("unset")]);
            assert.deepStrictEqual(await violations(unusedGuestRole, [pool(false), guest, use]), [unused("false", "once guests are turned on, anyone on the internet gets it")]);
            assert.deepStrictEqual(await violations(unusedGuestRole, [pool(true), guest, use, wide]), [], "a live guest role is cognito-guest-role-privilege's");
            assert.deepStrictEqual(await violations(guestRolePrivilege, [pool(true), guest, use, wide]), ["mandatory: The guest role guest allows *.", `mandatory: The guest role guest allows actions on every resource ("*").`]);
            assert.deepStrictEqual(await violations(unusedGuestRole, [pool(false), use], "advisory"), [
                "advisory: The guest role arn:aws:iam::1:role/guest is an unused guest role: the identity pool ids does not allow guests (allowUnauthenticatedIdentities is false), so nobody is given it; once guests are turned on, anyone on the internet gets it. Remove it from the role attachment, and the role itself if nothing else uses it.",
            ]);
        });

        it("does not count a \"*\" resource for actions IAM cannot scope (Polly, Rekognition detection)", async () => {
            const speech = grants("guest", [{ Effect: "Allow", Action: ["polly:SynthesizeSpeech", "rekognition:DetectLabels"], Resource: "*" }]);
            assert.deepStrictEqual(await violations(guestRolePrivilege, [guest, use, speech]), []);
            const more = grants("guest", [{ Effect: "Allow", Action: ["polly:SynthesizeSpeech", "polly:PutLexicon"], Resource: "*" }]);
            assert.deepStrictEqual(await violations(guestRolePrivilege, [guest, use, more]), [`mandatory: The guest role guest allows actions on every resource ("*").`]);
        });
        it("refuses wildcard actions, every resource, and managed policies", async () => {
            const managed = resource(types.rolePolicyAttachment, { role: "guest", policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
            assert.deepStrictEqual(await violations(guestRolePrivilege, [guest, use, managed, grants("guest", [{ Effect: "Allow", Action: ["s3:*", "*"], Resource: "*" }]), grants("auth", [{ Effect: "Allow", Action: "*", Resource: "*" }])]), [
                "mandatory: The guest role guest allows s3:*, *.",
                `mandatory: The guest role guest allows actions on every resource ("*").`,
                "mandatory: The guest role guest has the managed policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess attached.",
            ]);
        });
    });
});

describe("stack rules", () => {
    const poolType = types.userPool;

    it("cognito-deletion-protection wants ACTIVE and protect", async () => {
        assert.deepStrictEqual(await violations(deletionProtection, [resource(poolType, { deletionProtection: "ACTIVE" }, { name: "main-pool", protect: true })]), []);
        assert.deepStrictEqual(await violations(deletionProtection, [resource(poolType, { deletionProtection: "INACTIVE" }, { name: "main-pool" })]), [
            "mandatory: The user pool main-pool has deletion protection INACTIVE.",
            "mandatory: The user pool main-pool is not protected (resource option protect).",
        ]);
    });

    it("cognito-threat-protection wants ENFORCED with compromised credentials blocked", async () => {
        const pool = resource(poolType, { userPoolAddOns: { advancedSecurityMode: "ENFORCED" } }, { name: "main-pool", outputs: { id: "eu-central-1_P", userPoolAddOns: { advancedSecurityMode: "ENFORCED" } } });
        const risk = (action: string) => resource(types.riskConfiguration, { userPoolId: "eu-central-1_P", compromisedCredentialsRiskConfiguration: { actions: { eventAction: action } } });
        assert.deepStrictEqual(await violations(threatProtection, [pool, risk("BLOCK")]), []);
        assert.deepStrictEqual(await violations(threatProtection, [pool, risk("NO_ACTION")]), ["advisory: The user pool main-pool does not block compromised credentials (no risk configuration with eventAction BLOCK)."]);
        assert.deepStrictEqual(await violations(threatProtection, [resource(poolType, { userPoolAddOns: { advancedSecurityMode: "AUDIT" } }, { name: "p2" })]), ["advisory: Threat protection of the user pool p2 is AUDIT, not ENFORCED."]);
        assert.deepStrictEqual(await violations(threatProtection, [resource(poolType, {}, { name: "p3" })]), ["advisory: Threat protection of the user pool p3 is OFF, not ENFORCED."]);
    });

    it("cognito-trigger-permission wants the pool's ARN as source", async () => {
        const permission = (sourceArn?: string) => resource(types.lambdaPermission, { principal: "cognito-idp.amazonaws.com", action: "lambda:InvokeFunction", ...(sourceArn && { sourceArn }) });
        assert.deepStrictEqual(await violations(triggerPermission, [permission("arn:aws:cognito-idp:eu-central-1:123456789012:userpool/eu-central-1_AbC1")]), []);
        assert.deepStrictEqual(await violations(triggerPermission, [permission(), permission("arn:aws:cognito-idp:eu-central-1:123456789012:userpool/*")]), [
            "mandatory: The permission has no sourceArn.",
            "mandatory: The sourceArn arn:aws:cognito-idp:eu-central-1:123456789012:userpool/* is not a user pool ARN.",
        ]);
        assert.deepStrictEqual(await violations(triggerPermission, [resource(types.lambdaPermission, { principal: "s3.amazonaws.com" })]), [], "other principals are not this rule's business");
    });

    it("cognito-trigger-timeout checks only functions wired as triggers", async () => {
        const fnArn = (n: string) => `arn:aws:lambda:eu-central-1:1:function:${n}`;
        const fn = (n: string, timeout: number) => resource(types.lambdaFunction, { timeout }, { name: n, outputs: { arn: fnArn(n), timeout } });
        const pool = resource(poolType, {}, { outputs: { lambdaConfig: { preSignUp: fnArn("slow"), preTokenGenerationConfig: { lambdaArn: fnArn("token"), lambdaVersion: "V2_0" } } } });
        assert.deepStrictEqual(await violations(triggerTimeout, [pool, fn("slow", 30), fn("token", 10), fn("worker", 900), fn("fast", 5)]), [
            "advisory: The trigger slow times out after 30 s; Cognito waits 5 s.",
            "advisory: The trigger token times out after 10 s; Cognito waits 5 s.",
        ]);
    });
});
