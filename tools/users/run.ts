// One run of `npm run users`: parse, check, find the pool, call, print; every failure becomes one
// line on stderr and an exit code (1 failed, 2 wrong command line). Everything the run touches
// outside (output, environment, project root, the Pulumi CLI, the Cognito client) is injectable,
// so the tests run commands in-process against the emulator or a stub.
import { projectRoot } from "../harness/stack-file";
import { parseArgs } from "./args";
import { Api, createClient, type ClientSettings, type CognitoSender } from "./client";
import type { Pace } from "./command";
import { commands } from "./commands";
import { unexpected } from "./errors";
import { helpText } from "./help";
import { Output } from "./output";
import { locatePool, poolRequest, runPulumi, type PulumiRunner } from "./pool";
import { printable } from "./text";

export interface UsersIo {
    /** Where output goes as it is written; without one it is returned in the result. */
    readonly stdout?: (text: string) => void;
    readonly stderr?: (text: string) => void;
    readonly env?: NodeJS.ProcessEnv;
    /** The project root (stack files, .build/sandbox/); default: this checkout. */
    readonly root?: string;
    readonly pulumi?: PulumiRunner;
    /** Makes the Cognito client; default: the AWS SDK's, for the pool's region and endpoint. */
    readonly client?: (settings: ClientSettings) => CognitoSender;
    /** How export and restore wait after throttling and how often they report progress. */
    readonly pace?: Partial<Pace>;
}

export interface UsersResult {
    readonly code: number;
    /** What was written, unless io.stdout / io.stderr took it. */
    readonly stdout: string;
    readonly stderr: string;
}

export async function runUsers(argv: readonly string[], io: UsersIo = {}): Promise<UsersResult> {
    let stdout = "";
    let stderr = "";
    const writeOut = io.stdout ?? ((text: string) => void (stdout += text));
    const writeErr = io.stderr ?? ((text: string) => void (stderr += text));
    const code = await run(argv, io, writeOut, writeErr).catch((error: unknown) => {
        const failed = unexpected(error);
        writeErr(`users: ${printable(failed.message)}\n`);
        return failed.exitCode;
    });
    return { code, stdout, stderr };
}

/** Attempts per call of a bulk command unless AWS_MAX_ATTEMPTS says otherwise. */
const bulkAttempts = 10;

async function run(argv: readonly string[], io: UsersIo, write: (text: string) => void, writeErr: (text: string) => void): Promise<number> {
    const parsed = parseArgs(argv, commands);
    if (parsed.help) {
        write(helpText(commands));
        return 0;
    }
    const command = commands.find((c) => c.name === parsed.command);
    if (!command) throw new Error(`parseArgs let an unknown command through: ${parsed.command}`);
    const env = io.env ?? process.env;
    // npm runs scripts in the project root; INIT_CWD is where the command was typed, so a relative
    // folder (`export backups/today`) lands where the administrator expects.
    const root = io.root ?? projectRoot;
    const work = command.prepare(parsed, { cwd: env.INIT_CWD || process.cwd(), root });
    const pool = await locatePool(poolRequest(parsed), { root, env, pulumi: io.pulumi ?? runPulumi });
    const attempts = Number(env.AWS_MAX_ATTEMPTS) || bulkAttempts;
    const settings: ClientSettings = { region: pool.region, endpoint: pool.endpoint, sandbox: pool.sandbox, ...(command.bulk && { maxAttempts: attempts }) };
    const out = new Output(write, parsed.options.has("json"));
    const pace: Pace = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), progressEveryMs: 2000, ...io.pace };
    const note = (line: string) => writeErr(`${printable(line)}\n`);
    const go = (client: CognitoSender) => work({ api: new Api(client, pool), out, note, pace });
    if (io.client) {
        await go(io.client(settings));
        return 0;
    }
    const client = createClient(settings);
    try {
        await go(client);
    } finally {
        // Its keep-alive sockets would hold the process open for a while after the last call.
        client.destroy();
    }
    return 0;
}
