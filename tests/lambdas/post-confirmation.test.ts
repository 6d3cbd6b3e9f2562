import * as assert from "assert";
import type { PostConfirmationTriggerEvent } from "aws-lambda";
import { postConfirmation } from "../../lambdas/post-confirmation/handler";
import { baseEvent, deps, fakeCognito } from "../support/lambda-fakes";

const event = (source: PostConfirmationTriggerEvent["triggerSource"]) =>
    ({ ...baseEvent(source, "reader-1"), request: { userAttributes: { sub: "reader-1", email: "r@mail.example" } }, response: {} }) as PostConfirmationTriggerEvent;

describe("post confirmation trigger", () => {
    it("adds a confirmed sign-up to the default group and returns the event", async () => {
        const cognito = fakeCognito();
        const input = event("PostConfirmation_ConfirmSignUp");
        assert.deepStrictEqual(await postConfirmation({ defaultGroup: "readers" }, deps(cognito))(structuredClone(input)), input);
        assert.deepStrictEqual(cognito.calls, [{ method: "addUserToGroup", args: ["eu-central-1_TestPool", "reader-1", "readers"] }]);
    });

    it("is safe to run twice: the user ends up in the group once", async () => {
        const members = new Map<string, Set<string>>();
        const cognito = fakeCognito({ members });
        const handler = postConfirmation({ defaultGroup: "readers" }, deps(cognito));
        await handler(event("PostConfirmation_ConfirmSignUp"));
        await handler(event("PostConfirmation_ConfirmSignUp"));
        assert.deepStrictEqual([...members.get("readers")!], ["reader-1"]);
    });

    it("does nothing for a forgotten-password confirmation", async () => {
        const cognito = fakeCognito();
        await postConfirmation({ defaultGroup: "readers" }, deps(cognito))(event("PostConfirmation_ConfirmForgotPassword"));
        assert.deepStrictEqual(cognito.calls, []);
    });

    it("never fails the sign-up when the group cannot be joined, and logs why (the error's name and status, not its message)", async () => {
        const failure = Object.assign(new Error("User r@mail.example: group not found"), { name: "ResourceNotFoundException", $metadata: { httpStatusCode: 400 } });
        const cognito = fakeCognito({ failing: { addUserToGroup: failure } });
        const d = deps(cognito);
        const input = event("PostConfirmation_ConfirmSignUp");
        assert.deepStrictEqual(await postConfirmation({ defaultGroup: "readers" }, d)(structuredClone(input)), input);
        assert.deepStrictEqual(d.logged.error, [{ trigger: "postConfirmation", action: "addUserToGroup", group: "readers", error: "ResourceNotFoundException", httpStatusCode: 400 }]);
    });
});
