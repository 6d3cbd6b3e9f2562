// The Cognito calls the commands make, each through `call`, which turns an SDK error into the one
// line the administrator reads (aws-errors.ts). The client is injectable: tests give a stub for the
// actions the sandbox's emulator lacks (AdminResetUserPassword).
import * as sdk from "@aws-sdk/client-cognito-identity-provider";
import { explainAwsError, type CallContext } from "./aws-errors";
import type { PoolLocation } from "./pool";

/** What the commands need of a client: `send`, as CognitoIdentityProviderClient has it. */
export interface CognitoSender {
    send(command: { readonly input: object }): Promise<object>;
}

export interface ClientSettings {
    readonly region: string;
    readonly endpoint?: string;
    readonly sandbox: boolean;
    /**
     * Attempts per call, for the commands that make thousands (export, restore): throttling is then
     * expected rather than exceptional, and the SDK's adaptive mode also slows its own sending rate.
     */
    readonly maxAttempts?: number;
}

export function createClient(settings: ClientSettings): sdk.CognitoIdentityProviderClient {
    return new sdk.CognitoIdentityProviderClient({
        region: settings.region,
        endpoint: settings.endpoint,
        // The emulator checks no signature; AWS gets the caller's credentials from the default chain.
        credentials: settings.sandbox ? { accessKeyId: "sandbox", secretAccessKey: "sandbox" } : undefined,
        ...(settings.maxAttempts && { maxAttempts: settings.maxAttempts, retryMode: "adaptive" }),
    });
}

type About = Omit<CallContext, "op" | "pool">;

/** An SDK command class; its name less "Command" is the Cognito action (and IAM permission). */
type CommandClass<I> = new (input: I) => { readonly input: object };

/** Cognito's pages hold at most 60 users or groups. */
const pageSize = 60;

/** One page of a paged list, and the token of the next (absent on the last). */
export interface Page<T> {
    readonly items: T[];
    readonly next?: string;
}

export class Api {
    constructor(private readonly client: CognitoSender, readonly pool: PoolLocation) {}

    private async call<I, O>(Command: CommandClass<I>, input: Omit<I, "UserPoolId">, about: About): Promise<O> {
        const op = Command.name.replace(/Command$/, "");
        try {
            return (await this.client.send(new Command({ ...input, UserPoolId: this.pool.poolId } as I))) as O;
        } catch (error) {
            throw explainAwsError(error, { op, pool: this.pool, ...about });
        }
    }

    /** Every item of a paged list, or the first `limit` (Cognito's own `Limit` is per page). */
    private async collect<T>(fetch: (limit: number, token?: string) => Promise<{ items?: T[]; next?: string }>, limit = Infinity): Promise<T[]> {
        const items: T[] = [];
        let token: string | undefined;
        do {
            const page = await fetch(Math.min(pageSize, limit - items.length), token);
            items.push(...(page.items ?? []));
            token = page.next;
        } while (token && items.length < limit);
        // The sandbox's emulator ignores Limit and answers with everything at once.
        return items.slice(0, limit);
    }

    /** The actions that take a pool and a username and answer nothing. */
    private userAction(Command: CommandClass<{ UserPoolId: string; Username: string }>, username: string, about: About): Promise<object> {
        return this.call(Command, { Username: username }, about);
    }

    getUser(username: string, about: About): Promise<sdk.AdminGetUserCommandOutput> {
        return this.call(sdk.AdminGetUserCommand, { Username: username }, about);
    }

    listUsers(filter: string | undefined, limit: number, about: About): Promise<sdk.UserType[]> {
        return this.collect(async (Limit, PaginationToken) => {
            const page = await this.call<sdk.ListUsersCommandInput, sdk.ListUsersCommandOutput>(sdk.ListUsersCommand, { Filter: filter, Limit, PaginationToken }, { ...about, filter });
            return { items: page.Users, next: page.PaginationToken };
        }, limit);
    }

    /** One page of every user (no filter): export's unit of progress, `token` its resumable cursor. */
    async usersPage(token: string | undefined): Promise<Page<sdk.UserType>> {
        const page = await this.call<sdk.ListUsersCommandInput, sdk.ListUsersCommandOutput>(sdk.ListUsersCommand, { Limit: pageSize, PaginationToken: token }, {});
        return { items: page.Users ?? [], next: page.PaginationToken };
    }

    async membersPage(group: string, token: string | undefined): Promise<Page<sdk.UserType>> {
        const input = { GroupName: group, Limit: pageSize, NextToken: token };
        const page = await this.call<sdk.ListUsersInGroupCommandInput, sdk.ListUsersInGroupCommandOutput>(sdk.ListUsersInGroupCommand, input, { group });
        return { items: page.Users ?? [], next: page.NextToken };
    }

    async describePool(): Promise<sdk.UserPoolType> {
        const { UserPool } = await this.call<sdk.DescribeUserPoolCommandInput, sdk.DescribeUserPoolCommandOutput>(sdk.DescribeUserPoolCommand, {}, {});
        return UserPool ?? {};
    }

    async csvHeader(): Promise<string[]> {
        const { CSVHeader } = await this.call<sdk.GetCSVHeaderCommandInput, sdk.GetCSVHeaderCommandOutput>(sdk.GetCSVHeaderCommand, {}, {});
        return CSVHeader ?? [];
    }

    createGroup(group: Omit<sdk.CreateGroupCommandInput, "UserPoolId">): Promise<object> {
        return this.call(sdk.CreateGroupCommand, group, { group: group.GroupName });
    }

    listGroups(): Promise<sdk.GroupType[]> {
        return this.collect(async (Limit, NextToken) => {
            const page = await this.call<sdk.ListGroupsCommandInput, sdk.ListGroupsCommandOutput>(sdk.ListGroupsCommand, { Limit, NextToken }, {});
            return { items: page.Groups, next: page.NextToken };
        });
    }

    groupsOf(username: string, about: About): Promise<sdk.GroupType[]> {
        return this.collect(async (Limit, NextToken) => {
            const input = { Username: username, Limit, NextToken };
            const page = await this.call<sdk.AdminListGroupsForUserCommandInput, sdk.AdminListGroupsForUserCommandOutput>(sdk.AdminListGroupsForUserCommand, input, about);
            return { items: page.Groups, next: page.NextToken };
        });
    }

    createUser(input: Omit<sdk.AdminCreateUserCommandInput, "UserPoolId">, about: About): Promise<sdk.AdminCreateUserCommandOutput> {
        return this.call(sdk.AdminCreateUserCommand, input, about);
    }

    addToGroup(username: string, group: string, about: About): Promise<object> {
        return this.call(sdk.AdminAddUserToGroupCommand, { Username: username, GroupName: group }, { ...about, group });
    }

    removeFromGroup(username: string, group: string, about: About): Promise<object> {
        return this.call(sdk.AdminRemoveUserFromGroupCommand, { Username: username, GroupName: group }, { ...about, group });
    }

    disable = (username: string, about: About) => this.userAction(sdk.AdminDisableUserCommand, username, about);
    enable = (username: string, about: About) => this.userAction(sdk.AdminEnableUserCommand, username, about);
    resetPassword = (username: string, about: About) => this.userAction(sdk.AdminResetUserPasswordCommand, username, about);
    signOut = (username: string, about: About) => this.userAction(sdk.AdminUserGlobalSignOutCommand, username, about);
    delete = (username: string, about: About) => this.userAction(sdk.AdminDeleteUserCommand, username, about);
}
