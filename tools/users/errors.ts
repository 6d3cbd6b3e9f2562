// The two ways `npm run users` fails: a usage error (exit 2: the command line is wrong, nothing was
// called) and a failure (exit 1: the pool, AWS or the sandbox said no). Each is ONE line on stderr
// that names what went wrong and the fix; the entry prints `message` and never a stack trace.
export class UsersError extends Error {
    /** `aws`: the AWS error behind it (UserNotFoundException), for callers that recover from one. */
    constructor(message: string, readonly exitCode: 1 | 2 = 1, readonly aws?: string) {
        super(message);
        this.name = "UsersError";
    }
}

export const helpHint = "see npm run users -- --help";

/** A wrong command line: `what` went wrong, `fix` says what to type instead. */
export function usage(what: string, fix = helpHint): UsersError {
    return new UsersError(`${what}; ${fix}`, 2);
}

export function failure(what: string, fix: string, aws?: string): UsersError {
    return new UsersError(`${what}; ${fix}`, 1, aws);
}

/** The `what` of a message built by usage or failure: what went wrong, without the fix. */
export function whatWentWrong(error: UsersError): string {
    return error.message.split("; ")[0];
}

/** Anything that is not a UsersError (a bug, an SDK oddity) still becomes one line. */
export function unexpected(error: unknown): UsersError {
    if (error instanceof UsersError) return error;
    const name = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    return failure(`unexpected error (${name}: ${oneLine(message)})`, "rerun; if it persists, report it with the command you ran");
}

/** AWS messages sometimes span lines; the error must stay one line. */
export function oneLine(text: string): string {
    return text.replace(/\s+/g, " ").trim();
}
