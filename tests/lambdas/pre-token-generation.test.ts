import * as assert from "assert";
import type { PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { grantedScopes, preTokenGeneration, type PreTokenGenerationSettings, type TokenGenerationEvent } from "../../lambdas/pre-token-generation/handler";
import { genericMessage, guarded, notAllowedMessage } from "../../lambdas/shared/errors";
import { baseEvent, deps, fakeCognito, type FakeScript } from "../support/lambda-fakes";

const read = "https://api.example.com/articles.read";
const write = "https://api.example.com/articles.write";
const reports = "https://api.example.com/reports.read";

const tokens = {
    rolesClaim: "app_roles",
    claims: { stage: "dev", tenant: "news", beta: true },
    accessTokenScopes: [
        { scopes: [read], groups: ["readers", "editors"] },
        { scopes: [read, write], groups: ["editors"], clients: ["admin-console"] },
        { scopes: [reports], clients: ["reporting"] },
    ],
};
const settings: PreTokenGenerationSettings = { requiredGroups: { "admin-console": ["admins", "editors"] }, tokens };
const clientNames = { "client-web": "web", "client-admin": "admin-console", "client-reports": "reporting" };

const sources = ["TokenGeneration_HostedAuth", "TokenGeneration_Authentication", "TokenGeneration_NewPasswordChallenge", "TokenGeneration_AuthenticateDevice", "TokenGeneration_RefreshTokens"] as const;

function v2Event(groups: string[] | undefined, clientId = "client-web", source: (typeof sources)[number] = "TokenGeneration_HostedAuth"): PreTokenGenerationV2TriggerEvent {
    const base = baseEvent(source, "reader-1");
    return {
        ...base,
        version: "2",
        callerContext: { ...base.callerContext, clientId },
        request: { userAttributes: { sub: "reader-1" }, groupConfiguration: groups && { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: null }, scopes: ["openid"] },
        response: { claimsAndScopeOverrideDetails: null },
    } as unknown as PreTokenGenerationV2TriggerEvent;
}

/** The Lite plan's event: ID token claims only. */
function v1Event(groups: string[], clientId: string, source: (typeof sources)[number] = "TokenGeneration_RefreshTokens"): PreTokenGenerationTriggerEvent {
    const base = baseEvent(source, "reader-1");
    return {
        ...base,
        callerContext: { ...base.callerContext, clientId },
        request: { userAttributes: { sub: "reader-1" }, groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: undefined } },
        response: { claimsOverrideDetails: null },
    } as unknown as PreTokenGenerationTriggerEvent;
}

async function issue(s: PreTokenGenerationSettings, input: TokenGenerationEvent, script: FakeScript = { clientNames }) {
    const cognito = fakeCognito(script);
    const d = deps(cognito);
    const output = await guarded("preTokenGeneration", preTokenGeneration(s, d), d.log)(input);
    return { output: output as PreTokenGenerationV2TriggerEvent, cognito, logged: d.logged };
}

const scopesOf = (output: PreTokenGenerationV2TriggerEvent) => output.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToAdd;

