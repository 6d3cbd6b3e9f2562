// The sign-in links the stack hands its web clients (its `signInUrls` output: client, then language,
// then URL), said on the domain they open: which languages each client's link asks the hosted pages
// for, read from the link's own `lang`. Read loosely: another program may have no such output or
// another shape, and a link to another host is not this domain's; then nothing is said.
import { obj, text } from "../../policy/rules/support";

/** More clients than this on one line and the rest are counted. */
const shownClients = 3;

function languageOf(url: string, host: string): string | undefined {
    try {
        const parsed = new URL(url);
        if (parsed.host !== host.toLowerCase()) return undefined;
        return parsed.searchParams.get("lang") || "the default language";
    } catch {
        return undefined;
    }
}

/** One line per set of languages: "sign-in links in en, ar: admin, web". */
export function signInLinkLines(outputs: unknown, host: string): string[] {
    const clientsByLanguages = new Map<string, string[]>();
    for (const [client, links] of Object.entries(obj(obj(outputs)?.signInUrls) ?? {})) {
        const languages = Object.values(obj(links) ?? {}).map((url) => languageOf(text(url) ?? "", host)).filter((l): l is string => l !== undefined);
        if (languages.length === 0) continue;
        const key = [...new Set(languages)].join(", ");
        clientsByLanguages.set(key, [...(clientsByLanguages.get(key) ?? []), client]);
    }
    return [...clientsByLanguages].map(([languages, clients]) => {
        const names = clients.sort();
        const more = names.length > shownClients ? ` and ${names.length - shownClients} more` : "";
        return `sign-in links in ${languages}: ${names.slice(0, shownClients).join(", ")}${more}`;
    });
}
