import * as assert from "assert";
import type { PreSignUpTriggerEvent } from "aws-lambda";
import { emailDomain, federatedIdentity, preSignUp, refusedDomainMessage, type PreSignUpSettings } from "../../lambdas/pre-sign-up/handler";
import { guarded, genericMessage } from "../../lambdas/shared/errors";
import { baseEvent, deps, fakeCognito } from "../support/lambda-fakes";

const settings: PreSignUpSettings = {
    allowedEmailDomains: [],
    deniedEmailDomains: ["spam.example"],
    autoConfirmEmailDomains: ["test.news.example.com"],
    linkFederatedUsers: true,
    providerNames: ["Google", "SignInWithApple", "Corp_SSO"],
};

function event(source: PreSignUpTriggerEvent["triggerSource"], attributes: Record<string, string>, userName?: string): PreSignUpTriggerEvent {
    return { ...baseEvent(source, userName), request: { userAttributes: attributes, validationData: {} }, response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false } } as PreSignUpTriggerEvent;
}

const nativeUser = { username: "7a0e-native", status: "CONFIRMED", emailVerified: true };

describe("pre sign-up trigger", () => {
    it("lets an ordinary sign-up through untouched", async () => {
        const input = event("PreSignUp_SignUp", { email: "reader@mail.example" });
        const output = await preSignUp(settings, deps())(structuredClone(input));
        assert.deepStrictEqual(output, input);
    });

    it("refuses a denied domain, and its subdomains, with a safe bilingual message", async () => {
        for (const email of ["x@spam.example", "x@mx.SPAM.example"]) {
            await assert.rejects(preSignUp(settings, deps())(event("PreSignUp_SignUp", { email })), { name: "UserFacingError", message: refusedDomainMessage });
        }
    });

    it("refuses a domain outside the allow list, and a sign-up without email when there is one", async () => {
        const only = { ...settings, allowedEmailDomains: ["news.example.com"] };
        await assert.rejects(preSignUp(only, deps())(event("PreSignUp_SignUp", { email: "x@other.example" })), { message: refusedDomainMessage });
        await assert.rejects(preSignUp(only, deps())(event("PreSignUp_SignUp", { phone_number: "+971500000000" })), { message: refusedDomainMessage });
        await assert.doesNotReject(preSignUp(only, deps())(event("PreSignUp_SignUp", { email: "x@desk.news.example.com" })));
    });

    it("applies the lists to federated sign-ups but not to administrators' invitations", async () => {
        await assert.rejects(preSignUp(settings, deps())(event("PreSignUp_ExternalProvider", { email: "x@spam.example" }, "Google_1")), { message: refusedDomainMessage });
        await assert.doesNotReject(preSignUp(settings, deps())(event("PreSignUp_AdminCreateUser", { email: "x@spam.example" })));
    });

    it("auto-confirms and auto-verifies only self sign-ups from the listed domains", async () => {
        const confirmed = await preSignUp(settings, deps())(event("PreSignUp_SignUp", { email: "qa@test.news.example.com" }));
        assert.deepStrictEqual(confirmed.response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
        const other = await preSignUp(settings, deps())(event("PreSignUp_SignUp", { email: "qa@news.example.com" }));
        assert.deepStrictEqual(other.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
        const admin = await preSignUp(settings, deps())(event("PreSignUp_AdminCreateUser", { email: "qa@test.news.example.com" }));
        assert.strictEqual(admin.response.autoConfirmUser, false);
    });

    it("links a federated sign-up to the native user with the same verified email", async () => {
        const cognito = fakeCognito({ users: [{ username: "google_1", status: "EXTERNAL_PROVIDER", emailVerified: true }, nativeUser] });
        const d = deps(cognito);
        const output = await preSignUp(settings, d)(event("PreSignUp_ExternalProvider", { email: "reader@mail.example", email_verified: "true" }, "google_109876543210"));
        assert.deepStrictEqual(cognito.calls, [
            { method: "usersWithEmail", args: ["eu-central-1_TestPool", "reader@mail.example"] },
            { method: "linkProviderUser", args: ["eu-central-1_TestPool", "7a0e-native", "Google", "109876543210"] },
        ]);
        assert.deepStrictEqual(d.logged.info, [{ trigger: "preSignUp", action: "linked", provider: "Google" }]);
        assert.strictEqual(output.userName, "google_109876543210");
    });

    it("does not link when the provider's email is unverified, no native user has it verified, or linking is off", async () => {
        const unverified = fakeCognito({ users: [nativeUser] });
        await preSignUp(settings, deps(unverified))(event("PreSignUp_ExternalProvider", { email: "r@mail.example" }, "Google_1"));
        assert.deepStrictEqual(unverified.calls, []);
        const onlyUnverifiedNative = fakeCognito({ users: [{ ...nativeUser, emailVerified: false }] });
        await preSignUp(settings, deps(onlyUnverifiedNative))(event("PreSignUp_ExternalProvider", { email: "r@mail.example", email_verified: "true" }, "Google_1"));
        assert.deepStrictEqual(onlyUnverifiedNative.calls.map((c) => c.method), ["usersWithEmail"]);
        const off = fakeCognito({ users: [nativeUser] });
        await preSignUp({ ...settings, linkFederatedUsers: false }, deps(off))(event("PreSignUp_ExternalProvider", { email: "r@mail.example", email_verified: "true" }, "Google_1"));
        assert.deepStrictEqual(off.calls, []);
    });

    it("reads the provider from the user name, longest name first and in any case", () => {
        assert.deepStrictEqual(federatedIdentity("corp_sso_abc_1", settings.providerNames), { provider: "Corp_SSO", id: "abc_1" });
        assert.deepStrictEqual(federatedIdentity("signinwithapple_000123.abc", settings.providerNames), { provider: "SignInWithApple", id: "000123.abc" });
        assert.strictEqual(federatedIdentity("facebook_1", settings.providerNames), undefined);
        assert.deepStrictEqual([emailDomain("A@B.Example"), emailDomain("no-at-sign"), emailDomain(undefined)], ["b.example", undefined, undefined]);
    });

    it("turns a failed AWS call into the generic message and logs the cause", async () => {
        const cognito = fakeCognito({ users: [nativeUser], failing: { linkProviderUser: Object.assign(new Error("User: arn:aws:sts::123:assumed-role/x is not authorized"), { name: "AccessDeniedException" }) } });
        const d = deps(cognito);
        const handler = guarded("preSignUp", preSignUp(settings, d), d.log);
        await assert.rejects(handler(event("PreSignUp_ExternalProvider", { email: "r@mail.example", email_verified: "true" }, "Google_1")), (e: Error) => e.message === genericMessage && !e.stack?.includes("not authorized"));
        assert.deepStrictEqual(d.logged.error, [{ trigger: "preSignUp", error: "AccessDeniedException", message: "User: arn:aws:sts::123:assumed-role/x is not authorized" }]);
    });

    it("survives an event without request or attributes", async () => {
        const d = deps();
        const handler = guarded("preSignUp", preSignUp(settings, d), d.log);
        const bare = { ...baseEvent("PreSignUp_SignUp") } as unknown as PreSignUpTriggerEvent;
        assert.deepStrictEqual(await handler(bare), bare);
        const allowList = guarded("preSignUp", preSignUp({ ...settings, allowedEmailDomains: ["a.example"] }, d), d.log);
        await assert.rejects(allowList(bare), { message: refusedDomainMessage });
        assert.deepStrictEqual(d.logged.error, []);
    });
});
