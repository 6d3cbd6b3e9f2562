// Every message Cognito sends, in English and Arabic. {code} and {username} stand for Cognito's
// own placeholders (request.codeParameter, request.usernameParameter), put in exactly as given.
export const languages = ["en", "ar"] as const;
export type Language = (typeof languages)[number];

export const messageSources = ["SignUp", "AdminCreateUser", "ResendCode", "ForgotPassword", "UpdateUserAttribute", "VerifyUserAttribute", "Authentication"] as const;
export type MessageSource = (typeof messageSources)[number];

export interface MessageTemplate {
    readonly subject: string;
    /** Paragraphs of the email body. */
    readonly body: readonly string[];
    /** Plain text: SMS has no markup, and Arabic SMS segments are short. */
    readonly sms: string;
}

export const templates: Readonly<Record<Language, Readonly<Record<MessageSource, MessageTemplate>>>> = {
    en: {
        SignUp: { subject: "Confirm your {app} account", body: ["Welcome to {app}.", "Your confirmation code is {code}."], sms: "{app} code: {code}" },
        AdminCreateUser: { subject: "Your {app} account is ready", body: ["An account was created for you on {app}.", "Username: {username}", "Temporary password: {code}", "You will choose your own password when you first sign in."], sms: "{app} user {username} password {code}" },
        ResendCode: { subject: "Your new {app} code", body: ["Your new confirmation code is {code}."], sms: "{app} code: {code}" },
        ForgotPassword: { subject: "Reset your {app} password", body: ["Your password reset code is {code}.", "If you did not ask to reset your password, ignore this message."], sms: "{app} reset code: {code}" },
        UpdateUserAttribute: { subject: "Confirm your new email for {app}", body: ["Your confirmation code is {code}."], sms: "{app} code: {code}" },
        VerifyUserAttribute: { subject: "Verify your email for {app}", body: ["Your verification code is {code}."], sms: "{app} code: {code}" },
        Authentication: { subject: "Your {app} sign-in code", body: ["Your sign-in code is {code}.", "If you are not signing in, change your password."], sms: "{app} sign-in code: {code}" },
    },
    ar: {
        SignUp: { subject: "تأكيد حسابك في {app}", body: ["مرحباً بك في {app}.", "رمز التأكيد الخاص بك هو {code}."], sms: "رمز {app}: {code}" },
        AdminCreateUser: { subject: "حسابك في {app} جاهز", body: ["تم إنشاء حساب لك في {app}.", "اسم المستخدم: {username}", "كلمة المرور المؤقتة: {code}", "ستختار كلمة المرور الخاصة بك عند أول تسجيل دخول."], sms: "{app} المستخدم {username} كلمة المرور {code}" },
        ResendCode: { subject: "رمزك الجديد في {app}", body: ["رمز التأكيد الجديد هو {code}."], sms: "رمز {app}: {code}" },
        ForgotPassword: { subject: "إعادة تعيين كلمة المرور في {app}", body: ["رمز إعادة تعيين كلمة المرور هو {code}.", "إذا لم تطلب إعادة التعيين، تجاهل هذه الرسالة."], sms: "رمز إعادة التعيين في {app}: {code}" },
        UpdateUserAttribute: { subject: "تأكيد بريدك الجديد في {app}", body: ["رمز التأكيد الخاص بك هو {code}."], sms: "رمز {app}: {code}" },
        VerifyUserAttribute: { subject: "تأكيد بريدك في {app}", body: ["رمز التحقق الخاص بك هو {code}."], sms: "رمز {app}: {code}" },
        Authentication: { subject: "رمز الدخول إلى {app}", body: ["رمز الدخول الخاص بك هو {code}.", "إذا لم تكن تحاول تسجيل الدخول، غيّر كلمة المرور."], sms: "رمز الدخول إلى {app}: {code}" },
    },
};
