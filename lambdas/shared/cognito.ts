// The Cognito calls triggers make, behind an interface that tests replace. The SDK (v3, provided
// by the Lambda runtime and kept out of the bundles) is loaded on first use only, so handlers that
// never call AWS start without it.
export interface NativeUser {
    readonly username: string;
    readonly status: string | undefined;
    readonly emailVerified: boolean;
}

export interface CognitoCalls {
    usersWithEmail(userPoolId: string, email: string): Promise<NativeUser[]>;
    linkProviderUser(userPoolId: string, nativeUsername: string, providerName: string, providerUserId: string): Promise<void>;
    addUserToGroup(userPoolId: string, username: string, group: string): Promise<void>;
    groupsOf(userPoolId: string, username: string): Promise<string[]>;
    clientName(userPoolId: string, clientId: string): Promise<string | undefined>;
}

type Sdk = typeof import("@aws-sdk/client-cognito-identity-provider");

// require, not import(): the runtime's SDK is found through NODE_PATH, which import() ignores.
const loadSdk = async (): Promise<Sdk> => require("@aws-sdk/client-cognito-identity-provider");

export function sdkCognitoCalls(load: () => Promise<Sdk> = loadSdk): CognitoCalls {
    let client: Promise<{ sdk: Sdk; client: InstanceType<Sdk["CognitoIdentityProviderClient"]> }> | undefined;
    const connect = () => (client ??= load().then((sdk) => ({ sdk, client: new sdk.CognitoIdentityProviderClient({
        // Cognito gives a trigger 5 s in all: two short attempts at most.
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
    }) })));
    const clientNames = new Map<string, Promise<string | undefined>>();
    return {
        async usersWithEmail(userPoolId, email) {
            const { sdk, client: c } = await connect();
            const escaped = email.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
            const result = await c.send(new sdk.ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${escaped}"`, Limit: 10 }));
            return (result.Users ?? []).map((u) => ({
                username: u.Username ?? "",
                status: u.UserStatus,
                emailVerified: u.Attributes?.some((a) => a.Name === "email_verified" && a.Value === "true") ?? false,
            }));
        },
        async linkProviderUser(userPoolId, nativeUsername, providerName, providerUserId) {
            const { sdk, client: c } = await connect();
            await c.send(new sdk.AdminLinkProviderForUserCommand({
                UserPoolId: userPoolId,
                DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: nativeUsername },
                SourceUser: { ProviderName: providerName, ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: providerUserId },
            }));
        },
        async addUserToGroup(userPoolId, username, group) {
            const { sdk, client: c } = await connect();
            await c.send(new sdk.AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
        },
        async groupsOf(userPoolId, username) {
            const { sdk, client: c } = await connect();
            const result = await c.send(new sdk.AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username, Limit: 60 }));
            return (result.Groups ?? []).map((g) => g.GroupName ?? "");
        },
        clientName(userPoolId, clientId) {
            // Client names do not change while a container lives: ask once per client.
            const key = `${userPoolId}/${clientId}`;
            if (!clientNames.has(key)) {
                clientNames.set(key, connect().then(({ sdk, client: c }) =>
                    c.send(new sdk.DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })).then((r) => r.UserPoolClient?.ClientName)));
                clientNames.get(key)!.catch(() => clientNames.delete(key));
            }
            return clientNames.get(key)!;
        },
    };
}
