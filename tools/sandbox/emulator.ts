// The Cognito emulator (cognito-local 5.3.0, pinned), run inside this process and reached by no
// port: the gateway calls its operations directly (so nothing but the gateway can reach it, and no
// origin or header can get around the gateway's checks). Its parts are built here rather than by
// its start script: plain JSON logs to a file (its pretty console, pino-pretty over sonic-boom,
// delays lines after Arabic text by seconds), its database written behind (data-store.ts), its
// triggers invoked through the sandbox's Lambda host in this process, every token made by the
// sandbox's own issuer (tokens/issuer.ts) instead of its generator and its published key, and every
// message it would print (codes, emails, SMS) captured, so tests and developers read them.
import * as fs from "fs";
import * as path from "path";
import { cognitoErrorOf } from "./errors";
import { writeBehindDataStores } from "./data-store";
import type { InvokeResult } from "./lambda-host";
import { privateFile, privateFolder } from "./private-files";
import type { EmulatorUser } from "./tokens/issuer";

// Its AWS SDK v2 (for Lambda invokes) prints a maintenance notice when loaded.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";

const lib = (module: string) => require(`cognito-local/lib/${module}`);

/** One message the pool would have sent: verification and reset codes, invitations, MFA codes. */
export interface SentMessage {
    readonly at: string;
    readonly channel: "email" | "sms";
    readonly username: string;
    readonly destination: string;
    readonly code?: string;
    readonly subject?: string;
    readonly message?: string;
}

/** cognito-local's trigger names -> the Lambda function names it invokes. */
export type EmulatorTriggers = Partial<Record<"PreSignUp" | "PostConfirmation" | "PostAuthentication" | "PreTokenGeneration" | "CustomMessage" | "UserMigration" | "CustomEmailSender", string>>;

/** cognito-local's token generator: what its sign-in operations call to make tokens. */
export interface EmulatorTokenGenerator {
    generate(ctx: unknown, user: EmulatorUser, groups: string[], client: { ClientId: string; UserPoolId: string }, clientMetadata: Record<string, string> | undefined, source: string): Promise<Record<string, unknown>>;
}

export interface EmulatorOptions {
    /** Where the emulator keeps its pools and users (kept across runs if the folder is). */
    readonly dataDir: string;
    /** The Lambda service its triggers are invoked through. */
    readonly invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
    readonly triggers: EmulatorTriggers;
    readonly tokens: EmulatorTokenGenerator;
    /** Each sent message, as it is sent. */
    readonly onMessage?: (message: SentMessage) => void;
}

/** An operation's answer as the emulator's server would send it: 200 and the output, or the error. */
export interface EmulatorReply {
    readonly status: number;
    readonly body: Record<string, any>;
}

/** The part of cognito-local's user pool service the sandbox reads and writes. */
export interface EmulatorUserPool {
    readonly options: { Id: string; MfaConfiguration?: string; UsernameAttributes?: string[]; [option: string]: unknown };
    getUserByUsername(ctx: unknown, username: string): Promise<EmulatorUser | null>;
    saveUser(ctx: unknown, user: EmulatorUser): Promise<void>;
    listGroups(ctx: unknown): Promise<{ GroupName: string; Precedence?: number; RoleArn?: string; members?: string[] }[]>;
}

export interface Emulator {
    /** Runs one of its operations (`SignUp`, ...) as its server would, in this process. */
    call(operation: string, body: Record<string, unknown>): Promise<EmulatorReply>;
    /** Its operations, by name. */
    supports(operation: string): boolean;
    userPool(poolId: string): Promise<EmulatorUserPool>;
    /** The client as the emulator keeps it (its secret included), or undefined. */
    appClient(clientId: string): Promise<({ ClientId: string; UserPoolId: string; ClientSecret?: string } & Record<string, any>) | undefined>;
    /** A new confirmation code sent to an unconfirmed user, as sign-up sends it (CustomMessage_ResendCode); where it went. */
    resendCode(poolId: string, clientId: string, user: EmulatorUser, clientMetadata?: unknown): Promise<Record<string, string> | undefined>;
    /** Runs the post authentication trigger (if the pool has one), as after a sign-in the emulator's flow did not run. */
    postAuthentication(poolId: string, clientId: string, user: EmulatorUser, clientMetadata?: unknown): Promise<void>;
    /** What operations are given as their context (a logger). */
    readonly context: unknown;
    /** Every message sent since the start, oldest first. */
    readonly messages: SentMessage[];
    readonly logFile: string;
    stop(): Promise<void>;
}

