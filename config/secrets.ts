// Which top-level config keys hold secrets. They are read with config.requireSecret and never
// appear in the shipped stack files; the offline plan puts marked placeholders in their place.
import type { IdentityProviderSettings, StackSettings } from "./schema";

export interface SecretKey {
    readonly key: string;
    readonly purpose: string;
}

const defaultSecretKeys = {
    google: "googleClientSecret",
    facebook: "facebookAppSecret",
    amazon: "amazonClientSecret",
    apple: "applePrivateKey",
} as const;

function lowerCamel(name: string): string {
    const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
    return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join("");
}

/** The config key holding this provider's secret, or undefined for SAML (no secret). */
export function identityProviderSecretKey(idp: IdentityProviderSettings): string | undefined {
    switch (idp.type) {
        case "saml":
            return undefined;
        case "apple":
            return idp.privateKeyKey ?? defaultSecretKeys.apple;
        case "oidc":
            return idp.clientSecretKey ?? `${lowerCamel(idp.name)}ClientSecret`;
        default:
            return idp.clientSecretKey ?? defaultSecretKeys[idp.type];
    }
}

/** The secrets of the stack's identity providers (of the ones that parsed, when the file has problems). */
export function secretConfigKeys(settings: Pick<StackSettings, "identityProviders">): SecretKey[] {
    const keys: SecretKey[] = [];
    for (const idp of settings.identityProviders ?? []) {
        const key = identityProviderSecretKey(idp);
        if (key) keys.push({ key, purpose: idp.type === "apple" ? "Sign in with Apple private key (.p8)" : `${idp.type} client secret` });
    }
    return keys;
}
