// The sandbox's pure parts: the password policy as Cognito words it, the stack model, the identity pool's role choice.
import * as assert from "assert";
import { planStack } from "../../tools/harness/run-stack";
import { passwordProblem } from "../../lambdas/shared/password-policy";
import type { SandboxContext } from "../../tools/sandbox/context";
import { identityPoolOperation, roleFor } from "../../tools/sandbox/identity-pool/api";
import { ChallengeSessions, maxAnswers } from "../../tools/sandbox/user-pool-api/sessions";
import { cssText } from "../../tools/sandbox/hosted-ui/pages";
import type { RoleMapping } from "../../tools/sandbox/identity-pool/model";
import { sandboxModel } from "../../tools/sandbox/stack-model";
import { triggerDefinitions, type TriggerName } from "../../components/triggers/settings";

describe("sandbox: password policy", () => {
    const strict = { minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true };
    const cases: [string, string | undefined][] = [
        ["Aa1!", "Password did not conform with policy: Password not long enough"],
        ["AAAAAAA1!", "Password did not conform with policy: Password must have lowercase characters"],
        ["aaaaaaa1!", "Password did not conform with policy: Password must have uppercase characters"],
        ["Aaaaaaaa!", "Password did not conform with policy: Password must have numeric characters"],
        ["Aaaaaaaa1", "Password did not conform with policy: Password must have symbol characters"],
        ["Aaaaaaa1 ", undefined],
        ["Ááááááá1^", undefined],
    ];
    for (const [password, problem] of cases) it(`${JSON.stringify(password)}: ${problem ?? "accepted"}`, () => assert.strictEqual(passwordProblem(password, strict), problem));

    it("counts characters, not UTF-16 units, and reads a missing password as empty", () => {
        const long = { ...strict, minimumLength: 15, requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSymbols: false };
        assert.strictEqual(passwordProblem("كلمة مرور طويلة جدا", long), undefined);
        assert.strictEqual(passwordProblem("😀".repeat(14), long), "Password did not conform with policy: Password not long enough");
        assert.strictEqual(passwordProblem(undefined, long), "Password did not conform with policy: Password not long enough");
    });
});

