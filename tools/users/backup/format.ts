// What an export folder holds, version 1. Users and memberships are JSON Lines (one record a line,
// appended page by page, so an interrupted export keeps what it fetched and a huge pool never has
// to fit in one JSON document); groups are one small JSON file. manifest.json is written last: a
// folder without it is an export that has not finished.
import type * as sdk from "@aws-sdk/client-cognito-identity-provider";

export const formatName = "cognito-users-export";
export const formatVersion = 1;

export const files = {
    users: "users.jsonl",
    groups: "groups.json",
    memberships: "memberships.jsonl",
    csv: "import.csv",
    cursor: "cursor.json",
    manifest: "manifest.json",
} as const;

/** One line of users.jsonl. */
export interface ExportedUser {
    readonly username: string;
    /** CONFIRMED, FORCE_CHANGE_PASSWORD, UNCONFIRMED, EXTERNAL_PROVIDER (a federated user), ... */
    readonly status: string;
    readonly enabled: boolean;
    readonly created?: string;
    readonly modified?: string;
    /** Every attribute ListUsers returned, `sub` included (restore leaves it out: Cognito makes a new one). */
    readonly attributes: Readonly<Record<string, string>>;
    /** From AdminGetUser; absent when the export skipped it (--no-mfa) or the user was gone by then. */
    readonly mfa?: { readonly preferred?: string; readonly methods: readonly string[] };
}

/** One entry of groups.json. */
export interface ExportedGroup {
    readonly name: string;
    readonly description?: string;
    readonly precedence?: number;
    readonly roleArn?: string;
    readonly created?: string;
    readonly modified?: string;
}

/** One line of memberships.jsonl: a user (by the exported username) in a group. */
export interface Membership {
    readonly group: string;
    readonly username: string;
}

export interface Counts {
    readonly users: number;
    readonly disabled: number;
    readonly groups: number;
    readonly memberships: number;
}

/** manifest.json: the export finished; what it holds and where from. */
export interface Manifest {
    readonly format: typeof formatName;
    readonly version: number;
    readonly poolId: string;
    readonly region: string;
    readonly startedAt: string;
    readonly finishedAt: string;
    /** The source pool's sign-in attributes: with ["email"], usernames are subs and users sign in with their address. */
    readonly usernameAttributes: readonly string[];
    readonly mfa: "read" | "skipped";
    /** Where import.csv's columns came from. */
    readonly csvHeader: "GetCSVHeader" | "pool schema";
    readonly counts: Counts;
}

export function exportedUser(user: sdk.UserType, detail?: sdk.AdminGetUserCommandOutput): ExportedUser {
    const mfa = detail && { ...(detail.PreferredMfaSetting && { preferred: detail.PreferredMfaSetting }), methods: detail.UserMFASettingList ?? [] };
    return {
        username: user.Username ?? "",
        status: user.UserStatus ?? "UNKNOWN",
        enabled: user.Enabled ?? true,
        created: user.UserCreateDate?.toISOString(),
        modified: user.UserLastModifiedDate?.toISOString(),
        attributes: Object.fromEntries((user.Attributes ?? []).map((a) => [a.Name ?? "", a.Value ?? ""])),
        ...(mfa && { mfa }),
    };
}

export function exportedGroup(group: sdk.GroupType): ExportedGroup {
    return {
        name: group.GroupName ?? "",
        description: group.Description,
        precedence: group.Precedence,
        roleArn: group.RoleArn,
        created: group.CreationDate?.toISOString(),
        modified: group.LastModifiedDate?.toISOString(),
    };
}

/** A user created by a sign-in through Google, SAML or OIDC: Cognito makes them again at their next sign-in. */
export const isFederated = (user: ExportedUser) => user.status === "EXTERNAL_PROVIDER";
