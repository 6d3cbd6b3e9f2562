// The local sandbox of one stack: the stack's pool, groups and clients on the Cognito emulator, its
// real triggers in their own processes, tokens signed with the data folder's own key, and the
// gateway a front end talks to: the one port, on 127.0.0.1 (a free one, or the one asked for).
// stop() ends every process and removes the temporary folder (a data folder given by the caller is
// kept, so users, their sessions and the signing key survive a restart).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planStack, type PlanOptions } from "../harness/run-stack";
import { projectRoot } from "../harness/stack-file";
import type { SandboxContext } from "./context";
import { startEmulator, type Emulator, type EmulatorTriggers, type SentMessage } from "./emulator";
import { startGateway } from "./gateway";
import { startLambdaHost, type FunctionOutput, type InvocationRecord } from "./lambda-host";
import { privateFile, privateTree } from "./private-files";
import { writeFrontEndFiles } from "./front-end/config-files";
import { identityPoolIdOf } from "./identity-pool/api";
import { provision } from "./provision";
import { signingKeyOf } from "./signing-key";
import { certificateOf } from "./tls";
import { sandboxClientOfRecord, sandboxModel, type SandboxClient, type SandboxModel } from "./stack-model";
import { TokenIssuer } from "./tokens/issuer";
import { Revocations } from "./tokens/revocations";
import { newSandboxState, triggerAdapter, type SandboxState } from "./trigger-adapter";
import { ChallengeSessions } from "./user-pool-api/sessions";

