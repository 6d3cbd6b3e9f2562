// Sign-in, tokens and refresh through the sandbox: tokens verified as a back end verifies them
// (aws-jwt-verify against the sandbox's JWKS), the claims the token trigger adds, the flows each
// client allows, and the client gate (pre token generation, after the password, at sign-in and refresh).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AdminAddUserToGroupCommand, AdminRemoveUserFromGroupCommand, GetUserCommand, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import { CognitoJwtInvalidClientIdError, CognitoJwtInvalidTokenUseError, JwtExpiredError, JwtInvalidAudienceError, JwtInvalidIssuerError, JwtInvalidSignatureError } from "aws-jwt-verify/error";
import type { Jwks } from "aws-jwt-verify/jwk";
import { notAllowedMessage } from "../../lambdas/shared/errors";
import { signingKeyOf, signJwt } from "../../tools/sandbox/signing-key";
import { runUsers } from "../../tools/users";
import { decodeJwt, goodPassword, rejectsWith, sandboxPerFile, uniqueEmail, type TestUser } from "./support";

/** The client gate's refusal as Cognito words the token trigger's error: only ever after the password. */
const refusedAtTokenIssue = `PreTokenGeneration failed with error ${notAllowedMessage}.`;
/** What every failed password sign-in answers, whoever the address belongs to. */
const wrongSignIn = "Incorrect username or password.";

