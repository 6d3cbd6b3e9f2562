// The local sandbox of one stack: the stack's pool, groups and clients on the Cognito emulator, its
// real triggers behind a local Lambda Invoke API, and the gateway a front end talks to. Everything
// listens on 127.0.0.1 on free ports; stop() ends every process and removes the temporary folder
// (a data folder given by the caller is kept, so users survive a restart).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planStack, type PlanOptions } from "../harness/run-stack";
import { projectRoot } from "../harness/stack-file";
import { startEmulator, type EmulatorTriggers, type SentMessage } from "./emulator";
import { startGateway } from "./gateway";
import { startLambdaHost, type FunctionOutput, type InvocationRecord } from "./lambda-host";
import { emulatorClient, provision } from "./provision";
import { sandboxModel, type SandboxModel } from "./stack-model";
import { newSandboxState, triggerAdapter, type SandboxState } from "./trigger-adapter";

/** The emulator's name for each trigger it calls. */
const emulatorTriggerNames: Record<string, keyof EmulatorTriggers> = {
    preSignUp: "PreSignUp",
    postConfirmation: "PostConfirmation",
    postAuthentication: "PostAuthentication",
    preTokenGeneration: "PreTokenGeneration",
    customMessage: "CustomMessage",
    userMigration: "UserMigration",
};

export interface SandboxInfo {
    readonly stack: string;
    readonly endpoint: string;
    readonly region: string;
    readonly userPoolId: string;
    /** Client name -> id. */
    readonly clients: Readonly<Record<string, string>>;
    readonly issuer: string;
    readonly jwksUrl: string;
    /** Every sent message (codes, invitations), one JSON object per line. */
    readonly messagesFile: string;
    readonly dataDir: string;
    /** Triggers of the stack the sandbox does not run (the emulator has no such event). */
    readonly triggersNotRun: readonly string[];
}

export interface Sandbox extends SandboxInfo {
    readonly model: SandboxModel;
    readonly state: SandboxState;
    readonly messages: SentMessage[];
    readonly invocations: readonly InvocationRecord[];
    stop(): Promise<void>;
}

export const stateFileOf = (stack: string) => path.join(projectRoot, ".build", "sandbox", `${stack}.json`);

export interface SandboxOptions {
    readonly stack?: string;
    /** Keep the emulator's data here across runs; a temporary folder (removed at stop) otherwise. */
    readonly dataDir?: string;
    readonly onMessage?: (message: SentMessage) => void;
    /** What the functions write (their log lines); the terminal gets it when absent. */
    readonly onFunctionOutput?: FunctionOutput;
    /** Change the stack file's values before planning (tests: another pool name, a migration source). */
    readonly edit?: PlanOptions["edit"];
    /** Write .build/sandbox/<stack>.json for `npm run users -- --sandbox`. @default true */
    readonly writeStateFile?: boolean;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
    const stack = options.stack ?? "dev";
    const plan = await planStack(stack, { edit: options.edit });
    const model = sandboxModel(plan);
    const { region } = model;
    const temporary = !options.dataDir;
    const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `cognito-sandbox-${stack}-`));
    fs.mkdirSync(dataDir, { recursive: true });
    const messagesFile = path.join(dataDir, "messages.jsonl");
    const state = newSandboxState();

    // Filled in as the parts start; the gateway and the handlers read them at request time.
    const at = { emulator: "", lambda: "", poolId: "", clients: new Map<string, SandboxModel["clients"][number]>() };
    const env: Record<string, string> = {
        PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.tmpdir(), AWS_REGION: region, AWS_DEFAULT_REGION: region,
        AWS_ACCESS_KEY_ID: "sandbox", AWS_SECRET_ACCESS_KEY: "sandbox", AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1", NODE_NO_WARNINGS: "1",
    };
    const stops: (() => Promise<void>)[] = [];
    const stopAll = async () => {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
        if (options.writeStateFile !== false) fs.rmSync(stateFileOf(stack), { force: true });
        if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    };
    try {
        let cognito: ReturnType<typeof emulatorClient> | undefined;
        const emulatorSdk = () => (cognito ??= emulatorClient(at.emulator, region));
        const gateway = await startGateway({
            model, state, cognito: emulatorSdk,
            emulatorUrl: () => at.emulator, userPoolId: () => at.poolId, clientById: () => at.clients,
        });
        stops.push(gateway.stop);
        const lambda = await startLambdaHost(model.functions, {
            env,
            adapter: triggerAdapter({ state, tokenEventVersion: model.tokenEventVersion, cognito: emulatorSdk }),
            output: options.onFunctionOutput,
        });
        stops.push(lambda.stop);
        at.lambda = lambda.url;
        const triggers = Object.fromEntries(model.functions.filter((f) => emulatorTriggerNames[f.trigger]).map((f) => [emulatorTriggerNames[f.trigger], f.name]));
        const emulator = await startEmulator({
            dataDir, lambdaEndpoint: lambda.url, triggers, issuerOrigin: gateway.url,
            onMessage: (message) => {
                fs.appendFileSync(messagesFile, `${JSON.stringify(message)}\n`);
                options.onMessage?.(message);
            },
        });
        stops.push(emulator.stop);
        at.emulator = emulator.url;
        env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = emulator.url;
        const provisioned = await provision(emulatorSdk(), model);
        at.poolId = provisioned.userPoolId;
        for (const client of model.clients) at.clients.set(provisioned.clients[client.name], client);

        const issuer = `${gateway.url}/${provisioned.userPoolId}`;
        const info: SandboxInfo = {
            stack, endpoint: gateway.url, region, userPoolId: provisioned.userPoolId, clients: provisioned.clients, issuer,
            jwksUrl: `${issuer}/.well-known/jwks.json`, messagesFile, dataDir,
            triggersNotRun: model.functions.map((f) => f.trigger).filter((t) => !emulatorTriggerNames[t]),
        };
        if (options.writeStateFile !== false) {
            fs.mkdirSync(path.dirname(stateFileOf(stack)), { recursive: true });
            fs.writeFileSync(stateFileOf(stack), `${JSON.stringify({ ...info, pid: process.pid }, null, 2)}\n`);
        }
        return { ...info, model, state, messages: emulator.messages, invocations: lambda.invocations, stop: stopAll };
    } catch (error) {
        await stopAll();
        throw error;
    }
}
