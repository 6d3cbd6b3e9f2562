// The Lambda service the emulator's triggers are invoked through, in this process (no port another
// process could call with a forged event): each function runs its bundled handler in its own
// Node.js process, started once and kept warm like a Lambda container, with the environment the
// program gives that function, and Cognito's wait: an invocation that takes longer than the function's timeout (at most 5 s) fails
// as "Task timed out" and its process is replaced.
import { fork, type ChildProcess } from "child_process";
import * as path from "path";

/** Cognito waits this long for a trigger, whatever the function's own timeout. */
const cognitoWaitSeconds = 5;

export interface LocalFunction {
    /** The Lambda function name (the emulator invokes by name or ARN). */
    readonly name: string;
    /** The pool's lambdaConfig key it serves: preSignUp, postConfirmation, preTokenGeneration, ... */
    readonly trigger: string;
    /** The bundled file and its exported handler (`index.handler` -> handler). */
    readonly bundle: string;
    readonly exportName: string;
    readonly environment: Readonly<Record<string, string>>;
    readonly timeoutSeconds: number;
}

/** What an adapter makes of an event before the handler sees it: a changed event (and answer), or no call at all. */
export type Adapted = { readonly event: unknown; readonly answer?: (result: unknown) => unknown } | { readonly skip: unknown };
export type Adapter = (fn: LocalFunction, event: any) => Promise<Adapted>;

export interface InvocationRecord {
    readonly functionName: string;
    readonly triggerSource?: string;
    readonly outcome: "ok" | "error" | "timeout" | "skipped";
    readonly ms: number;
    readonly error?: string;
}

/** A function's answer, as the Lambda Invoke API gives it: the payload, and "Unhandled" when the function failed. */
export interface InvokeResult {
    readonly payload: unknown;
    readonly functionError?: "Unhandled";
}

export interface LambdaHost {
    /** Invokes a function by name or ARN (possibly with a qualifier), in this process's terms: no port is opened. */
    invoke(functionNameOrArn: string, event: unknown): Promise<InvokeResult>;
    readonly invocations: InvocationRecord[];
    stop(): Promise<void>;
}

interface Pending {
    resolve(reply: { result?: unknown; error?: { errorType: string; errorMessage: string } }): void;
}

/** One warm process per function, replaced after a timeout or a crash. */
class Container {
    private child?: ChildProcess;
    private ready?: Promise<void>;
    private readonly pending = new Map<number, Pending>();
    private nextId = 0;

    constructor(private readonly fn: LocalFunction, private readonly baseEnv: Record<string, string>, private readonly output?: FunctionOutput) {}

    private start(): Promise<void> {
        const child = fork(path.join(__dirname, "lambda-runner.js"), [this.fn.bundle, this.fn.exportName], {
            env: { ...this.baseEnv, ...this.fn.environment, AWS_LAMBDA_FUNCTION_NAME: this.fn.name, AWS_LAMBDA_FUNCTION_TIMEOUT: String(this.fn.timeoutSeconds) },
            stdio: ["ignore", this.output ? "pipe" : "inherit", this.output ? "pipe" : "inherit", "ipc"],
            execArgv: [],
        });
        this.child = child;
        const output = this.output;
        if (output) for (const stream of [child.stdout, child.stderr]) stream?.setEncoding("utf8").on("data", (text: string) => output(this.fn.name, text));
        const ready = new Promise<void>((resolve, reject) => {
            child.once("exit", (code) => reject(new Error(`${this.fn.name} exited with code ${code} while starting`)));
            child.on("message", (m: { ready?: boolean; fatal?: string; id?: number; result?: unknown; error?: { errorType: string; errorMessage: string } }) => {
                if (m.ready) resolve();
                else if (m.fatal) reject(new Error(m.fatal));
                else if (m.id !== undefined) {
                    this.pending.get(m.id)?.resolve(m);
                    this.pending.delete(m.id);
                }
            });
        });
        child.on("exit", () => {
            if (this.child === child) this.child = undefined;
            for (const p of this.pending.values()) p.resolve({ error: { errorType: "Runtime.ExitError", errorMessage: `${this.fn.name} exited` } });
            this.pending.clear();
        });
        return ready;
    }

    async invoke(event: unknown): Promise<{ result?: unknown; error?: { errorType: string; errorMessage: string }; timedOut?: boolean }> {
        if (!this.child) this.ready = this.start();
        await this.ready;
        const seconds = Math.min(this.fn.timeoutSeconds, cognitoWaitSeconds);
        const id = this.nextId++;
        const reply = new Promise<{ result?: unknown; error?: { errorType: string; errorMessage: string } }>((resolve) => this.pending.set(id, { resolve }));
        this.child!.send({ id, event, deadline: Date.now() + seconds * 1000 });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<{ timedOut: true }>((resolve) => { timer = setTimeout(() => resolve({ timedOut: true }), seconds * 1000); });
        const outcome = await Promise.race([reply, timeout]);
        clearTimeout(timer);
        if ("timedOut" in outcome) {
            this.pending.delete(id);
            this.stop();
            return { timedOut: true, error: { errorType: "Sandbox.Timeout", errorMessage: `Task timed out after ${seconds.toFixed(2)} seconds` } };
        }
        return outcome;
    }

    stop(): void {
        this.child?.kill("SIGKILL");
        this.child = undefined;
    }
}

/** What a function's process writes (its JSON log lines), when the caller takes it instead of the terminal. */
export type FunctionOutput = (functionName: string, text: string) => void;

export async function startLambdaHost(functions: readonly LocalFunction[], options: { env: Record<string, string>; adapter?: Adapter; output?: FunctionOutput }): Promise<LambdaHost> {
    const containers = new Map(functions.map((fn) => [fn.name, { fn, container: new Container(fn, options.env, options.output) }]));
    const invocations: InvocationRecord[] = [];
    const adapt: Adapter = options.adapter ?? (async (_fn, event) => ({ event }));

    const invoke = async (functionId: string, event: any): Promise<InvokeResult> => {
        const started = Date.now();
        const name = functionId.startsWith("arn:") ? functionId.split(":")[6] : functionId.split(":")[0];
        const entry = containers.get(name);
        if (!entry) return { functionError: "Unhandled", payload: { errorType: "ResourceNotFoundException", errorMessage: `Function not found: ${functionId}` } };
        const record = (outcome: InvocationRecord["outcome"], error?: string) => invocations.push({ functionName: entry.fn.name, triggerSource: event?.triggerSource, outcome, ms: Date.now() - started, ...(error && { error }) });
        try {
            const adapted = await adapt(entry.fn, event);
            if ("skip" in adapted) {
                record("skipped");
                return { payload: adapted.skip };
            }
            const result = await entry.container.invoke(adapted.event);
            if (result.error) {
                record(result.timedOut ? "timeout" : "error", result.error.errorMessage);
                return { functionError: "Unhandled", payload: result.error };
            }
            record("ok");
            return { payload: adapted.answer ? adapted.answer(result.result) : result.result };
        } catch (error) {
            record("error", (error as Error).message);
            return { functionError: "Unhandled", payload: { errorType: "Sandbox.Error", errorMessage: (error as Error).message } };
        }
    };
    return {
        invoke,
        invocations,
        stop: async () => {
            for (const { container } of containers.values()) container.stop();
        },
    };
}