describe("pre token generation trigger", () => {
    describe("claims and scopes (V2)", () => {
        it("puts groups as app roles and the stage's claims in both tokens, and the scopes granted to the groups in the access token", async () => {
            const { output } = await issue(settings, v2Event(["editors", "readers"]));
            const claims = { stage: "dev", tenant: "news", beta: true, app_roles: ["editors", "readers"] };
            assert.deepStrictEqual(output.response.claimsAndScopeOverrideDetails, {
                idTokenGeneration: { claimsToAddOrOverride: claims },
                accessTokenGeneration: { claimsToAddOrOverride: claims, scopesToAdd: [read] },
            });
            assert.strictEqual(output.userName, "reader-1");
        });

        it("grants a scope to a group only through the clients its grant names", async () => {
            assert.deepStrictEqual(scopesOf((await issue(settings, v2Event(["editors"], "client-admin"))).output), [read, write]);
            assert.deepStrictEqual(scopesOf((await issue(settings, v2Event(["editors"], "client-web"))).output), [read]);
            assert.deepStrictEqual(scopesOf((await issue(settings, v2Event(["readers"], "client-web"))).output), [read]);
        });

        it("grants a client's scopes to any user of that client, and nothing to a user outside every grant", async () => {
            assert.deepStrictEqual(scopesOf((await issue(settings, v2Event([], "client-reports"))).output), [reports]);
            const { output } = await issue(settings, v2Event(undefined, "client-web"));
            assert.deepStrictEqual(output.response.claimsAndScopeOverrideDetails?.accessTokenGeneration, { claimsToAddOrOverride: { stage: "dev", tenant: "news", beta: true, app_roles: [] } });
        });

        it("never applies a grant that names neither groups nor clients", async () => {
            const open = { ...settings, tokens: { ...tokens, accessTokenScopes: [{ scopes: [write] }] } };
            assert.strictEqual(scopesOf((await issue(open, v2Event(["readers"], "client-web"))).output), undefined);
            assert.deepStrictEqual(await grantedScopes([{ scopes: [write] }], ["readers"], async () => "web"), []);
        });

        it("asks for the client's name only when a gate or a client grant needs it", async () => {
            const groupGrants = { requiredGroups: {}, tokens: { ...tokens, accessTokenScopes: [tokens.accessTokenScopes[0]] } };
            assert.deepStrictEqual((await issue(groupGrants, v2Event(["readers"]))).cognito.calls, []);
            // A user outside the grant's groups: its client list is not even read.
            const clientGrant = { requiredGroups: {}, tokens: { ...tokens, accessTokenScopes: [tokens.accessTokenScopes[1]] } };
            assert.deepStrictEqual((await issue(clientGrant, v2Event(["readers"]))).cognito.calls, []);
            assert.deepStrictEqual((await issue(clientGrant, v2Event(["editors"], "client-admin"))).cognito.calls, [{ method: "clientName", args: ["eu-central-1_TestPool", "client-admin"] }]);
            assert.deepStrictEqual((await issue(settings, v2Event(["editors"], "client-admin"))).cognito.calls.length, 1, "one lookup per event");
        });
    });

    describe("client gate, at every token issue", () => {
        for (const source of sources) {
            it(`refuses tokens for a gated client to a user in none of its groups at ${source} (V2)`, async () => {
                await assert.rejects(issue(settings, v2Event(["readers"], "client-admin", source)), { name: "UserFacingError", message: notAllowedMessage });
            });
        }

        it("refuses on the Lite plan's V1 event too, a refresh included", async () => {
            await assert.rejects(issue({ requiredGroups: settings.requiredGroups }, v1Event(["readers"], "client-admin")), { name: "UserFacingError", message: notAllowedMessage });
            await assert.rejects(issue({ requiredGroups: settings.requiredGroups }, v1Event([], "client-admin", "TokenGeneration_HostedAuth")), { message: notAllowedMessage });
        });

        it("issues tokens to members, and for clients without a requirement", async () => {
            await assert.doesNotReject(issue(settings, v2Event(["admins"], "client-admin", "TokenGeneration_RefreshTokens")));
            await assert.doesNotReject(issue(settings, v2Event(["readers"], "client-web", "TokenGeneration_RefreshTokens")));
            await assert.doesNotReject(issue({ requiredGroups: settings.requiredGroups }, v1Event(["editors"], "client-admin")));
        });

        it("reads the groups from the event, not from Cognito: current at a refresh", async () => {
            const { cognito } = await issue(settings, v2Event(["admins"], "client-admin", "TokenGeneration_RefreshTokens"));
            assert.deepStrictEqual(cognito.calls.map((c) => c.method), ["clientName"]);
        });

        it("refuses a gated client when the event carries no groups", async () => {
            const noGroups = v2Event(undefined, "client-admin");
            await assert.rejects(issue(settings, noGroups), { message: notAllowedMessage });
            const notAList = v2Event(undefined, "client-admin");
            (notAList.request as any).groupConfiguration = { groupsToOverride: "admins-and-more" };
            await assert.rejects(issue(settings, notAList), { message: notAllowedMessage });
        });

        it("fails closed with the generic message when the client names cannot be listed, or the client is not among them", async () => {
            const listing = Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException" });
            await assert.rejects(issue(settings, v2Event(["admins"], "client-admin"), { clientNames, failing: { clientName: listing } }), { message: genericMessage });
            await assert.rejects(issue(settings, v2Event(["admins"], "client-unknown")), { message: genericMessage });
        });
    });

    describe("linked accounts in protected groups", () => {
        const guard: PreTokenGenerationSettings = { requiredGroups: {}, protectedGroups: ["admins", "editors"], providerNames: ["Google", "SignInWithApple"] };
        const google = JSON.stringify([{ userId: "109876543210", providerName: "Google", providerType: "Google", issuer: null, primary: "false", dateCreated: "1700000000000" }]);
        const withAttributes = (event: TokenGenerationEvent, attributes: Record<string, string>, userName = "reader-1") =>
            ({ ...event, userName, request: { ...event.request, userAttributes: { sub: "reader-1", ...attributes } } }) as TokenGenerationEvent;

        it("refuses a native editor who carries a linked Google identity, at every issue and on V1 too", async () => {
            for (const source of sources) {
                const event = withAttributes(v2Event(["editors"], "client-web", source), { identities: google, "cognito:user_status": "CONFIRMED" });
                await assert.rejects(issue(guard, event), { name: "UserFacingError", message: notAllowedMessage }, source);
            }
            await assert.rejects(issue(guard, withAttributes(v1Event(["admins"], "client-web"), { identities: google, "cognito:user_status": "CONFIRMED" })), { message: notAllowedMessage });
        });

        it("logs the refusal without personal data", async () => {
            const cognito = fakeCognito({ clientNames });
            const d = deps(cognito);
            await assert.rejects(preTokenGeneration(guard, d)(withAttributes(v2Event(["admins"]), { identities: google, "cognito:user_status": "CONFIRMED", email: "chief@news.example.com" })));
            assert.deepStrictEqual(d.logged.info, [{ trigger: "preTokenGeneration", action: "refused", reason: "protected-group-with-linked-identity" }]);
        });

        it("issues tokens to an editor without a linked identity, a linked reader, and a provider's own user", async () => {
            await assert.doesNotReject(issue(guard, withAttributes(v2Event(["editors"]), { "cognito:user_status": "CONFIRMED" })));
            await assert.doesNotReject(issue(guard, withAttributes(v2Event(["editors"]), { identities: "[]", "cognito:user_status": "CONFIRMED" })));
            await assert.doesNotReject(issue(guard, withAttributes(v2Event(["readers"]), { identities: google, "cognito:user_status": "CONFIRMED" })));
            await assert.doesNotReject(issue(guard, withAttributes(v2Event(["editors"]), { identities: google, "cognito:user_status": "EXTERNAL_PROVIDER" }, "Google_109876543210")));
        });

        it("without the user's status, tells a provider's own user by its name", async () => {
            await assert.doesNotReject(issue(guard, withAttributes(v2Event(["editors"]), { identities: google }, "google_109876543210")));
            await assert.rejects(issue(guard, withAttributes(v2Event(["editors"]), { identities: google }, "7a0e-native")), { message: notAllowedMessage });
        });
    });

    describe("V1 event (Lite plan)", () => {
        it("runs the gate only and answers nothing else: no V2 fields in a V1 response", async () => {
            const input = v1Event(["admins"], "client-admin");
            const { output } = await issue({ requiredGroups: settings.requiredGroups }, structuredClone(input));
            assert.deepStrictEqual(output, input);
        });

        it("leaves a V1 response alone even with token additions configured, and says so in the log", async () => {
            const input = v1Event(["editors"], "client-web");
            const { output, logged } = await issue(settings, structuredClone(input));
            assert.deepStrictEqual(output, input);
            assert.deepStrictEqual(logged.error, [{ trigger: "preTokenGeneration", action: "skipped-additions", version: "1" }]);
        });
    });

    it("with the gate only, answers a V2 event unchanged", async () => {
        const input = v2Event(["admins"], "client-admin");
        const { output } = await issue({ requiredGroups: settings.requiredGroups }, structuredClone(input));
        assert.deepStrictEqual(output, input);
    });
});