/** The emulator's JSON: dates as epoch seconds, as its server writes them. */
const wire = (output: unknown) => JSON.parse(JSON.stringify(output ?? {}, function (this: Record<string, unknown>, key, value) {
    return this[key] instanceof Date ? Math.floor((this[key] as Date).getTime() / 1000) : value;
}));

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
    const pino = require("pino");
    const services = lib("services");
    const dbDir = path.join(options.dataDir, "db");
    privateFolder(dbDir);
    const logFile = path.join(options.dataDir, "emulator.log");
    privateFile(logFile);
    const logStream = fs.createWriteStream(logFile, { flags: "a" });
    const logger = pino({ level: process.env.DEBUG ? "debug" : "info" }, logStream);
    const ctx = { logger };

    const messages: SentMessage[] = [];
    const record = (channel: SentMessage["channel"]) => async (_ctx: unknown, user: { Username: string }, destination: string, message: { __code?: string; emailSubject?: string; emailMessage?: string; smsMessage?: string }) => {
        const sent: SentMessage = {
            at: new Date().toISOString(), channel, username: user.Username, destination, code: message.__code,
            subject: message.emailSubject, message: channel === "email" ? message.emailMessage : message.smsMessage,
        };
        messages.push(sent);
        options.onMessage?.(sent);
    };
    const sender = { sendEmail: record("email"), sendSms: record("sms") };

    // The AWS SDK v2 Lambda client's one method the emulator uses, answered by the sandbox's Lambda host.
    const lambda = {
        invoke: (params: { FunctionName: string; Payload: string }) => ({
            promise: async () => {
                const { payload, functionError } = await options.invoke(params.FunctionName, JSON.parse(params.Payload));
                return { StatusCode: 200, Payload: JSON.stringify(payload ?? null), ...(functionError && { FunctionError: functionError }) };
            },
        }),
    };
    const clock = new services.DateClock();
    const dataStores = writeBehindDataStores(dbDir);
    const cognito = await new (lib("services/cognitoService").CognitoServiceFactoryImpl)(dbDir, dataStores, new (lib("services/userPoolService").UserPoolServiceFactoryImpl)(clock, dataStores)).create(ctx, {});
    const triggers = new services.TriggersService(clock, cognito, new services.LambdaService(options.triggers, lambda), new (lib("services/crypto").CryptoService)({ region: "local" }));
    const messagesService = new services.MessagesService(triggers, new (lib("services/messageDelivery/messageDelivery").MessageDeliveryService)(sender));
    // Cognito sends no confirmation code to a sign-up the pre sign-up trigger confirmed; the emulator does.
    const deliver = messagesService.deliver.bind(messagesService);
    messagesService.deliver = (ctx: unknown, source: string, clientId: string, poolId: string, user: { UserStatus?: string }, ...rest: unknown[]) =>
        source === "SignUp" && user.UserStatus === "CONFIRMED" ? Promise.resolve() : deliver(ctx, source, clientId, poolId, user, ...rest);
    const router = lib("server/Router").Router({ clock, cognito, triggers, messages: messagesService, otp: lib("services/otp").otp, tokenGenerator: options.tokens, config: { UserPoolDefaults: {} } });
    const { isSupportedTarget } = lib("targets/Target");

    return {
        async call(operation, body) {
            try {
                return { status: 200, body: wire(await router(operation)(ctx, body)) };
            } catch (error) {
                const known = cognitoErrorOf(error);
                if (known) return { status: 400, body: { __type: known.type, message: known.message } };
                if (error instanceof lib("errors").UnsupportedError) return { status: 500, body: { __type: "CognitoLocal#Unsupported", message: `Cognito Local unsupported feature: ${(error as Error).message}` } };
                logger.error(error, `Error handling target: ${operation}`);
                return { status: 500, body: { __type: "InternalErrorException", message: (error as Error).message } };
            }
        },
        supports: (operation) => isSupportedTarget(operation),
        userPool: (poolId) => cognito.getUserPool(ctx, poolId),
        appClient: async (clientId) => (await cognito.getAppClient(ctx, clientId)) ?? undefined,
        async resendCode(poolId, clientId, user, clientMetadata) {
            const pool = await cognito.getUserPool(ctx, poolId);
            const details = lib("services/messageDelivery/deliveryMethod").selectAppropriateDeliveryMethod(pool.options.AutoVerifiedAttributes ?? [], user);
            if (!details) return undefined;
            const code = lib("services/otp").otp();
            await messagesService.deliver(ctx, "ResendCode", clientId, poolId, user, code, clientMetadata, details);
            await pool.saveUser(ctx, { ...user, ConfirmationCode: code });
            return details;
        },
        async postAuthentication(poolId, clientId, user, clientMetadata) {
            if (!triggers.enabled("PostAuthentication")) return;
            await triggers.postAuthentication(ctx, { clientId, clientMetadata, source: "PostAuthentication_Authentication", userAttributes: user.Attributes, username: user.Username, userPoolId: poolId });
        },
        context: ctx,
        messages,
        logFile,
        stop: async () => {
            await dataStores.flush();
            await new Promise<void>((resolve) => logStream.end(resolve));
        },
    };
}