describe("e2e: sign-in and tokens", () => {
    const e2e = sandboxPerFile();
    let jwks: Jwks;
    let reader: TestUser;

    before(async () => {
        const response = await fetch(e2e.sandbox.jwksUrl);
        assert.strictEqual(response.status, 200);
        jwks = (await response.json()) as Jwks;
        reader = await e2e.signUpAndConfirm({ email: uniqueEmail("reader") });
    });

    /** A verifier as a back end of this client would set it up; aws-jwt-verify fetches JWKS over https only, so it gets the sandbox's here. */
    function verifier(tokenUse: "id" | "access", client = "web", issuer = e2e.sandbox.issuer) {
        const clientId = e2e.clientId(client);
        const verify = JwtRsaVerifier.create({
            issuer, jwksUri: e2e.sandbox.jwksUrl,
            // The ID token names the client in aud, the access token in client_id (checked with token_use below).
            audience: tokenUse === "id" ? clientId : null,
            customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
        });
        verify.cacheJwks(jwks);
        return verify;
    }

    const groupChange = (Command: typeof AdminAddUserToGroupCommand | typeof AdminRemoveUserFromGroupCommand, user: TestUser, group: string) =>
        e2e.cognito.send(new Command({ UserPoolId: e2e.poolId, Username: user.username, GroupName: group }));

    describe("tokens", () => {
        it("sign-in (USER_AUTH, PASSWORD) returns ID, access and refresh tokens; ID and access tokens verify against the JWKS with the claims the token trigger adds", async () => {
            const tokens = await e2e.signIn(reader.email);
            assert.ok(tokens.RefreshToken);
            const now = Math.floor(Date.now() / 1000);
            // The dev clients' tokens last 60 minutes (accessTokenValidity, idTokenValidity).
            const validity = 60 * 60;

            const id = await verifier("id").verify(tokens.IdToken!);
            assert.deepStrictEqual(
                { iss: id.iss, aud: id.aud, token_use: id.token_use, sub: id.sub, email: id.email, email_verified: id.email_verified, groups: id["cognito:groups"], app_roles: id.app_roles, stage: id.stage, lifetime: id.exp! - id.iat! },
                { iss: e2e.sandbox.issuer, aud: e2e.clientId("web"), token_use: "id", sub: reader.username, email: reader.email, email_verified: true, groups: ["readers"], app_roles: ["readers"], stage: "dev", lifetime: validity },
            );
            assert.ok(id.exp! > now && id.iat! <= now + 1, `iat ${id.iat}, exp ${id.exp}, now ${now}`);

            const access = await verifier("access").verify(tokens.AccessToken!);
            assert.deepStrictEqual(
                { iss: access.iss, aud: access.aud, client_id: access.client_id, token_use: access.token_use, sub: access.sub, username: access.username, scope: access.scope, groups: access["cognito:groups"], app_roles: access.app_roles, stage: access.stage, lifetime: access.exp! - access.iat! },
                { iss: e2e.sandbox.issuer, aud: undefined, client_id: e2e.clientId("web"), token_use: "access", sub: reader.username, username: reader.username, scope: "aws.cognito.signin.user.admin", groups: ["readers"], app_roles: ["readers"], stage: "dev", lifetime: validity },
            );
            for (const token of [tokens.IdToken!, tokens.AccessToken!]) {
                const { header } = decodeJwt(token);
                assert.strictEqual(header.alg, "RS256");
                assert.ok(jwks.keys.some((k) => k.kid === header.kid), `kid ${header.kid} is not in the JWKS`);
            }
        });

        it("a token with a changed claim and its original signature is rejected", async () => {
            const tokens = await e2e.signIn(reader.email);
            const tamper = (token: string, change: Record<string, unknown>) => {
                const [header, payload, signature] = token.split(".");
                const claims = { ...JSON.parse(Buffer.from(payload, "base64url").toString("utf8")), ...change };
                return [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
            };
            await rejectsWith(verifier("id").verify(tamper(tokens.IdToken!, { app_roles: ["admins"] })), JwtInvalidSignatureError, "Invalid signature");
            await rejectsWith(verifier("access").verify(tamper(tokens.AccessToken!, { stage: "prod" })), JwtInvalidSignatureError, "Invalid signature");
        });

        it("the verifiers refuse another client, the other token use, another issuer and an expired token", async () => {
            const tokens = await e2e.signIn(reader.email);
            await rejectsWith(verifier("id", "mobile").verify(tokens.IdToken!), JwtInvalidAudienceError, /^Audience not allowed/);
            await rejectsWith(verifier("access", "mobile").verify(tokens.AccessToken!), CognitoJwtInvalidClientIdError, /^Client ID not allowed/);
            await rejectsWith(verifier("access").verify(tokens.IdToken!), CognitoJwtInvalidTokenUseError, /^Token use not allowed: id/);
            await rejectsWith(verifier("id", "web", "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other").verify(tokens.IdToken!), JwtInvalidIssuerError, /^Issuer not allowed/);
            // Signed with the sandbox's own key (its data folder's): only the expiry is wrong.
            const { payload } = decodeJwt(tokens.IdToken!);
            const expired = signingKeyOf(e2e.sandbox.dataDir).sign({ ...payload, iat: payload.iat - 7200, exp: payload.iat - 3600 });
            await rejectsWith(verifier("id").verify(expired), JwtExpiredError, /^Token expired at /);
        });

        it("a token minted with cognito-local's key, published in its npm package, verifies nowhere: not against the JWKS, not at the user-pool API", async () => {
            const tokens = await e2e.signIn(reader.email);
            const published = require("cognito-local/lib/keys/cognitoLocal.private.json") as { pem: string | import("crypto").KeyObject };
            const publishedJwk = (require("cognito-local/lib/keys/cognitoLocal.public.json") as { jwk: { n: string } }).jwk;
            assert.deepStrictEqual(jwks.keys.map((k) => [k.kid === "CognitoLocal", (k as { n?: string }).n === publishedJwk.n]), [[false, false]]);
            const { header, payload } = decodeJwt(tokens.AccessToken!);
            const idClaims = decodeJwt(tokens.IdToken!).payload;
            // Under the sandbox's key id and under cognito-local's own, an admins token the attacker wrote.
            for (const kid of [header.kid, "CognitoLocal"]) {
                const forgedId = signJwt({ ...idClaims, "cognito:groups": ["admins"], app_roles: ["admins"] }, published.pem, kid);
                const forgedAccess = signJwt({ ...payload, "cognito:groups": ["admins"] }, published.pem, kid);
                // (cognito-local's kid is not in the JWKS at all, asserted above.)
                if (kid === header.kid) {
                    await rejectsWith(verifier("id").verify(forgedId), JwtInvalidSignatureError, "Invalid signature");
                    await rejectsWith(verifier("access").verify(forgedAccess), JwtInvalidSignatureError, "Invalid signature");
                }
                await rejectsWith(e2e.cognito.send(new GetUserCommand({ AccessToken: forgedAccess })), "NotAuthorizedException", "Invalid Access Token");
            }
            // An unsigned token and one with its claims changed are refused by the API too.
            const [h, p] = tokens.AccessToken!.split(".");
            await rejectsWith(e2e.cognito.send(new GetUserCommand({ AccessToken: `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${p}.` })), "NotAuthorizedException", "Invalid Access Token");
            await rejectsWith(e2e.cognito.send(new GetUserCommand({ AccessToken: `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: "someone-else" })).toString("base64url")}.${tokens.AccessToken!.split(".")[2]}` })), "NotAuthorizedException", "Invalid Access Token");
            assert.strictEqual((await e2e.cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).Username, reader.username);
        });

        it("refresh (GetTokensFromRefreshToken) issues new ID and access tokens that verify, with the groups as they are now, and a new refresh token (the client rotates them)", async () => {
            const user = await e2e.signUpAndConfirm({ email: uniqueEmail("refresh") });
            const tokens = await e2e.signIn(user.email);
            await groupChange(AdminAddUserToGroupCommand, user, "editors");
            const { AuthenticationResult: refreshed } = await e2e.refresh(tokens.RefreshToken!);
            assert.ok(refreshed?.RefreshToken && refreshed.RefreshToken !== tokens.RefreshToken, "no new refresh token");
            assert.ok((await e2e.refresh(refreshed.RefreshToken)).AuthenticationResult?.AccessToken);
            // The same sign-in session: origin_jti and auth_time carried over.
            for (const claim of ["origin_jti", "auth_time"]) assert.strictEqual(decodeJwt(refreshed.AccessToken!).payload[claim], decodeJwt(tokens.AccessToken!).payload[claim], claim);
            const id = await verifier("id").verify(refreshed!.IdToken!);
            const access = await verifier("access").verify(refreshed!.AccessToken!);
            assert.deepStrictEqual([id.sub, access.sub, id.stage, access.stage], [user.username, user.username, "dev", "dev"]);
            assert.notStrictEqual(id.jti, decodeJwt(tokens.IdToken!).payload.jti);
            assert.deepStrictEqual([[...(id.app_roles as string[])].sort(), [...(access.app_roles as string[])].sort()], [["editors", "readers"], ["editors", "readers"]]);
        });

        it("npm run users -- sign-out on the sandbox revokes the user's refresh tokens (AdminUserGlobalSignOut), as on AWS", async () => {
            const user = await e2e.signUpAndConfirm({ email: uniqueEmail("signed-out") });
            const tokens = await e2e.signIn(user.email);
            const root = fs.mkdtempSync(path.join(os.tmpdir(), "users-sign-out-"));
            try {
                fs.mkdirSync(path.join(root, ".build", "sandbox"), { recursive: true });
                fs.writeFileSync(path.join(root, ".build", "sandbox", "dev.json"), JSON.stringify({ endpoint: e2e.sandbox.endpoint, region: e2e.sandbox.region, userPoolId: e2e.poolId }));
                const result = await runUsers(["sign-out", user.email, "--sandbox"], { env: {}, root });
                assert.deepStrictEqual([result.code, result.stderr], [0, ""]);
                assert.match(result.stdout, /^signed .* out everywhere: refresh tokens revoked/);
            } finally {
                fs.rmSync(root, { recursive: true, force: true });
            }
            await rejectsWith(e2e.refresh(tokens.RefreshToken!), "NotAuthorizedException", /revoked|Invalid Refresh Token/i);
        });

        it("post authentication writes one audit line per sign-in: sub, client and source, no email", async () => {
            const user = await e2e.signUpAndConfirm({ email: uniqueEmail("audit") });
            await e2e.signIn(user.email);
            const lines = e2e.logOf("postAuthentication").filter((line) => line.sub === user.username);
            assert.deepStrictEqual(lines, [{ level: "info", audit: "sign-in", sub: user.username, clientId: e2e.clientId("web"), triggerSource: "PostAuthentication_Authentication", newDeviceUsed: false }]);
            assert.ok(!JSON.stringify(e2e.logOf("postAuthentication")).includes(user.email.split("@")[0]), "an audit line carries the email");
        });
    });

    describe("the flows each client allows", () => {
        const initiate = (client: string, AuthFlow: "USER_PASSWORD_AUTH" | "USER_SRP_AUTH" | "USER_AUTH" | "REFRESH_TOKEN_AUTH", AuthParameters: Record<string, string>) =>
            e2e.cognito.send(new InitiateAuthCommand({ ClientId: e2e.clientId(client), AuthFlow, AuthParameters }));

        it("the web client allows SRP and USER_AUTH only: USER_PASSWORD_AUTH is refused", async () => {
            assert.deepStrictEqual(e2e.sandbox.model.clients.find((c) => c.name === "web")?.explicitAuthFlows, ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH"]);
            await rejectsWith(initiate("web", "USER_PASSWORD_AUTH", { USERNAME: reader.email, PASSWORD: goodPassword }), "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client");
        });

        it("a rotating client refuses REFRESH_TOKEN_AUTH (GetTokensFromRefreshToken only), as Cognito does", async () => {
            const tokens = await e2e.signIn(reader.email);
            await rejectsWith(initiate("web", "REFRESH_TOKEN_AUTH", { REFRESH_TOKEN: tokens.RefreshToken! }), "InvalidParameterException", "REFRESH_TOKEN_AUTH flow not enabled for this client");
        });

        it("a refresh token works only for the client it was issued to", async () => {
            const tokens = await e2e.signIn(reader.email);
            await rejectsWith(e2e.refresh(tokens.RefreshToken!, "mobile"), "NotAuthorizedException", "Invalid Refresh Token");
            await rejectsWith(e2e.refresh(`${tokens.RefreshToken!.slice(0, -4)}AAAA`), "NotAuthorizedException", "Invalid Refresh Token");
        });

        it("the ingest client (refresh only) refuses USER_AUTH", async () => {
            await rejectsWith(initiate("ingest", "USER_AUTH", { USERNAME: reader.email, PASSWORD: goodPassword, PREFERRED_CHALLENGE: "PASSWORD" }), "InvalidParameterException", "USER_AUTH flow not enabled for this client");
        });
    });

    describe("the client gate (dev: the admin client is for admins and editors)", () => {
        it("refuses a reader with the right password at the admin client's token issue (pre token generation), no token made", async () => {
            const invocations = await e2e.invocationsDuring(() => rejectsWith(e2e.signIn(reader.email, { client: "admin" }), "UserLambdaValidationException", refusedAtTokenIssue));
            assert.deepStrictEqual(e2e.ofTrigger(invocations, "preTokenGeneration").map((i) => [i.triggerSource, i.outcome]), [["TokenGeneration_Authentication", "error"]]);
            // The same user signs in to the web client.
            assert.ok((await e2e.signIn(reader.email)).IdToken);
        });

        it("tells a caller without the password nothing: an unknown address, a member's wrong password and a non-member's wrong password get one answer, and no trigger runs", async () => {
            const admin = await e2e.signUpAndConfirm({ email: uniqueEmail("gate-admin") });
            await groupChange(AdminAddUserToGroupCommand, admin, "admins");
            const attempts = { unknown: uniqueEmail("nobody"), member: admin.email, nonMember: reader.email };
            const answers: Record<string, string> = {};
            const invocations = await e2e.invocationsDuring(async () => {
                for (const [who, email] of Object.entries(attempts)) {
                    const error = await e2e.signIn(email, { client: "admin", password: "wrong password, long enough" }).then(() => undefined, (e: Error) => e);
                    answers[who] = `${error?.name}: ${error?.message}`;
                }
            });
            const same = `NotAuthorizedException: ${wrongSignIn}`;
            assert.deepStrictEqual(answers, { unknown: same, member: same, nonMember: same });
            assert.deepStrictEqual(invocations.map((i) => i.functionName), [], "a trigger ran before the password was proven");
        });

        for (const group of ["admins", "editors"]) {
            it(`lets a member of ${group} in; once removed from ${group}, the admin client's refresh is refused (pre token generation) and the web client's still works`, async () => {
                const user = await e2e.signUpAndConfirm({ email: uniqueEmail(group) });
                await groupChange(AdminAddUserToGroupCommand, user, group);
                const admin = await e2e.signIn(user.email, { client: "admin" });
                const id = await verifier("id", "admin").verify(admin.IdToken!);
                assert.deepStrictEqual([...(id.app_roles as string[])].sort(), [group, "readers"]);
                assert.ok((await e2e.refresh(admin.RefreshToken!, "admin")).AuthenticationResult?.AccessToken);
                const web = await e2e.signIn(user.email);

                await groupChange(AdminRemoveUserFromGroupCommand, user, group);
                const invocations = await e2e.invocationsDuring(() => rejectsWith(e2e.refresh(admin.RefreshToken!, "admin"), "UserLambdaValidationException", refusedAtTokenIssue));
                assert.deepStrictEqual(e2e.ofTrigger(invocations, "preTokenGeneration").map((i) => [i.triggerSource, i.outcome]), [["TokenGeneration_RefreshTokens", "error"]]);
                await rejectsWith(e2e.signIn(user.email, { client: "admin" }), "UserLambdaValidationException", refusedAtTokenIssue);
                assert.ok((await e2e.refresh(web.RefreshToken!)).AuthenticationResult?.IdToken);
            });
        }
    });
});
