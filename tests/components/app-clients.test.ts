import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AppClients, type AppClientsArgs } from "../../components/app-clients";
import { appClientProblems, resolveClient, urlProblem, userWritableAttributes, type PoolCapabilities } from "../../components/app-clients/settings";
import { standardAttributeNames, type ClientSettings, type ResourceServerSettings } from "../../config/schema";
import { one, ofType, runComponents, types } from "../support/harness";
import { loopbackSpellings } from "../support/loopback-spellings";

const essentials: PoolCapabilities = { featurePlan: "ESSENTIALS", passwordless: false };
const api: ResourceServerSettings = { identifier: "https://api.example.com", name: "API", scopes: [{ name: "read", description: "Read" }, { name: "write", description: "Write" }] };
const web: ClientSettings = { name: "web", kind: "web", callbackUrls: ["https://news.example.com/cb"], logoutUrls: ["https://news.example.com/"] };
const native: ClientSettings = { name: "mobile", kind: "native", callbackUrls: ["newsapp://cb"] };
const server: ClientSettings = { name: "ingest", kind: "server", scopes: ["https://api.example.com/write"] };

/** Stands in for an identity provider resource that clients must wait for. */
class FakeProvider extends pulumi.CustomResource {
    constructor(name: string) {
        super("test:idp:Provider", name, {});
    }
}

async function clientsRun(args: Partial<AppClientsArgs> & { clients: readonly ClientSettings[] }, providers: string[] = []) {
    let secretIsSecret: Promise<boolean> | undefined;
    const run = await runComponents(() => {
        const idps = Object.fromEntries(providers.map((p) => [p, new FakeProvider(`idp-${p}`)]));
        const clients = new AppClients("apps", { userPoolId: "pool-1", resourceServers: [api], identityProviders: idps, pool: essentials, ...args });
        secretIsSecret = clients.clientSecrets.ingest && pulumi.isSecret(clients.clientSecrets.ingest);
        return { clientIds: clients.clientIds, userClientIds: clients.userClientIds, clientSecrets: clients.clientSecrets };
    });
    return { run, secretIsSecret: await secretIsSecret };
}

const problems = (clients: ClientSettings[], pool = essentials, providers: string[] = [], servers = [api]) =>
    appClientProblems(clients.map((c) => resolveClient(c, providers, pool)), servers, providers, pool).map((p) => `${p.field}: ${p.message}`);

