// The SDK adapter, with a stand-in SDK module: which commands go out with which parameters.
import * as assert from "assert";
import { sdkCognitoCalls } from "../../lambdas/shared/cognito";
import { sdkSourcePoolCalls } from "../../lambdas/shared/source-pool";

type Responder = (input: any) => unknown;

/** Each command answers with a fixed response, or a function of its input (pages, failures). */
function fakeSdk(responses: Record<string, unknown | Responder> = {}) {
    const sent: { command: string; input: any }[] = [];
    const clients: any[] = [];
    const command = (name: string) => class { constructor(readonly input: unknown) {} static commandName = name; };
    const sdk: any = {
        CognitoIdentityProviderClient: class {
            constructor(options: any) {
                clients.push(options);
            }
            send(c: any) {
                const name = c.constructor.commandName;
                sent.push({ command: name, input: c.input });
                const response = responses[name];
                return Promise.resolve().then(() => (typeof response === "function" ? (response as Responder)(c.input) : response ?? {}));
            }
        },
    };
    // No DescribeUserPoolClientCommand here: it returns client secrets, and no trigger may send it.
    for (const name of ["ListUsersCommand", "AdminLinkProviderForUserCommand", "AdminAddUserToGroupCommand", "AdminListGroupsForUserCommand", "ListUserPoolClientsCommand", "AdminGetUserCommand", "AdminInitiateAuthCommand"]) sdk[name] = command(name);
    let loads = 0;
    return { sent, clients, load: () => { loads += 1; return Promise.resolve(sdk); }, loads: () => loads };
}

/** Pages keyed by the token that asks for them ("" for the first). */
const paged = (pages: Record<string, unknown>, tokenField: string) => (input: any) => pages[input[tokenField] ?? ""];

