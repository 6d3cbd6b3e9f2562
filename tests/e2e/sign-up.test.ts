// Self sign-up through the sandbox, as a front end does it: the stack's password policy, the pre
// sign-up trigger's denied and auto-confirmed domains, and post confirmation's default group.
import * as assert from "assert";
import { AdminConfirmSignUpCommand, AdminGetUserCommand, ConfirmForgotPasswordCommand, ForgotPasswordCommand } from "@aws-sdk/client-cognito-identity-provider";
import { refusedDomainMessage } from "../../lambdas/pre-sign-up/handler";
import { decodeJwt, goodPassword, rejectsWith, sandboxPerFile, uniqueEmail } from "./support";

/** What the dev stack's pre sign-up trigger answers a refused domain with, as Cognito words a trigger's error. */
const refusedDomain = `PreSignUp failed with error ${refusedDomainMessage}.`;

describe("e2e: sign-up", () => {
    const e2e = sandboxPerFile();

    const attribute = async (email: string, name: string) =>
        (await e2e.cognito.send(new AdminGetUserCommand({ UserPoolId: e2e.poolId, Username: email }))).UserAttributes?.find((a) => a.Name === name)?.Value;

    describe("the stack's password policy (dev: at least 15 characters, no character classes)", () => {
        it("is the policy of the dev stack's pool", () => {
            assert.deepStrictEqual(e2e.sandbox.model.passwordPolicy, { minimumLength: 15, requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSymbols: false });
        });

        it("cannot be gone around with another X-Amz-Target: only AWS's exact service and operation reach an operation, the rest is refused and creates no user", async () => {
            const email = uniqueEmail("prefix");
            for (const target of ["Anything.SignUp", "AWSCognitoIdentityProviderService.SignUp.x", "AWSCognitoIdentityProviderService.signup", "AWSCognitoIdentityService.SignUp", "AWSCognitoIdentityProviderService."]) {
                const response = await fetch(e2e.sandbox.endpoint, {
                    method: "POST",
                    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
                    body: JSON.stringify({ ClientId: e2e.clientId("web"), Username: email, Password: "a", UserAttributes: [{ Name: "email", Value: email }] }),
                });
                assert.deepStrictEqual([response.status, response.headers.get("x-amzn-errortype"), await response.json()], [400, "UnknownOperationException", { __type: "UnknownOperationException", message: `Unknown operation ${target}` }], target);
            }
            assert.deepStrictEqual(await e2e.usersWithEmail(email), []);
        });

        it("refuses a password one character short with InvalidPasswordException naming the rule, and creates no user", async () => {
            const email = uniqueEmail("short-password");
            // Upper and lower case, digits and symbols: only the length is wrong.
            const password = "Sh0rt+but+Mix!";
            assert.strictEqual(password.length, 14);
            await rejectsWith(e2e.signUp({ email, password }), "InvalidPasswordException", "Password did not conform with policy: Password not long enough");
            assert.deepStrictEqual(await e2e.usersWithEmail(email), []);
            assert.deepStrictEqual(e2e.messagesTo(email), []);
        });

        it("accepts exactly 15 characters of lowercase letters only: an unconfirmed user, a code sent by email", async () => {
            const email = uniqueEmail("exact-password");
            const reply = await e2e.signUp({ email, password: "abcdefghijklmno" });
            assert.strictEqual(reply.UserConfirmed, false);
            assert.match(reply.UserSub ?? "", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
            assert.deepStrictEqual([reply.CodeDeliveryDetails?.AttributeName, reply.CodeDeliveryDetails?.DeliveryMedium], ["email", "EMAIL"]);
            const [user] = await e2e.usersWithEmail(email);
            assert.deepStrictEqual([user?.Username, user?.UserStatus], [reply.UserSub, "UNCONFIRMED"]);
            assert.match(e2e.lastMessageTo(email).code ?? "", /^\d{6}$/);
        });
    });

    describe("denied email domains (dev: mailinator.com, refused in any case and on every subdomain)", () => {
        for (const domain of ["mailinator.com", "MAILINATOR.COM", "Mailinator.Com", "eu.mailinator.com", "Deep.Sub.MAILINATOR.com", "mailinator.com.", "ｍａｉｌｉｎａｔｏｒ.com"]) {
            it(`refuses ${domain} with the trigger's message in English and Arabic; no user, no code`, async () => {
                const email = uniqueEmail("denied", domain);
                const invocations = await e2e.invocationsDuring(() => rejectsWith(e2e.signUp({ email }), "UserLambdaValidationException", refusedDomain));
                assert.deepStrictEqual(e2e.ofTrigger(invocations, "preSignUp").map((i) => [i.triggerSource, i.outcome]), [["PreSignUp_SignUp", "error"]]);
                assert.deepStrictEqual(await e2e.usersWithEmail(email), []);
                assert.deepStrictEqual(e2e.messagesTo(email), []);
            });
        }

        it("lets through domains that only end in the same letters or contain the name (the list matches whole labels)", async () => {
            for (const domain of ["notmailinator.com", "mailinator.com.example.org", "mailinator.co"]) {
                const email = uniqueEmail("allowed", domain);
                assert.strictEqual((await e2e.signUp({ email })).UserConfirmed, false, domain);
                assert.strictEqual((await e2e.usersWithEmail(email)).length, 1, domain);
            }
        });
    });

    describe("confirmation and post confirmation", () => {
        it("ConfirmSignUp runs post confirmation once: the user is CONFIRMED, in the default group readers, with the email verified", async () => {
            const email = uniqueEmail("confirm");
            const { UserSub } = await e2e.signUp({ email });
            const invocations = await e2e.invocationsDuring(() => e2e.confirm(email));
            assert.deepStrictEqual(e2e.ofTrigger(invocations, "postConfirmation").map((i) => [i.triggerSource, i.outcome]), [["PostConfirmation_ConfirmSignUp", "ok"]]);
            assert.deepStrictEqual(await e2e.groupsOf(UserSub!), ["readers"]);
            // By the email too: AdminListGroupsForUser takes any alias, as on AWS.
            assert.deepStrictEqual(await e2e.groupsOf(email), ["readers"]);
            const [user] = await e2e.usersWithEmail(email);
            assert.strictEqual(user?.UserStatus, "CONFIRMED");
            assert.strictEqual(await attribute(email, "email_verified"), "true");
        });

        it("a repeated confirmation adds nothing: AdminConfirmSignUp is refused without a trigger, and a password reset's confirmation runs post confirmation again, which leaves the groups alone", async () => {
            const { username, email } = await e2e.signUpAndConfirm({ email: uniqueEmail("reconfirm") });
            const again = await e2e.invocationsDuring(() =>
                rejectsWith(e2e.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: e2e.poolId, Username: email })), "NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED"));
            assert.deepStrictEqual(e2e.ofTrigger(again, "postConfirmation"), []);

            const reset = await e2e.invocationsDuring(async () => {
                await e2e.cognito.send(new ForgotPasswordCommand({ ClientId: e2e.clientId("web"), Username: email }));
                await e2e.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: e2e.clientId("web"), Username: email, ConfirmationCode: e2e.lastMessageTo(email).code, Password: `${goodPassword} again` }));
            });
            assert.deepStrictEqual(e2e.ofTrigger(reset, "postConfirmation").map((i) => [i.triggerSource, i.outcome]), [["PostConfirmation_ConfirmForgotPassword", "ok"]]);
            assert.deepStrictEqual(await e2e.groupsOf(username), ["readers"]);
        });

        for (const domain of ["test.news.example.com", "Test.News.Example.COM", "qa.test.news.example.com"]) {
            it(`an auto-confirmed domain (${domain}) is confirmed at sign-up without a code, and post confirmation does not run (as on AWS): no group, email unverified`, async () => {
                const email = uniqueEmail("auto", domain);
                let reply: Awaited<ReturnType<typeof e2e.signUp>> | undefined;
                const invocations = await e2e.invocationsDuring(async () => (reply = await e2e.signUp({ email })));
                assert.deepStrictEqual([reply?.UserConfirmed, reply?.CodeDeliveryDetails], [true, undefined]);
                assert.deepStrictEqual(e2e.messagesTo(email), []);
                // The emulator calls post confirmation for it; the sandbox answers without running the handler.
                assert.deepStrictEqual(e2e.ofTrigger(invocations, "postConfirmation").map((i) => [i.triggerSource, i.outcome]), [["PostConfirmation_ConfirmSignUp", "skipped"]]);
                assert.deepStrictEqual(await e2e.groupsOf(reply!.UserSub!), []);
                // Unverified: the emulator leaves the attribute out, where AWS may say "false"; never "true".
                assert.notStrictEqual(await attribute(email, "email_verified"), "true");

                // It signs in at once; its tokens say so: no group, no verified email.
                const tokens = await e2e.signIn(email);
                const { payload } = decodeJwt(tokens.IdToken!);
                assert.deepStrictEqual([payload.sub, payload.email_verified, payload.app_roles, payload["cognito:groups"]], [reply!.UserSub, false, [], undefined]);
            });
        }
    });
});