describe("AppClients", () => {
    describe("a web client by default", () => {
        let inputs: Record<string, any>;
        before(async () => {
            inputs = one((await clientsRun({ clients: [web] }, ["Google"])).run, types.client).inputs;
        });

        it("uses the authorization code flow without a secret", () => {
            assert.deepStrictEqual([inputs.allowedOauthFlows, inputs.generateSecret, inputs.allowedOauthFlowsUserPoolClient], [["code"], false, true]);
        });

        it("asks openid, email and profile, and offers the pool's users and every provider", () => {
            assert.deepStrictEqual(inputs.allowedOauthScopes, ["openid", "email", "profile"]);
            assert.deepStrictEqual(inputs.supportedIdentityProviders, ["COGNITO", "Google"]);
        });

        it("signs in with SRP only and rotates refresh tokens (REFRESH_TOKEN_AUTH cannot go with rotation)", () => {
            assert.deepStrictEqual(inputs.explicitAuthFlows, ["ALLOW_USER_SRP_AUTH"]);
            assert.deepStrictEqual(inputs.refreshTokenRotation, { feature: "ENABLED", retryGracePeriodSeconds: 10 });
        });

        it("keeps access and ID tokens 60 minutes and refresh tokens 30 days, in explicit units", () => {
            assert.deepStrictEqual([inputs.accessTokenValidity, inputs.idTokenValidity, inputs.refreshTokenValidity], [60, 60, 30]);
            assert.deepStrictEqual(inputs.tokenValidityUnits, { accessToken: "minutes", idToken: "minutes", refreshToken: "days" });
        });

        it("revokes tokens and hides whether a user exists", () => {
            assert.deepStrictEqual([inputs.enableTokenRevocation, inputs.preventUserExistenceErrors, inputs.authSessionValidity], [true, "ENABLED", 3]);
        });

        it("carries its callback and sign-out URLs", () => {
            assert.deepStrictEqual([inputs.callbackUrls, inputs.logoutUrls], [["https://news.example.com/cb"], ["https://news.example.com/"]]);
        });

        it("lists the attributes users may write: every standard one (left unset, AWS would decide), no custom one", () => {
            assert.deepStrictEqual(inputs.writeAttributes, [
                "address", "birthdate", "email", "family_name", "gender", "given_name", "locale", "middle_name", "name",
                "nickname", "phone_number", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo",
            ]);
        });
    });

    describe("write attributes", () => {
        const pool: PoolCapabilities = {
            featurePlan: "ESSENTIALS", passwordless: false,
            immutableAttributes: ["birthdate", "custom:tenant"], customAttributes: ["tenant", "tier", "edition"],
            providerMappedAttributes: { Google: ["email", "email_verified", "name", "username"], Corp: ["email", "custom:tier", "custom:edition", "custom:tenant", "username"] },
        };
        const mutableStandard = standardAttributeNames.filter((n) => n !== "birthdate");

        it("sends the pool's mutable standard attributes by default, for every kind of client", async () => {
            const { run } = await clientsRun({ clients: [web, native, server], pool });
            for (const name of ["apps-web", "apps-mobile", "apps-ingest"]) assert.deepStrictEqual(one(run, types.client, name).inputs.writeAttributes, mutableStandard, name);
        });

        it("never lets users write a verification flag by default, even where a provider maps it", () => {
            const offersGoogle = resolveClient({ ...native, identityProviders: ["COGNITO", "Google"] }, ["Google", "Corp"], pool);
            assert.deepStrictEqual(offersGoogle.writeAttributes, mutableStandard);
            assert.deepStrictEqual(problems([{ ...native, identityProviders: ["COGNITO", "Google"] }], pool, ["Google", "Corp"]), []);
        });

        it("sends an explicit list as given", async () => {
            const { run } = await clientsRun({ clients: [{ ...web, writeAttributes: ["name", "custom:tier"] }], pool: { ...pool, providerMappedAttributes: {} } });
            assert.deepStrictEqual(one(run, types.client).inputs.writeAttributes, ["name", "custom:tier"]);
        });

        const allowed = `allowed: a standard attribute (${standardAttributeNames.map((n) => JSON.stringify(n)).join(", ")}), "email_verified", "phone_number_verified", or a declared custom attribute ("custom:tenant", "custom:tier", "custom:edition")`;
        const cases: [string, ClientSettings, string[]][] = [
            ["an attribute the pool does not have", { ...web, identityProviders: ["COGNITO"], writeAttributes: ["name", "fullname"] }, [`clients[0].writeAttributes[1]: got "fullname"; ${allowed}`]],
            ["a custom attribute the pool does not declare", { ...web, identityProviders: ["COGNITO"], writeAttributes: ["custom:plan"] }, [`clients[0].writeAttributes[0]: got "custom:plan"; ${allowed}`]],
            ["a custom attribute without its prefix", { ...web, identityProviders: ["COGNITO"], writeAttributes: ["tier"] }, [`clients[0].writeAttributes[0]: got "tier"; ${allowed}`]],
            ["a claim Cognito sets itself", { ...web, identityProviders: ["COGNITO"], writeAttributes: ["email_verified", "sub"] }, [`clients[0].writeAttributes[1]: got "sub"; ${allowed}`]],
            ["an immutable standard attribute", { ...web, identityProviders: ["COGNITO"], writeAttributes: ["birthdate"] }, [`clients[0].writeAttributes[0]: got "birthdate", which the pool declares immutable (mutable: false); no user may change it after sign-up, so remove it`]],
            ["an immutable custom attribute, on a server client too", { ...server, writeAttributes: ["custom:tenant"] }, [`clients[0].writeAttributes[0]: got "custom:tenant", which the pool declares immutable (mutable: false); no user may change it after sign-up, so remove it`]],
            ["a provider's mapped custom attribute left out by default", { ...web, identityProviders: ["COGNITO", "Corp"] },
                [`clients[0].writeAttributes: the client offers identity provider "Corp", which maps "custom:tier", "custom:edition", but cannot write them; Cognito refuses a federated sign-in when the client cannot write a mapped attribute; add them to writeAttributes or drop the mapping`]],
            ["a provider's mapped attribute left out of an explicit list (every provider offered by default)", { ...native, writeAttributes: ["name", "custom:tier", "custom:edition"] }, [
                `clients[0].writeAttributes: the client offers identity provider "Google", which maps "email", but cannot write it; Cognito refuses a federated sign-in when the client cannot write a mapped attribute; add it to writeAttributes or drop the mapping`,
                `clients[0].writeAttributes: the client offers identity provider "Corp", which maps "email", but cannot write it; Cognito refuses a federated sign-in when the client cannot write a mapped attribute; add it to writeAttributes or drop the mapping`,
            ]],
        ];
        for (const [title, client, expected] of cases) {
            it(`refuses ${title}`, () => assert.deepStrictEqual(problems([client], pool, ["Google", "Corp"]), expected));
        }

        it("accepts what a provider maps when the client can write it; username, the verification flags and immutable mappings are not the client's to write", () => {
            assert.deepStrictEqual(problems([{ ...web, writeAttributes: ["email", "name", "custom:tier", "custom:edition"] }, { ...native, identityProviders: ["COGNITO", "Google"] }, server], pool, ["Google", "Corp"]), []);
        });

        it("throws at construction when a client may write the migration's mark while groups follow marked users (without preflight too)", () => {
            const marked: PoolCapabilities = { ...essentials, customAttributes: ["migratedFrom"] };
            const triggers = { settings: undefined, marksMigratedUsers: true } as unknown as AppClientsArgs["triggers"];
            assert.throws(() => new AppClients("apps", { userPoolId: "p", clients: [{ ...web, writeAttributes: ["name", "custom:migratedFrom"] }], pool: marked, triggers }),
                (error: Error) => error.message.startsWith(`AppClients "apps" has invalid arguments:\n  - triggers.userMigration.followGroups: groups follow users marked in custom:migratedFrom, but `) && error.message.includes("anyone could mark an account as migrated"));
            assert.doesNotThrow(() => new AppClients("apps-unmarked", { userPoolId: "p", clients: [{ ...web, writeAttributes: ["name"] }], pool: marked, triggers }));
        });

        it("throws at construction on an undeclared custom attribute", () => {
            assert.throws(() => new AppClients("apps", { userPoolId: "p", clients: [{ ...web, writeAttributes: ["custom:plan"] }], pool }),
                { message: `AppClients "apps" has invalid arguments:\n  - clients[0].writeAttributes[0]: got "custom:plan"; ${allowed}` });
        });

        it("says which web or native client first lets users write each attribute (server clients sign in no users)", () => {
            const clients = [{ ...server, writeAttributes: ["custom:edition", "name"] }, { ...web, writeAttributes: ["name", "custom:tier"] }, { ...native, writeAttributes: ["name", "email"] }]
                .map((c) => resolveClient(c, [], pool));
            assert.deepStrictEqual(userWritableAttributes(clients), { name: "web", "custom:tier": "web", email: "mobile" });
            assert.deepStrictEqual(Object.keys(userWritableAttributes([resolveClient(web, [], pool)])), mutableStandard, "the default list");
        });
    });

    it("gives a server client a secret (kept secret) and client_credentials with its resource server scopes", async () => {
        const { run, secretIsSecret } = await clientsRun({ clients: [server] });
        const inputs = one(run, types.client).inputs;
        assert.deepStrictEqual([inputs.generateSecret, inputs.allowedOauthFlows, inputs.allowedOauthScopes], [true, ["client_credentials"], ["https://api.example.com/write"]]);
        assert.deepStrictEqual([inputs.callbackUrls, inputs.supportedIdentityProviders, inputs.refreshTokenRotation], [undefined, undefined, undefined]);
        assert.deepStrictEqual(inputs.explicitAuthFlows, ["ALLOW_REFRESH_TOKEN_AUTH"]);
        assert.strictEqual(secretIsSecret, true);
        assert.deepStrictEqual(run.outputs.clientSecrets, { ingest: "mock-client-secret-of-apps-ingest" });
        assert.deepStrictEqual(run.outputs.userClientIds, {});
    });

    it("creates resource servers with their scopes, and clients wait for what they use", async () => {
        const { run } = await clientsRun({ clients: [server, { ...web, identityProviders: ["COGNITO", "Google"] }] }, ["Google"]);
        assert.deepStrictEqual(one(run, types.resourceServer).inputs, {
            userPoolId: "pool-1", identifier: "https://api.example.com", name: "API",
            scopes: [{ scopeName: "read", scopeDescription: "Read" }, { scopeName: "write", scopeDescription: "Write" }],
        });
        assert.strictEqual(one(run, types.resourceServer).name, "apps-rs-api-example-com");
        assert.deepStrictEqual(one(run, types.client, "apps-ingest").options.dependsOn, [`${types.resourceServer}::apps-rs-api-example-com`]);
        assert.deepStrictEqual(one(run, types.client, "apps-web").options.dependsOn, ["test:idp:Provider::idp-Google"]);
    });

    it("adds USER_AUTH for a pool with passwordless sign-in, and keeps REFRESH_TOKEN_AUTH on Lite (no rotation)", async () => {
        const passwordless = one((await clientsRun({ clients: [native], pool: { featurePlan: "ESSENTIALS", passwordless: true } })).run, types.client).inputs;
        assert.deepStrictEqual(passwordless.explicitAuthFlows, ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH"]);
        const lite = one((await clientsRun({ clients: [native], pool: { featurePlan: "LITE", passwordless: false } })).run, types.client).inputs;
        assert.deepStrictEqual([lite.explicitAuthFlows, lite.refreshTokenRotation], [["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], undefined]);
    });

    it("allows the plain-password flow, the implicit grant and custom validity only when asked", async () => {
        const { run } = await clientsRun({ clients: [{ ...web, authFlows: ["srp", "password"], allowImplicitGrant: true, refreshTokenRotation: false, tokenValidity: { accessMinutes: 5, refreshDays: 1 }, readAttributes: ["email"], writeAttributes: ["name"] }] });
        const inputs = one(run, types.client).inputs;
        assert.deepStrictEqual(inputs.explicitAuthFlows, ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"]);
        assert.deepStrictEqual(inputs.allowedOauthFlows, ["code", "implicit"]);
        assert.deepStrictEqual([inputs.accessTokenValidity, inputs.idTokenValidity, inputs.refreshTokenValidity], [5, 60, 1]);
        assert.deepStrictEqual([inputs.readAttributes, inputs.writeAttributes, inputs.refreshTokenRotation], [["email"], ["name"], undefined]);
    });

    it("takes a refresh token lifetime under a day in minutes, and writes whole days as days", async () => {
        const minutes = one((await clientsRun({ clients: [{ ...web, tokenValidity: { refreshMinutes: 90 } }] })).run, types.client).inputs;
        assert.deepStrictEqual([minutes.refreshTokenValidity, minutes.tokenValidityUnits], [90, { accessToken: "minutes", idToken: "minutes", refreshToken: "minutes" }]);
        const days = one((await clientsRun({ clients: [{ ...web, tokenValidity: { refreshMinutes: 2880 } }] })).run, types.client).inputs;
        assert.deepStrictEqual([days.refreshTokenValidity, days.tokenValidityUnits.refreshToken], [2, "days"]);
    });

    it("outputs every client id and the ids of the clients people use", async () => {
        const { run } = await clientsRun({ clients: [web, native, server] });
        assert.deepStrictEqual(run.outputs.clientIds, { web: "mockclientappsweb", mobile: "mockclientappsmobile", ingest: "mockclientappsingest" });
        assert.deepStrictEqual(run.outputs.userClientIds, { web: "mockclientappsweb", mobile: "mockclientappsmobile" });
        assert.strictEqual(ofType(run, types.client).length, 3);
    });

    describe("callback URLs", () => {
        const cases: [string, "web" | "native", string | undefined][] = [
            ["https://news.example.com/cb", "web", undefined],
            ["http://localhost:3000/cb", "web", undefined],
            ["http://127.0.0.1:8080/", "web", undefined],
            ["newsapp://cb", "native", undefined],
            ["https://news.example.com/app", "native", undefined],
            ["http://news.example.com/cb", "web", "allowed: https, or http only for localhost"],
            ["https://*.example.com/cb", "web", "wildcards are not allowed"],
            ["https://news.example.com/cb#top", "web", "a fragment (#...) is not allowed"],
            ["/cb", "web", "allowed: an absolute URL such as https://news.example.com/callback"],
            ["newsapp://cb", "web", "allowed: https, or http only for localhost"],
            ["http://news.example.com/cb", "native", "allowed: https, or http only for localhost"],
            // Look-alikes of this machine that are someone else's host.
            ["http://localhost.example.com/cb", "web", "allowed: https, or http only for localhost"],
            ["http://127.0.0.1.nip.io/cb", "web", "allowed: https, or http only for localhost"],
            ["http://128.0.0.1/cb", "web", "allowed: https, or http only for localhost"],
            ["http://[::2]/cb", "web", "allowed: https, or http only for localhost"],
            ["http://[::ffff:128.0.0.1]/cb", "web", "allowed: https, or http only for localhost"],
            ["http://0.0.0.1/cb", "web", "allowed: https, or http only for localhost"],
        ];
        for (const [url, kind, expected] of cases) {
            it(`${expected ? "refuses" : "accepts"} ${url} for a ${kind} client`, () => assert.strictEqual(urlProblem(url, kind), expected));
        }

        // Every spelling of this machine, as the policy pack's cognito-callback-urls reads it (policy/rules/loopback.ts).
        for (const url of loopbackSpellings) {
            it(`accepts http to this machine spelled ${url}`, () => assert.strictEqual(urlProblem(url, "web"), undefined));
        }
    });

    describe("impossible combinations", () => {
        const cases: [string, ClientSettings[], string[], PoolCapabilities | undefined, string][] = [
            ["two clients with one name", [web, { ...native, name: "web" }], [], undefined, `clients[1].name: got "web" twice; client names must be unique`],
            ["a web client without callbacks", [{ name: "web", kind: "web" }], [], undefined, "clients[0].callbackUrls: a web client needs at least one callback URL for the hosted sign-in"],
            ["an http callback", [{ ...web, callbackUrls: ["http://news.example.com/cb"] }], [], undefined, `clients[0].callbackUrls[0]: got "http://news.example.com/cb"; allowed: https, or http only for localhost`],
            ["a wildcard sign-out URL", [{ ...web, logoutUrls: ["https://*.example.com/"] }], [], undefined, `clients[0].logoutUrls[0]: got "https://*.example.com/"; wildcards are not allowed`],
            ["an unknown scope", [{ ...web, scopes: ["openid", "https://api.example.com/admin"] }], [], undefined, `clients[0].scopes[1]: got "https://api.example.com/admin"; allowed: "openid", "email", "phone", "profile", "aws.cognito.signin.user.admin", "https://api.example.com/read", "https://api.example.com/write"`],
            ["email scope without openid", [{ ...web, scopes: ["email"] }], [], undefined, `clients[0].scopes: "email", "phone" and "profile" only work together with "openid"; add "openid"`],
            ["an identity provider that is not configured", [{ ...web, identityProviders: ["COGNITO", "Facebook"] }], ["Google"], undefined, `clients[0].identityProviders[1]: got "Facebook", which is not configured; allowed: "COGNITO", "Google"`],
            ["a client without identity providers", [{ ...web, identityProviders: [] }], [], undefined, `clients[0].identityProviders: a web client needs at least one identity provider; allowed: "COGNITO"`],
            ["a server client with callbacks", [{ ...server, callbackUrls: ["https://x.example.com/"] }], [], undefined, "clients[0].callbackUrls: a server client uses client_credentials and has no callback or sign-out URLs"],
            ["a server client without scopes", [{ name: "ingest", kind: "server" }], [], undefined, `clients[0].scopes: a server client needs at least one resource server scope; allowed: "https://api.example.com/read", "https://api.example.com/write"`],
            ["a server client asking openid", [{ ...server, scopes: ["openid"] }], [], undefined, `clients[0].scopes[0]: got "openid"; a server client may only ask resource server scopes; allowed: "https://api.example.com/read", "https://api.example.com/write"`],
            ["a server client with users' flows", [{ ...server, authFlows: ["srp"] }], [], undefined, `clients[0].authFlows: got "srp"; a server client signs in no users; allowed: ["refresh"]`],
            ["a server client with the implicit grant", [{ ...server, allowImplicitGrant: true }], [], undefined, "clients[0].allowImplicitGrant: a server client uses client_credentials only"],
            ["a server client listing providers", [{ ...server, identityProviders: ["COGNITO"] }], [], undefined, "clients[0].identityProviders: a server client signs in no users, so it lists no identity providers"],
            ["rotation on Lite", [{ ...web, refreshTokenRotation: true }], [], { featurePlan: "LITE", passwordless: false }, `clients[0].refreshTokenRotation: refresh token rotation needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`],
            ["REFRESH_TOKEN_AUTH with rotation", [{ ...web, authFlows: ["srp", "refresh"] }], [], undefined, `clients[0].authFlows: "refresh" (REFRESH_TOKEN_AUTH) cannot be used while refreshTokenRotation is on; remove it (clients refresh with GetTokensFromRefreshToken) or set refreshTokenRotation: false`],
        ];
        for (const [title, clients, providers, pool, expected] of cases) {
            it(`refuses ${title}`, () => assert.deepStrictEqual(problems(clients, pool, providers), [expected]));
        }

        it("refuses a resource server declared twice and a scope declared twice", () => {
            const twice: ResourceServerSettings = { ...api, scopes: [api.scopes[0], api.scopes[0]] };
            assert.deepStrictEqual(problems([], essentials, [], [api, twice]), [
                `resourceServers[1].identifier: got "https://api.example.com" twice; identifiers must be unique`,
                `resourceServers[1].scopes[1].name: got "read" twice in this resource server`,
            ]);
        });

        it("throws at construction naming the component", () => {
            assert.throws(() => new AppClients("apps", { userPoolId: "p", clients: [{ name: "web", kind: "web" }], pool: essentials }),
                { message: `AppClients "apps" has invalid arguments:\n  - clients[0].callbackUrls: a web client needs at least one callback URL for the hosted sign-in` });
        });
    });
});
