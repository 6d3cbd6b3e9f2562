// Custom message: each message in the user's language (Arabic or English, from the `locale`
// attribute, English otherwise). Email is HTML, right to left for Arabic; SMS is plain text.
// Cognito's placeholders go in exactly as given, or Cognito refuses the message.
import type { CustomMessageTriggerEvent } from "aws-lambda";
import { lambdaEntry, type Dependencies } from "../shared/entry";
import { messageSources, templates, type Language, type MessageSource } from "./messages";

export interface CustomMessageSettings {
    /** The app's name as users know it, in each language. */
    readonly appName: Readonly<Record<Language, string>>;
}

/** "ar", "ar-EG", "ar_SA" -> ar; anything else -> en. */
export function languageOf(locale: string | undefined): Language {
    return /^ar([-_]|$)/i.test(locale?.trim() ?? "") ? "ar" : "en";
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fill(text: string, values: Record<string, string>, escape: (s: string) => string): string {
    // Placeholders are inserted raw: Cognito looks for them verbatim.
    return text.split(/(\{app\}|\{code\}|\{username\})/).map((part) => {
        if (part === "{app}") return escape(values.app);
        if (part === "{code}") return values.code;
        if (part === "{username}") return values.username;
        return escape(part);
    }).join("");
}

export function renderMessage(source: MessageSource, language: Language, values: { app: string; code: string; username: string }) {
    const template = templates[language][source];
    const paragraphs = template.body.map((p) => `<p>${fill(p, values, escapeHtml)}</p>`).join("");
    const html = language === "ar"
        ? `<div dir="rtl" lang="ar" style="text-align:right">${paragraphs}</div>`
        : `<div dir="ltr" lang="en">${paragraphs}</div>`;
    return { emailSubject: fill(template.subject, values, (s) => s), emailMessage: html, smsMessage: fill(template.sms, values, (s) => s) };
}

export function customMessage(settings: CustomMessageSettings, { log }: Dependencies) {
    return async (event: CustomMessageTriggerEvent): Promise<CustomMessageTriggerEvent> => {
        const source = event.triggerSource?.replace(/^CustomMessage_/, "") as MessageSource;
        const code = event.request?.codeParameter;
        if (!messageSources.includes(source) || !code) {
            // Leave the response alone: Cognito then sends the pool's own (bilingual) message.
            log.error({ trigger: "customMessage", action: "skipped", triggerSource: event.triggerSource, hasCode: !!code });
            return event;
        }
        const language = languageOf(event.request.userAttributes?.locale);
        const username = event.request.usernameParameter ?? "";
        if (source === "AdminCreateUser" && !username) {
            log.error({ trigger: "customMessage", action: "skipped", triggerSource: event.triggerSource, hasUsername: false });
            return event;
        }
        event.response = { ...event.response, ...renderMessage(source, language, { app: settings.appName[language], code, username }) };
        return event;
    };
}

export const handler = lambdaEntry("customMessage", customMessage);
