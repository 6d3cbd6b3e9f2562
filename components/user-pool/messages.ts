// Default messages, English then Arabic (right to left), until the custom message trigger sends
// each user their own language. Placeholders are the ones Cognito requires.
const rtl = (text: string) => `<div dir="rtl" lang="ar">${text}</div>`;

export const defaultMessages = {
    verification: {
        emailSubject: "Your verification code | رمز التحقق",
        emailMessage: `<p>Your verification code is {####}.</p>${rtl("<p>رمز التحقق الخاص بك هو {####}.</p>")}`,
        smsMessage: "Your code / رمزك: {####}",
        linkEmailSubject: "Verify your email | تأكيد بريدك الإلكتروني",
        linkEmailMessage: `<p>{##Verify your email | تأكيد بريدك الإلكتروني##}</p>`,
    },
    invitation: {
        emailSubject: "Your account | حسابك",
        emailMessage: `<p>Username: {username}<br>Temporary password: {####}</p>${rtl("<p>اسم المستخدم: {username}<br>كلمة المرور المؤقتة: {####}</p>")}`,
        smsMessage: "User / المستخدم: {username} Password / كلمة المرور: {####}",
    },
    mfa: {
        smsMessage: "Sign-in code / رمز الدخول: {####}",
        emailSubject: "Your sign-in code | رمز الدخول",
        emailMessage: `<p>Your sign-in code is {####}.</p>${rtl("<p>رمز الدخول الخاص بك هو {####}.</p>")}`,
    },
} as const;
