import * as assert from "assert";
import { callbackUrls, noImplicitGrant, noPlainPasswordFlow, tokenRevocation, tokenValidity, userExistenceErrors } from "../../policy/rules/clients";
import { loopbackSpellings } from "../support/loopback-spellings";
import { resource, unknown, violations } from "../support/policy";
import { awsTypes as types } from "../../policy/rules/type-tokens";

/** A client the hosted sign-in redirects back to (OAuth on, code flow), with these inputs over it. */
const client = (inputs: Record<string, any>) => resource(types.client, { allowedOauthFlowsUserPoolClient: true, allowedOauthFlows: ["code"], ...inputs });
const secure = {
    preventUserExistenceErrors: "ENABLED", enableTokenRevocation: true, allowedOauthFlows: ["code"], explicitAuthFlows: ["ALLOW_USER_SRP_AUTH"],
    accessTokenValidity: 60, idTokenValidity: 60, refreshTokenValidity: 30, tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
    callbackUrls: ["https://news.example.com/cb", "newsapp://cb"], logoutUrls: ["https://news.example.com/"],
};

describe("client rules", () => {
    it("pass the clients this project makes", async () => {
        for (const policy of [userExistenceErrors, tokenRevocation, tokenValidity, noImplicitGrant, noPlainPasswordFlow, callbackUrls]) {
            assert.deepStrictEqual(await violations(policy, [client(secure)]), [], policy.name);
        }
    });

    it("cognito-user-existence-errors refuses LEGACY and unset", async () => {
        assert.deepStrictEqual(await violations(userExistenceErrors, [client({ preventUserExistenceErrors: "LEGACY" }), client({})]), [
            "mandatory: preventUserExistenceErrors is LEGACY; it must be ENABLED.",
            "mandatory: preventUserExistenceErrors is not set (LEGACY); it must be ENABLED.",
        ]);
    });

    it("cognito-token-revocation refuses revocation turned off", async () => {
        assert.deepStrictEqual(await violations(tokenRevocation, [client({ enableTokenRevocation: false }), client({})]), ["mandatory: Token revocation is off."]);
    });

    it("cognito-token-validity reads units (and AWS's default units) and each threshold", async () => {
        assert.deepStrictEqual(await violations(tokenValidity, [client({ accessTokenValidity: 2, idTokenValidity: 90, refreshTokenValidity: 31, tokenValidityUnits: { idToken: "minutes" } })]), [
            "mandatory: Access tokens live 120 minutes; at most 60 are allowed.",
            "mandatory: ID tokens live 90 minutes; at most 60 are allowed.",
            "mandatory: Refresh tokens live 31 days; at most 30 are allowed.",
        ]);
        assert.deepStrictEqual(await violations(tokenValidity, [client({})]), [], "AWS defaults: 1 hour, 1 hour, 30 days");
        assert.deepStrictEqual(await violations(tokenValidity, [client(secure)], { enforcementLevel: "advisory", maxAccessMinutes: 15 }), ["advisory: Access tokens live 60 minutes; at most 15 are allowed."]);
    });

    it("cognito-no-implicit-grant refuses the implicit flow", async () => {
        assert.deepStrictEqual(await violations(noImplicitGrant, [client({ allowedOauthFlows: ["code", "implicit"] })]), ["mandatory: The implicit grant is allowed."]);
    });

    it("cognito-no-plain-password-flow refuses password flows on clients without a secret only", async () => {
        const flows = { explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"] };
        assert.deepStrictEqual(await violations(noPlainPasswordFlow, [client(flows), client({ ...flows, generateSecret: true })]), ["mandatory: A client without a secret allows ALLOW_USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH."]);
    });

    describe("cognito-callback-urls", () => {
        const cases: [string, string | undefined][] = [
            ["https://news.example.com/cb", undefined],
            ["newsapp://auth/cb", undefined],
            ["http://news.example.com/cb", "is not https"],
            ["https://*.example.com/cb", "has a wildcard"],
            ["https://news.example.com/cb#x", "has a fragment"],
            ["/cb", "is not an absolute URL"],
            ["http://localhost:3000/cb", "points at localhost"],
            ["https://127.0.0.1/cb", "points at localhost"],
        ];
        for (const [url, problem] of cases) {
            it(`${problem ? "refuses" : "accepts"} ${url} in prod`, async () => {
                assert.deepStrictEqual(await violations(callbackUrls, [client({ callbackUrls: [url] })]), problem ? [`mandatory: The callback URL ${url} ${problem}.`] : []);
            });
        }

        // One definition with the AppClients check (policy/rules/loopback.ts): each spelling it accepts as localhost is flagged here.
        const httpsAndSchemes = loopbackSpellings.map((url) => url.replace(/^http:/, "https:")).concat(["newsapp://127.1/cb", "newsapp://LOCALHOST/cb", "newsapp://[0::1]/cb"]);
        for (const url of [...loopbackSpellings, ...httpsAndSchemes]) {
            it(`refuses ${url} in prod as localhost`, async () => {
                assert.deepStrictEqual(await violations(callbackUrls, [client({ callbackUrls: [url], logoutUrls: [url] })]), [
                    `mandatory: The callback URL ${url} points at localhost.`,
                    `mandatory: The sign-out URL ${url} points at localhost.`,
                ]);
            });
        }
        it("accepts every http(s) spelling of localhost where the stage allows it, and still refuses a custom scheme to it", async () => {
            assert.deepStrictEqual(await violations(callbackUrls, [client({ callbackUrls: [...loopbackSpellings, ...httpsAndSchemes.slice(0, -3)] })], { allowLocalhost: true }), []);
            assert.deepStrictEqual(await violations(callbackUrls, [client({ callbackUrls: ["newsapp://127.1/cb"] })], { allowLocalhost: true }), ["mandatory: The callback URL newsapp://127.1/cb is not http(s)."]);
        });
        it("does not take look-alikes for localhost", async () => {
            const lookAlikes = ["http://localhost.example.com/cb", "http://127.0.0.1.nip.io/cb", "http://128.0.0.1/cb", "http://[::2]/cb", "http://[::ffff:128.0.0.1]/cb", "http://0.0.0.1/cb"];
            assert.deepStrictEqual(await violations(callbackUrls, [client({ callbackUrls: lookAlikes })], { allowLocalhost: true }), lookAlikes.map((url) => `mandatory: The callback URL ${url} is not https.`));
        });
        it("accepts localhost where the stage allows it, and checks sign-out URLs too", async () => {
            assert.deepStrictEqual(await violations(callbackUrls, [client({ callbackUrls: ["http://localhost:3000/cb"], logoutUrls: ["http://localhost:3000/"] })], { allowLocalhost: true }), []);
            assert.deepStrictEqual(await violations(callbackUrls, [client({ logoutUrls: ["http://news.example.com/"] })]), ["mandatory: The sign-out URL http://news.example.com/ is not https."]);
        });
        it("refuses custom schemes when configured so", async () => {
            assert.deepStrictEqual(await violations(callbackUrls, [client({ callbackUrls: ["newsapp://cb"] })], { allowCustomSchemes: false }), ["mandatory: The callback URL newsapp://cb uses the custom scheme newsapp:."]);
        });
        it("reports an unknown URL as advisory instead of passing it", async () => {
            assert.deepStrictEqual(await violations(callbackUrls, [client({ callbackUrls: ["https://a.example.com/", unknown] })]), [
                "advisory: can't run policy 'cognito-callback-urls' from policy pack 'cognito-security@v0.1.0' during preview: string value at .callbackUrls.1 can't be known during preview",
            ]);
        });
    });
});
