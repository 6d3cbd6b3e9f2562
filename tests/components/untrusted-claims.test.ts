import * as assert from "assert";
import { resolveClient, type PoolCapabilities } from "../../components/app-clients/settings";
import { untrustedClaims } from "../../components/identity-pool/untrusted-claims";
import type { ClientSettings, IdentityProviderSettings } from "../../config/schema";

const pool: PoolCapabilities = { featurePlan: "ESSENTIALS", passwordless: false, customAttributes: ["tier", "edition"] };
const clients: ClientSettings[] = [
    { name: "web", kind: "web", callbackUrls: ["https://news.example.com/cb"], writeAttributes: ["name", "custom:tier"] },
    { name: "ingest", kind: "server", scopes: ["https://api.example.com/write"], writeAttributes: ["custom:edition"] },
];
const providers: IdentityProviderSettings[] = [
    { type: "google", clientId: "g" },
    { type: "saml", name: "Corp", metadataUrl: "https://idp.example.com/m", attributeMapping: { "custom:edition": "department" } },
];

describe("untrusted claims", () => {
    const claims = untrustedClaims(clients.map((c) => resolveClient(c, ["Google", "Corp"], pool)), providers);

    it("names what users can write, with the web or native client that lets them", () => {
        assert.strictEqual(claims["custom:tier"], `users can write it through client "web"`);
        assert.strictEqual(claims.name, `users can write it through client "web"`, "a user's own write wins over a provider's mapping");
    });

    it("names what a provider maps, including Cognito's verification flag and what only a server client writes", () => {
        assert.strictEqual(claims.email_verified, `identity provider "Google" maps it`);
        assert.strictEqual(claims["custom:edition"], `identity provider "Corp" maps it`);
        assert.strictEqual(claims.email, `identity provider "Google" maps it`);
    });

    it("leaves out what only administrators set", () => {
        assert.deepStrictEqual(["cognito:groups", "custom:plan", "username", "sub"].filter((c) => c in claims), []);
    });
});
