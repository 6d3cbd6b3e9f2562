import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { IdentityProviders, identityProviderProblems, identityProviderWeakenings, providerMappedAttributes } from "../../components/identity-providers";
import type { IdentityProviderSettings } from "../../config/schema";
import { unwrapSecrets } from "../../tools/harness/wire";
import { one, ofType, runComponents, types } from "../support/harness";

const secrets = {
    googleClientSecret: "google-secret",
    facebookAppSecret: "facebook-secret",
    amazonClientSecret: "amazon-secret",
    applePrivateKey: "-----BEGIN PRIVATE KEY-----apple-----END PRIVATE KEY-----",
    githubClientSecret: "github-secret",
};

async function providersRun(providers: IdentityProviderSettings[]) {
    const secretness: Promise<boolean>[] = [];
    const run = await runComponents(() => {
        const idps = new IdentityProviders("idp", { userPoolId: "pool-1", providers, secrets: Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, pulumi.secret(v)])) });
        for (const provider of Object.values(idps.providers)) secretness.push(pulumi.isSecret(provider.providerDetails));
        return { names: idps.names };
    });
    return { run, secret: await Promise.all(secretness) };
}

describe("IdentityProviders", () => {
    it("configures Google with its scopes, mapping and secret, kept secret", async () => {
        const { run, secret } = await providersRun([{ type: "google", clientId: "g-id" }]);
        const google = one(run, types.identityProvider);
        assert.strictEqual(google.name, "idp-google");
        assert.deepStrictEqual([google.inputs.providerName, google.inputs.providerType], ["Google", "Google"]);
        assert.deepStrictEqual(unwrapSecrets(google.inputs.providerDetails), { client_id: "g-id", client_secret: "google-secret", authorize_scopes: "openid email profile" });
        assert.deepStrictEqual(google.inputs.attributeMapping, { email: "email", email_verified: "email_verified", name: "name", given_name: "given_name", family_name: "family_name", picture: "picture", username: "sub" });
        assert.deepStrictEqual(secret, [true]);
        // AWS fills these in itself: declaring nothing for them would otherwise diff on every preview.
        assert.deepStrictEqual(google.options.ignoreChanges, ["providerDetails.attributes_url", "providerDetails.attributes_url_add_attributes", "providerDetails.authorize_url", "providerDetails.oidc_issuer", "providerDetails.token_request_method", "providerDetails.token_url"]);
    });

    it("configures Facebook, Amazon and Apple with their own details", async () => {
        const { run, secret } = await providersRun([
            { type: "facebook", clientId: "fb-id" },
            { type: "amazon", clientId: "amzn-id", scopes: ["profile", "postal_code"] },
            { type: "apple", servicesId: "com.example.signin", teamId: "ABCDE12345", keyId: "KEY1234567" },
        ]);
        assert.deepStrictEqual(unwrapSecrets(one(run, types.identityProvider, "idp-facebook").inputs.providerDetails), { client_id: "fb-id", client_secret: "facebook-secret", authorize_scopes: "public_profile,email", api_version: "v19.0" });
        const amazon = one(run, types.identityProvider, "idp-loginwithamazon").inputs;
        assert.deepStrictEqual([amazon.providerName, unwrapSecrets(amazon.providerDetails).authorize_scopes], ["LoginWithAmazon", "profile postal_code"]);
        const apple = one(run, types.identityProvider, "idp-signinwithapple").inputs;
        assert.deepStrictEqual(unwrapSecrets(apple.providerDetails), { client_id: "com.example.signin", team_id: "ABCDE12345", key_id: "KEY1234567", private_key: secrets.applePrivateKey, authorize_scopes: "email name" });
        assert.deepStrictEqual(apple.attributeMapping, { email: "email", email_verified: "email_verified", given_name: "firstName", family_name: "lastName", username: "sub" });
        assert.deepStrictEqual(secret, [true, true, true]);
    });

    it("configures any OIDC provider with its issuer and secret key named after it", async () => {
        const { run } = await providersRun([{ type: "oidc", name: "GitHub", clientId: "gh", issuer: "https://token.example.com", attributeMapping: { nickname: "login" } }]);
        const oidc = one(run, types.identityProvider).inputs;
        assert.deepStrictEqual([oidc.providerName, oidc.providerType], ["GitHub", "OIDC"]);
        assert.deepStrictEqual(unwrapSecrets(oidc.providerDetails), { client_id: "gh", client_secret: "github-secret", oidc_issuer: "https://token.example.com", authorize_scopes: "openid email profile", attributes_request_method: "GET" });
        assert.strictEqual(oidc.attributeMapping.nickname, "login");
    });

    it("does not copy email_verified from OIDC or SAML providers unless the stack maps it", async () => {
        const { run } = await providersRun([
            { type: "oidc", name: "Partner", clientId: "p", issuer: "https://login.partner.example", clientSecretKey: "githubClientSecret" },
            { type: "saml", name: "Corp", metadataUrl: "https://idp.example.com/metadata" },
        ]);
        assert.deepStrictEqual(one(run, types.identityProvider, "idp-partner").inputs.attributeMapping, { email: "email", name: "name", username: "sub" });
        assert.deepStrictEqual(one(run, types.identityProvider, "idp-corp").inputs.attributeMapping, { email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" });
        assert.deepStrictEqual(providerMappedAttributes([{ type: "oidc", name: "Partner", clientId: "p", issuer: "https://login.partner.example" }]), { Partner: ["email", "name"] });
    });

    it("warns when an OIDC or SAML provider's email_verified is mapped, never for Google or Apple", () => {
        const providers: IdentityProviderSettings[] = [
            { type: "google", clientId: "g", attributeMapping: { email_verified: "email_verified" } },
            { type: "oidc", name: "Partner", clientId: "p", issuer: "https://login.partner.example", attributeMapping: { email_verified: "email_verified" }, linkToExistingUsers: true },
            { type: "saml", name: "Corp", metadataUrl: "https://idp.example.com/m", attributeMapping: { email_verified: "verified" } },
        ];
        assert.deepStrictEqual(identityProviderWeakenings(providers), [
            { field: "[1].attributeMapping.email_verified", message: `is mapped from "Partner": the pool then trusts that provider's word that it owns each address it asserts, and links its users into native accounts with that address` },
            { field: "[2].attributeMapping.email_verified", message: `is mapped from "Corp": the pool then trusts that provider's word that it owns each address it asserts` },
        ]);
    });

    it("configures SAML from a metadata URL or file, with email domains", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "saml-"));
        const file = path.join(dir, "idp.xml");
        fs.writeFileSync(file, "<EntityDescriptor/>");
        const { run } = await providersRun([
            { type: "saml", name: "Newsroom", metadataUrl: "https://idp.example.com/metadata", identifiers: ["example.com"], signOut: true },
            { type: "saml", name: "Partner", metadataFile: file },
        ]);
        const byUrl = one(run, types.identityProvider, "idp-newsroom").inputs;
        assert.deepStrictEqual([byUrl.providerType, byUrl.providerDetails, byUrl.idpIdentifiers], ["SAML", { MetadataURL: "https://idp.example.com/metadata", IDPSignout: "true" }, ["example.com"]]);
        assert.deepStrictEqual(one(run, types.identityProvider, "idp-partner").inputs.providerDetails, { MetadataFile: "<EntityDescriptor/>", IDPSignout: "false" });
    });

    it("outputs the provider names clients refer to", async () => {
        const { run } = await providersRun([{ type: "google", clientId: "g" }, { type: "apple", servicesId: "s", teamId: "ABCDE12345", keyId: "KEY1234567" }]);
        assert.deepStrictEqual(run.outputs.names, ["Google", "SignInWithApple"]);
        assert.strictEqual(ofType(run, types.identityProvider).length, 2);
    });

    describe("impossible combinations", () => {
        const check = (providers: IdentityProviderSettings[], available: Record<string, string> = secrets, immutable: string[] = []) =>
            identityProviderProblems({ providers, secrets: available, poolAttributes: { immutable } }).map((p) => `${p.field}: ${p.message}`);

        it("refuses a provider configured twice", () => {
            assert.deepStrictEqual(check([{ type: "google", clientId: "a" }, { type: "google", clientId: "b" }]), [`identityProviders[1]: provider "Google" is configured twice`]);
        });

        it("refuses a provider whose secret is not set", () => {
            assert.deepStrictEqual(check([{ type: "google", clientId: "a", clientSecretKey: "newsGoogleSecret" }]),
                ['identityProviders[0]: needs the secret config key "newsGoogleSecret"; set it with `pulumi config set --secret newsGoogleSecret ...`']);
        });

        it("refuses a mapping onto an immutable attribute", () => {
            assert.deepStrictEqual(check([{ type: "facebook", clientId: "a" }], secrets, ["name"]),
                [`identityProviders[0].attributeMapping.name: maps onto "name", which the pool declares immutable; Cognito rewrites mapped attributes at every sign-in, so make it mutable or drop the mapping`]);
        });

        it("refuses linking for a provider that asserts no email_verified", () => {
            assert.deepStrictEqual(check([{ type: "facebook", clientId: "a", linkToExistingUsers: true }]),
                [`identityProviders[0].linkToExistingUsers: got true, but "Facebook" maps no email_verified, so no sign-up through it could ever be linked; allowed: false (facebook does not say whether an address is verified)`]);
            assert.deepStrictEqual(check([{ type: "oidc", name: "Partner", clientId: "p", issuer: "https://login.partner.example", clientSecretKey: "githubClientSecret", linkToExistingUsers: true }]),
                [`identityProviders[0].linkToExistingUsers: got true, but "Partner" maps no email_verified, so no sign-up through it could ever be linked; allowed: false, or map email_verified (a warned choice: only if this provider verifies every address it asserts)`]);
            assert.deepStrictEqual(check([{ type: "google", clientId: "a", linkToExistingUsers: true }]), []);
        });

        it("refuses SAML with both or neither metadata source, and a missing file", () => {
            assert.deepStrictEqual(check([{ type: "saml", name: "Corp", metadataUrl: "https://a.example.com/m", metadataFile: "m.xml" }]).slice(0, 1), ["identityProviders[0]: give exactly one of metadataUrl and metadataFile"]);
            assert.deepStrictEqual(check([{ type: "saml", name: "Corp" }]), ["identityProviders[0]: give exactly one of metadataUrl and metadataFile"]);
            assert.deepStrictEqual(check([{ type: "saml", name: "Corp", metadataFile: "missing.xml" }]), [`identityProviders[0].metadataFile: file "missing.xml" not found`]);
        });

        it("throws at construction naming the component", () => {
            assert.throws(() => new IdentityProviders("idp", { userPoolId: "p", providers: [{ type: "google", clientId: "a" }], secrets: {} }),
                { message: 'IdentityProviders "idp" has invalid arguments:\n  - identityProviders[0]: needs the secret config key "googleClientSecret"; set it with `pulumi config set --secret googleClientSecret ...`' });
        });
    });
});