/** The emulator's name for each trigger it calls (the token trigger is the sandbox's issuer's to call). */
const emulatorTriggerNames: Record<string, keyof EmulatorTriggers> = {
    preSignUp: "PreSignUp",
    postConfirmation: "PostConfirmation",
    postAuthentication: "PostAuthentication",
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
    /** The stack's identity pool's sandbox id (GetId, GetCredentialsForIdentity and GetOpenIdToken at the endpoint). */
    readonly identityPoolId?: string;
    /** The hosted UI's authorize endpoint, when the stack gives the pool a domain. */
    readonly hostedUi?: string;
    /** A page that signs in with Amplify and through the hosted UI. */
    readonly demoUrl: string;
    /** amplify_outputs.json and sandbox.env, written at start. */
    readonly frontEndFiles: { readonly amplifyOutputs: string; readonly env: string };
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
    /** The gateway's port (so printed addresses survive a restart); a free one when absent. */
    readonly port?: number;
    /** Where amplify_outputs.json and sandbox.env go. @default the data folder */
    readonly frontEndDir?: string;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
    const stack = options.stack ?? "dev";
    const plan = await planStack(stack, { edit: options.edit });
    const model = sandboxModel(plan);
    const { region } = model;
    const temporary = !options.dataDir;
    const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `cognito-sandbox-${stack}-`));
    privateTree(dataDir);
    const messagesFile = path.join(dataDir, "messages.jsonl");
    privateFile(messagesFile);
    const state = newSandboxState();
    const key = signingKeyOf(dataDir);
    const revocations = new Revocations(dataDir);
    const sessions = new ChallengeSessions();

    let context: SandboxContext | undefined;
    const stops: (() => Promise<void>)[] = [];
    const stopAll = async () => {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
        revocations.flush();
        if (options.writeStateFile !== false) fs.rmSync(stateFileOf(stack), { force: true });
        if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    };
    try {
        const gateway = await startGateway({ context: () => context, port: options.port, tls: certificateOf(dataDir) });
        stops.push(gateway.stop);
        const env: Record<string, string> = {
            PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.tmpdir(), AWS_REGION: region, AWS_DEFAULT_REGION: region,
            AWS_ACCESS_KEY_ID: "sandbox", AWS_SECRET_ACCESS_KEY: "sandbox", AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1", NODE_NO_WARNINGS: "1",
            // The functions call Cognito where the front end does: the gateway (the emulator has no port).
            AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: gateway.url,
        };
        const lambda = await startLambdaHost(model.functions, { env, adapter: triggerAdapter({ state, region }), output: options.onFunctionOutput });
        stops.push(lambda.stop);

        // Filled in once the pool is provisioned; the issuer reads them at each issue.
        const live = { poolId: "", clients: new Map<string, SandboxClient>() };
        const tokenFunction = model.functions.find((f) => f.trigger === "preTokenGeneration");
        let emulator: Emulator | undefined;
        const issuer = new TokenIssuer({
            key, model,
            issuer: (poolId) => `${gateway.url}/${poolId}`,
            client: async (clientId) => {
                const record = live.clients.has(clientId) ? undefined : await emulator!.appClient(clientId);
                return live.clients.get(clientId) ?? (record && sandboxClientOfRecord(record));
            },
            groups: async (poolId, user) => {
                const groups = await (await emulator!.userPool(poolId)).listGroups(emulator!.context);
                return groups.filter((g) => g.members?.includes(user.Username)).sort((a, b) => a.GroupName.localeCompare(b.GroupName)).map((g) => ({ name: g.GroupName, precedence: g.Precedence, roleArn: g.RoleArn }));
            },
            tokenTrigger: tokenFunction && (async (event) => {
                const { payload, functionError } = await lambda.invoke(tokenFunction.name, event);
                return functionError ? { error: String((payload as { errorMessage?: unknown })?.errorMessage ?? functionError) } : { answer: payload };
            }),
            onSession: (poolId, sub, originJti, expires) => revocations.session(poolId, sub, originJti, expires),
        });
        const triggers = Object.fromEntries(model.functions.filter((f) => emulatorTriggerNames[f.trigger]).map((f) => [emulatorTriggerNames[f.trigger], f.name]));
        emulator = await startEmulator({
            dataDir, invoke: lambda.invoke, triggers,
            // Every token the emulator's operations make comes from the sandbox's issuer.
            tokens: {
                generate: (_ctx, user, _groups, client, clientMetadata, source) => issuer.issue({
                    poolId: client.UserPoolId, clientId: client.ClientId, user, clientMetadata, refreshToken: true,
                    source: source === "RefreshTokens" || source === "HostedAuth" || source === "NewPasswordChallenge" ? source : "Authentication",
                }) as unknown as Promise<Record<string, unknown>>,
            },
            onMessage: (message) => {
                fs.appendFileSync(messagesFile, `${JSON.stringify(message)}\n`);
                options.onMessage?.(message);
            },
        });
        stops.push(emulator.stop);
        const provisioned = await provision(emulator, model);
        live.poolId = provisioned.userPoolId;
        for (const client of model.clients) live.clients.set(provisioned.clients[client.name], client);

        const issuerUrl = `${gateway.url}/${provisioned.userPoolId}`;
        const identityPool = model.identityPool && { ...model.identityPool, id: identityPoolIdOf({ key }, region, model.identityPool.name) };
        context = {
            model, state, emulator, issuer, key, revocations, sessions, identityPool,
            endpoint: gateway.url, poolId: provisioned.userPoolId, issuerUrl, clients: live.clients, clientIds: provisioned.clients,
        };
        const files = writeFrontEndFiles(context, options.frontEndDir ?? dataDir);
        const info: SandboxInfo = {
            stack, endpoint: gateway.url, region, userPoolId: provisioned.userPoolId, clients: provisioned.clients, issuer: issuerUrl,
            jwksUrl: `${issuerUrl}/.well-known/jwks.json`, messagesFile, dataDir,
            triggersNotRun: model.functions.map((f) => f.trigger).filter((t) => !emulatorTriggerNames[t] && t !== "preTokenGeneration"),
            identityPoolId: identityPool?.id,
            hostedUi: model.hostedUi && `${gateway.url}/oauth2/authorize`,
            demoUrl: `${gateway.url}/demo`,
            frontEndFiles: files,
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
