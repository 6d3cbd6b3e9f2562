import * as assert from "assert";
import type { PostAuthenticationTriggerEvent } from "aws-lambda";
import { postAuthentication } from "../../lambdas/post-authentication/handler";
import { baseEvent, deps } from "../support/lambda-fakes";

const event = (newDeviceUsed: boolean | undefined) => ({
    ...baseEvent("PostAuthentication_Authentication", "reader-1"),
    request: { userAttributes: { sub: "0c5b-sub", email: "reader@mail.example", name: "Reader", phone_number: "+971500000000" }, newDeviceUsed },
    response: {},
}) as PostAuthenticationTriggerEvent;

describe("post authentication trigger", () => {
    it("writes one audit line with sub, client, source and device, and nothing personal", async () => {
        const d = deps();
        const input = event(true);
        assert.deepStrictEqual(await postAuthentication({}, d)(structuredClone(input)), input);
        assert.deepStrictEqual(d.logged.info, [{ audit: "sign-in", sub: "0c5b-sub", clientId: "client-web", triggerSource: "PostAuthentication_Authentication", newDeviceUsed: true }]);
        assert.ok(!JSON.stringify(d.logged).match(/reader@|Reader|\+971/));
    });

    it("records a remembered device as not new, and copes with a bare event", async () => {
        const d = deps();
        await postAuthentication({}, d)(event(undefined));
        const bare = baseEvent("PostAuthentication_Authentication") as unknown as PostAuthenticationTriggerEvent;
        await postAuthentication({}, d)(bare);
        assert.deepStrictEqual(d.logged.info.map((r) => r.newDeviceUsed), [false, false]);
        assert.strictEqual(d.logged.info[1].sub, undefined);
    });
});
