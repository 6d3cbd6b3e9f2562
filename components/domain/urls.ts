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

/** What to register with an identity provider: where it sends users back, and for SAML who we are. */
export type ProviderRegistration = { readonly redirectUri: string } | { readonly entityId: string; readonly acsUrl: string };

/**
 * Social and OIDC providers return users to the domain's /oauth2/idpresponse; a SAML provider needs
 * the pool's service provider entity id and its assertion consumer service URL.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp.html
 */
export function providerRegistration(baseUrl: string, userPoolId: string, providerType: string): ProviderRegistration {
    return providerType === "saml"
        ? { entityId: `urn:amazon:cognito:sp:${userPoolId}`, acsUrl: `${baseUrl}/saml2/idpresponse` }
        : { redirectUri: `${baseUrl}/oauth2/idpresponse` };
}
