// The calls the migration triggers make on the pool users move from (another pool of this account,
// possibly in another region): check a password, read a user, read a user's groups. Bounded: one
// attempt each, two seconds at most, so a migration answers well inside Cognito's 5 seconds.
import { groupNamesOf, isNamed, lazyClient, loadSdk, type Sdk } from "./cognito";

export interface SourceUser {
    readonly username: string;
    readonly attributes: Readonly<Record<string, string>>;
    readonly enabled: boolean;
    readonly status: string | undefined;
}

export interface SourcePoolCalls {
    /** True when the source pool signs the user in with this password, without a further challenge. */
    passwordAccepted(username: string, password: string): Promise<boolean>;
    /** The user, or undefined when the source pool has none by that name. */
    user(username: string): Promise<SourceUser | undefined>;
    groupsOf(username: string): Promise<string[]>;
}

export interface SourcePool {
    readonly userPoolId: string;
    /** A client of the source pool that allows ALLOW_ADMIN_USER_PASSWORD_AUTH. */
    readonly clientId: string;
}

/** A pool id starts with its region: eu-central-1_AbC123. */
export const regionOfPool = (userPoolId: string) => userPoolId.split("_")[0];

export function sdkSourcePoolCalls(source: SourcePool, load: () => Promise<Sdk> = loadSdk): SourcePoolCalls {
    // One attempt: the old pool may be in another region, and the user waits on every call.
    const connect = lazyClient(load, { maxAttempts: 1, region: regionOfPool(source.userPoolId) });
    return {
        async passwordAccepted(username, password) {
            const { sdk, client } = await connect();
            try {
                const reply = await client.send(new sdk.AdminInitiateAuthCommand({ UserPoolId: source.userPoolId, ClientId: source.clientId, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));
                // A challenge (new password, MFA) means the old pool would not let them in on the password alone.
                return reply.AuthenticationResult !== undefined && reply.ChallengeName === undefined;
            } catch (error) {
                // A client with a secret cannot check passwords this way: a configuration error, not a wrong password.
                if (isNamed(error, "NotAuthorizedException") && /secret hash/i.test((error as Error).message)) throw Object.assign(new Error("sourceClientId has a client secret"), { name: "MisconfiguredSourceClient" });
                if (isNamed(error, "NotAuthorizedException", "UserNotFoundException", "UserNotConfirmedException", "PasswordResetRequiredException", "InvalidPasswordException")) return false;
                throw error;
            }
        },
        async user(username) {
            const { sdk, client } = await connect();
            try {
                const u = await client.send(new sdk.AdminGetUserCommand({ UserPoolId: source.userPoolId, Username: username }));
                return {
                    username: u.Username ?? username,
                    attributes: Object.fromEntries((u.UserAttributes ?? []).map((a) => [a.Name ?? "", a.Value ?? ""])),
                    enabled: u.Enabled === true,
                    status: u.UserStatus,
                };
            } catch (error) {
                if (isNamed(error, "UserNotFoundException")) return undefined;
                throw error;
            }
        },
        async groupsOf(username) {
            const { sdk, client } = await connect();
            return groupNamesOf(sdk, client, source.userPoolId, username);
        },
    };
}
