// Restore's work on the target pool. What the pool already has is read once (its groups, users and
// each group's members: a few paged lists, not a call per user), then each exported user takes
// three steps, each skipped when already done: create (AdminCreateUser, no invitation), join their
// groups, disable. A run stopped anywhere is completed by the next, which finds the finished steps.
// Groups and the disabled state go only to accounts restore made (its journal says which, by sub) or
// to a confirmed native account that is the exported user itself (same sub): never to an account
// that merely shares the address or the username (someone's unconfirmed sign-up, a Google account).
import type * as sdk from "@aws-sdk/client-cognito-identity-provider";
import type { Page } from "../client";
import type { Context } from "../command";
import { failure, UsersError } from "../errors";
import { masked } from "../text";
import { isFederated, type ExportedUser } from "./format";
import type { RestoreJournal } from "./journal";
import { eachLimited, patiently, Ticker } from "./pace";
import type { ExportFolder } from "./read-export";

export interface Tally {
    created: number;
    present: number;
    /** Federated users (Cognito makes them again at their sign-in), and users without the address the pool signs in with. */
    federated: number;
    noSignInName: number;
    /** Exported users whose sign-in name another exported user already took here: never merged into that account. */
    sameSignInName: { address: string; kept: string; skipped: string }[];
    /** Accounts of the pool with an exported user's address that restore neither made nor can tie to that user: nothing added, nothing disabled. */
    leftAlone: { address: string; exported: string; why: string }[];
    groupsCreated: string[];
    membershipsAdded: number;
    /** Memberships of a group neither the pool nor the export has (an incomplete export). */
    membershipsSkipped: number;
    disabled: number;
    /** Exported groups whose IAM role the target's group lacks (without --with-roles). */
    rolesNotRestored: { group: string; roleArn: string }[];
    /** Users the run got through (all steps done or skipped). */
    done: number;
}

interface TargetUser {
    readonly username: string;
    readonly enabled: boolean;
    readonly status?: string;
    readonly sub?: string;
}

/** Cognito makes these itself, or refuses them in AdminCreateUser. */
const notWritable = (name: string) => name === "sub" || name === "identities" || name.startsWith("cognito:");

export interface RestoreOptions {
    readonly withRoles: boolean;
    readonly concurrency: number;
    /** Attributes not carried, with the reason (see restore.ts). */
    readonly leaveBehind: ReadonlyMap<string, string>;
    readonly journal: RestoreJournal;
}

export class RestoreRun {
    readonly tally: Tally = { created: 0, present: 0, federated: 0, noSignInName: 0, sameSignInName: [], leftAlone: [], groupsCreated: [], membershipsAdded: 0, membershipsSkipped: 0, disabled: 0, rolesNotRestored: [], done: 0 };
    private signInWith: readonly string[] = [];
    /** Target users by username, and by sign-in address (lower case) in a pool that signs in with one. */
    private readonly users = new Map<string, TargetUser>();
    /** Group name -> the target usernames in it; only groups the pool has. */
    private readonly members = new Map<string, Set<string>>();
    private readonly ticker: Ticker;

    constructor(private readonly context: Context, private readonly backup: ExportFolder, private readonly options: RestoreOptions) {
        this.ticker = new Ticker(context.note, context.pace.progressEveryMs);
    }

    /** The attributes to create the user with: as exported (email_verified "true" only where it was), less those Cognito sets and those left behind. */
    private writableAttributes(user: ExportedUser): sdk.AttributeType[] {
        return Object.entries(user.attributes).filter(([name]) => !notWritable(name) && !this.options.leaveBehind.has(name)).map(([Name, Value]) => ({ Name, Value }));
    }

    private patiently<T>(what: string, call: () => Promise<T>): Promise<T> {
        return patiently(this.context.pace, this.context.note, what, call);
    }

