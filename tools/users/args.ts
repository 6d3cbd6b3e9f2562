// The command line of `npm run users`: `<command> [args] [--options]`, options anywhere, `--name value`
// or `--name=value`, `--` before an argument that starts with a dash. Only the shape is checked
// here (known command and options, argument count); each command checks its values in `prepare`.
// A hand-written parser rather than util.parseArgs, which has no option with an optional value
// (`--sandbox [stack]`) and whose errors do not say which command an option belongs to.
import { helpHint, usage } from "./errors";
import { quote, usersCommand } from "./text";

export interface OptionSpec {
    /** Without the dashes. */
    readonly name: string;
    /** The value's placeholder (`<id>`); absent for a flag. */
    readonly value?: string;
    /** `--sandbox` alone or `--sandbox <stack>`. */
    readonly optionalValue?: boolean;
    readonly repeatable?: boolean;
    /** Shown without brackets: the command refuses to run without it. */
    readonly required?: boolean;
    readonly help: string;
}

export interface CommandShape {
    readonly name: string;
    /** Placeholders of the arguments, in order: `<user>`, `<group>`. */
    readonly args: readonly string[];
    readonly options: readonly OptionSpec[];
}

export interface ParsedArgs {
    readonly command: string | undefined;
    readonly args: readonly string[];
    /** Option name -> every value given ("" for a flag, or for `--sandbox` without a stack). */
    readonly options: ReadonlyMap<string, readonly string[]>;
    readonly help: boolean;
}

export const globalOptions: readonly OptionSpec[] = [
    { name: "pool", value: "<id>", help: "the user pool id" },
    { name: "region", value: "<region>", help: "its region (default: the sandbox's, else the pool id's prefix, AWS_REGION, aws:region of Pulumi.<stack>.yaml)" },
    { name: "stack", value: "<stack>", help: "the stack whose pool to use: `pulumi stack output userPoolId --stack <stack>` (default dev)" },
    { name: "sandbox", value: "[stack]", optionalValue: true, help: "the running sandbox's pool, from .build/sandbox/<stack>.json (default dev)" },
    { name: "endpoint", value: "<url>", help: "send the calls to this Cognito endpoint instead of AWS's" },
    { name: "json", help: "print JSON for programs instead of lines" },
    { name: "help", help: "this help" },
];

/** The value of an option given at most once, or undefined. */
export function single(parsed: ParsedArgs, name: string): string | undefined {
    return parsed.options.get(name)?.[0];
}

export function every(parsed: ParsedArgs, name: string): readonly string[] {
    return parsed.options.get(name) ?? [];
}

export function has(parsed: ParsedArgs, name: string): boolean {
    return parsed.options.has(name);
}

export function parseArgs(argv: readonly string[], commands: readonly CommandShape[]): ParsedArgs {
    const known = new Map<string, OptionSpec>();
    for (const option of [...globalOptions, ...commands.flatMap((c) => c.options)]) known.set(option.name, option);
    const commandNames = new Set(commands.map((c) => c.name));
    const options = new Map<string, string[]>();
    const positionals: string[] = [];
    let help = false;
    // The argument --sandbox took as its stack, named when the command then lacks an argument.
    let sandboxTook: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const token = argv[i];
        if (token === "--") {
            positionals.push(...argv.slice(i + 1));
            break;
        }
        if (token === "-h") {
            help = true;
            continue;
        }
        if (!token.startsWith("-") || token === "-") {
            positionals.push(token);
            continue;
        }
        const [name, inline] = splitOption(token);
        const spec = token.startsWith("--") ? known.get(name) : undefined;
        if (!spec) throw usage(`unknown option ${quote(token)}`);
        let value: string;
        if (!spec.value) {
            if (inline !== undefined) throw usage(`--${name} takes no value, got ${quote(inline)}`, `write --${name} alone`);
            value = "";
        } else if (inline !== undefined) {
            value = inline;
        } else if (spec.optionalValue) {
            // The next word is the stack unless it is an option or a command: `--sandbox list` lists dev's.
            const next = argv[i + 1];
            value = next !== undefined && !next.startsWith("-") && !commandNames.has(next) ? argv[++i] : "";
            if (value) sandboxTook = value;
        } else {
            const next = argv[i + 1];
            if (next === undefined || next.startsWith("--")) throw usage(`--${name} needs a value`, `write --${name} ${spec.value}`);
            value = argv[++i];
        }
        if (name === "help") help = true;
        const values = options.get(name) ?? [];
        if (values.length && !spec.repeatable) throw usage(`--${name} given twice`, "give it once");
        options.set(name, [...values, value]);
    }
    const [command, ...args] = positionals;
    const parsed: ParsedArgs = { command, args, options, help };
    if (!help) checkShape(parsed, commands, sandboxTook);
    return parsed;
}

function splitOption(token: string): [string, string | undefined] {
    const body = token.replace(/^-+/, "");
    const equals = body.indexOf("=");
    return equals < 0 ? [body, undefined] : [body.slice(0, equals), body.slice(equals + 1)];
}

function checkShape(parsed: ParsedArgs, commands: readonly CommandShape[], sandboxTook: string | undefined): void {
    const names = commands.map((c) => c.name).join(", ");
    if (parsed.command === undefined) throw usage("no command given", `commands: ${names}; ${helpHint}`);
    const command = commands.find((c) => c.name === parsed.command);
    if (!command) throw usage(`unknown command ${quote(parsed.command)}`, `commands: ${names}`);
    const own = new Set([...globalOptions, ...command.options].map((o) => o.name));
    for (const name of parsed.options.keys()) {
        if (own.has(name)) continue;
        const owner = commands.find((c) => c.options.some((o) => o.name === name));
        throw usage(`--${name} is an option of ${owner?.name}, not of ${command.name}`, `usage: ${synopsis(command)}`);
    }
    const got = parsed.args.length;
    const wanted = command.args.length;
    if (got < wanted) {
        const why = sandboxTook === undefined ? "" : ` (--sandbox took ${quote(sandboxTook)} as its stack: write --sandbox=<stack>, or put --sandbox last)`;
        throw usage(`${command.name} needs ${command.args.slice(got).join(" ")}${why}`, `usage: ${synopsis(command)}`);
    }
    if (got > wanted) {
        const extra = parsed.args.slice(wanted).map(quote).join(", ");
        throw usage(`${command.name} takes ${wanted === 0 ? "no argument" : command.args.join(" ")}, but also got ${extra}`, `usage: ${synopsis(command)} (quote a value with spaces)`);
    }
}

/** `npm run users -- add-to-group <user> <group>` with the command's own options. */
export function synopsis(command: CommandShape): string {
    const options = command.options.map((o) => {
        const word = o.value ? `--${o.name} ${o.value}` : `--${o.name}`;
        return (o.required ? word : `[${word}]`) + (o.repeatable ? "..." : "");
    });
    return [usersCommand(command.name), ...command.args, ...options].join(" ");
}
