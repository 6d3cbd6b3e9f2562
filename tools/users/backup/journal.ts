// restore-journal.<pool id>.jsonl, in the export's folder: every user a restore created in that
// pool, one line each, written right after AdminCreateUser answered. A later run (a restore
// completed after an interruption) reads it to tell the accounts it made, which it may finish,
// from accounts that merely share an address with an exported user (someone's sign-up, a Google
// account), which it leaves alone. The folder is the export's: private, and checked as such.
// An account is known by its sub, which Cognito gives each account and never gives again: a
// username is not enough, since an account restore made may be deleted and its username registered
// by someone else, who must not get the exported user's groups.
import * as path from "path";
import { failure } from "../errors";
import { appendJsonLines, readJsonLines } from "./files";

interface JournalLine {
    /** The username in the export. */
    readonly exported: string;
    /** The username the target pool gave the user restore created. */
    readonly created: string;
    /** The sub of the account restore created; lines of older versions have none, and prove nothing. */
    readonly sub?: string;
}

/** The account as the pool shows it now. */
interface Account {
    readonly username: string;
    readonly sub?: string;
}

/** The journal's file name for a pool; export treats such files as its folder's own. */
export const journalName = (poolId: string) => `restore-journal.${poolId}.jsonl`;
export const isJournalName = (name: string) => /^restore-journal\.[\w-]+\.jsonl$/.test(name);

const isLine = (value: unknown): value is JournalLine => typeof value === "object" && value !== null && typeof (value as JournalLine).created === "string";
const subOf = (line: JournalLine) => (typeof line.sub === "string" && line.sub ? line.sub : undefined);

export class RestoreJournal {
    /** The lines by the username they name; the subs restore recorded. */
    private readonly byUsername = new Map<string, JournalLine[]>();
    private readonly subs = new Set<string>();

    private constructor(private readonly file: string, lines: readonly unknown[]) {
        lines.filter(isLine).forEach((line) => this.remember(line));
    }

    private remember(line: JournalLine): void {
        this.byUsername.set(line.created, [...(this.byUsername.get(line.created) ?? []), line]);
        const sub = subOf(line);
        if (sub) this.subs.add(sub);
    }

    /** The journal of restores into this pool from this folder; the file is made (empty) at once, so an unwritable folder stops the run before any change. */
    static open(folder: string, poolId: string): RestoreJournal {
        const file = path.join(folder, journalName(poolId));
        const journal = new RestoreJournal(file, readJsonLines<unknown>(file).values);
        try {
            appendJsonLines(file, []);
        } catch (error) {
            // An archived export (read-only, another mount): the journal, which tells the accounts restore made, must be written.
            const code = (error as NodeJS.ErrnoException).code;
            if (code === undefined || !["EACCES", "EPERM", "EROFS", "EISDIR"].includes(code)) throw error;
            throw failure(`cannot write restore's journal ${file} (${code}), which records the accounts it makes`, "copy the export into a private folder you can write (cp -a <folder> \"$(mktemp -d)\") and restore from the copy");
        }
        return journal;
    }

    /** Whether a restore made this account: its sub is one recorded. */
    made(account: Account): boolean {
        return account.sub !== undefined && this.subs.has(account.sub);
    }

    /** Why the journal does not vouch for an account restore did not make (by sub) but once made one by its username; undefined when it never did. */
    doubt(account: Account): string | undefined {
        const named = this.byUsername.get(account.username) ?? [];
        if (!named.length) return undefined;
        if (named.some((line) => subOf(line) === undefined)) return "the journal names an account by this username without its sub (a line an older version wrote), so nothing proves this is the account restore made rather than one made since under that name; if it is, add its groups by hand";
        return "restore made an account by this username before, with another sub: that one is gone and this one was made since";
    }

    record(exported: string, created: Account): void {
        const line: JournalLine = { exported, created: created.username, sub: created.sub };
        appendJsonLines(this.file, [line]);
        this.remember(line);
    }
}
