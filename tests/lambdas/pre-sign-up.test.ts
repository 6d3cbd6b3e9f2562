import * as assert from "assert";
import type { PreSignUpTriggerEvent } from "aws-lambda";
import { preSignUp, refusedDomainMessage, type PreSignUpSettings } from "../../lambdas/pre-sign-up/handler";
import { emailDomain, sameEmail } from "../../lambdas/shared/addresses";
import type { NativeUser } from "../../lambdas/shared/cognito";
import { guarded, genericMessage } from "../../lambdas/shared/errors";
import { federatedIdentity } from "../../lambdas/shared/linked-identity";
import { baseEvent, deps, fakeCognito, nativeUser } from "../support/lambda-fakes";

const settings: PreSignUpSettings = {
    allowedEmailDomains: [],
    deniedEmailDomains: ["spam.example"],
    autoConfirmEmailDomains: ["test.news.example.com"],
    providerNames: ["Google", "SignInWithApple", "Corp_SSO"],
    linkingProviders: ["Google", "SignInWithApple"],
    protectedGroups: ["admins"],
};

function event(source: PreSignUpTriggerEvent["triggerSource"], attributes: Record<string, string>, userName?: string): PreSignUpTriggerEvent {
    return { ...baseEvent(source, userName), request: { userAttributes: attributes, validationData: {} }, response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false } } as PreSignUpTriggerEvent;
}

/** A Google sign-up whose provider says the address is verified. */
const googleSignUp = (email = "reader@mail.example", userName = "google_109876543210") =>
    event("PreSignUp_ExternalProvider", { email, email_verified: "true" }, userName);

const federatedUser: NativeUser = { username: "google_1", status: "EXTERNAL_PROVIDER", email: "reader@mail.example", emailVerified: true, enabled: true };

