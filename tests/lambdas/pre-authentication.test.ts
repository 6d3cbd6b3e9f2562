import * as assert from "assert";
import type { PreAuthenticationTriggerEvent } from "aws-lambda";
import { preAuthentication } from "../../lambdas/pre-authentication/handler";
import { genericMessage, guarded, notAllowedMessage } from "../../lambdas/shared/errors";
import { baseEvent, deps, fakeCognito } from "../support/lambda-fakes";

const settings = { requiredGroups: { "admin-console": ["admins", "editors"] } };
const clientNames = { "client-admin": "admin-console", "client-web": "web" };

function event(userName: string, clientId: string, userNotFound = false): PreAuthenticationTriggerEvent {
    const base = baseEvent("PreAuthentication_Authentication", userName);
    return { ...base, callerContext: { ...base.callerContext, clientId }, request: { userAttributes: { sub: userName }, userNotFound }, response: {} } as PreAuthenticationTriggerEvent;
}

describe("pre authentication trigger", () => {
    it("lets a member of a required group into the restricted client", async () => {
        const cognito = fakeCognito({ clientNames, groups: { editor1: ["readers", "editors"] } });
        const input = event("editor1", "client-admin");
        assert.deepStrictEqual(await preAuthentication(settings, deps(cognito))(structuredClone(input)), input);
        assert.deepStrictEqual(cognito.calls, [
            { method: "clientName", args: ["eu-central-1_TestPool", "client-admin"] },
            { method: "groupsOf", args: ["eu-central-1_TestPool", "editor1"] },
        ]);
    });

    it("refuses everyone else with a safe message", async () => {
        const cognito = fakeCognito({ clientNames, groups: { reader1: ["readers"] } });
        await assert.rejects(preAuthentication(settings, deps(cognito))(event("reader1", "client-admin")), { name: "UserFacingError", message: notAllowedMessage });
    });

    it("does not look up groups for clients without a requirement, or for unknown users", async () => {
        const web = fakeCognito({ clientNames });
        await preAuthentication(settings, deps(web))(event("reader1", "client-web"));
        assert.deepStrictEqual(web.calls.map((c) => c.method), ["clientName"]);
        const unknown = fakeCognito({ clientNames });
        await preAuthentication(settings, deps(unknown))(event("ghost", "client-admin", true));
        assert.deepStrictEqual(unknown.calls, []);
        const none = fakeCognito({ clientNames });
        await preAuthentication({ requiredGroups: {} }, deps(none))(event("reader1", "client-admin"));
        assert.deepStrictEqual(none.calls, []);
    });

    it("fails closed with the generic message when groups cannot be read", async () => {
        const cognito = fakeCognito({ clientNames, failing: { groupsOf: new Error("Rate exceeded") } });
        const d = deps(cognito);
        await assert.rejects(guarded("preAuthentication", preAuthentication(settings, d), d.log)(event("editor1", "client-admin")), { message: genericMessage });
        assert.strictEqual(d.logged.error.length, 1);
    });

    it("fails closed when the client names cannot be listed, or the client is not among them", async () => {
        const listing = Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException", $metadata: { httpStatusCode: 429 } });
        const failing = deps(fakeCognito({ clientNames, groups: { editor1: ["editors"] }, failing: { clientName: listing } }));
        await assert.rejects(guarded("preAuthentication", preAuthentication(settings, failing), failing.log)(event("editor1", "client-admin")), { message: genericMessage });
        const missing = deps(fakeCognito({ clientNames, groups: { editor1: ["editors"] } }));
        await assert.rejects(guarded("preAuthentication", preAuthentication(settings, missing), missing.log)(event("editor1", "client-gone")), { message: genericMessage });
        assert.deepStrictEqual([...failing.logged.error, ...missing.logged.error], [
            { trigger: "preAuthentication", error: "TooManyRequestsException", httpStatusCode: 429 },
            { trigger: "preAuthentication", error: "UnknownClientError" },
        ]);
    });

    it("takes a client named like an Object property for a client name, nothing more", async () => {
        const cognito = fakeCognito({ clientNames: { "client-x": "constructor" }, groups: { reader1: [] } });
        await assert.doesNotReject(preAuthentication(settings, deps(cognito))(event("reader1", "client-x")));
    });
});
