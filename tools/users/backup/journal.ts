// restore-journal.<pool id>.jsonl, in the export's folder: every user a restore created in that
// pool, one line each, written right after AdminCreateUser answered. A later run (a restore
// completed after an interruption) reads it to tell the accounts it made, which it may finish,
// from accounts that merely share an address with an exported user (someone's sign-up, a Google
// account), which it leaves alone. The folder is the export's: private, and checked as such.
import * as path from "path";
import { appendJsonLines, readJsonLines } from "./files";

interface JournalLine {
    /** The username in the export. */
    readonly exported: string;
    /** The username the target pool gave the user restore created. */
    readonly created: string;
}

/** The journal's file name for a pool; export treats such files as its folder's own. */
export const journalName = (poolId: string) => `restore-journal.${poolId}.jsonl`;
export const isJournalName = (name: string) => /^restore-journal\.[\w-]+\.jsonl$/.test(name);

export class RestoreJournal {
    private readonly created: Set<string>;

    private constructor(private readonly file: string, lines: readonly JournalLine[]) {
        this.created = new Set(lines.map((line) => line.created));
    }

    /** The journal of restores into this pool from this folder; the file is made (empty) at once, so an unwritable folder stops the run before any change. */
    static open(folder: string, poolId: string): RestoreJournal {
        const file = path.join(folder, journalName(poolId));
        const journal = new RestoreJournal(file, readJsonLines<JournalLine>(file).values);
        appendJsonLines(file, []);
        return journal;
    }

    /** Whether a restore made this account. */
    made(targetUsername: string): boolean {
        return this.created.has(targetUsername);
    }

    record(exported: string, created: string): void {
        appendJsonLines(this.file, [{ exported, created } satisfies JournalLine]);
        this.created.add(created);
    }
}
