// Whatever arrives, no handler lets an internal message or stack trace reach the user: it answers
// with the event, a safe refusal, or the generic message.
import * as assert from "assert";
import { customMessage } from "../../lambdas/custom-message/handler";
import { postAuthentication } from "../../lambdas/post-authentication/handler";
import { postConfirmation } from "../../lambdas/post-confirmation/handler";
import { preSignUp } from "../../lambdas/pre-sign-up/handler";
import { preTokenGeneration } from "../../lambdas/pre-token-generation/handler";
import { genericMessage, guarded, UserFacingError } from "../../lambdas/shared/errors";
import { awsDefaultPasswordPolicy } from "../../lambdas/shared/password-policy";
import { userMigration } from "../../lambdas/user-migration/handler";
import { deps, fakeCognito, fakeSourcePool } from "../support/lambda-fakes";

const source = { userPoolId: "eu-west-1_OldPool", clientId: "oldclient" };

const handlers: Record<string, (d: ReturnType<typeof deps>) => (event: any) => Promise<any>> = {
    preSignUp: (d) => preSignUp({ allowedEmailDomains: [], deniedEmailDomains: ["spam.example"], autoConfirmEmailDomains: [], providerNames: ["Google"], linkingProviders: ["Google"], protectedGroups: ["admins"] }, d),
    postConfirmation: (d) => postConfirmation({ defaultGroup: "readers" }, d),
    postAuthentication: (d) => postAuthentication({}, d),
    postAuthenticationWhileMigrating: (d) => postAuthentication({ migrationSource: source, followGroups: ["readers"] }, d, fakeSourcePool({})),
    preTokenGeneration: (d) => preTokenGeneration({ requiredGroups: { admin: ["admins"] }, tokens: { rolesClaim: "app_roles", claims: {}, accessTokenScopes: [{ scopes: ["https://api.example.com/read"], clients: ["web"] }] } }, d),
    customMessage: (d) => customMessage({ appName: { en: "News", ar: "الأخبار" } }, d),
    userMigration: (d) => userMigration({ source, passwordPolicy: awsDefaultPasswordPolicy, attributes: ["email"], mark: true }, d, fakeSourcePool({})),
};

const malformed: [string, unknown][] = [
    ["null", null],
    ["an empty object", {}],
    ["a number as trigger source", { triggerSource: 42, request: "nope" }],
    ["a request of the wrong shape", { triggerSource: "PreSignUp_ExternalProvider", userName: 7, request: { userAttributes: { email: ["x"], email_verified: "true" } } }],
];

describe("malformed events", () => {
    for (const [trigger, make] of Object.entries(handlers)) {
        for (const [title, event] of malformed) {
            it(`${trigger} answers ${title} without leaking internals`, async () => {
                const d = deps(fakeCognito({ clientNames: {} }));
                try {
                    await guarded(trigger, make(d), d.log)(structuredClone(event));
                } catch (error) {
                    assert.ok(error instanceof UserFacingError || (error as Error).message === genericMessage, `${trigger}: ${(error as Error).message}`);
                    assert.ok(!(error as Error).message.includes("TypeError") && !(error as Error).message.includes(" at "));
                }
            });
        }
    }
});
