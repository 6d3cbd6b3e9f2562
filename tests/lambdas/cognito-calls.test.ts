// The SDK adapter, with a stand-in SDK module: which commands go out with which parameters.
import * as assert from "assert";
import { sdkCognitoCalls } from "../../lambdas/shared/cognito";

function fakeSdk(responses: Record<string, unknown> = {}) {
    const sent: { command: string; input: any }[] = [];
    const command = (name: string) => class { constructor(readonly input: unknown) {} static commandName = name; };
    const sdk: any = {
        CognitoIdentityProviderClient: class { send(c: any) { sent.push({ command: c.constructor.commandName, input: c.input }); return Promise.resolve(responses[c.constructor.commandName] ?? {}); } },
    };
    for (const name of ["ListUsersCommand", "AdminLinkProviderForUserCommand", "AdminAddUserToGroupCommand", "AdminListGroupsForUserCommand", "DescribeUserPoolClientCommand"]) sdk[name] = command(name);
    let loads = 0;
    return { sent, load: () => { loads += 1; return Promise.resolve(sdk); }, loads: () => loads };
}

describe("Cognito calls through the SDK", () => {
    it("finds users by email with an escaped filter and reads their verification", async () => {
        const sdk = fakeSdk({ ListUsersCommand: { Users: [{ Username: "u1", UserStatus: "CONFIRMED", Attributes: [{ Name: "email_verified", Value: "true" }] }, { Username: "google_2", UserStatus: "EXTERNAL_PROVIDER" }] } });
        const users = await sdkCognitoCalls(sdk.load).usersWithEmail("pool", `a"b\\c@x.example`);
        assert.deepStrictEqual(sdk.sent, [{ command: "ListUsersCommand", input: { UserPoolId: "pool", Filter: `email = "a\\"b\\\\c@x.example"`, Limit: 10 } }]);
        assert.deepStrictEqual(users, [{ username: "u1", status: "CONFIRMED", emailVerified: true }, { username: "google_2", status: "EXTERNAL_PROVIDER", emailVerified: false }]);
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

    it("adds to a group, lists groups, and asks a client's name once per container", async () => {
        const sdk = fakeSdk({ AdminListGroupsForUserCommand: { Groups: [{ GroupName: "admins" }] }, DescribeUserPoolClientCommand: { UserPoolClient: { ClientName: "admin" } } });
        const calls = sdkCognitoCalls(sdk.load);
        await calls.addUserToGroup("pool", "u1", "readers");
        assert.deepStrictEqual(await calls.groupsOf("pool", "u1"), ["admins"]);
        assert.deepStrictEqual([await calls.clientName("pool", "c1"), await calls.clientName("pool", "c1")], ["admin", "admin"]);
        assert.deepStrictEqual(sdk.sent.map((s) => s.command), ["AdminAddUserToGroupCommand", "AdminListGroupsForUserCommand", "DescribeUserPoolClientCommand"]);
        assert.deepStrictEqual(sdk.sent[0].input, { UserPoolId: "pool", Username: "u1", GroupName: "readers" });
        assert.strictEqual(sdk.loads(), 1, "the SDK is loaded once");
    });

    it("does not load the SDK until a call needs it", () => {
        const sdk = fakeSdk();
        sdkCognitoCalls(sdk.load);
        assert.strictEqual(sdk.loads(), 0);
    });
});
