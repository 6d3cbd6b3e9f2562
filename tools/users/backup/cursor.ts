// cursor.json: how far an unfinished export got. It is saved after every page, once that page's
// lines are on disk, and names the next page's token and the length the data file had then: a rerun
// cuts the file back to that length (dropping lines of a page whose cursor was never saved) and
// asks for the next page. The phases run in order: users, groups, memberships (group by group),
// then the derived files (import.csv, then manifest.json, whose arrival removes the cursor).
import * as path from "path";
import { failure } from "../errors";
import { exists, readJson, writeJson } from "./files";
import { files, formatVersion } from "./format";

export type Phase = "users" | "groups" | "memberships" | "files";

/** A paged file's progress: the next page's token (absent: start, or done), records and bytes so far. */
export interface Progress {
    readonly next?: string;
    readonly pages: number;
    readonly count: number;
    readonly bytes: number;
}

export interface Cursor {
    readonly version: number;
    readonly poolId: string;
    readonly region: string;
    readonly startedAt: string;
    /** Whether the export reads each user's MFA settings (not --no-mfa). */
    readonly mfa: boolean;
    readonly phase: Phase;
    readonly users: Progress & { readonly disabled: number };
    readonly groups: number;
    /** The group (its index in groups.json) being read, and that file's progress. */
    readonly memberships: Progress & { readonly group: number };
}

const phases: readonly Phase[] = ["users", "groups", "memberships", "files"];
const start: Progress = { pages: 0, count: 0, bytes: 0 };

export function newCursor(poolId: string, region: string, mfa: boolean, now: Date): Cursor {
    return { version: formatVersion, poolId, region, startedAt: now.toISOString(), mfa, phase: "users", users: { ...start, disabled: 0 }, groups: 0, memberships: { ...start, group: 0 } };
}

export function loadCursor(folder: string): Cursor | undefined {
    const file = path.join(folder, files.cursor);
    if (!exists(file)) return undefined;
    const cursor = readJson<Cursor>(file);
    const wellFormed = cursor?.version === formatVersion && typeof cursor.poolId === "string" && phases.includes(cursor.phase)
        && Number.isInteger(cursor.users?.bytes) && Number.isInteger(cursor.memberships?.bytes) && Number.isInteger(cursor.memberships?.group);
    if (!wellFormed) throw failure(`${file} is not a cursor this version writes`, "start the export over with --restart");
    return cursor;
}

export function saveCursor(folder: string, cursor: Cursor): void {
    writeJson(path.join(folder, files.cursor), cursor);
}
