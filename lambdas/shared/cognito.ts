// The Cognito calls triggers make, behind an interface that tests replace. The SDK (v3, provided
// by the Lambda runtime and kept out of the bundles) is loaded on first use only, so handlers that
// never call AWS start without it.
export interface NativeUser {
    readonly username: string;
    readonly status: string | undefined;
    /** As stored: the caller compares it, the ListUsers filter alone is not trusted. */
    readonly email: string | undefined;
    readonly emailVerified: boolean;
    /** False when an administrator disabled the user (or ListUsers did not say). */
    readonly enabled: boolean;
}

export interface CognitoCalls {
    usersWithEmail(userPoolId: string, email: string): Promise<NativeUser[]>;
    linkProviderUser(userPoolId: string, nativeUsername: string, providerName: string, providerUserId: string): Promise<void>;
    addUserToGroup(userPoolId: string, username: string, group: string): Promise<void>;
    groupsOf(userPoolId: string, username: string): Promise<string[]>;
    /** When the user was created; undefined when the pool has no such user. */
    createdAt(userPoolId: string, username: string): Promise<Date | undefined>;
    /** The client's name, undefined when the pool has no such client. */
    clientName(userPoolId: string, clientId: string): Promise<string | undefined>;
}

export type Sdk = typeof import("@aws-sdk/client-cognito-identity-provider");
type Client = InstanceType<Sdk["CognitoIdentityProviderClient"]>;

// require, not import(): the runtime's SDK is found through NODE_PATH, which import() ignores.
export const loadSdk = async (): Promise<Sdk> => require("@aws-sdk/client-cognito-identity-provider");

/**
 * The SDK and one client, made at the first call only (a handler that never calls AWS never loads
 * the SDK). Cognito gives a trigger 5 s in all: short timeouts, and `maxAttempts` attempts.
 */
export function lazyClient(load: () => Promise<Sdk>, options: { maxAttempts: number; region?: string }): () => Promise<{ sdk: Sdk; client: Client }> {
    let connected: Promise<{ sdk: Sdk; client: Client }> | undefined;
    return () => (connected ??= load().then((sdk) => ({
        sdk,
        client: new sdk.CognitoIdentityProviderClient({ ...options, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } }),
    })));
}

/** Whether the SDK failed with one of these service errors (UserNotFoundException, ...). */
export const isNamed = (error: unknown, ...names: string[]) => error instanceof Error && names.includes(error.name);

/** Every group of a user, page by page. */
export async function groupNamesOf(sdk: Sdk, client: Client, userPoolId: string, username: string): Promise<string[]> {
    const groups: string[] = [];
    let token: string | undefined;
    do {
        const page = await client.send(new sdk.AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username, Limit: 60, NextToken: token }));
        groups.push(...(page.Groups ?? []).map((g) => g.GroupName ?? "").filter(Boolean));
        token = page.NextToken;
    } while (token);
    return groups;
}

/** Client id -> name for every client of the pool. ListUserPoolClients, unlike DescribeUserPoolClient, never returns a client secret. */
async function listClientNames(sdk: Sdk, client: Client, userPoolId: string): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    let token: string | undefined;
    do {
        const page = await client.send(new sdk.ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken: token }));
        for (const c of page.UserPoolClients ?? []) if (c.ClientId && c.ClientName) names.set(c.ClientId, c.ClientName);
        token = page.NextToken;
    } while (token);
    return names;
}

export function sdkCognitoCalls(load: () => Promise<Sdk> = loadSdk): CognitoCalls {
    // Two short attempts at most: this pool answers fast, and a retry still fits in the 5 s.
    const connect = lazyClient(load, { maxAttempts: 2 });
    // Client names do not change while a container lives: one listing per pool, kept until a
    // client id is missing from it (a client created since) or the listing fails.
    const clientLists = new Map<string, Promise<Map<string, string>>>();
    const clientList = (userPoolId: string) => {
        if (!clientLists.has(userPoolId)) {
            const listing = connect().then(({ sdk, client: c }) => listClientNames(sdk, c, userPoolId));
            clientLists.set(userPoolId, listing);
            listing.catch(() => clientLists.delete(userPoolId));
        }
        return clientLists.get(userPoolId)!;
    };
    return {
        async usersWithEmail(userPoolId, email) {
            const { sdk, client: c } = await connect();
            const escaped = email.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
            const users: NativeUser[] = [];
            let token: string | undefined;
            do {
                const page = await c.send(new sdk.ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${escaped}"`, AttributesToGet: ["email", "email_verified"], Limit: 60, PaginationToken: token }));
                for (const u of page.Users ?? []) {
                    const attribute = (name: string) => u.Attributes?.find((a) => a.Name === name)?.Value;
                    users.push({ username: u.Username ?? "", status: u.UserStatus, email: attribute("email"), emailVerified: attribute("email_verified") === "true", enabled: u.Enabled === true });
                }
                token = page.PaginationToken;
            } while (token);
            return users;
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
            return groupNamesOf(sdk, c, userPoolId, username);
        },
        async createdAt(userPoolId, username) {
            const { sdk, client: c } = await connect();
            try {
                return (await c.send(new sdk.AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))).UserCreateDate;
            } catch (error) {
                if (isNamed(error, "UserNotFoundException")) return undefined;
                throw error;
            }
        },
        async clientName(userPoolId, clientId) {
            const names = await clientList(userPoolId);
            if (names.has(clientId)) return names.get(clientId);
            clientLists.delete(userPoolId);
            return (await clientList(userPoolId)).get(clientId);
        },
    };
}