describe("Cognito calls through the SDK", () => {
    it("finds users by email with an escaped filter, every page, with their email, verification and enabled state", async () => {
        const sdk = fakeSdk({ ListUsersCommand: paged({
            "": { Users: [{ Username: "u1", UserStatus: "CONFIRMED", Enabled: true, Attributes: [{ Name: "email", Value: "A@x.example" }, { Name: "email_verified", Value: "true" }] }], PaginationToken: "p2" },
            p2: { Users: [{ Username: "google_2", UserStatus: "EXTERNAL_PROVIDER", Enabled: false }, { Username: "u3", UserStatus: "CONFIRMED" }] },
        }, "PaginationToken") });
        const users = await sdkCognitoCalls(sdk.load).usersWithEmail("pool", `a"b\\c@x.example`);
        const input = { UserPoolId: "pool", Filter: `email = "a\\"b\\\\c@x.example"`, AttributesToGet: ["email", "email_verified"], Limit: 60 };
        assert.deepStrictEqual(sdk.sent, [{ command: "ListUsersCommand", input: { ...input, PaginationToken: undefined } }, { command: "ListUsersCommand", input: { ...input, PaginationToken: "p2" } }]);
        assert.deepStrictEqual(users, [
            { username: "u1", status: "CONFIRMED", email: "A@x.example", emailVerified: true, enabled: true },
            { username: "google_2", status: "EXTERNAL_PROVIDER", email: undefined, emailVerified: false, enabled: false },
            { username: "u3", status: "CONFIRMED", email: undefined, emailVerified: false, enabled: false },
        ], "a user without Enabled counts as disabled");
    });

    it("links the provider identity to the native user", async () => {
        const sdk = fakeSdk();
        await sdkCognitoCalls(sdk.load).linkProviderUser("pool", "native-1", "Google", "1098");
        assert.deepStrictEqual(sdk.sent[0].input, {
            UserPoolId: "pool",
            DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "native-1" },
            SourceUser: { ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "1098" },
        });
    });

    it("adds to a group and lists every page of a user's groups", async () => {
        const sdk = fakeSdk({ AdminListGroupsForUserCommand: paged({ "": { Groups: [{ GroupName: "readers" }], NextToken: "n2" }, n2: { Groups: [{ GroupName: "admins" }] } }, "NextToken") });
        const calls = sdkCognitoCalls(sdk.load);
        await calls.addUserToGroup("pool", "u1", "readers");
        assert.deepStrictEqual(await calls.groupsOf("pool", "u1"), ["readers", "admins"]);
        assert.deepStrictEqual(sdk.sent.map((s) => s.command), ["AdminAddUserToGroupCommand", "AdminListGroupsForUserCommand", "AdminListGroupsForUserCommand"]);
        assert.deepStrictEqual(sdk.sent[0].input, { UserPoolId: "pool", Username: "u1", GroupName: "readers" });
        assert.deepStrictEqual(sdk.sent[2].input, { UserPoolId: "pool", Username: "u1", Limit: 60, NextToken: "n2" });
        assert.strictEqual(sdk.loads(), 1, "the SDK is loaded once");
    });

    describe("client names", () => {
        const listing = paged({
            "": { UserPoolClients: [{ ClientId: "c1", ClientName: "admin", UserPoolId: "pool" }], NextToken: "t2" },
            t2: { UserPoolClients: [{ ClientId: "c2", ClientName: "web", UserPoolId: "pool" }] },
        }, "NextToken");

        it("lists the pool's clients (every page, never a secret) once per container and pool", async () => {
            const sdk = fakeSdk({ ListUserPoolClientsCommand: listing });
            const calls = sdkCognitoCalls(sdk.load);
            assert.deepStrictEqual(await Promise.all([calls.clientName("pool", "c1"), calls.clientName("pool", "c2"), calls.clientName("pool", "c1")]), ["admin", "web", "admin"]);
            assert.deepStrictEqual(sdk.sent, [
                { command: "ListUserPoolClientsCommand", input: { UserPoolId: "pool", MaxResults: 60, NextToken: undefined } },
                { command: "ListUserPoolClientsCommand", input: { UserPoolId: "pool", MaxResults: 60, NextToken: "t2" } },
            ]);
            await calls.clientName("other-pool", "c1");
            assert.deepStrictEqual(sdk.sent.slice(2).map((s) => s.input.UserPoolId), ["other-pool", "other-pool"], "another pool has its own listing");
        });

        it("lists again for a client created since, and answers undefined for one the pool does not have", async () => {
            let clients = [{ ClientId: "c1", ClientName: "admin" }];
            const sdk = fakeSdk({ ListUserPoolClientsCommand: () => ({ UserPoolClients: clients }) });
            const calls = sdkCognitoCalls(sdk.load);
            assert.strictEqual(await calls.clientName("pool", "c1"), "admin");
            clients = [...clients, { ClientId: "c9", ClientName: "kiosk" }];
            assert.strictEqual(await calls.clientName("pool", "c9"), "kiosk");
            assert.strictEqual(await calls.clientName("pool", "nope"), undefined);
            assert.strictEqual(sdk.sent.length, 3, "one listing, then one for each id it lacked");
        });

        it("rejects when the listing fails, and lists again at the next call", async () => {
            let failures = 1;
            const sdk = fakeSdk({ ListUserPoolClientsCommand: (input: any) => {
                if (failures-- > 0) throw Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException" });
                return listing(input);
            } });
            const calls = sdkCognitoCalls(sdk.load);
            await assert.rejects(calls.clientName("pool", "c1"), { name: "TooManyRequestsException" });
            assert.strictEqual(await calls.clientName("pool", "c1"), "admin");
        });
    });

    it("does not load the SDK until a call needs it", () => {
        const sdk = fakeSdk();
        sdkCognitoCalls(sdk.load);
        assert.strictEqual(sdk.loads(), 0);
    });
});

