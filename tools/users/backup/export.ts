// `export <folder>`: every user, group and membership of the pool into a private folder (format.ts),
// resumable: an unfinished export (cursor.json, no manifest.json) continues where it stopped when
// run again with the same folder; --restart starts it over. The folder must be new, empty, or an
// export's own: the command never deletes or mixes with files it did not write.
import * as path from "path";
import { has } from "../args";
import type { Command, Context } from "../command";
import { failure, UsersError } from "../errors";
import { loadCursor, newCursor, saveCursor, type Cursor } from "./cursor";
import { ExportRun, StaleCursor, type Finished } from "./export-run";
import { checkPrivateFolder, exists, folderEntries, privateFolder, readJson, remove } from "./files";
import { isJournalName } from "./journal";
import { counted } from "../text";
import { importRowLimit } from "./csv";
import { files, type Manifest } from "./format";
import { concurrency, concurrencyOption, folderOf } from "./options";

const ours = new Set<string>(Object.values(files).flatMap((name) => [name, `${name}.tmp`]));
/** The export's own files, and the journals of restores made from it (kept across --restart). */
const isOurs = (name: string) => ours.has(name) || isJournalName(name);

export const exportUsers: Command = {
    name: "export",
    args: ["<folder>"],
    options: [
        { name: "no-mfa", help: "skip each user's MFA settings (AdminGetUser, a call per user)" },
        { name: "restart", help: "start over, replacing the export in the folder (finished or not)" },
        concurrencyOption,
    ],
    bulk: true,
    summary: "back up every user, group and membership to a private folder (JSON Lines, and import.csv for a Cognito import job); run again to continue an interrupted export",
    prepare: (parsed, local) => {
        const folder = folderOf(parsed, local);
        const options = { mfa: !has(parsed, "no-mfa"), restart: has(parsed, "restart"), concurrency: concurrency(parsed) };
        return async (context) => {
            const { cursor, resumed } = openFolder(context, folder, options);
            const run = new ExportRun(context, folder, cursor, options.concurrency);
            let finished: Finished;
            try {
                finished = await run.run();
            } catch (error) {
                // Before the first page nothing is kept, and the message's own fix is all there is to say.
                if (!(error instanceof UsersError) || error instanceof StaleCursor || run.progress.users.pages === 0) throw error;
                throw new UsersError(`${error.message}; the export stopped at ${stoppedAt(run.progress)} (cursor.json keeps the place): run the same command again to continue`, error.exitCode, error.aws);
            }
            report(context, folder, finished, resumed ? cursor : undefined);
        };
    },
};

/** The cursor to run from: a new one, or the unfinished export's own. */
function openFolder(context: Context, folder: string, options: { mfa: boolean; restart: boolean }): { cursor: Cursor; resumed: boolean } {
    // Whose folder it is comes first: its entries are another account's to plant otherwise.
    checkPrivateFolder(folder);
    const strangers = folderEntries(folder).filter((name) => !isOurs(name));
    if (strangers.length) throw failure(`${folder} holds files an export did not write (${strangers.slice(0, 3).join(", ")})`, "name a new or empty folder");
    privateFolder(folder);
    const { api } = context;
    const manifestFile = path.join(folder, files.manifest);
    if (!options.restart && exists(manifestFile)) {
        const { finishedAt } = readJson<Partial<Manifest>>(manifestFile);
        throw failure(`${folder} holds a finished export (of ${finishedAt ?? "an unknown time"})`, "name a new folder, or pass --restart to replace it");
    }
    const saved = options.restart ? undefined : loadCursor(folder);
    if (saved && saved.poolId !== api.pool.poolId) {
        throw failure(`${folder} holds an unfinished export of pool ${saved.poolId}, not ${api.pool.poolId}`, `continue it with --pool ${saved.poolId}, or pass --restart to export this pool instead`);
    }
    if (saved && saved.mfa !== options.mfa) {
        throw failure(`the unfinished export in ${folder} was started ${saved.mfa ? "with" : "without"} MFA settings`, `continue it ${saved.mfa ? "without" : "with"} --no-mfa, or pass --restart`);
    }
    if (saved) return { cursor: saved, resumed: true };
    // No cursor: nothing was kept (a first page never saved counts as not fetched), so no old file may stay.
    for (const name of ours) remove(path.join(folder, name));
    const cursor = newCursor(api.pool.poolId, api.pool.region, options.mfa, new Date());
    saveCursor(folder, cursor);
    return { cursor, resumed: false };
}

