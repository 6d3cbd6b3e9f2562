// The shape every command has: its arguments and options (for the parser and the help), and
// `prepare`, which checks the values and returns the work. Checking comes first so that a bad
// value is a usage error (exit 2) before the pool is looked up or anything is called.
import type { CommandShape, ParsedArgs } from "./args";
import type { Api } from "./client";
import { findUser } from "./lookup";
import { who, type Output, type UserView } from "./output";

export interface Context {
    readonly api: Api;
    readonly out: Output;
    /** A line on stderr, beside the result: progress of a long run. */
    readonly note: (line: string) => void;
    readonly pace: Pace;
}

/** Where the command was typed (relative folders start there), and the project root (the stack files). */
export interface Local {
    readonly cwd: string;
    readonly root: string;
}

/** How a long run waits and reports; tests make both quick. */
export interface Pace {
    /** Waits between tries of a throttled page. */
    readonly sleep: (ms: number) => Promise<void>;
    /** At most one progress line per this many milliseconds. */
    readonly progressEveryMs: number;
}

export type Work = (context: Context) => Promise<void>;

export interface Command extends CommandShape {
    readonly summary: string;
    /** The Cognito action the sandbox's emulator lacks, when it lacks the command's. */
    readonly awsOnly?: string;
    /** Makes calls by the thousand (export, restore): its client retries throttling longer. */
    readonly bulk?: boolean;
    prepare(parsed: ParsedArgs, local: Local): Work;
}

/** The JSON of a change: what was done to whom. */
export function changed(action: string, user: UserView, more: object = {}): object {
    return { action, user: { username: user.username, email: user.email }, ...more };
}

/**
 * A command that names one user and makes one call on them (disable, enable, reset-password,
 * sign-out), printing `done(who)`.
 */
export function userCommand(spec: {
    readonly name: string;
    readonly summary: string;
    readonly awsOnly?: string;
    readonly act: (api: Api, username: string, about: { user: string }) => Promise<unknown>;
    readonly done: (who: string) => string;
}): Command {
    return {
        name: spec.name,
        args: ["<user>"],
        options: [],
        summary: spec.summary,
        awsOnly: spec.awsOnly,
        prepare: (parsed) => {
            const [named] = parsed.args;
            return async ({ api, out }) => {
                const user = await findUser(api, named);
                await spec.act(api, user.username, { user: named });
                out.result([spec.done(who(user))], changed(spec.name, user));
            };
        },
    };
}
