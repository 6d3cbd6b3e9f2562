// The messages the pool sends, written by the custom message trigger in the user's language (from
// the `locale` attribute): Arabic right to left for ar and ar-*, English otherwise, each with the
// code (or temporary password) the pool filled in.
import * as assert from "assert";
import { AdminCreateUserCommand, ConfirmForgotPasswordCommand, ForgotPasswordCommand } from "@aws-sdk/client-cognito-identity-provider";
import { goodPassword, rejectsWith, sandboxPerFile, uniqueEmail } from "./support";

type Language = "en" | "ar";

/** The email the dev stack's trigger writes: its subject, and its paragraphs in a block of the language's direction. */
function email(language: Language, subject: string, paragraphs: string[]) {
    const body = paragraphs.map((p) => `<p>${p}</p>`).join("");
    return { subject, message: language === "ar" ? `<div dir="rtl" lang="ar" style="text-align:right">${body}</div>` : `<div dir="ltr" lang="en">${body}</div>` };
}

// The dev stack's app name is "Daily News" / "الأخبار اليومية" (Pulumi.dev.yaml, triggers.customMessage.appName).
const expected = {
    signUp: (language: Language, code: string) => language === "ar"
        ? email("ar", "تأكيد حسابك في الأخبار اليومية", ["مرحباً بك في الأخبار اليومية.", `رمز التأكيد الخاص بك هو ${code}.`])
        : email("en", "Confirm your Daily News account", ["Welcome to Daily News.", `Your confirmation code is ${code}.`]),
    invitation: (language: Language, username: string, password: string) => language === "ar"
        ? email("ar", "حسابك في الأخبار اليومية جاهز", ["تم إنشاء حساب لك في الأخبار اليومية.", `اسم المستخدم: ${username}`, `كلمة المرور المؤقتة: ${password}`, "ستختار كلمة المرور الخاصة بك عند أول تسجيل دخول."])
        : email("en", "Your Daily News account is ready", ["An account was created for you on Daily News.", `Username: ${username}`, `Temporary password: ${password}`, "You will choose your own password when you first sign in."]),
    forgotPassword: (language: Language, code: string) => language === "ar"
        ? email("ar", "إعادة تعيين كلمة المرور في الأخبار اليومية", [`رمز إعادة تعيين كلمة المرور هو ${code}.`, "إذا لم تطلب إعادة التعيين، تجاهل هذه الرسالة."])
        : email("en", "Reset your Daily News password", [`Your password reset code is ${code}.`, "If you did not ask to reset your password, ignore this message."]),
};

const locales: [string | undefined, Language][] = [["ar", "ar"], ["ar-EG", "ar"], ["en", "en"], [undefined, "en"]];

describe("e2e: messages in the user's language", () => {
    const e2e = sandboxPerFile();

    for (const [locale, language] of locales) {
        describe(`locale ${locale ?? "not set"}: ${language === "ar" ? "Arabic, right to left" : "English, left to right"}`, () => {
            it("the sign-up code", async () => {
                const address = uniqueEmail(`signup-${locale ?? "none"}`);
                await e2e.signUp({ email: address, locale });
                const sent = e2e.lastMessageTo(address);
                assert.match(sent.code ?? "", /^\d{6}$/);
                assert.deepStrictEqual({ subject: sent.subject, message: sent.message }, expected.signUp(language, sent.code!));
            });

            it("the invitation (AdminCreateUser): user name and temporary password", async () => {
                const address = uniqueEmail(`invite-${locale ?? "none"}`);
                const temporary = "temporary password 42";
                const { User } = await e2e.cognito.send(new AdminCreateUserCommand({
                    UserPoolId: e2e.poolId, Username: address, TemporaryPassword: temporary, DesiredDeliveryMediums: ["EMAIL"],
                    UserAttributes: [{ Name: "email", Value: address }, ...(locale === undefined ? [] : [{ Name: "locale", Value: locale }])],
                }));
                assert.strictEqual(User?.UserStatus, "FORCE_CHANGE_PASSWORD");
                const sent = e2e.lastMessageTo(address);
                // The pool fills the trigger's {username} with the user's name in the pool (a uuid: this pool signs in with email).
                assert.deepStrictEqual([sent.username, sent.code], [User?.Username, temporary]);
                assert.deepStrictEqual({ subject: sent.subject, message: sent.message }, expected.invitation(language, User!.Username!, temporary));
            });

            it("the password reset code (ForgotPassword), which resets the password to one the policy accepts", async () => {
                const { email: address } = await e2e.signUpAndConfirm({ email: uniqueEmail(`reset-${locale ?? "none"}`), locale });
                await e2e.cognito.send(new ForgotPasswordCommand({ ClientId: e2e.clientId("web"), Username: address }));
                const sent = e2e.lastMessageTo(address);
                assert.match(sent.code ?? "", /^\d{6}$/);
                assert.deepStrictEqual({ subject: sent.subject, message: sent.message }, expected.forgotPassword(language, sent.code!));

                const reset = (password: string) => e2e.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: e2e.clientId("web"), Username: address, ConfirmationCode: sent.code, Password: password }));
                await rejectsWith(reset("too short"), "InvalidPasswordException", "Password did not conform with policy: Password not long enough");
                await reset(`new ${goodPassword}`);
                assert.ok((await e2e.signIn(address, { password: `new ${goodPassword}` })).IdToken);
            });
        });
    }
});
