// The pack runs over code its authors never saw: no rule may throw, whatever shape a property has.
// What a rule cannot read is reported as a violation that says so.
import * as assert from "assert";
import { policies } from "../../policy/rules";
import { noPlainPasswordFlow } from "../../policy/rules/clients";
import { neverThrowing } from "../../policy/rules/never-throw";
import { awsNativeTypes, awsTypes } from "../../policy/rules/type-tokens";
import { evaluatePolicies } from "../../tools/policy/evaluate";
import { loadPackConfig } from "../../tools/policy/pack-config";
import { resource, violations } from "../support/policy";

/** Shapes seen in public code and in Terraform-translated state, and a few that make no sense at all. */
const oddValues: unknown[] = [null, 0, 42, "", "true", "not json {", [], [null], [42], {}, { a: null }, [{}], ["x"], true, "*", { lambdaArn: 5 }, [{ name: 3 }], { admin: 7 }, "arn:aws:lambda:eu-central-1:1:function:x"];
const oddProps = (): Record<string, unknown>[] => {
    const keys = ["passwordPolicy", "mfaConfiguration", "softwareTokenMfaConfiguration", "explicitAuthFlows", "callbackUrls", "logoutUrls", "allowedOauthFlows", "allowedOauthFlowsUserPoolClient",
        "assumeRolePolicy", "policy", "inlinePolicies", "managedPolicyArns", "roles", "roleMappings", "lambdaConfig", "accessTokenValidity", "tokenValidityUnits",
        "emailConfiguration", "userPoolAddOns", "deletionProtection", "generateSecret", "allowUnauthenticatedIdentities", "allowClassicFlow", "timeout", "principal", "sourceArn",
        "compromisedCredentialsRiskConfiguration", "accountTakeoverRiskConfiguration", "identityPoolId", "role", "policyArn", "arn", "name", "id", "userPoolId",
        "writeAttributes", "schemas", "schema", "environment", "function", "roleArn", "cognitoIdentityProviders", "supportedLoginProviders", "openidConnectProviderArns",
        "attributeMapping", "providerType", "providerName", "policies", "assumeRolePolicyDocument", "policyDocument", "roleName", "functionName", "awsId", "clientId"];
    return oddValues.map((value) => Object.fromEntries(keys.map((k) => [k, value])));
};

describe("odd shapes", () => {
    it("no rule throws, nor fails to read, on any property shape, for any aws: or aws-native resource type, in either stage's config", async () => {
        const resources = [...Object.values(awsTypes), ...Object.values(awsNativeTypes)].flatMap((type) => oddProps().map((props, i) => resource(type, props, { name: `${type.split(":").pop()}-${i}` })));
        for (const stage of ["dev", "prod"]) {
            const found = await evaluatePolicies(resources, policies, loadPackConfig(stage, policies), { name: "cognito-security", version: "0.1.0" });
            assert.ok(found.length > 100, `${stage}: the odd shapes are judged (${found.length} findings)`);
            assert.deepStrictEqual(found.filter((v) => /Could not read/.test(v.message)).map((v) => `${v.policyName}: ${v.message}`), [], stage);
        }
    });

    it("turns what a rule cannot read into a violation that says so, at the rule's level", async () => {
        const crashing = neverThrowing({ ...noPlainPasswordFlow, validateResource: () => { throw new TypeError("Cannot read properties of null (reading 'filter')"); } });
        assert.deepStrictEqual(await violations(crashing, [resource(awsTypes.client, {}, { name: "web" })]), [
            `mandatory: Could not read ${awsTypes.client} web: Cannot read properties of null (reading 'filter'). The rule could not judge it; check its properties by hand.`,
        ]);
    });

    it("judges the legacy names of the password flows, in any case, and ignores what is not a string", async () => {
        const client = (explicitAuthFlows: unknown) => resource(awsTypes.client, { explicitAuthFlows });
        assert.deepStrictEqual(await violations(noPlainPasswordFlow, [client(["USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "allow_user_password_auth", null, 7])]), [
            "mandatory: A client without a secret allows USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH, allow_user_password_auth.",
        ]);
        assert.deepStrictEqual(await violations(noPlainPasswordFlow, [client("ALLOW_USER_PASSWORD_AUTH")]), ["mandatory: A client without a secret allows ALLOW_USER_PASSWORD_AUTH."], "a single string is one flow");
    });
});