function stoppedAt(cursor: Cursor): string {
    if (cursor.phase === "users") return counted(cursor.users.count, "user");
    return `all ${counted(cursor.users.count, "user")}, ${cursor.phase === "groups" ? "before the groups" : counted(cursor.memberships.count, "membership")}`;
}

/** At most this many users are named in a line; the JSON names every one. */
const namedAtMost = 20;
const named = (who: readonly string[]) => (who.length > namedAtMost ? `${who.slice(0, namedAtMost).join(", ")} and ${who.length - namedAtMost} more` : who.join(", "));

/** What import.csv holds that a spreadsheet would run, or the importer could not take as it is. */
function csvWarnings({ formula, tooLong, altered }: Finished["csvFindings"]): string[] {
    return [
        ...(formula.length ? [`${files.csv}: ${counted(formula.length, "user")} ${formula.length === 1 ? "has" : "have"} a value a spreadsheet would run as a formula (=, +, -, @ or a tab first, or after a comma); kept as it is, since the importer needs the raw value: open ${files.csv} in a text editor, never in a spreadsheet`] : []),
        ...(tooLong.length ? [`${files.csv}: the rows of ${named(tooLong)} exceed the importer's ${importRowLimit.toLocaleString("en")} characters: restore them with restore, not an import job`] : []),
        ...(altered.length ? [`${files.csv}: the importer cannot keep the values of ${named(altered)} exactly (spaces at either end, a line break, or a backslash before a comma): restore them with restore, which keeps ${files.users} exactly`] : []),
    ];
}

function report(context: Context, folder: string, { manifest, header, federated, disabled, csvFindings }: Finished, resumedFrom?: Cursor): void {
    const { counts } = manifest;
    const csvFrom = header.from === "GetCSVHeader" ? "columns from GetCSVHeader" : `columns from the pool's schema (GetCSVHeader: ${header.why})`;
    const leftOut = [
        federated ? `; ${counted(federated, "federated user")} left out (Cognito makes them again at their next sign-in)` : "",
        disabled ? `; ${counted(disabled, "disabled user")} left out (the import job cannot keep them disabled: restore does)` : "",
    ].join("");
    const lines = [
        ...(resumedFrom ? [`continued the export started ${resumedFrom.startedAt}, from ${stoppedAt(resumedFrom)}`] : []),
        `exported ${counted(counts.users, "user")} (${counts.disabled} disabled), ${counted(counts.groups, "group")} and ${counted(counts.memberships, "membership")} of pool ${manifest.poolId} to ${folder}`,
        `files: ${[files.users, files.groups, files.memberships, files.csv, files.manifest].join(", ")}`,
        manifest.mfa === "read" ? "MFA settings: read for each user (AdminGetUser)" : "MFA settings: not read (--no-mfa)",
        `${files.csv}: ${csvFrom}${leftOut}`,
        ...csvWarnings(csvFindings),
        `personal data: keep ${folder} encrypted, readable only by those who restore users, never in a repository, and delete it when its retention ends`,
    ];
    context.out.result(lines, { action: "export", folder, resumed: resumedFrom !== undefined, ...manifest, federatedLeftOutOfCsv: federated, disabledLeftOutOfCsv: disabled, csvHeaderWhy: header.why, csvFindings });
}
