// The client libraries people use, unchanged, against the sandbox from Node: aws-amplify 6 (SRP
// sign-in by default, USER_AUTH's choice of challenge, GetTokensFromRefreshToken, sign-out with
// revocation), amazon-cognito-identity-js (SRP, password change and reset, sign-out), jose verifying
// tokens against the JWKS, and openid-client driving the hosted UI from discovery: code flow with
// PKCE, userInfo, refresh, revocation. What the dev stack's clients do not allow is refused with
// AWS's own error.
import * as assert from "assert";
import { createHmac } from "crypto";
import { AdminCreateUserCommand, GetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { signJwt } from "../../tools/sandbox/signing-key";
import { decodeJwt, goodPassword, hostedUiSignIn, rejectsWith, SandboxSession, sandboxPerFile, uniqueEmail } from "./support";

/** An ES module (jose, openid-client) loaded as such: the test files compile to CommonJS, whose import() would become require(). */
const esm = new Function("name", "return import(name)") as <T = any>(name: string) => Promise<T>;
/** The current RFC 6238 code of a base32 secret (30 s, 6 digits, SHA-1), as an authenticator app shows it. */
function totp(secret: string): string {
    const bits = [...secret.replace(/=+$/, "")].map((c) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c).toString(2).padStart(5, "0")).join("");
    const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
    const mac = createHmac("sha1", key).update(counter).digest();
    return String((mac.readUInt32BE(mac[19] & 15) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
const callback = <T>(run: (done: (error: any, value?: T) => void) => void) => new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value as T))));

