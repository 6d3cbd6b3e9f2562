// The export folder holds personal data (addresses, names, phone numbers). The folder is 0700 and
// every file is created 0600, with that mode from its first byte rather than chmod-ed afterwards,
// so no other account on the machine can open it, not even for a moment. Whole files (JSON, the
// CSV) are replaced through a temporary file and a rename: a crash leaves the old one or the new
// one, never half of one. JSON Lines files grow by appending, each page fsync-ed before the cursor
// that counts it is saved.
// Another account must not be able to prepare the folder: one it owns or can write into is refused
// (it could have planted a cursor to resume, or a link for our appends to follow into a file it
// reads), and no file is opened through a symbolic link.
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { failure } from "../errors";

const folderMode = 0o700;
const fileMode = 0o600;
const { O_RDONLY, O_WRONLY, O_APPEND, O_CREAT, O_NOFOLLOW } = fs.constants;

const fresh = "name a new folder (mktemp -d makes a private one), or one only you can write";

/**
 * Refuses a folder whose parents let another account swap it: a parent everyone may write without
 * the sticky bit (which /tmp has) lets anyone rename the folder and put one of theirs in its place,
 * and a parent another account (not root) owns lets that account do it.
 */
function checkParents(folder: string): void {
    // The path as written, and where its links lead: a link to a folder under a shared one is swappable there.
    for (const start of new Set([path.dirname(path.resolve(folder)), realParent(folder)])) {
        for (let parent = start; ; parent = path.dirname(parent)) {
            const stat = fs.statSync(parent, { throwIfNoEntry: false });
            if (stat && stat.mode & 0o002 && !(stat.mode & 0o1000)) throw failure(`${parent}, which holds ${folder}, can be written by every account without the sticky bit (mode ${(stat.mode & 0o7777).toString(8)}), so another account could put a folder of its own in its place`, fresh);
            // A folder's owner may rename what it holds, sticky bit or not.
            const uid = process.getuid?.();
            if (stat && uid !== undefined && stat.uid !== uid && stat.uid !== 0) throw failure(`${parent}, which holds ${folder}, belongs to another account (uid ${stat.uid}), which could put a folder of its own in its place`, fresh);
            if (parent === path.dirname(parent)) break;
        }
    }
}

/** The real path (links resolved) of the folder's deepest existing parent. */
function realParent(folder: string): string {
    for (let parent = path.dirname(path.resolve(folder)); ; parent = path.dirname(parent)) {
        try {
            return fs.realpathSync(parent);
        } catch {
            if (parent === path.dirname(parent)) return parent;
        }
    }
}

/**
 * Refuses a folder another account could have written into: a symbolic link, a folder this user
 * does not own, one its group or everyone may write, or one in a parent anyone may swap it in. A
 * folder that does not exist yet passes, where its parents hold.
 */
export function checkPrivateFolder(folder: string): void {
    checkParents(folder);
    let stat: fs.Stats;
    try {
        stat = fs.lstatSync(folder);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
    }
    if (stat.isSymbolicLink()) throw failure(`${folder} is a symbolic link`, fresh);
    if (!stat.isDirectory()) throw failure(`${folder} is not a folder`, fresh);
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) throw failure(`${folder} belongs to another account (uid ${stat.uid}), which could have put files in it`, fresh);
    if (stat.mode & 0o022) throw failure(`${folder} can be written by other accounts (mode ${(stat.mode & 0o777).toString(8)}), which could have put files in it`, fresh);
}

/** Creates the folder (and its parents) 0700, or narrows an existing one of this user's to 0700. */
export function privateFolder(folder: string): void {
    checkPrivateFolder(folder);
    fs.mkdirSync(folder, { recursive: true, mode: folderMode });
    fs.chmodSync(folder, folderMode);
}

/** Opens a file of the folder without following a link, and only if it is a plain file of its own (no hard link to elsewhere). */
function openOwn(file: string, flags: number): number {
    let fd: number;
    try {
        fd = fs.openSync(file, flags | O_NOFOLLOW, fileMode);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ELOOP") throw failure(`${file} is a symbolic link, which is never followed`, "export again into a new folder");
        throw error;
    }
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.nlink > 1) {
        fs.closeSync(fd);
        throw failure(`${file} is not a plain file of its own (${stat.isFile() ? `${stat.nlink} links` : "not a file"})`, "export again into a new folder");
    }
    return fd;
}

function readOwn(file: string): string {
    const fd = openOwn(file, O_RDONLY);
    try {
        return fs.readFileSync(fd, "utf8");
    } finally {
        fs.closeSync(fd);
    }
}

/** Whether the folder has this entry, a link included (which opening then refuses). */
export function exists(file: string): boolean {
    try {
        fs.lstatSync(file);
        return true;
    } catch {
        return false;
    }
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
    const fd = openOwn(file, O_WRONLY | O_APPEND | O_CREAT);
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
    const fd = exists(file) ? openOwn(file, O_WRONLY) : undefined;
    try {
        const size = fd === undefined ? 0 : fs.fstatSync(fd).size;
        if (size < bytes) throw failure(`${path.basename(file)} in ${path.dirname(file)} is shorter than cursor.json says (${size} of ${bytes} bytes): it was changed`, "start the export over with --restart");
        if (size > bytes) fs.ftruncateSync(fd!, bytes);
    } finally {
        if (fd !== undefined) fs.closeSync(fd);
    }
}

/** The JSON documents of a JSON Lines file; a last line without its newline was cut off and is left out. */
export function readJsonLines<T>(file: string): { values: T[]; cut: boolean } {
    if (!exists(file)) return { values: [], cut: false };
    const lines = readOwn(file).split("\n");
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
    for await (const line of readline.createInterface({ input: fs.createReadStream("", { fd: openOwn(file, O_RDONLY), encoding: "utf8" }), crlfDelay: Infinity })) {
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
    const text = readOwn(file);
    try {
        return JSON.parse(text) as T;
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