/** Runs a federated sign-up against these users and groups; returns the calls and the log. */
async function signUp(users: NativeUser[], input = googleSignUp(), groups: Record<string, string[]> = {}, s = settings) {
    const cognito = fakeCognito({ users, groups });
    const d = deps(cognito);
    const output = await preSignUp(s, d)(input);
    return { output, cognito, logged: d.logged, linked: cognito.calls.some((c) => c.method === "linkProviderUser") };
}

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

    it("refuses a denied domain however it is spelled: the root's trailing dot, upper case, full-width letters or dots, punycode of the same name", async () => {
        const denied = { ...settings, deniedEmailDomains: ["mailinator.com", "bücher.example"] };
        for (const email of ["a@mailinator.com.", "a@MAILINATOR.COM.", "a@ｍａｉｌｉｎａｔｏｒ.com", "a@mailinator。com", "a@x.mailinator.com.", "a@xn--bcher-kva.example", "a@BÜCHER.example."]) {
            await assert.rejects(preSignUp(denied, deps())(event("PreSignUp_SignUp", { email })), { message: refusedDomainMessage }, email);
        }
        // Look-alikes are other domains: the dotless ı, a Cyrillic а, a longer name.
        for (const email of ["a@mailınator.com", "a@mаilinator.com", "a@notmailinator.com", "a@mailinator.com.evil.example"]) {
            await assert.doesNotReject(preSignUp(denied, deps())(event("PreSignUp_SignUp", { email })), email);
        }
    });

    it("refuses an address whose domain cannot be read while a list must judge it, instead of letting it pass", async () => {
        for (const email of ["a@mailinator.com..", "a@mailinator.com/x", "a@mailinator.com%2e", "a@[127.0.0.1]", "a@", "a@mailinator.com:25"]) {
            await assert.rejects(preSignUp(settings, deps())(event("PreSignUp_SignUp", { email })), { message: refusedDomainMessage }, email);
        }
        const noLists = { ...settings, deniedEmailDomains: [] };
        await assert.doesNotReject(preSignUp(noLists, deps())(event("PreSignUp_SignUp", { email: "a@mailinator.com.." })));
    });

    it("allows and auto-confirms by the normalized domain too", async () => {
        const only = { ...settings, allowedEmailDomains: ["news.example.com"] };
        await assert.doesNotReject(preSignUp(only, deps())(event("PreSignUp_SignUp", { email: "x@NEWS.example.com." })));
        await assert.rejects(preSignUp(only, deps())(event("PreSignUp_SignUp", { email: "x@news.example.com/x" })), { message: refusedDomainMessage });
        const confirmed = await preSignUp(settings, deps())(event("PreSignUp_SignUp", { email: "qa@TEST.news.example.com." }));
        assert.strictEqual(confirmed.response.autoConfirmUser, true);
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

    it("auto-confirms only self sign-ups from the listed domains, and leaves their email unverified", async () => {
        const confirmed = await preSignUp(settings, deps())(event("PreSignUp_SignUp", { email: "qa@test.news.example.com" }));
        assert.deepStrictEqual(confirmed.response, { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false });
        const other = await preSignUp(settings, deps())(event("PreSignUp_SignUp", { email: "qa@news.example.com" }));
        assert.deepStrictEqual(other.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
        const admin = await preSignUp(settings, deps())(event("PreSignUp_AdminCreateUser", { email: "qa@test.news.example.com" }));
        assert.strictEqual(admin.response.autoConfirmUser, false);
    });

    describe("account linking", () => {
        it("links a sign-up through an opted-in provider to the one confirmed, enabled, verified native user outside the protected groups", async () => {
            const { output, cognito, logged } = await signUp([federatedUser, nativeUser()], googleSignUp(), { "7a0e-native": ["readers"] });
            assert.deepStrictEqual(cognito.calls, [
                { method: "usersWithEmail", args: ["eu-central-1_TestPool", "reader@mail.example"] },
                { method: "groupsOf", args: ["eu-central-1_TestPool", "7a0e-native"] },
                { method: "linkProviderUser", args: ["eu-central-1_TestPool", "7a0e-native", "Google", "109876543210"] },
            ]);
            assert.deepStrictEqual(logged.info, [{ trigger: "preSignUp", action: "linked", provider: "Google" }]);
            assert.strictEqual(output.userName, "google_109876543210");
        });

        it("matches the address whatever the case of its ASCII letters", async () => {
            const { linked } = await signUp([nativeUser({ email: "Reader@Mail.Example" })], googleSignUp("READER@mail.EXAMPLE"));
            assert.ok(linked);
        });

        // Each case: the native users ListUsers reports, the sign-up, and the reason logged. Every one
        // of them was linked before the provider opt-in and these checks.
        const refusals: [string, NativeUser[], PreSignUpTriggerEvent, string][] = [
            ["an unconfirmed native user", [nativeUser({ status: "UNCONFIRMED" })], googleSignUp(), "native-user-unconfirmed"],
            ["a native user who must change the temporary password", [nativeUser({ status: "FORCE_CHANGE_PASSWORD" })], googleSignUp(), "native-user-unconfirmed"],
            ["a native user whose password must be reset", [nativeUser({ status: "RESET_REQUIRED" })], googleSignUp(), "native-user-unconfirmed"],
            ["a disabled native user", [nativeUser({ enabled: false })], googleSignUp(), "native-user-disabled"],
            ["a native user whose email is unverified (an auto-confirmed test account, say)", [nativeUser({ emailVerified: false })], googleSignUp(), "native-email-unverified"],
            ["an address two native users have", [nativeUser(), nativeUser({ username: "other-native", email: "READER@mail.example" })], googleSignUp(), "several-native-users"],
            ["an address only a federated user has", [federatedUser], googleSignUp(), "no-native-user"],
            ["a provider not opted in", [nativeUser()], event("PreSignUp_ExternalProvider", { email: "reader@mail.example", email_verified: "true" }, "Corp_SSO_abc"), "provider-not-linking"],
            ["a provider the pool does not have", [nativeUser()], event("PreSignUp_ExternalProvider", { email: "reader@mail.example", email_verified: "true" }, "Facebook_1"), "unknown-provider"],
            ["an address the provider did not verify", [nativeUser()], event("PreSignUp_ExternalProvider", { email: "reader@mail.example", email_verified: "false" }, "Google_1"), "email-unverified-by-provider"],
            ["an address the provider says nothing about", [nativeUser()], event("PreSignUp_ExternalProvider", { email: "reader@mail.example" }, "Google_1"), "email-unverified-by-provider"],
            ["a sign-up without an address", [nativeUser()], event("PreSignUp_ExternalProvider", { email_verified: "true" }, "Google_1"), "no-email"],
            ["a plus address of the native address", [nativeUser()], googleSignUp("reader+x@mail.example"), "no-native-user"],
            ["a plain address when the native one has a plus part", [nativeUser({ email: "reader+news@mail.example" })], googleSignUp("reader@mail.example"), "no-native-user"],
            ["a look-alike domain with a hyphen for a dot", [nativeUser({ email: "reader@news.example.com" })], googleSignUp("reader@news-example.com"), "no-native-user"],
            ["a domain that only starts like the native domain", [nativeUser({ email: "reader@news.example.com" })], googleSignUp("reader@news.example.com.evil"), "no-native-user"],
            ["a subdomain of the native domain", [nativeUser({ email: "reader@example.com" })], googleSignUp("reader@mail.example.com"), "no-native-user"],
            ["a Cyrillic look-alike letter", [nativeUser({ email: "reader@mail.example" })], googleSignUp("reader@mail.ex\u0430mple"), "no-native-user"],
            ["the Kelvin sign, which Unicode lower-cases to k", [nativeUser({ email: "kate@mail.example" })], googleSignUp("\u212Aate@mail.example"), "no-native-user"],
        ];
        it("does not link an address with a full-width at sign: no domain can be read, so the deny list refuses it, and without lists it is no link target", async () => {
            const input = googleSignUp("reader\uFF20mail.example");
            await assert.rejects(signUp([nativeUser()], input), { message: refusedDomainMessage });
            const { linked, logged } = await signUp([nativeUser()], input, {}, { ...settings, deniedEmailDomains: [] });
            assert.deepStrictEqual([linked, logged.info], [false, [{ trigger: "preSignUp", action: "not-linked", provider: "Google", reason: "no-native-user" }]]);
        });
        for (const [title, users, input, reason] of refusals) {
            it(`does not link for ${title}, and logs why without personal data`, async () => {
                const { cognito, logged, linked } = await signUp(users, input);
                assert.ok(!linked, `linked: ${JSON.stringify(cognito.calls)}`);
                assert.strictEqual(logged.info.length, 1);
                assert.strictEqual(logged.info[0].reason, reason);
                assert.deepStrictEqual(Object.keys(logged.info[0]).filter((k) => !["trigger", "action", "provider", "reason"].includes(k)), []);
                assert.doesNotMatch(JSON.stringify(logged), /reader|kate|7a0e|@|\d{4}|_abc|google_/i, "no email, user name or provider user id");
            });
        }

        it("does not link a native user in a protected group", async () => {
            const { cognito, logged, linked } = await signUp([nativeUser()], googleSignUp(), { "7a0e-native": ["readers", "admins"] });
            assert.ok(!linked);
            assert.deepStrictEqual(cognito.calls.map((c) => c.method), ["usersWithEmail", "groupsOf"]);
            assert.deepStrictEqual(logged.info, [{ trigger: "preSignUp", action: "not-linked", provider: "Google", reason: "native-user-protected" }]);
        });

        it("asks Cognito nothing when the provider did not opt in or did not verify the address", async () => {
            for (const input of [event("PreSignUp_ExternalProvider", { email: "reader@mail.example", email_verified: "true" }, "Corp_SSO_abc"), event("PreSignUp_ExternalProvider", { email: "reader@mail.example" }, "Google_1")]) {
                const { cognito } = await signUp([nativeUser()], input);
                assert.deepStrictEqual(cognito.calls, []);
            }
            const { cognito } = await signUp([nativeUser()], googleSignUp(), {}, { ...settings, linkingProviders: [] });
            assert.deepStrictEqual(cognito.calls, []);
        });

        it("links through any opted-in provider, read from the user name in any case", async () => {
            const { cognito } = await signUp([nativeUser()], event("PreSignUp_ExternalProvider", { email: "reader@mail.example", email_verified: "true" }, "signinwithapple_000123.abc"));
            assert.deepStrictEqual(cognito.calls.at(-1), { method: "linkProviderUser", args: ["eu-central-1_TestPool", "7a0e-native", "SignInWithApple", "000123.abc"] });
        });
    });

    it("compares whole addresses, folding only ASCII case", () => {
        assert.deepStrictEqual([sameEmail("A@B.example", "a@b.EXAMPLE"), sameEmail("a+x@b.example", "a@b.example"), sameEmail("\u212A@b.example", "k@b.example"), sameEmail("\u0130@b.example", "i\u0307@b.example")], [true, false, false, false]);
        // The domain is normalized as everywhere else; an unreadable one matches nothing, not even itself.
        assert.deepStrictEqual([sameEmail("a@b.example.", "a@B.EXAMPLE"), sameEmail("a@b..example", "a@b..example"), sameEmail("a@b.example/x", "a@b.example")], [true, false, false]);
    });

    it("reads the provider from the user name, longest name first and in any case", () => {
        assert.deepStrictEqual(federatedIdentity("corp_sso_abc_1", settings.providerNames), { provider: "Corp_SSO", id: "abc_1" });
        assert.deepStrictEqual(federatedIdentity("signinwithapple_000123.abc", settings.providerNames), { provider: "SignInWithApple", id: "000123.abc" });
        assert.strictEqual(federatedIdentity("facebook_1", settings.providerNames), undefined);
        assert.deepStrictEqual([emailDomain("A@B.Example."), emailDomain("no-at-sign"), emailDomain(undefined), emailDomain("a@b@c.example")], ["b.example", undefined, undefined, "c.example"]);
    });

    it("turns a failed AWS call into the generic message and logs its name and status, not its message", async () => {
        const denied = Object.assign(new Error("User: arn:aws:sts::123:assumed-role/x is not authorized"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });
        const cognito = fakeCognito({ users: [nativeUser()], failing: { linkProviderUser: denied } });
        const d = deps(cognito);
        const handler = guarded("preSignUp", preSignUp(settings, d), d.log);
        await assert.rejects(handler(googleSignUp()), (e: Error) => e.message === genericMessage && !e.stack?.includes("not authorized"));
        assert.deepStrictEqual(d.logged.error, [{ trigger: "preSignUp", error: "AccessDeniedException", httpStatusCode: 403 }]);
    });

    it("keeps an email address inside an AWS error message out of the log", async () => {
        const failure = Object.assign(new Error("Invalid filter: email = \"reader@mail.example\""), { name: "InvalidParameterException", $metadata: { httpStatusCode: 400 } });
        const d = deps(fakeCognito({ failing: { usersWithEmail: failure } }));
        await assert.rejects(guarded("preSignUp", preSignUp(settings, d), d.log)(googleSignUp()), { message: genericMessage });
        assert.deepStrictEqual(d.logged.error, [{ trigger: "preSignUp", error: "InvalidParameterException", httpStatusCode: 400 }]);
        assert.doesNotMatch(JSON.stringify(d.logged), /reader@mail\.example/);
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