    async run(): Promise<Tally> {
        const pool = await this.patiently("DescribeUserPool", () => this.context.api.describePool());
        this.signInWith = pool.UsernameAttributes ?? [];
        this.checkSchema(pool);
        await this.groups();
        await this.eachListed("ListUsers", (token) => this.context.api.usersPage(token), (user) => this.remember(user));
        const total = this.backup.users.length;
        await eachLimited(this.backup.users, this.options.concurrency, async (user) => {
            await this.restore(user);
            this.tally.done++;
            this.ticker.tick(() => `restore: ${this.tally.done} of ${total} users`);
        });
        return this.tally;
    }

    /** Every item of a paged list, page by page: a throttled page is asked again, not the pages before it. */
    private async eachListed<T>(what: string, page: (token?: string) => Promise<Page<T>>, each: (item: T) => void): Promise<void> {
        let token: string | undefined;
        do {
            const { items, next } = await this.patiently(what, () => page(token));
            items.forEach(each);
            token = next;
        } while (token);
    }

    /** Fails before any change when the pool lacks an attribute the users have (AdminCreateUser would refuse each). */
    private checkSchema(pool: sdk.UserPoolType): void {
        const known = new Set((pool.SchemaAttributes ?? []).map((a) => a.Name));
        if (!known.size) return;
        const missing = [...new Set(this.backup.users.flatMap((u) => this.writableAttributes(u).map((a) => a.Name ?? "")))].filter((name) => !known.has(name));
        if (missing.length) throw failure(`pool ${this.context.api.pool.poolId} has no attribute ${missing.join(", ")}, which exported users have`, "declare it in the stack (userPool.customAttributes), deploy, and restore again");
    }

    /** Creates the exported groups the pool lacks, and reads the members of those it has. */
    private async groups(): Promise<void> {
        const { api } = this.context;
        const existing = new Map((await this.patiently("ListGroups", () => api.listGroups())).map((g) => [g.GroupName ?? "", g]));
        for (const group of this.backup.groups) {
            const there = existing.get(group.name);
            const role = this.options.withRoles ? group.roleArn : undefined;
            if (group.roleArn && (there ? there.RoleArn : role) !== group.roleArn) this.tally.rolesNotRestored.push({ group: group.name, roleArn: group.roleArn });
            if (there) {
                const members = new Set<string>();
                await this.eachListed("ListUsersInGroup", (token) => api.membersPage(group.name, token), (u) => members.add(u.Username ?? ""));
                this.members.set(group.name, members);
                continue;
            }
            await this.patiently("CreateGroup", () => api.createGroup({ GroupName: group.name, Description: group.description, Precedence: group.precedence, RoleArn: role }));
            this.tally.groupsCreated.push(group.name);
            this.members.set(group.name, new Set());
        }
    }

    /** Sign-in name (lower case) -> the exported username restored under it, in this run. */
    private readonly claims = new Map<string, string>();

    private remember(user: Pick<sdk.UserType, "Username" | "Enabled" | "Attributes" | "UserStatus">): TargetUser {
        const sub = user.Attributes?.find((a) => a.Name === "sub")?.Value;
        const target = { username: user.Username ?? "", enabled: user.Enabled ?? true, status: user.UserStatus, sub };
        this.users.set(target.username, target);
        for (const attribute of user.Attributes ?? []) {
            if (this.signInWith.includes(attribute.Name ?? "") && attribute.Value) this.users.set(attribute.Value.toLowerCase(), target);
        }
        return target;
    }

    /** What AdminCreateUser takes as Username: the address in a pool that signs in with one, else the username. */
    private signInName(user: ExportedUser): string | undefined {
        if (!this.signInWith.length) return user.username;
        return this.signInWith.map((attribute) => user.attributes[attribute]).find(Boolean);
    }

