// The export folder holds personal data (addresses, names, phone numbers). The folder is 0700 and
// every file is created 0600, with that mode from its first byte rather than chmod-ed afterwards,
// so no other account on the machine can open it, not even for a moment. Whole files (JSON, the
// CSV) are replaced through a temporary file and a rename: a crash leaves the old one or the new
// one, never half of one. JSON Lines files grow by appending, each page fsync-ed before the cursor
// that counts it is saved.
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { failure } from "../errors";

const folderMode = 0o700;
const fileMode = 0o600;

/** Creates the folder (and its parents) 0700, or narrows an existing one to 0700. */
export function privateFolder(folder: string): void {
    fs.mkdirSync(folder, { recursive: true, mode: folderMode });
    fs.chmodSync(folder, folderMode);
}

export function exists(file: string): boolean {
    return fs.existsSync(file);
}

/** Replaces `file` with `text`, atomically, mode 0600. */
function writePrivate(file: string, text: string): void {
    const fd = openTemporary(file);
    try {
        fs.writeSync(fd, text);
        fs.fsyncSync(fd);
    } finally {
        fs.closeSync(fd);
    }
    fs.renameSync(`${file}.tmp`, file);
}

/** `<file>.tmp`, new, 0600: a leftover one would keep its old mode through a plain "w" open. */
function openTemporary(file: string): number {
    fs.rmSync(`${file}.tmp`, { force: true });
    return fs.openSync(`${file}.tmp`, "wx", fileMode);
}

export function writeJson(file: string, value: unknown): void {
    writePrivate(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Appends one JSON document per line; returns the file's length after them. */
export function appendJsonLines(file: string, values: readonly unknown[]): number {
    const fd = fs.openSync(file, "a", fileMode);
    try {
        if (values.length) {
            fs.writeSync(fd, values.map((value) => `${JSON.stringify(value)}\n`).join(""));
            fs.fsyncSync(fd);
        }
        return fs.fstatSync(fd).size;
    } finally {
        fs.closeSync(fd);
    }
}

/**
 * Cuts `file` back to the length the cursor saved: lines appended after it (a run stopped between
 * writing a page and saving the cursor) are written again by the page they belong to, once.
 */
export function truncateTo(file: string, bytes: number): void {
    const size = exists(file) ? fs.statSync(file).size : 0;
    if (size < bytes) throw failure(`${path.basename(file)} in ${path.dirname(file)} is shorter than cursor.json says (${size} of ${bytes} bytes): it was changed`, "start the export over with --restart");
    if (size > bytes) fs.truncateSync(file, bytes);
}

/** The JSON documents of a JSON Lines file; a last line without its newline was cut off and is left out. */
export function readJsonLines<T>(file: string): { values: T[]; cut: boolean } {
    if (!exists(file)) return { values: [], cut: false };
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const last = lines.pop() ?? "";
    const values = lines.map((line, i) => parseLine<T>(line, i + 1, file)).filter((value): value is T => value !== undefined);
    return { values, cut: last.trim() !== "" };
}

function parseLine<T>(line: string, number: number, file: string): T | undefined {
    if (!line.trim()) return undefined;
    try {
        return JSON.parse(line) as T;
    } catch {
        throw failure(`line ${number} of ${file} is not JSON`, "export again into a new folder");
    }
}

/** The documents of a JSON Lines file one at a time: a derived file (import.csv) of any size without the whole export in memory. */
export async function* eachJsonLine<T>(file: string): AsyncGenerator<T> {
    let number = 0;
    for await (const line of readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity })) {
        const value = parseLine<T>(line, ++number, file);
        if (value !== undefined) yield value;
    }
}

/** Replaces `file` with the lines, written as they come (atomically, mode 0600, as writePrivate). */
export async function writePrivateLines(file: string, lines: AsyncIterable<string>): Promise<void> {
    const fd = openTemporary(file);
    try {
        for await (const line of lines) fs.writeSync(fd, `${line}\n`);
        fs.fsyncSync(fd);
    } finally {
        fs.closeSync(fd);
    }
    fs.renameSync(`${file}.tmp`, file);
}

export function readJson<T>(file: string): T {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as T;
    } catch (error) {
        throw failure(`${file} is not readable JSON (${(error as Error).message})`, "export again into a new folder");
    }
}

/** The names in a folder, or none when it does not exist. */
export function folderEntries(folder: string): string[] {
    return exists(folder) ? fs.readdirSync(folder) : [];
}

export function remove(file: string): void {
    fs.rmSync(file, { force: true });
}
