// Claims that users or outside identity providers control, with the reason: nothing decides
// authorization on them unless the stack trusts one by name (identityPool.roleMapping.trustedClaims).
import type { IdentityProviderSettings } from "../../config/schema";
import { userWritableAttributes, type ResolvedClient } from "../app-clients/settings";
import { providerMappedAttributes } from "../identity-providers";

export function untrustedClaims(clients: readonly ResolvedClient[], providers: readonly IdentityProviderSettings[] | undefined): Record<string, string> {
    const claims: Record<string, string> = {};
    for (const [attribute, client] of Object.entries(userWritableAttributes(clients))) claims[attribute] = `users can write it through client ${JSON.stringify(client)}`;
    for (const [provider, attributes] of Object.entries(providerMappedAttributes(providers))) {
        for (const attribute of attributes) claims[attribute] ??= `identity provider ${JSON.stringify(provider)} maps it`;
    }
    return claims;
}
