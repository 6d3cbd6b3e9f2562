// What the commands print: lines for people (one user per line: username, email, status, enabled,
// and groups where they cost no extra call), or with --json one JSON document for programs.
// Passwords never appear: Cognito returns none, and the invitation's temporary password goes
// only to the user.
import type * as sdk from "@aws-sdk/client-cognito-identity-provider";
import { columns, printable } from "./text";

export interface UserView {
    readonly username: string;
    readonly email?: string;
    readonly status: string;
    readonly enabled: boolean;
    /** Every attribute Cognito returned, by name (`name`, `custom:edition`, `sub`). */
    readonly attributes: Readonly<Record<string, string>>;
    readonly created?: string;
    readonly modified?: string;
    /** AdminGetUser only: the MFA methods the user has set up. */
    readonly mfa?: readonly string[];
}

type Listed = Pick<sdk.UserType, "Username" | "Attributes" | "UserStatus" | "Enabled" | "UserCreateDate" | "UserLastModifiedDate">;

/** A user as ListUsers and AdminCreateUser return one. */
export function listedUser(user: Listed): UserView {
    const attributes = Object.fromEntries((user.Attributes ?? []).map((a) => [a.Name ?? "", a.Value ?? ""]));
    return {
        username: user.Username ?? "",
        email: attributes.email,
        status: user.UserStatus ?? "UNKNOWN",
        enabled: user.Enabled ?? true,
        attributes,
        created: user.UserCreateDate?.toISOString(),
        modified: user.UserLastModifiedDate?.toISOString(),
    };
}

/** A user as AdminGetUser returns one (attributes under another name, MFA settings besides). */
export function fetchedUser(user: sdk.AdminGetUserCommandOutput): UserView {
    const view = listedUser({ ...user, Attributes: user.UserAttributes });
    return user.UserMFASettingList?.length ? { ...view, mfa: user.UserMFASettingList } : view;
}

/** `username` or, when the username is not the address (a sub, a chosen name), `username (email)`. */
export function who(user: UserView): string {
    return user.email && user.email !== user.username ? `${user.username} (${user.email})` : user.username;
}

function userCells(user: UserView): string[] {
    return [user.username, user.email ?? "-", user.status, user.enabled ? "enabled" : "disabled"].map(printable);
}

/** Users one per line, in aligned columns; `groups` adds a last column. */
export function userLines(users: readonly UserView[], groups?: readonly string[]): string[] {
    const extra = groups ? [`groups: ${groups.map(printable).join(", ") || "none"}`] : [];
    return columns(users.map((user) => [...userCells(user), ...extra]));
}

/** The details `find` adds under the user's line: attributes, MFA, dates. */
export function detailLines(user: UserView): string[] {
    const attributes = Object.entries(user.attributes).sort(([a], [b]) => a.localeCompare(b));
    return [
        ...attributes.map(([name, value]) => `  ${printable(name)}: ${printable(value)}`),
        ...(user.mfa ? [`  mfa: ${user.mfa.join(", ")}`] : []),
        ...(user.created ? [`  created: ${user.created}`] : []),
        ...(user.modified ? [`  modified: ${user.modified}`] : []),
    ];
}

export function groupLines(groups: readonly sdk.GroupType[]): string[] {
    return columns(groups.map((g) => [g.GroupName ?? "", g.Precedence === undefined ? "-" : `precedence ${g.Precedence}`, g.Description ?? ""].map(printable)));
}

export function groupJson(group: sdk.GroupType): object {
    return { name: group.GroupName, precedence: group.Precedence, description: group.Description };
}

/** Where a command's result goes: its lines, or (--json) its JSON document. */
export class Output {
    constructor(private readonly write: (text: string) => void, readonly json: boolean) {}

    result(lines: readonly string[], document: unknown): void {
        // printable again over whole lines: whatever a command forgot to escape still cannot reach the terminal raw.
        this.write(this.json ? `${JSON.stringify(document, null, 2)}\n` : lines.map((line) => `${printable(line)}\n`).join(""));
    }
}
