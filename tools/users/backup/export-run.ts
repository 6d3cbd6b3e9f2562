// The export's phases, each resuming from the cursor: users page by page (with each user's MFA
// settings, a call per user, a few at a time), the groups, each group's members page by page, and
// last the derived files: import.csv, then manifest.json. After every page the lines are appended
// and fsync-ed first, then the cursor is saved; see cursor.ts for how a rerun continues.
import * as path from "path";
import type * as sdk from "@aws-sdk/client-cognito-identity-provider";
import type { Context } from "../command";
import { UsersError, whatWentWrong } from "../errors";
import { saveCursor, type Cursor } from "./cursor";
import { csvHeaderLine, importHeader, importRow, type CsvHeader, type RowFindings } from "./csv";
import { appendJsonLines, eachJsonLine, exists, readJson, remove, truncateTo, writeJson, writePrivateLines } from "./files";
import { exportedGroup, exportedUser, files, formatName, formatVersion, isFederated, type ExportedGroup, type ExportedUser, type Manifest, type Membership } from "./format";
import { eachLimited, patiently, Ticker } from "./pace";
import { masked } from "../text";

export interface Finished {
    readonly manifest: Manifest;
    readonly header: CsvHeader;
    /** Users left out of import.csv: federated ones, whom Cognito makes again at their sign-in. */
    readonly federated: number;
    /** Disabled users left out of import.csv: the import job has no disabled state and would bring them back enabled. */
    readonly disabled: number;
    /** Users of import.csv whose row has each finding, by their masked address. */
    readonly csvFindings: Readonly<Record<keyof RowFindings, readonly string[]>>;
}

/** How a warning names a user: the address masked, else the username masked. */
const whoIs = (user: ExportedUser) => masked(user.attributes.email || user.attributes.phone_number || user.username);

/** The saved page token no longer works: continuing is impossible, so the message says to start over. */
export class StaleCursor extends UsersError {}

export class ExportRun {
    private readonly ticker: Ticker;

    constructor(private readonly context: Context, private readonly folder: string, private cursor: Cursor, private readonly concurrency: number) {
        this.ticker = new Ticker(context.note, context.pace.progressEveryMs);
    }

    get progress(): Cursor {
        return this.cursor;
    }

    async run(): Promise<Finished> {
        await this.users();
        await this.groups();
        await this.memberships();
        return this.finish();
    }

    private file(name: keyof typeof files): string {
        return path.join(this.folder, files[name]);
    }

    private save(cursor: Cursor): void {
        this.cursor = cursor;
        saveCursor(this.folder, cursor);
    }

    private patiently<T>(what: string, call: () => Promise<T>): Promise<T> {
        return patiently(this.context.pace, this.context.note, what, call);
    }

    private async users(): Promise<void> {
        if (this.cursor.phase !== "users") return;
        const file = this.file("users");
        truncateTo(file, this.cursor.users.bytes);
        // Cognito's pages are not a snapshot: a user can reappear on a later page when others change meanwhile.
        const seen = new Set<string>();
        if (exists(file)) for await (const user of eachJsonLine<ExportedUser>(file)) seen.add(user.username);
        while (this.cursor.phase === "users") {
            const { users } = this.cursor;
            const page = await this.patiently("ListUsers", () => this.context.api.usersPage(users.next)).catch((error: unknown) => {
                // AWS does not document how long a PaginationToken lives; one kept across days may be refused.
                if (!(users.next && error instanceof UsersError && error.aws === "InvalidParameterException")) throw error;
                throw new StaleCursor(`${whatWentWrong(error)}: the page token cursor.json saved no longer works; start the export over with --restart`);
            });
            const fresh = page.items.filter((u) => {
                const known = seen.has(u.Username ?? "");
                seen.add(u.Username ?? "");
                return !known;
            });
            const records = await this.withMfa(fresh);
            const bytes = appendJsonLines(file, records);
            const disabled = users.disabled + records.filter((r) => !r.enabled).length;
            this.save({ ...this.cursor, phase: page.next ? "users" : "groups", users: { next: page.next, pages: users.pages + 1, count: users.count + records.length, disabled, bytes } });
            this.ticker.tick(() => `export: ${this.cursor.users.count} users so far (page ${this.cursor.users.pages})`);
        }
    }

