import * as assert from "assert";
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { preTokenGeneration } from "../../lambdas/pre-token-generation/handler";
import { baseEvent, deps } from "../support/lambda-fakes";

const settings = { rolesClaim: "app_roles", claims: { stage: "dev", tenant: "news", beta: true }, accessTokenScopes: ["https://api.example.com/articles.read"] };

const event = (groups: string[] | undefined) => ({
    ...baseEvent("TokenGeneration_HostedAuth", "reader-1"),
    version: "2",
    request: { userAttributes: { sub: "reader-1" }, groupConfiguration: groups && { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: null }, scopes: ["openid"] },
    response: { claimsAndScopeOverrideDetails: null },
}) as unknown as PreTokenGenerationV2TriggerEvent;

describe("pre token generation trigger (V2)", () => {
    it("puts groups as app roles and the stage's claims in both tokens, and scopes in the access token", async () => {
        const output = await preTokenGeneration(settings, deps())(event(["editors", "readers"]));
        const claims = { stage: "dev", tenant: "news", beta: true, app_roles: ["editors", "readers"] };
        assert.deepStrictEqual(output.response.claimsAndScopeOverrideDetails, {
            idTokenGeneration: { claimsToAddOrOverride: claims },
            accessTokenGeneration: { claimsToAddOrOverride: claims, scopesToAdd: ["https://api.example.com/articles.read"] },
        });
        assert.strictEqual(output.userName, "reader-1");
    });

    it("gives a user without groups an empty roles list and adds no scopes when none are configured", async () => {
        const output = await preTokenGeneration({ ...settings, accessTokenScopes: [] }, deps())(event(undefined));
        assert.deepStrictEqual(output.response.claimsAndScopeOverrideDetails?.accessTokenGeneration, { claimsToAddOrOverride: { stage: "dev", tenant: "news", beta: true, app_roles: [] } });
    });
});
