import * as assert from "assert";
import type { CustomMessageTriggerEvent } from "aws-lambda";
import { customMessage, languageOf } from "../../lambdas/custom-message/handler";
import { messageSources, type MessageSource } from "../../lambdas/custom-message/messages";
import { baseEvent, deps } from "../support/lambda-fakes";

const settings = { appName: { en: "Daily News", ar: "الأخبار اليومية" } };
const code = "{####}";
const username = "{username}";

function event(source: MessageSource, locale?: string, request: Record<string, unknown> = {}): CustomMessageTriggerEvent {
    return {
        ...baseEvent(`CustomMessage_${source}`, "reader-1"),
        request: { userAttributes: { sub: "s", ...(locale && { locale }) }, codeParameter: code, usernameParameter: source === "AdminCreateUser" ? username : null, linkParameter: "{##Click##}", ...request },
        response: { smsMessage: null, emailMessage: null, emailSubject: null },
    } as unknown as CustomMessageTriggerEvent;
}

describe("custom message trigger", () => {
    for (const source of messageSources) {
        for (const locale of ["en-US", "ar"]) {
            it(`${source} in ${locale.startsWith("ar") ? "Arabic" : "English"}: code${source === "AdminCreateUser" ? " and username" : ""} intact, in email and SMS`, async () => {
                const { response } = await customMessage(settings, deps())(event(source, locale));
                for (const text of [response.emailMessage!, response.smsMessage!]) {
                    assert.ok(text.includes(code), `${source} lost the code: ${text}`);
                    if (source === "AdminCreateUser") assert.ok(text.includes(username), `${source} lost the username: ${text}`);
                }
                if (locale === "ar") {
                    assert.match(response.emailMessage!, /^<div dir="rtl" lang="ar" style="text-align:right">.*[\u0600-\u06FF].*<\/div>$/s);
                    assert.match(response.emailSubject!, /[\u0600-\u06FF]/);
                    assert.ok(response.emailSubject!.includes("الأخبار اليومية"));
                    assert.match(response.smsMessage!, /[\u0600-\u06FF]/);
                } else {
                    assert.match(response.emailMessage!, /^<div dir="ltr" lang="en">/);
                    assert.ok(response.emailSubject!.includes("Daily News"));
                    assert.doesNotMatch(response.emailMessage! + response.smsMessage!, /[\u0600-\u06FF]/);
                }
                assert.doesNotMatch(response.smsMessage!, /<[a-z]/, "SMS is plain text");
            });
        }
    }

    it("renders a sign-up message exactly", async () => {
        const { response } = await customMessage(settings, deps())(event("SignUp", "ar-EG"));
        assert.deepStrictEqual(response, {
            emailSubject: "تأكيد حسابك في الأخبار اليومية",
            emailMessage: `<div dir="rtl" lang="ar" style="text-align:right"><p>مرحباً بك في الأخبار اليومية.</p><p>رمز التأكيد الخاص بك هو {####}.</p></div>`,
            smsMessage: "رمز الأخبار اليومية: {####}",
        });
    });

    it("picks Arabic from ar, ar-EG and ar_SA, and English from anything else", () => {
        assert.deepStrictEqual(["ar", "AR-eg", "ar_SA", " ar "].map(languageOf), ["ar", "ar", "ar", "ar"]);
        assert.deepStrictEqual(["en", "fr-FR", "arabic", "", undefined].map(languageOf), ["en", "en", "en", "en", "en"]);
    });

    it("escapes the app name in HTML but never the placeholders", async () => {
        const { response } = await customMessage({ appName: { en: "News & <Views>", ar: "x" } }, deps())(event("SignUp", "en"));
        assert.ok(response.emailMessage!.includes("News &#38; &#60;Views&#62;"));
        assert.ok(response.emailMessage!.includes("{####}"));
    });

    it("keeps a placeholder exactly as Cognito gave it, even an unusual one", async () => {
        const { response } = await customMessage(settings, deps())(event("ForgotPassword", "en", { codeParameter: "{####}$&" }));
        assert.ok(response.emailMessage!.includes("{####}$&") && response.smsMessage!.includes("{####}$&"));
    });

    it("leaves the event alone, and logs, for an unknown source or a missing code", async () => {
        const d = deps();
        const unknown = { ...event("SignUp"), triggerSource: "CustomMessage_Something" } as unknown as CustomMessageTriggerEvent;
        assert.deepStrictEqual((await customMessage(settings, d)(structuredClone(unknown))).response, unknown.response);
        const noCode = event("SignUp", "en", { codeParameter: undefined });
        assert.deepStrictEqual((await customMessage(settings, d)(noCode)).response, { smsMessage: null, emailMessage: null, emailSubject: null });
        const noUsername = event("AdminCreateUser", "en", { usernameParameter: null });
        assert.strictEqual((await customMessage(settings, d)(noUsername)).response.emailMessage, null);
        assert.strictEqual(d.logged.error.length, 3);
    });

    it("copes with an event without request", async () => {
        const bare = { ...baseEvent("CustomMessage_SignUp") } as unknown as CustomMessageTriggerEvent;
        assert.deepStrictEqual(await customMessage(settings, deps())(structuredClone(bare)), bare);
    });
});