describe("sandbox: the stack model", () => {
    it("takes the pool, groups, clients and every trigger of the dev stack from its plan", async () => {
        const model = sandboxModel(await planStack("dev"));
        assert.deepStrictEqual([model.poolName, model.pool.PoolName, model.tokenEventVersion], ["news-dev", "news-dev", "V2_0"]);
        assert.deepStrictEqual(model.passwordPolicy, { minimumLength: 15, requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSymbols: false });
        assert.deepStrictEqual(model.groups.map((g) => g.name), ["admins", "editors", "readers"]);
        assert.deepStrictEqual(model.clients.map((c) => [c.name, c.explicitAuthFlows]), [["admin", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH"]], ["ingest", ["ALLOW_REFRESH_TOKEN_AUTH"]], ["mobile", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH"]], ["web", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH"]]]);
        assert.deepStrictEqual(model.functions.map((f) => [f.trigger, f.name, f.exportName, f.timeoutSeconds, f.bundle.endsWith(`.build/lambdas/${triggerDefinitions[f.trigger as TriggerName].folder}/index.js`)]), [
            ["customMessage", "news-dev-custom-message", "handler", 5, true],
            ["postAuthentication", "news-dev-post-authentication", "handler", 5, true],
            ["postConfirmation", "news-dev-post-confirmation", "handler", 5, true],
            ["preSignUp", "news-dev-pre-sign-up", "handler", 5, true],
            ["preTokenGeneration", "news-dev-pre-token-generation", "handler", 5, true],
        ]);
        assert.ok(JSON.parse(model.functions.find((f) => f.trigger === "preSignUp")!.environment.TRIGGER_SETTINGS).deniedEmailDomains.includes("mailinator.com"));
    });

    it("takes each client's OAuth settings, rotation, revocation and token lifetimes, the hosted UI and the identity pool's clients and roles", async () => {
        const model = sandboxModel(await planStack("dev"));
        const web = model.clients.find((c) => c.name === "web")!;
        assert.deepStrictEqual(
            { callbackUrls: web.callbackUrls, logoutUrls: web.logoutUrls, oauthFlows: web.oauthFlows, oauthScopes: web.oauthScopes, identityProviders: web.identityProviders, rotation: web.refreshTokenRotation, revocation: web.tokenRevocation, validity: web.validity, secret: web.generateSecret },
            {
                callbackUrls: ["http://localhost:3000/auth/callback"], logoutUrls: ["http://localhost:3000/"], oauthFlows: ["code"], oauthScopes: ["openid", "email", "profile", "https://api.dev.news.example.com/articles.read"],
                identityProviders: ["COGNITO", "Google"], rotation: { enabled: true, gracePeriodSeconds: 10 }, revocation: true, validity: { accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 30 * 86400 }, secret: false,
            },
        );
        const ingest = model.clients.find((c) => c.name === "ingest")!;
        assert.deepStrictEqual([ingest.oauthFlows, ingest.generateSecret, ingest.refreshTokenRotation.enabled], [["client_credentials"], true, false]);
        assert.deepStrictEqual(model.hostedUi, { css: undefined, logoBase64: undefined, providers: ["Google"] });
        assert.deepStrictEqual(model.identityPool, { name: "cognito_dev", allowGuests: false, clients: ["web", "mobile"], roles: { authenticated: "arn:aws:iam::123456789012:role/identity-authenticated", unauthenticated: undefined }, mappings: {} });
        // prod: classic branding and token role mapping for both clients.
        const prod = sandboxModel(await planStack("prod"));
        assert.ok(prod.hostedUi?.css?.includes(".banner-customizable") && prod.hostedUi.logoBase64, "prod's classic CSS and logo");
        assert.deepStrictEqual(prod.identityPool?.mappings, {
            web: { type: "Token", ambiguousRoleResolution: "AuthenticatedRole", rules: [] },
            mobile: { type: "Token", ambiguousRoleResolution: "AuthenticatedRole", rules: [] },
        });
    });
});

describe("sandbox: the identity pool's role choice", () => {
    const roles = { authenticated: "arn:aws:iam::1:role/signed-in", unauthenticated: "arn:aws:iam::1:role/guest" };
    const ctxWith = (mappings: Record<string, RoleMapping>, allowGuests = false) => ({ identityPool: { id: "eu-central-1:x", name: "p", allowGuests, clients: ["web"], roles, mappings } }) as unknown as SandboxContext;
    const login = (claims: Record<string, unknown>) => ({ provider: "p", clientName: "web", claims });
    const editorRule = { claim: "cognito:groups", matchType: "Equals", value: "editors", roleArn: "arn:aws:iam::1:role/editors" };

    it("Rules: the first matching rule (a list claim matches any of its values), otherwise the ambiguity rule", () => {
        const rules = (ambiguousRoleResolution: RoleMapping["ambiguousRoleResolution"]) => ctxWith({ web: { type: "Rules", ambiguousRoleResolution, rules: [editorRule] } });
        assert.strictEqual(roleFor(rules("AuthenticatedRole"), login({ "cognito:groups": ["readers", "editors"] }), undefined), editorRule.roleArn);
        assert.strictEqual(roleFor(rules("AuthenticatedRole"), login({ "cognito:groups": ["readers"] }), undefined), roles.authenticated);
        assert.throws(() => roleFor(rules("Deny"), login({ "cognito:groups": ["readers"] }), undefined), { type: "AccessDeniedException" });
    });

    it("Token: the token's preferred role; a custom role only among the token's roles; no mapping: the authenticated role; guests only where allowed", () => {
        const token = ctxWith({ web: { type: "Token", ambiguousRoleResolution: "AuthenticatedRole", rules: [] } });
        const claims = { "cognito:preferred_role": "arn:aws:iam::1:role/admins", "cognito:roles": ["arn:aws:iam::1:role/admins", "arn:aws:iam::1:role/editors"] };
        assert.strictEqual(roleFor(token, login(claims), undefined), "arn:aws:iam::1:role/admins");
        assert.strictEqual(roleFor(token, login(claims), "arn:aws:iam::1:role/editors"), "arn:aws:iam::1:role/editors");
        assert.throws(() => roleFor(token, login(claims), "arn:aws:iam::1:role/anything"), { type: "NotAuthorizedException" });
        assert.strictEqual(roleFor(token, login({}), undefined), roles.authenticated);
        assert.strictEqual(roleFor(ctxWith({}), login(claims), undefined), roles.authenticated);
        assert.throws(() => roleFor(ctxWith({}), undefined, undefined), { type: "NotAuthorizedException", message: "Unauthenticated access is not supported for this identity pool." });
        assert.strictEqual(roleFor(ctxWith({}, true), undefined, undefined), roles.unauthenticated);
    });

    it("gives guest credentials only for a guest id it handed out, never for a signed-in user's id or one made up", async () => {
        const ctx = { ...ctxWith({}, true), poolId: "eu-central-1_p", model: { region: "eu-central-1" }, key: { secret: (name: string) => Buffer.from(`secret of ${name}`) } } as unknown as SandboxContext;
        const { body: { IdentityId: guest } } = await identityPoolOperation(ctx, "GetId", { IdentityPoolId: "eu-central-1:x" });
        const credentials = await identityPoolOperation(ctx, "GetCredentialsForIdentity", { IdentityId: guest });
        assert.strictEqual(JSON.parse(Buffer.from(credentials.body.Credentials.SessionToken, "base64").toString("utf8")).role, roles.unauthenticated);
        const someoneElse = `eu-central-1:${guest.slice(guest.indexOf(":") + 1, -1)}${guest.endsWith("0") ? "1" : "0"}`;
        for (const id of [someoneElse, "eu-central-1:01234567-89ab-4def-8123-456789abcdef"]) {
            await assert.rejects(identityPoolOperation(ctx, "GetCredentialsForIdentity", { IdentityId: id }), { type: "NotAuthorizedException", message: "Unauthenticated access is not allowed for this identity." }, id);
        }
    });
});

describe("sandbox: challenge sessions", () => {
    const session = { challenge: "SOFTWARE_TOKEN_MFA", clientId: "web", poolId: "p", username: "u", signInName: "u@example.com", userExists: true };

    it("takes a few answers within the time the session had, then ends it: a code cannot be guessed without end", () => {
        const sessions = new ChallengeSessions();
        const realNow = Date.now;
        let now = realNow();
        Date.now = () => now;
        try {
            const id = sessions.open(session);
            for (let answer = 1; answer <= 2; answer++) {
                now += 60_000;
                sessions.restore(id, sessions.take(id, "web", "SOFTWARE_TOKEN_MFA")); // a wrong code
            }
            now += 61_000;
            assert.throws(() => sessions.take(id, "web", "SOFTWARE_TOKEN_MFA"), { message: "Invalid session for the user, session is expired." }, "restored with its own time, not 3 fresh minutes each");
            const again = sessions.open(session);
            for (let answer = 1; answer < maxAnswers; answer++) sessions.restore(again, sessions.take(again, "web", "SOFTWARE_TOKEN_MFA"));
            sessions.restore(again, sessions.take(again, "web", "SOFTWARE_TOKEN_MFA"));
            assert.throws(() => sessions.take(again, "web", "SOFTWARE_TOKEN_MFA"), { message: "Invalid session for the user." }, `ended after ${maxAnswers} answers`);
        } finally {
            Date.now = realNow;
        }
    });
});

describe("sandbox: the hosted UI's branding CSS", () => {
    it("cannot end its style element, however \"</style\" is hidden", () => {
        for (const css of [".a{color:red}</style><form action=//evil.example>", ".a{}</sty</stylele><form>", ".a{}</STYLE >"]) {
            const written = cssText(css);
            assert.ok(!written.includes("<"), written);
            assert.ok(written.includes("\\3c /"), "CSS reads \\3c as \"<\": the rule's text is kept");
        }
    });
});
