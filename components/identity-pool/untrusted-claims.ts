// Claims that users or outside identity providers control, with the reason: nothing decides
// authorization on them unless the stack trusts one by name (identityPool.roleMapping.trustedClaims).
import type { IdentityProviderSettings } from "../../config/schema";
import { userWritableAttributes, type ResolvedClient } from "../app-clients/settings";
import { providerMappedAttributes } from "../identity-providers";

export function untrustedClaims(clients: readonly ResolvedClient[], providers: readonly IdentityProviderSettings[] | undefined): Record<string, string> {
    return untrustedAttributes(userWritableAttributes(clients), providerMappedAttributes(providers));
}

/** The same from what was already worked out: attribute -> a client that lets users write it; provider -> the attributes it maps. */
export function untrustedAttributes(writers: Readonly<Record<string, string>>, mapped: Readonly<Record<string, readonly string[]>>): Record<string, string> {
    const claims: Record<string, string> = {};
    for (const [attribute, client] of Object.entries(writers)) claims[attribute] = `users can write it through client ${JSON.stringify(client)}`;
    for (const [provider, attributes] of Object.entries(mapped)) {
        for (const attribute of attributes) claims[attribute] ??= `identity provider ${JSON.stringify(provider)} maps it`;
    }
    return claims;
}
