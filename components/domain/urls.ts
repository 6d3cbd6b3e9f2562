// Links to the hosted sign-in and sign-out pages of a web client, one per language: the hosted
// pages take `lang`, so Arabic readers land on an Arabic page.
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedClient } from "../app-clients/settings";

export const hostedLanguages = ["en", "ar"] as const;
export type HostedLanguage = (typeof hostedLanguages)[number];

export function signInUrl(baseUrl: string, clientId: string, client: ResolvedClient, lang: HostedLanguage): string {
    const query = new URLSearchParams({
        client_id: clientId,
        response_type: "code",
        scope: client.scopes.join(" "),
        redirect_uri: client.callbackUrls[0],
        lang,
    });
    return `${baseUrl}/oauth2/authorize?${query}`;
}

export function signOutUrl(baseUrl: string, clientId: string, client: ResolvedClient, lang: HostedLanguage): string | undefined {
    if (client.logoutUrls.length === 0) return undefined;
    const query = new URLSearchParams({ client_id: clientId, logout_uri: client.logoutUrls[0], lang });
    return `${baseUrl}/logout?${query}`;
}

export type PerLanguage = Record<HostedLanguage, string | undefined>;

/** { clientName: { en: url, ar: url } } for every web client. */
export function hostedUrls(
    baseUrl: string,
    clients: readonly ResolvedClient[],
    clientIds: Readonly<Record<string, pulumi.Output<string>>>,
    page: typeof signInUrl | typeof signOutUrl,
): pulumi.Output<Record<string, PerLanguage>> {
    const web = clients.filter((c) => c.kind === "web");
    return pulumi.all(web.map((c) => clientIds[c.name])).apply((ids) => Object.fromEntries(web.map((client, i) => [
        client.name,
        Object.fromEntries(hostedLanguages.map((lang) => [lang, page(baseUrl, ids[i], client, lang)])) as PerLanguage,
    ])));
}