describe("e2e: client libraries from Node", function () {
    this.timeout(30_000);
    const e2e = sandboxPerFile();

    describe("aws-amplify 6", () => {
        let auth: typeof import("aws-amplify/auth");
        before(() => {
            const { Amplify } = require("aws-amplify") as typeof import("aws-amplify");
            // Amplify warns at each call that the endpoint is a custom one: it is, on purpose.
            (require("aws-amplify/utils") as typeof import("aws-amplify/utils")).ConsoleLogger.LOG_LEVEL = "ERROR";
            Amplify.configure({ Auth: { Cognito: { userPoolId: e2e.poolId, userPoolClientId: e2e.clientId("web"), userPoolEndpoint: e2e.sandbox.endpoint } } });
            auth = require("aws-amplify/auth");
        });

        it("sign-up, a resent code, confirmation, SRP sign-in (its default), the ID token's attributes, refresh, password change and attribute update", async () => {
            const email = uniqueEmail("amplify");
            const signedUp = await auth.signUp({ username: email, password: goodPassword, options: { userAttributes: { email, name: "Amal Haddad", locale: "ar" } } });
            assert.deepStrictEqual(signedUp.nextStep.signUpStep, "CONFIRM_SIGN_UP");
            const first = e2e.lastMessageTo(email).code;
            await auth.resendSignUpCode({ username: email });
            const resent = e2e.lastMessageTo(email).code;
            assert.notStrictEqual(resent, first);
            await rejectsWith(auth.confirmSignUp({ username: email, confirmationCode: first! }), "CodeMismatchException", "Incorrect confirmation code");
            assert.deepStrictEqual(await auth.confirmSignUp({ username: email, confirmationCode: resent! }), { isSignUpComplete: true, nextStep: { signUpStep: "DONE" } });

            assert.deepStrictEqual(await auth.signIn({ username: email, password: goodPassword }), { isSignedIn: true, nextStep: { signInStep: "DONE" } });
            assert.strictEqual((await auth.getCurrentUser()).signInDetails?.authFlowType, "USER_SRP_AUTH");
            const session = await auth.fetchAuthSession();
            const id = session.tokens!.idToken!.payload;
            assert.deepStrictEqual([id.email, id.email_verified, id.name, id.locale, id.app_roles, id.stage], [email, true, "Amal Haddad", "ar", ["readers"], "dev"]);
            const refreshed = await auth.fetchAuthSession({ forceRefresh: true });
            assert.notStrictEqual(refreshed.tokens!.accessToken.payload.jti, session.tokens!.accessToken.payload.jti);
            assert.strictEqual(refreshed.tokens!.accessToken.payload.origin_jti, session.tokens!.accessToken.payload.origin_jti);

            await rejectsWith(auth.updatePassword({ oldPassword: "not the password, long enough", newPassword: "another passphrase here" }), "NotAuthorizedException", "Incorrect username or password.");
            await auth.updatePassword({ oldPassword: goodPassword, newPassword: "another passphrase here" });
            await auth.updateUserAttributes({ userAttributes: { name: "Amal H." } });
            assert.strictEqual((await auth.fetchUserAttributes()).name, "Amal H.");
            // A custom attribute is not among the client's write attributes: refused as Cognito refuses it.
            await rejectsWith(auth.updateUserAttributes({ userAttributes: { "custom:edition": "ar" } }), "NotAuthorizedException", "A client attempted to write unauthorized attribute");
            await auth.signOut();
        });

        it("auto sign-in after confirmation; devices; an email changed and verified with its code; an attribute deleted; the account deleted", async () => {
            const email = uniqueEmail("account");
            // Amplify arms a 3-minute timer for auto sign-in, which would keep the test process alive that long: unref'd here.
            const setTimer = global.setTimeout;
            global.setTimeout = ((run: () => void, ms?: number) => {
                const timer = setTimer(run, ms);
                if ((ms ?? 0) >= 60_000) timer.unref();
                return timer;
            }) as typeof setTimeout;
            try {
                await auth.signUp({ username: email, password: goodPassword, options: { userAttributes: { email, name: "Sami" }, autoSignIn: true } });
            } finally {
                global.setTimeout = setTimer;
            }
            assert.deepStrictEqual((await auth.confirmSignUp({ username: email, confirmationCode: e2e.lastMessageTo(email).code! })).nextStep, { signUpStep: "COMPLETE_AUTO_SIGN_IN" });
            assert.deepStrictEqual(await auth.autoSignIn(), { isSignedIn: true, nextStep: { signInStep: "DONE" } });
            assert.deepStrictEqual(await auth.fetchDevices(), []);
            assert.deepStrictEqual(await auth.sendUserAttributeVerificationCode({ userAttributeKey: "email" }), { destination: email, deliveryMedium: "EMAIL", attributeName: "email" });
            const changed = uniqueEmail("account-new");
            assert.deepStrictEqual((await auth.updateUserAttribute({ userAttribute: { attributeKey: "email", value: changed } })).nextStep.updateAttributeStep, "CONFIRM_ATTRIBUTE_WITH_CODE");
            await auth.confirmUserAttribute({ userAttributeKey: "email", confirmationCode: e2e.lastMessageTo(changed).code! });
            await auth.deleteUserAttributes({ userAttributeKeys: ["name"] });
            const attributes = await auth.fetchUserAttributes();
            assert.deepStrictEqual([attributes.email, attributes.email_verified, attributes.name], [changed, "true", undefined]);
            await auth.deleteUser();
            await rejectsWith(auth.signIn({ username: changed, password: goodPassword }), "NotAuthorizedException", "Incorrect username or password.");
        });

        it("USER_AUTH without a preferred challenge offers PASSWORD and PASSWORD_SRP; either signs in; a wrong password and an unknown user get one answer", async () => {
            const user = await e2e.signUpAndConfirm({ email: uniqueEmail("choice") });
            for (const choice of ["PASSWORD_SRP", "PASSWORD"]) {
                const started = await auth.signIn({ username: user.email, options: { authFlowType: "USER_AUTH" } });
                assert.deepStrictEqual(started.nextStep, { signInStep: "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION", availableChallenges: ["PASSWORD", "PASSWORD_SRP"] });
                assert.deepStrictEqual((await auth.confirmSignIn({ challengeResponse: choice })).nextStep, { signInStep: "CONFIRM_SIGN_IN_WITH_PASSWORD" });
                assert.deepStrictEqual(await auth.confirmSignIn({ challengeResponse: goodPassword }), { isSignedIn: true, nextStep: { signInStep: "DONE" } }, choice);
                await auth.signOut();
            }
            for (const username of [user.email, uniqueEmail("nobody")]) {
                await rejectsWith(auth.signIn({ username, password: "wrong password, long enough" }), "NotAuthorizedException", "Incorrect username or password.");
            }
            // The web client does not allow USER_PASSWORD_AUTH.
            await rejectsWith(auth.signIn({ username: user.email, password: goodPassword, options: { authFlowType: "USER_PASSWORD_AUTH" } }), "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client");
        });

        it("TOTP: set up, verified, preferred; the next sign-in asks for the code, a wrong one may be retried in the session, the right one signs in", async () => {
            const user = await e2e.signUpAndConfirm({ email: uniqueEmail("totp") });
            await auth.signIn({ username: user.email, password: goodPassword });
            const { sharedSecret } = await auth.setUpTOTP();
            await auth.verifyTOTPSetup({ code: totp(sharedSecret) });
            await auth.updateMFAPreference({ totp: "PREFERRED" });
            assert.deepStrictEqual(await auth.fetchMFAPreference(), { preferred: "TOTP", enabled: ["TOTP"] });
            await auth.signOut();
            assert.deepStrictEqual((await auth.signIn({ username: user.email, password: goodPassword })).nextStep, { signInStep: "CONFIRM_SIGN_IN_WITH_TOTP_CODE" });
            const wrong = totp(sharedSecret) === "000000" ? "111111" : "000000";
            await rejectsWith(auth.confirmSignIn({ challengeResponse: wrong }), "CodeMismatchException", "Incorrect confirmation code");
            assert.deepStrictEqual(await auth.confirmSignIn({ challengeResponse: totp(sharedSecret) }), { isSignedIn: true, nextStep: { signInStep: "DONE" } });
            await auth.signOut();
        });

        it("an invited user (AdminCreateUser) signs in with the temporary password over SRP and must choose a new one, held to the policy", async () => {
            const email = uniqueEmail("invited");
            await e2e.cognito.send(new AdminCreateUserCommand({ UserPoolId: e2e.poolId, Username: email, TemporaryPassword: "temporary passphrase 1", UserAttributes: [{ Name: "email", Value: email }], MessageAction: "SUPPRESS" }));
            assert.deepStrictEqual((await auth.signIn({ username: email, password: "temporary passphrase 1" })).nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED");
            // Refused by the policy; another try in the same session.
            await rejectsWith(auth.confirmSignIn({ challengeResponse: "too short" }), "InvalidPasswordException", "Password did not conform with policy: Password not long enough");
            assert.deepStrictEqual(await auth.confirmSignIn({ challengeResponse: "my own passphrase now" }), { isSignedIn: true, nextStep: { signInStep: "DONE" } });
            await auth.signOut();
            assert.ok((await e2e.signIn(email, { password: "my own passphrase now" })).AccessToken);
        });

        it("password reset, then sign-out revokes the session: the old access token and refresh token are refused", async () => {
            const user = await e2e.signUpAndConfirm({ email: uniqueEmail("reset") });
            await auth.resetPassword({ username: user.email });
            await auth.confirmResetPassword({ username: user.email, confirmationCode: e2e.lastMessageTo(user.email).code!, newPassword: "a brand new passphrase" });
            await auth.signIn({ username: user.email, password: "a brand new passphrase" });
            const { tokens } = await auth.fetchAuthSession();
            const access = tokens!.accessToken.toString();
            assert.ok(decodeJwt(access).payload.origin_jti, "no origin_jti: Amplify would not revoke");
            assert.strictEqual((await e2e.cognito.send(new GetUserCommand({ AccessToken: access }))).Username, user.username);
            await auth.signOut();
            await rejectsWith(e2e.cognito.send(new GetUserCommand({ AccessToken: access })), "NotAuthorizedException", "Access Token has been revoked");
        });
    });

    describe("amazon-cognito-identity-js", () => {
        const library = () => require("amazon-cognito-identity-js") as typeof import("amazon-cognito-identity-js");
        const pool = () => new (library().CognitoUserPool)({ UserPoolId: e2e.poolId, ClientId: e2e.clientId("web"), endpoint: e2e.sandbox.endpoint });
        const userOf = (email: string) => new (library().CognitoUser)({ Username: email, Pool: pool() });
        const authenticate = (email: string, password: string) => {
            const user = userOf(email);
            return new Promise<{ user: typeof user; session: import("amazon-cognito-identity-js").CognitoUserSession }>((resolve, reject) =>
                user.authenticateUser(new (library().AuthenticationDetails)({ Username: email, Password: password }), { onSuccess: (session) => resolve({ user, session }), onFailure: reject }));
        };

        // Its refreshSession sends REFRESH_TOKEN_AUTH, which a rotating client refuses (tokens.test.ts); the library retries
        // any error for about 6 seconds first, on AWS as here, so it is not run here.
        it("SRP sign-in, attributes, password change, sign-out (revocation), a reset password, global sign-out", async () => {
            const email = uniqueEmail("classic");
            await callback((done) => pool().signUp(email, goodPassword, [new (library().CognitoUserAttribute)({ Name: "email", Value: email })], [], done));
            await callback((done) => userOf(email).confirmRegistration(e2e.lastMessageTo(email).code!, true, done));
            const { user, session } = await authenticate(email, goodPassword);
            assert.strictEqual(session.getIdToken().payload.email, email);
            const attributes = await callback<{ Name: string; Value: string }[]>((done) => user.getUserAttributes(done as never));
            assert.deepStrictEqual(attributes.find((a) => a.Name === "email_verified")?.Value, "true");
            await callback((done) => user.changePassword(goodPassword, "changed passphrase here", done));
            const access = session.getAccessToken().getJwtToken();
            await new Promise((resolve) => user.signOut(() => resolve(undefined)));
            await rejectsWith(e2e.cognito.send(new GetUserCommand({ AccessToken: access })), "NotAuthorizedException", "Access Token has been revoked");

            await new Promise((resolve, reject) => user.forgotPassword({ onSuccess: resolve, onFailure: reject, inputVerificationCode: resolve }));
            await new Promise((resolve, reject) => user.confirmPassword(e2e.lastMessageTo(email).code!, "reset passphrase here", { onSuccess: resolve, onFailure: reject }));
            const again = await authenticate(email, "reset passphrase here");
            const againAccess = again.session.getAccessToken().getJwtToken();
            await new Promise((resolve, reject) => again.user.globalSignOut({ onSuccess: resolve, onFailure: reject }));
            await rejectsWith(e2e.cognito.send(new GetUserCommand({ AccessToken: againAccess })), "NotAuthorizedException", "Access Token has been revoked");
        });
    });

    describe("aws-amplify 6 where the pool requires MFA (dev with mfa.mode ON)", () => {
        const required = new SandboxSession();
        let auth: typeof import("aws-amplify/auth");
        before(async function () {
            this.timeout(60_000);
            await required.start({
                edit: (values) => {
                    const { passwordless, ...pool } = JSON.parse(values["cognito:userPool"]);
                    return { ...values, "cognito:userPool": JSON.stringify({ ...pool, mfa: { ...pool.mfa, mode: "ON" } }) };
                },
            });
            const { Amplify } = require("aws-amplify") as typeof import("aws-amplify");
            Amplify.configure({ Auth: { Cognito: { userPoolId: required.poolId, userPoolClientId: required.clientId("web"), userPoolEndpoint: required.sandbox.endpoint } } });
            auth = require("aws-amplify/auth");
        });
        after(() => required.stop());

        it("a first sign-in sets up TOTP (MFA_SETUP, in the challenge's session); the next asks for the code", async () => {
            const user = await required.signUpAndConfirm({ email: uniqueEmail("mfa-required") });
            const started = await auth.signIn({ username: user.email, password: goodPassword });
            assert.strictEqual(started.nextStep.signInStep, "CONTINUE_SIGN_IN_WITH_TOTP_SETUP");
            const secret = (started.nextStep as { totpSetupDetails: { sharedSecret: string } }).totpSetupDetails.sharedSecret;
            await rejectsWith(auth.confirmSignIn({ challengeResponse: totp(secret) === "000000" ? "111111" : "000000" }), "CodeMismatchException", "Invalid code received for user");
            assert.deepStrictEqual(await auth.confirmSignIn({ challengeResponse: totp(secret) }), { isSignedIn: true, nextStep: { signInStep: "DONE" } });
            assert.strictEqual((await auth.fetchAuthSession()).tokens?.idToken?.payload.email, user.email);
            await auth.signOut();
            assert.deepStrictEqual((await auth.signIn({ username: user.email, password: goodPassword })).nextStep, { signInStep: "CONFIRM_SIGN_IN_WITH_TOTP_CODE" });
        });
    });

    describe("jose and openid-client", () => {
        it("jose verifies the sandbox's tokens against its JWKS (fetched over http), and refuses one signed with cognito-local's published key", async () => {
            const jose = await esm("jose");
            const user = await e2e.signUpAndConfirm({ email: uniqueEmail("jose") });
            const tokens = await e2e.signIn(user.email);
            const jwks = jose.createRemoteJWKSet(new URL(e2e.sandbox.jwksUrl));
            const { payload } = await jose.jwtVerify(tokens.IdToken!, jwks, { issuer: e2e.sandbox.issuer, audience: e2e.clientId("web") });
            assert.strictEqual(payload.sub, user.username);
            const { pem } = require("cognito-local/lib/keys/cognitoLocal.private.json");
            const forged = signJwt({ ...payload, "cognito:groups": ["admins"] }, pem, decodeJwt(tokens.IdToken!).header.kid);
            await assert.rejects(jose.jwtVerify(forged, jwks, { issuer: e2e.sandbox.issuer }), { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
        });

        it("openid-client: discovery, the hosted UI's code flow with PKCE, userInfo, refresh, revocation", async () => {
            const oidc = await esm("openid-client");
            const user = await e2e.signUpAndConfirm({ email: uniqueEmail("oidc") });
            const config = await oidc.discovery(new URL(e2e.sandbox.issuer), e2e.clientId("web"), undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
            assert.strictEqual(config.serverMetadata().issuer, e2e.sandbox.issuer);
            const verifier = oidc.randomPKCECodeVerifier();
            const state = oidc.randomState();
            const redirectUri = "http://localhost:3000/auth/callback";
            const authorize = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: "openid email profile", state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256" });
            // The browser's part: the authorize redirect to the sign-in page, and the form posted.
            const toLogin = await fetch(authorize, { redirect: "manual" });
            const login = new URL(toLogin.headers.get("location")!, e2e.sandbox.endpoint);
            const signedIn = await hostedUiSignIn(e2e.sandbox.endpoint, login.searchParams, user.email, goodPassword);
            const back = new URL(signedIn.headers.get("location")!);
            assert.strictEqual(`${back.origin}${back.pathname}`, redirectUri);

            const tokens = await oidc.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state });
            assert.strictEqual(tokens.claims()?.email, user.email);
            const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
            assert.deepStrictEqual([info.sub, info.email, info.email_verified], [user.username, user.email, true]);
            const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
            assert.ok(refreshed.access_token && refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token);
            await oidc.tokenRevocation(config, refreshed.refresh_token!);
            await assert.rejects(oidc.refreshTokenGrant(config, refreshed.refresh_token!), (e: Error & { error?: string }) => e.error === "invalid_grant" || /revoked/.test(e.message));
            assert.match(oidc.buildEndSessionUrl(config, { client_id: e2e.clientId("web"), logout_uri: "http://localhost:3000/" }).href, new RegExp(`^${e2e.sandbox.endpoint}/logout\\?`));
        });
    });
});
