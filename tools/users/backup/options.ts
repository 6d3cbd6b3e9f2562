// What export and restore both take: the folder (relative to where the command was typed) and
// how many calls may be in flight.
import * as path from "path";
import { single, type OptionSpec, type ParsedArgs } from "../args";
import type { Local } from "../command";
import { usage } from "../errors";
import { quote } from "../text";

export const concurrencyOption: OptionSpec = {
    name: "concurrency",
    value: "<n>",
    help: "calls in flight at once, 1 to 16 (default 4): faster until Cognito throttles, which the run then waits out",
};

const defaultConcurrency = 4;

export function concurrency(parsed: ParsedArgs): number {
    const text = single(parsed, "concurrency");
    if (text === undefined) return defaultConcurrency;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > 16) throw usage(`--concurrency takes a whole number from 1 to 16, got ${quote(text)}`, "write e.g. --concurrency 4");
    return n;
}

export function folderOf(parsed: ParsedArgs, local: Local): string {
    const [folder] = parsed.args;
    if (!folder.trim()) throw usage("the folder is empty", "name a folder, e.g. backups/2025-01-31");
    return path.resolve(local.cwd, folder);
}
