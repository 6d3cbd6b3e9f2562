// The hosted UI's pages, in the language the sign-in URL asks for (`lang=`: English, or Arabic
// right-to-left) and with the stack's classic branding where it has one (its CSS, which uses
// Cognito's class names, and its logo). Every value written into a page is escaped.
import type { SandboxContext } from "../context";
import type { HttpReply } from "../gateway";

const texts = {
    en: {
        title: "Sign in", banner: "Local sandbox: nothing here reaches AWS", username: "Email or username", password: "Password", submit: "Sign in", or: "or",
        continueWith: (p: string) => `Continue with ${p}`, error: "Something went wrong", back: "Back to sign-in",
        standIn: (p: string) => `Sign-in with ${p} is not emulated: the sandbox contacts no identity provider. Test federated sign-in on AWS, or sign in with a user of the pool.`,
        signedOut: "You are signed out.",
    },
    ar: {
        title: "تسجيل الدخول", banner: "بيئة محلية: لا شيء هنا يصل إلى AWS", username: "البريد الإلكتروني أو اسم المستخدم", password: "كلمة المرور", submit: "تسجيل الدخول", or: "أو",
        continueWith: (p: string) => `المتابعة باستخدام ${p}`, error: "حدث خطأ", back: "العودة إلى تسجيل الدخول",
        standIn: (p: string) => `تسجيل الدخول باستخدام ${p} غير مُحاكى: لا تتصل البيئة المحلية بأي مزوّد هوية. اختبر تسجيل الدخول الموحّد على AWS، أو سجّل الدخول بمستخدم من المجموعة.`,
        signedOut: "لقد سجّلت الخروج.",
    },
};

export type Lang = keyof typeof texts;
export const langOf = (value: string | null): Lang => (value === "ar" ? "ar" : "en");

export const escapeHtml = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The branding's CSS inside a style element: every "<" as CSS's own escape, so nothing ends the element (removing "</style" once leaves "</sty</stylele>" whole). */
export const cssText = (css: string) => css.replace(/</g, "\\3c ");

function page(ctx: SandboxContext, lang: Lang, body: string, status = 200): HttpReply {
    const look = ctx.model.hostedUi ?? { providers: [] };
    const t = texts[lang];
    const logo = look.logoBase64 ? `<img class="logo-customizable" alt="" src="data:image/png;base64,${escapeHtml(look.logoBase64)}">` : "";
    const html = `<!doctype html>
<html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f2f3f3}.box{max-width:380px;margin:40px auto;background:#fff;padding:24px;border-radius:6px}
.sandbox{font-size:12px;color:#8a5300;background:#fff4e0;padding:6px 10px;margin:0 0 12px}label{display:block;margin-top:12px}input{box-sizing:border-box;width:100%;padding:8px;margin-top:4px}
button{width:100%;padding:10px;margin-top:16px}.errorMessage-customizable{color:#b00020;margin-top:12px}</style>
${look.css ? `<style>${cssText(look.css)}</style>` : ""}
</head><body class="background-customizable"><div class="banner-customizable">${logo}</div><main class="box">
<p class="sandbox">${escapeHtml(t.banner)}</p>${body}</main></body></html>`;
    return { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'" }, body: html };
}

/** The sign-in form: it posts back to /login with the authorize request's parameters and the page's anti-forgery token (also its cookie). */
export function signInPage(ctx: SandboxContext, lang: Lang, query: URLSearchParams, providers: readonly string[], csrf: string, error?: string): HttpReply {
    const t = texts[lang];
    const hidden = [...query, ["_csrf", csrf]].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
    const federated = providers.map((p) => {
        const params = new URLSearchParams(query);
        params.set("identity_provider", p);
        return `<p><a class="idpButton-customizable" href="/oauth2/authorize?${escapeHtml(params.toString())}">${escapeHtml(t.continueWith(p))}</a></p>`;
    }).join("");
    return page(ctx, lang, `<h1 class="textDescription-customizable">${escapeHtml(t.title)}</h1>
${federated}${federated ? `<p class="idpDescription-customizable">${escapeHtml(t.or)}</p>` : ""}
<form method="post" action="/login" id="signin">${hidden}
<label class="label-customizable">${escapeHtml(t.username)}<input class="inputField-customizable" name="username" id="username" autocomplete="username" required></label>
<label class="label-customizable">${escapeHtml(t.password)}<input class="inputField-customizable" type="password" name="password" id="password" autocomplete="current-password" required></label>
${error ? `<p class="errorMessage-customizable" id="error" role="alert">${escapeHtml(error)}</p>` : ""}
<button class="submitButton-customizable" type="submit" name="signInSubmitButton">${escapeHtml(t.submit)}</button></form>`, error ? 400 : 200);
}

export function errorPage(ctx: SandboxContext, lang: Lang, message: string, status = 400): HttpReply {
    return page(ctx, lang, `<h1>${escapeHtml(texts[lang].error)}</h1><p class="errorMessage-customizable" id="error" role="alert">${escapeHtml(message)}</p>`, status);
}

/** Where a provider's button leads: the sandbox contacts no provider, and says so. */
export function standInPage(ctx: SandboxContext, lang: Lang, provider: string, query: URLSearchParams): HttpReply {
    const params = new URLSearchParams(query);
    params.delete("identity_provider");
    return page(ctx, lang, `<h1>${escapeHtml(texts[lang].continueWith(provider))}</h1><p id="stand-in">${escapeHtml(texts[lang].standIn(provider))}</p>
<p><a href="/login?${escapeHtml(params.toString())}">${escapeHtml(texts[lang].back)}</a></p>`);
}

export function signedOutPage(ctx: SandboxContext, lang: Lang): HttpReply {
    return page(ctx, lang, `<p id="signed-out">${escapeHtml(texts[lang].signedOut)}</p>`);
}