describe("the old pool's calls (user migration) through the SDK", () => {
    const source = { userPoolId: "eu-west-1_OldPool", clientId: "oldclient" };
    const failing = (name: string, message: string) => () => Promise.reject(Object.assign(new Error(message), { name }));

    it("checks a password with one short attempt in the old pool's region, and reads a challenge or a wrong password as not accepted", async () => {
        const accepted = fakeSdk({ AdminInitiateAuthCommand: { AuthenticationResult: { AccessToken: "t" } } });
        assert.strictEqual(await sdkSourcePoolCalls(source, accepted.load).passwordAccepted("amal", "pw"), true);
        assert.deepStrictEqual(accepted.sent, [{ command: "AdminInitiateAuthCommand", input: { UserPoolId: "eu-west-1_OldPool", ClientId: "oldclient", AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "amal", PASSWORD: "pw" } } }]);
        assert.deepStrictEqual(accepted.clients, [{ maxAttempts: 1, region: "eu-west-1", requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } }]);
        assert.strictEqual(await sdkSourcePoolCalls(source, fakeSdk({ AdminInitiateAuthCommand: { ChallengeName: "SOFTWARE_TOKEN_MFA" } }).load).passwordAccepted("amal", "pw"), false);
        for (const name of ["NotAuthorizedException", "UserNotFoundException", "UserNotConfirmedException", "PasswordResetRequiredException"]) {
            assert.strictEqual(await sdkSourcePoolCalls(source, fakeSdk({ AdminInitiateAuthCommand: failing(name, "Incorrect username or password.") }).load).passwordAccepted("amal", "pw"), false, name);
        }
    });

    it("reports a source client with a secret as a configuration error, and lets other failures through", async () => {
        await assert.rejects(sdkSourcePoolCalls(source, fakeSdk({ AdminInitiateAuthCommand: failing("NotAuthorizedException", "Unable to verify secret hash for client oldclient") }).load).passwordAccepted("amal", "pw"), { name: "MisconfiguredSourceClient" });
        await assert.rejects(sdkSourcePoolCalls(source, fakeSdk({ AdminInitiateAuthCommand: failing("TooManyRequestsException", "Rate exceeded") }).load).passwordAccepted("amal", "pw"), { name: "TooManyRequestsException" });
    });

    it("reads a user (undefined when the old pool has none) and every page of their groups", async () => {
        const sdk = fakeSdk({
            AdminGetUserCommand: { Username: "a1", Enabled: true, UserStatus: "CONFIRMED", UserAttributes: [{ Name: "email", Value: "a@x.example" }] },
            AdminListGroupsForUserCommand: paged({ "": { Groups: [{ GroupName: "editors" }], NextToken: "g2" }, g2: { Groups: [{ GroupName: "readers" }] } }, "NextToken"),
        });
        const calls = sdkSourcePoolCalls(source, sdk.load);
        assert.deepStrictEqual(await calls.user("a@x.example"), { username: "a1", attributes: { email: "a@x.example" }, enabled: true, status: "CONFIRMED" });
        assert.deepStrictEqual(await calls.groupsOf("a1"), ["editors", "readers"]);
        assert.strictEqual(sdk.loads(), 1, "one SDK load for every call");
        assert.strictEqual(await sdkSourcePoolCalls(source, fakeSdk({ AdminGetUserCommand: failing("UserNotFoundException", "User does not exist.") }).load).user("nobody"), undefined);
    });

    it("tells when a user of this pool was created, undefined when there is none", async () => {
        const created = new Date("2026-11-28T10:00:00Z");
        assert.deepStrictEqual(await sdkCognitoCalls(fakeSdk({ AdminGetUserCommand: { UserCreateDate: created } }).load).createdAt("pool", "u1"), created);
        assert.strictEqual(await sdkCognitoCalls(fakeSdk({ AdminGetUserCommand: failing("UserNotFoundException", "User does not exist.") }).load).createdAt("pool", "u1"), undefined);
    });
});