    private async restore(user: ExportedUser): Promise<void> {
        if (isFederated(user)) return void this.tally.federated++;
        const name = this.signInName(user);
        if (!name) return void this.tally.noSignInName++;
        // Two exported users with one address (a pool that signed in by username) must not become one
        // account here, with both people's groups: the first in the export keeps it, the next is reported.
        // Claimed before any call, so users restored side by side cannot both take it.
        const claimedBy = this.claims.get(name.toLowerCase());
        if (claimedBy !== undefined && claimedBy !== user.username) return void this.tally.sameSignInName.push({ address: masked(name), kept: claimedBy, skipped: user.username });
        this.claims.set(name.toLowerCase(), user.username);
        const found = this.users.get(name) ?? this.users.get(name.toLowerCase());
        const { target, created } = found ? { target: found, created: false } : await this.create(user, name);
        if (!created) {
            const why = this.notTheirs(target, user);
            if (why) return void this.tally.leftAlone.push({ address: masked(name), exported: user.username, why });
            this.tally.present++;
        }
        const { api } = this.context;
        const about = { user: name };
        for (const group of this.backup.groupsOf.get(user.username) ?? []) {
            const members = this.members.get(group);
            if (!members) {
                this.tally.membershipsSkipped++;
            } else if (!members.has(target.username)) {
                await this.patiently("AdminAddUserToGroup", () => api.addToGroup(target.username, group, about));
                members.add(target.username);
                this.tally.membershipsAdded++;
            }
        }
        if (!user.enabled && target.enabled) {
            await this.patiently("AdminDisableUser", () => api.disable(target.username, about));
            this.tally.disabled++;
        }
    }

    /**
     * Why an account the pool already has must not get this exported user's groups or state, or
     * undefined when it may: restore made it, or it is the same native user, whatever its status
     * (Cognito never gives a sub twice); only a sub proves either (the journal's, the export's). A username proves nothing: in a pool where people
     * choose theirs, anyone may have registered the exported one first, or one restore made and an
     * administrator deleted since.
     */
    private notTheirs(target: TargetUser, user: ExportedUser): string | undefined {
        const { journal } = this.options;
        if (journal.made(target)) return undefined;
        if (target.status !== "EXTERNAL_PROVIDER" && target.sub !== undefined && target.sub === user.attributes.sub) return undefined;
        const doubt = journal.doubt(target);
        if (doubt) return doubt;
        if (target.status === "EXTERNAL_PROVIDER") return "a federated account (an identity provider's user), not one restore made";
        if (target.status !== "CONFIRMED") return `a ${target.status ?? "status-less"} account restore did not make (an unfinished sign-up or an invitation)`;
        return "a confirmed account restore did not make, whose sub differs from the exported user's";
    }

    private async create(user: ExportedUser, name: string): Promise<{ target: TargetUser; created: boolean }> {
        const { api } = this.context;
        const input = { Username: name, UserAttributes: this.writableAttributes(user), MessageAction: "SUPPRESS" as const };
        try {
            const { User } = await this.patiently("AdminCreateUser", () => api.createUser(input, { user: name }));
            // The journal knows the account by its sub: an answer without one is completed at once.
            const made = User?.Attributes?.some((a) => a.Name === "sub" && a.Value) ? User : await this.fetch(User?.Username ?? name, name);
            const target = this.remember(made);
            this.options.journal.record(user.username, target);
            this.tally.created++;
            return { target, created: true };
        } catch (error) {
            // Made meanwhile, by someone else or under another name the pool matches (an alias): judged like any account found.
            if (!(error instanceof UsersError && error.aws === "UsernameExistsException")) throw error;
            return { target: this.remember(await this.fetch(name, name)), created: false };
        }
    }

    /** The account as AdminGetUser shows it, in ListUsers' shape. */
    private async fetch(username: string, name: string): Promise<sdk.UserType> {
        const existing = await this.patiently("AdminGetUser", () => this.context.api.getUser(username, { user: name }));
        return { ...existing, Attributes: existing.UserAttributes };
    }
}
