// Identity providers: their defaults (scopes, attribute mappings, which ones verify the addresses
// they assert), names, and the checks of their combinations. Pure: no resource is touched here.
import * as fs from "fs";
import * as path from "path";
import type { IdentityProviderSettings } from "../../config/schema";
import { identityProviderSecretKey } from "../../config/secrets";
import { ProblemList, type Problem } from "../shared/validation";

export const identityProviderDefaults = {
    google: { providerName: "Google", scopes: ["openid", "email", "profile"], attributeMapping: { email: "email", email_verified: "email_verified", name: "name", given_name: "given_name", family_name: "family_name", picture: "picture", username: "sub" } },
    facebook: { providerName: "Facebook", scopes: ["public_profile", "email"], attributeMapping: { email: "email", name: "name", username: "id" } },
    amazon: { providerName: "LoginWithAmazon", scopes: ["profile"], attributeMapping: { email: "email", name: "name", username: "user_id" } },
    apple: { providerName: "SignInWithApple", scopes: ["email", "name"], attributeMapping: { email: "email", email_verified: "email_verified", given_name: "firstName", family_name: "lastName", username: "sub" } },
    // An OIDC or SAML issuer may assert addresses it does not own: email_verified is not copied by default.
    oidc: { providerName: undefined, scopes: ["openid", "email", "profile"], attributeMapping: { email: "email", name: "name", username: "sub" } },
    saml: { providerName: undefined, scopes: [], attributeMapping: { email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" } },
    facebookApiVersion: "v19.0",
    oidcAttributesRequestMethod: "GET",
} as const;

/** Google and Apple verify the addresses they assert; the others may not, or do not say. */
const verifiesEmails: Record<IdentityProviderSettings["type"], boolean> = { google: true, apple: true, facebook: false, amazon: false, oidc: false, saml: false };

/** Pool attribute -> provider claim, the provider's defaults under the stack's own entries. */
export function attributeMapping(idp: IdentityProviderSettings): Record<string, string> {
    return { ...identityProviderDefaults[idp.type].attributeMapping, ...idp.attributeMapping };
}

/** Provider name -> the pool attributes it writes at every sign-in. */
export function providerMappedAttributes(providers: readonly IdentityProviderSettings[] | undefined): Record<string, string[]> {
    return Object.fromEntries((providers ?? []).map((idp) => [identityProviderName(idp), Object.keys(attributeMapping(idp)).filter((a) => a !== "username")]));
}

/** Trust the stack gave a provider on purpose, said out loud (field relative to `identityProviders`). */
export function identityProviderWeakenings(providers: readonly IdentityProviderSettings[] | undefined): { field: string; message: string }[] {
    return (providers ?? []).flatMap((idp, i) => !verifiesEmails[idp.type] && idp.attributeMapping?.email_verified !== undefined
        ? [{ field: `[${i}].attributeMapping.email_verified`, message: `is mapped from ${JSON.stringify(identityProviderName(idp))}: the pool then trusts that provider's word that it owns each address it asserts${idp.linkToExistingUsers ? ", and links its users into native accounts with that address" : ""}` }]
        : []);
}

export function identityProviderName(idp: IdentityProviderSettings): string {
    return idp.type === "oidc" || idp.type === "saml" ? idp.name : identityProviderDefaults[idp.type].providerName;
}

/** The names clients and federated user names refer to, in configuration order. */
export function identityProviderNames(providers: readonly IdentityProviderSettings[] | undefined): string[] {
    return (providers ?? []).map(identityProviderName);
}

export interface PoolAttributeRules {
    /** Attributes users and providers may not change after sign-up: a mapping onto one breaks every later sign-in. */
    readonly immutable: readonly string[];
}

/** What the checks need besides the providers themselves. */
export interface IdentityProviderCheckInput {
    readonly providers: readonly IdentityProviderSettings[];
    /** Secret values (or placeholders) by config key. */
    readonly secrets: Readonly<Record<string, unknown>>;
    /** @default { immutable: [] } */
    readonly poolAttributes?: PoolAttributeRules;
    /** Base folder of metadataFile paths. @default the current directory */
    readonly baseDir?: string;
}

export function identityProviderProblems(args: IdentityProviderCheckInput): Problem[] {
    const p = new ProblemList();
    const names = identityProviderNames(args.providers);
    args.providers.forEach((idp, i) => {
        const at = `identityProviders[${i}]`;
        p.check(names.indexOf(names[i]) === i, at, `provider ${JSON.stringify(names[i])} is configured twice`);
        const secretKey = identityProviderSecretKey(idp);
        if (secretKey) p.check(args.secrets[secretKey] !== undefined, at, `needs the secret config key ${JSON.stringify(secretKey)}; set it with \`pulumi config set --secret ${secretKey} ...\``);
        const mapping = attributeMapping(idp);
        if (idp.linkToExistingUsers) p.check(mapping.email_verified !== undefined, `${at}.linkToExistingUsers`,
            `got true, but ${JSON.stringify(names[i])} maps no email_verified, so no sign-up through it could ever be linked; allowed: false${idp.type === "oidc" || idp.type === "saml" ? ", or map email_verified (a warned choice: only if this provider verifies every address it asserts)" : ` (${idp.type} does not say whether an address is verified)`}`);
        for (const attribute of Object.keys(mapping)) {
            p.check(!(args.poolAttributes?.immutable ?? []).includes(attribute), `${at}.attributeMapping.${attribute}`,
                `maps onto ${JSON.stringify(attribute)}, which the pool declares immutable; Cognito rewrites mapped attributes at every sign-in, so make it mutable or drop the mapping`);
        }
        if (idp.type === "saml") {
            p.check((idp.metadataUrl === undefined) !== (idp.metadataFile === undefined), at, "give exactly one of metadataUrl and metadataFile");
            if (idp.metadataFile) p.check(fs.existsSync(path.resolve(args.baseDir ?? ".", idp.metadataFile)), `${at}.metadataFile`, `file ${JSON.stringify(idp.metadataFile)} not found`);
        }
    });
    return p.problems;
}