    /** The page's users with their MFA settings (AdminGetUser each), in the page's order. */
    private async withMfa(users: readonly sdk.UserType[]): Promise<ExportedUser[]> {
        if (!this.cursor.mfa) return users.map((u) => exportedUser(u));
        const details = new Map<sdk.UserType, sdk.AdminGetUserCommandOutput | undefined>();
        await eachLimited(users, this.concurrency, async (user) => {
            const username = user.Username ?? "";
            try {
                details.set(user, await this.patiently("AdminGetUser", () => this.context.api.getUser(username, { user: username })));
            } catch (error) {
                // Deleted since the page was read: kept as listed, without MFA settings.
                if (!(error instanceof UsersError && error.aws === "UserNotFoundException")) throw error;
            }
        });
        return users.map((u) => exportedUser(u, details.get(u)));
    }

    private async groups(): Promise<void> {
        if (this.cursor.phase !== "groups") return;
        const groups = (await this.patiently("ListGroups", () => this.context.api.listGroups())).map(exportedGroup);
        writeJson(this.file("groups"), groups);
        this.save({ ...this.cursor, phase: "memberships", groups: groups.length });
    }

    private async memberships(): Promise<void> {
        if (this.cursor.phase !== "memberships") return;
        const groups = readJson<ExportedGroup[]>(this.file("groups"));
        const file = this.file("memberships");
        truncateTo(file, this.cursor.memberships.bytes);
        appendJsonLines(file, []); // there, even when no group has members
        while (this.cursor.phase === "memberships") {
            const { memberships } = this.cursor;
            const group = groups[memberships.group]?.name;
            if (group === undefined) {
                this.save({ ...this.cursor, phase: "files" });
                break;
            }
            const page = await this.patiently("ListUsersInGroup", () => this.context.api.membersPage(group, memberships.next));
            const lines: Membership[] = page.items.map((u) => ({ group, username: u.Username ?? "" }));
            const bytes = appendJsonLines(file, lines);
            const next = { next: page.next, group: page.next ? memberships.group : memberships.group + 1, pages: memberships.pages + 1, count: memberships.count + lines.length, bytes };
            this.save({ ...this.cursor, memberships: next });
            this.ticker.tick(() => `export: members of group ${memberships.group + 1} of ${groups.length} (${group})`);
        }
    }

    private async finish(): Promise<Finished> {
        const pool = await this.patiently("DescribeUserPool", () => this.context.api.describePool());
        const header = await this.patiently("GetCSVHeader", () => importHeader(this.context.api, pool));
        let federated = 0;
        let disabled = 0;
        const csvFindings = { formula: [] as string[], tooLong: [] as string[], altered: [] as string[] };
        const usersFile = this.file("users");
        async function* rows() {
            yield csvHeaderLine(header.columns);
            for await (const user of eachJsonLine<ExportedUser>(usersFile)) {
                if (isFederated(user)) federated++;
                else if (user.enabled === false) disabled++;
                else {
                    const { row, findings } = importRow(user, header.columns, pool.MfaConfiguration);
                    for (const finding of Object.keys(csvFindings) as (keyof RowFindings)[]) if (findings[finding]) csvFindings[finding].push(whoIs(user));
                    yield row;
                }
            }
        }
        await writePrivateLines(this.file("csv"), rows());
        const { api } = this.context;
        const { cursor } = this;
        const manifest: Manifest = {
            format: formatName, version: formatVersion, poolId: api.pool.poolId, region: api.pool.region,
            startedAt: cursor.startedAt, finishedAt: new Date().toISOString(),
            usernameAttributes: pool.UsernameAttributes ?? [], mfa: cursor.mfa ? "read" : "skipped", csvHeader: header.from,
            counts: { users: cursor.users.count, disabled: cursor.users.disabled, groups: cursor.groups, memberships: cursor.memberships.count },
        };
        // Last: its presence says the folder is complete; the cursor has nothing left to say.
        writeJson(this.file("manifest"), manifest);
        remove(this.file("cursor"));
        return { manifest, header, federated, disabled, csvFindings };
    }
}
