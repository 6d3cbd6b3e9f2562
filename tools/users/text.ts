// Text that reaches the administrator's terminal. Users write their own `name` (and other mutable
// attributes), so a value can hold a newline that fakes another output line, an escape sequence
// that rewrites the terminal, or a bidi override that shows "moc.elpmaxe" as "example.com". Human
// output escapes those; letters of every script (Arabic names included) pass through unchanged.
// JSON output needs none of this: JSON.stringify escapes control characters, and a program reads it.

// C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
    return text.replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A value in double quotes inside a message: `no user "ghost"`. */
export function quote(text: string): string {
    return `"${printable(text).replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** A word of a suggested command, quoted for a POSIX shell when it needs to be. */
function shellWord(text: string): string {
    return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${printable(text).replace(/'/g, `'\\''`)}'`;
}

/** The suggested command in a fix: `npm run users -- <words>`. */
export function usersCommand(...words: string[]): string {
    return ["npm run users --", ...words.map(shellWord)].join(" ");
}

/** Rows of cells as aligned columns, two spaces apart, without trailing spaces. */
export function columns(rows: readonly (readonly string[])[]): string[] {
    const widths: number[] = [];
    for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
    return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd());
}

/** `1 user`, `2 users`: counts in result lines, which often are 1 on a small pool. */
export function counted(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * A user's address as a warning names it: enough for an administrator who has the export to know
 * whom it means, not enough to be personal data in a CI log. `amal@example.com` -> `a***@example.com`,
 * `+971500000012` -> `+97***12`, anything else its first character and `***`.
 */
export function masked(value: string): string {
    const at = value.lastIndexOf("@");
    if (at > 0) return printable(`${value[0]}***${value.slice(at)}`);
    if (/^\+\d{6,}$/.test(value)) return `${value.slice(0, 3)}***${value.slice(-2)}`;
    return printable(`${[...value][0] ?? ""}***`);
}
