// Which user pool the command acts on, and where its API is: `--pool <id>`, the running sandbox
// (`--sandbox [stack]`, its state file), or by default the stack's `userPoolId` output as the
// Pulumi CLI reports it. The options are checked first (`poolRequest`, no I/O), so a usage error
// never waits for the Pulumi CLI.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { readStackFile } from "../harness/stack-file";
import type { SandboxInfo } from "../sandbox/sandbox";
import { has, single, type ParsedArgs } from "./args";
import { failure, oneLine, usage } from "./errors";
import { quote } from "./text";

export interface PoolLocation {
    readonly poolId: string;
    readonly region: string;
    /** Cognito's endpoint when it is not AWS's (the sandbox, or --endpoint). */
    readonly endpoint?: string;
    /** The sandbox's emulator takes any credentials; AWS needs the caller's own. */
    readonly sandbox: boolean;
}

export interface PulumiResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs the Pulumi CLI; rejects (with code ENOENT) only when it cannot be started. */
export type PulumiRunner = (cli: string, args: readonly string[], options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv }) => Promise<PulumiResult>;

export interface PoolEnvironment {
    /** The project root: the stack files and .build/sandbox/ are here. */
    readonly root: string;
    readonly env: NodeJS.ProcessEnv;
    readonly pulumi: PulumiRunner;
}

/** What the options ask for, checked but not yet looked up. */
export interface PoolRequest {
    readonly poolId?: string;
    readonly sandboxStack?: string;
    readonly stack: string;
    readonly region?: string;
    readonly endpoint?: string;
}

const poolIdShape = /^[\w-]+_[0-9a-zA-Z]+$/;
const stackShape = /^[\w.-]+(\/[\w.-]+){0,2}$/;
const passPool = "pass --pool <id> or --sandbox [stack]";

export function poolRequest(parsed: ParsedArgs): PoolRequest {
    const poolId = single(parsed, "pool");
    const sandbox = has(parsed, "sandbox");
    if (poolId !== undefined && sandbox) throw usage("--pool and --sandbox both name a pool", "give one of them");
    if (poolId !== undefined && !poolIdShape.test(poolId)) {
        throw usage(`--pool ${quote(poolId)} is not a user pool id (like eu-central-1_AbC123xyz)`, "list the ids with: aws cognito-idp list-user-pools --max-results 60");
    }
    const stack = single(parsed, "sandbox") || single(parsed, "stack") || "dev";
    if (!stackShape.test(stack) || stack.split("/").includes("..")) throw usage(`${quote(stack)} is not a stack name`, "name a stack such as dev or prod");
    const endpoint = single(parsed, "endpoint");
    if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) throw usage(`--endpoint ${quote(endpoint)} is not an http(s) URL`, "write it as http://127.0.0.1:9229 or https://...");
    const region = single(parsed, "region");
    if (region === "") throw usage("--region is empty", "write --region eu-central-1");
    return { poolId, sandboxStack: sandbox ? stack : undefined, stack, region, endpoint };
}

export async function locatePool(request: PoolRequest, environment: PoolEnvironment): Promise<PoolLocation> {
    if (request.sandboxStack !== undefined) return sandboxPool(request, request.sandboxStack, environment.root);
    const poolId = request.poolId ?? (await stackOutputPoolId(request.stack, environment));
    const region = request.region ?? regionOfPoolId(poolId) ?? environment.env.AWS_REGION ?? environment.env.AWS_DEFAULT_REGION ?? stackRegion(request.stack, environment.root);
    if (!region) throw failure(`no region for pool ${poolId}`, "pass --region <region> or set AWS_REGION");
    return { poolId, region, endpoint: request.endpoint, sandbox: false };
}

/** A Cognito pool id starts with its region (`eu-central-1_AbC123`): the one region it can be called in. */
function regionOfPoolId(poolId: string): string | undefined {
    const prefix = poolId.split("_")[0];
    return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(prefix) ? prefix : undefined;
}

function stackRegion(stack: string, root: string): string | undefined {
    const file = path.join(root, `Pulumi.${stack.split("/").pop()}.yaml`);
    try {
        return fs.existsSync(file) ? readStackFile(stack, file).values["aws:region"] : undefined;
    } catch {
        // An unreadable stack file only loses this default; the command then asks for --region.
        return undefined;
    }
}

/** What the pool needs of the state file the sandbox writes (its SandboxInfo). */
type SandboxState = Pick<SandboxInfo, "endpoint" | "region" | "userPoolId">;

function sandboxPool(request: PoolRequest, stack: string, root: string): PoolLocation {
    const relative = path.join(".build", "sandbox", `${stack.split("/").pop()}.json`);
    let text: string;
    try {
        text = fs.readFileSync(path.join(root, relative), "utf8");
    } catch {
        throw failure(`no sandbox running for stack ${stack} (${relative} not found)`, "start it (npm run sandbox), or pass --pool <id>");
    }
    const state = parseSandboxState(text);
    if (!state) throw failure(`${relative} is not the sandbox's state (endpoint, region and userPoolId expected)`, "restart the sandbox, or pass --pool <id>");
    return { poolId: state.userPoolId, region: request.region ?? state.region, endpoint: request.endpoint ?? state.endpoint, sandbox: true };
}

function parseSandboxState(text: string): SandboxState | undefined {
    try {
        const state = JSON.parse(text);
        const fields = ["endpoint", "region", "userPoolId"] as const;
        return fields.every((field) => typeof state?.[field] === "string" && state[field]) ? state : undefined;
    } catch {
        return undefined;
    }
}

async function stackOutputPoolId(stack: string, environment: PoolEnvironment): Promise<string> {
    const cli = environment.env.PULUMI_CLI || "pulumi";
    const args = ["stack", "output", "userPoolId", "--stack", stack];
    let result: PulumiResult;
    try {
        // Without colour: the CLI's first error line is quoted in ours.
        result = await environment.pulumi(cli, [...args, "--color", "never"], { cwd: environment.root, env: environment.env });
    } catch (error) {
        const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "was not found" : `could not start (${oneLine(String((error as Error).message))})`;
        throw failure(`no pool given, and the Pulumi CLI (${cli}) ${why} to read stack ${stack}'s userPoolId`, passPool);
    }
    const poolId = result.stdout.trim();
    if (result.code !== 0) {
        const said = oneLine(result.stderr.split("\n").find((line) => line.trim()) ?? `exit code ${result.code}`);
        throw failure(`no pool given, and \`pulumi ${args.join(" ")}\` failed (${said})`, passPool);
    }
    if (!poolIdShape.test(poolId)) throw failure(`no pool given, and stack ${stack} has no userPoolId output (got ${quote(poolId)})`, passPool);
    return poolId;
}

/** The real Pulumi CLI, stopped after a minute (a login prompt or a slow backend). */
export const runPulumi: PulumiRunner = (cli, args, options) =>
    new Promise((resolve, reject) => {
        execFile(cli, [...args], { cwd: options.cwd, env: options.env, timeout: 60_000, encoding: "utf8" }, (error, stdout, stderr) => {
            if (error && typeof error.code !== "number" && !error.killed) return reject(error);
            const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
            resolve({ code, stdout, stderr: error?.killed ? `timed out after 60 s ${stderr}` : stderr });
        });
    });
