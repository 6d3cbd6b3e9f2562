// `npm run sandbox [-- <stack>] [--data <folder>]`: the stack's user pool, clients and real triggers
// on a local Cognito emulator (dev by default), until Ctrl-C. Prints what a front end needs.
import * as path from "path";
import { ConfigError } from "../config";
import { StackFileError } from "./harness/stack-file";
import { quietNodeVersionWarning } from "./sandbox/quiet-node-version-warning";
import { startSandbox, stateFileOf, type SandboxInfo } from "./sandbox/sandbox";

const usage = "usage: npm run sandbox -- [stack] [--data <folder>]";

function parse(argv: readonly string[]): { stack: string; dataDir?: string } {
    let stack: string | undefined;
    let dataDir: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--data") {
            dataDir = argv[++i];
            // Without its folder, the data would go to a temporary one, removed at stop.
            if (!dataDir || dataDir.startsWith("-")) throw new StackFileError(`--data needs a folder\n${usage}`);
        } else if (argv[i].startsWith("-")) throw new StackFileError(`unknown option ${argv[i]}\n${usage}`);
        else if (stack === undefined) stack = argv[i];
        else throw new StackFileError(`one stack at a time: got ${stack} and ${argv[i]}\n${usage}`);
    }
    return { stack: stack ?? "dev", dataDir: dataDir && path.resolve(dataDir) };
}

function describeSandbox(info: SandboxInfo): string {
    return [
        `Sandbox of stack "${info.stack}" (cognito-local emulator, nothing on AWS)`,
        `  endpoint:      ${info.endpoint}   (AWS SDK: endpoint; Amplify: userPoolEndpoint)`,
        `  region:        ${info.region}`,
        `  user pool id:  ${info.userPoolId}`,
        ...Object.entries(info.clients).map(([name, id]) => `  client ${name.padEnd(8)} ${id}`),
        `  issuer:        ${info.issuer}`,
        `  JWKS:          ${info.jwksUrl}`,
        `  sent codes and messages: printed here, and one JSON object per line in ${info.messagesFile}`,
        `  data:          ${info.dataDir}`,
        ...(info.triggersNotRun.length ? [`  not run here:  ${info.triggersNotRun.join(", ")} (the emulator has no such event)`] : []),
        `  state for \`npm run users -- --sandbox ${info.stack}\`: ${path.relative(process.cwd(), stateFileOf(info.stack))}`,
        "Ctrl-C stops it.",
    ].join("\n");
}

quietNodeVersionWarning();

async function main(): Promise<void> {
    const args = parse(process.argv.slice(2));
    const sandbox = await startSandbox({
        ...args,
        onMessage: (m) => console.log(`[${m.channel} to ${m.destination}] ${m.code ? `code ${m.code} ` : ""}${m.subject ? `"${m.subject}" ` : ""}${(m.message ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()}`),
    });
    console.log(describeSandbox(sandbox));
    let stopping = false;
    const stop = async () => {
        if (stopping) return;
        stopping = true;
        await sandbox.stop();
        console.log("Sandbox stopped.");
        process.exit(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

main().catch((error) => {
    console.error(error instanceof ConfigError || error instanceof StackFileError ? error.message : error);
    process.exit(1);
});
