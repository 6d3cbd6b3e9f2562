// `npm run sandbox [-- <stack>] [--data <folder>] [--port <port>] [--outputs <folder>]`: the stack's
// user pool, clients, hosted UI, identity pool and real triggers on a local Cognito emulator (dev by
// default), until Ctrl-C. Prints what a front end needs and writes it (amplify_outputs.json, sandbox.env).
import * as path from "path";
import { ConfigError } from "../config";
import { StackFileError } from "./harness/stack-file";
import { parseSandboxArguments } from "./sandbox/arguments";
import { quietNodeVersionWarning } from "./sandbox/quiet-node-version-warning";
import { PortInUseError } from "./sandbox/gateway";
import { startSandbox, stateFileOf, type SandboxInfo } from "./sandbox/sandbox";

function describeSandbox(info: SandboxInfo): string {
    return [
        `Sandbox of stack "${info.stack}" (cognito-local emulator, nothing on AWS)`,
        `  endpoint:      ${info.endpoint}   (AWS SDK: endpoint; Amplify: userPoolEndpoint)`,
        `  region:        ${info.region}`,
        `  user pool id:  ${info.userPoolId}`,
        ...Object.entries(info.clients).map(([name, id]) => `  client ${name.padEnd(8)} ${id}`),
        `  issuer:        ${info.issuer}`,
        `  JWKS:          ${info.jwksUrl}   (discovery: ${info.issuer}/.well-known/openid-configuration)`,
        info.hostedUi ? `  hosted UI:     ${info.hostedUi}   (Amplify oauth.domain: ${info.endpoint.replace(/^https?:\/\//, "")}, https on the same port with a self-signed certificate; federated sign-in is not emulated)` : "  hosted UI:     none (the stack gives the pool no domain)",
        info.identityPoolId ? `  identity pool: ${info.identityPoolId}   (Amplify: identityPoolEndpoint ${info.endpoint}; fake credentials)` : "  identity pool: none (the stack declares none)",
        `  demo page:     ${info.demoUrl}`,
        `  front-end config: ${info.frontEndFiles.amplifyOutputs} and ${info.frontEndFiles.env}`,
        `  sent codes and messages: printed here, and one JSON object per line in ${info.messagesFile}`,
        `  data:          ${info.dataDir}`,
        ...(info.triggersNotRun.length ? [`  not run here:  ${info.triggersNotRun.join(", ")} (the emulator has no such event)`] : []),
        `  state for \`npm run users -- --sandbox ${info.stack}\`: ${path.relative(process.cwd(), stateFileOf(info.stack))}`,
        "Ctrl-C stops it.",
    ].join("\n");
}

quietNodeVersionWarning();

async function main(): Promise<void> {
    const args = parseSandboxArguments(process.argv.slice(2));
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
    console.error(error instanceof ConfigError || error instanceof StackFileError || error instanceof PortInUseError ? error.message : error);
    process.exit(1);
});
