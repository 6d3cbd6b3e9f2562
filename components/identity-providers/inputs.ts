// Turns one identity provider's settings into the inputs of aws.cognito.IdentityProvider: its
// type, its provider details (the secret kept secret), and the details AWS fills in itself.
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import type { IdentityProviderSettings } from "../../config/schema";
import { identityProviderSecretKey } from "../../config/secrets";
import { identityProviderDefaults } from "./settings";

export const providerType = { google: "Google", facebook: "Facebook", amazon: "LoginWithAmazon", apple: "SignInWithApple", oidc: "OIDC", saml: "SAML" } as const;

/** Keys AWS fills in itself; declaring nothing for them would show a diff on every preview. */
export const awsFilledDetails: Record<IdentityProviderSettings["type"], string[]> = {
    google: ["attributes_url", "attributes_url_add_attributes", "authorize_url", "oidc_issuer", "token_request_method", "token_url"],
    facebook: ["attributes_url", "attributes_url_add_attributes", "authorize_url", "token_request_method", "token_url"],
    amazon: ["attributes_url", "attributes_url_add_attributes", "authorize_url", "token_request_method", "token_url"],
    apple: ["attributes_url_add_attributes", "authorize_url", "oidc_issuer", "token_request_method", "token_url"],
    oidc: ["attributes_url", "attributes_url_add_attributes", "authorize_url", "jwks_uri", "token_url"],
    saml: ["ActiveEncryptionCertificate"],
};

export function providerDetails(idp: IdentityProviderSettings, args: { readonly secrets: Readonly<Record<string, pulumi.Input<string>>>; readonly baseDir?: string }): pulumi.Input<Record<string, pulumi.Input<string>>> {
    const secretKey = identityProviderSecretKey(idp);
    const secret = secretKey ? pulumi.secret(args.secrets[secretKey]) : undefined;
    const scopes = (idp.type === "saml" ? [] : idp.scopes) ?? identityProviderDefaults[idp.type].scopes;
    switch (idp.type) {
        case "google":
        case "amazon":
            return { client_id: idp.clientId, client_secret: secret!, authorize_scopes: scopes.join(" ") };
        case "facebook":
            return { client_id: idp.clientId, client_secret: secret!, authorize_scopes: scopes.join(","), api_version: idp.apiVersion ?? identityProviderDefaults.facebookApiVersion };
        case "apple":
            return { client_id: idp.servicesId, team_id: idp.teamId, key_id: idp.keyId, private_key: secret!, authorize_scopes: scopes.join(" ") };
        case "oidc":
            return {
                client_id: idp.clientId,
                client_secret: secret!,
                oidc_issuer: idp.issuer,
                authorize_scopes: scopes.join(" "),
                attributes_request_method: idp.attributesRequestMethod ?? identityProviderDefaults.oidcAttributesRequestMethod,
            };
        case "saml":
            return {
                ...(idp.metadataUrl ? { MetadataURL: idp.metadataUrl } : { MetadataFile: fs.readFileSync(path.resolve(args.baseDir ?? ".", idp.metadataFile!), "utf8") }),
                IDPSignout: String(idp.signOut ?? false),
            };
    }
}
