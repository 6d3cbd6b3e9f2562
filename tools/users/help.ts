// `npm run users -- --help`, written from the commands' and options' own specs, so it cannot
// drift from what the parser accepts.
import { globalOptions, synopsis, type OptionSpec } from "./args";
import type { Command } from "./command";
import { columns } from "./text";

function optionRows(options: readonly OptionSpec[], owner?: string): string[][] {
    return options.map((o) => [`  --${o.name}${o.value ? ` ${o.value}` : ""}`, `${owner ? `(${owner}) ` : ""}${o.help}`]);
}

/** Each command's options, an option that several commands share (--concurrency) once, with all its owners. */
function commandOptionRows(commands: readonly Command[]): string[][] {
    const owners = new Map<OptionSpec, string[]>();
    for (const c of commands) for (const o of c.options) owners.set(o, [...(owners.get(o) ?? []), c.name]);
    return [...owners].flatMap(([option, names]) => optionRows([option], names.join(", ")));
}

/** "a", "a and b", "a, b and c". */
const andList = (items: readonly string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

export function helpText(commands: readonly Command[]): string {
    // Each command's synopsis on its own line, its summary under it: invite's synopsis alone is 70 wide.
    const commandLines = commands.flatMap((c) => [`  ${synopsis(c).replace("npm run users -- ", "")}`, `      ${c.summary}${c.awsOnly ? ` (AWS only: the sandbox lacks ${c.awsOnly})` : ""}`]);
    const awsOnly = commands.filter((c) => c.awsOnly);
    const lines = [
        "npm run users -- <command> [arguments] [options]",
        "",
        "Day-to-day administration of the stack's Cognito users, over the AWS SDK.",
        "",
        "Commands:",
        ...commandLines,
        "",
        "A <user> is a username, an email address or a sub.",
        "",
        "Options:",
        ...columns([...optionRows(globalOptions), ...commandOptionRows(commands)]),
        "",
        "The pool: --pool or --sandbox, else the stack's userPoolId output (the Pulumi CLI, or $PULUMI_CLI).",
        `The sandbox (cognito-local 5.3.0) lacks ${andList(awsOnly.map((c) => c.awsOnly!))}: ${andList(awsOnly.map((c) => c.name))} work against AWS only.`,
        "export and restore retry throttled calls 10 times (AWS_MAX_ATTEMPTS), then back off up to 31 s more per call; an export is personal data (folder 0700, files 0600).",
        "restore cannot carry passwords, MFA or passkeys: to keep passwords, let triggers.userMigration move users at sign-in instead (it runs only for users the pool lacks).",
        "Credentials: the AWS SDK's default chain (AWS_PROFILE, environment, SSO); the sandbox needs none.",
        "Exit codes: 0 done, 1 failed, 2 wrong command line (one line on stderr says what and the fix).",
    ];
    return `${lines.join("\n")}\n`;
}
