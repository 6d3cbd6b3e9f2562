// The Cognito emulator (cognito-local 5.3.0, pinned) started in this process with its server built
// here rather than by its start script: plain JSON logs to a file (its pretty console, pino-pretty
// over sonic-boom, delays lines after Arabic text by seconds), config given as an object instead of
// a .cognito folder in the working directory, and every message it would print (codes, emails,
// SMS) captured, so tests and developers read them.
import { createPrivateKey, type KeyObject } from "crypto";
import * as fs from "fs";
import type { AddressInfo } from "net";
import * as path from "path";
import { writeBehindDataStores } from "./data-store";

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

export interface EmulatorOptions {
    /** Where the emulator keeps its pools and users (kept across runs if the folder is). */
    readonly dataDir: string;
    /** The Lambda Invoke API the triggers are called through. */
    readonly lambdaEndpoint: string;
    readonly triggers: EmulatorTriggers;
    /** The issuer's origin in tokens (`<issuerOrigin>/<poolId>`): the address clients use. */
    readonly issuerOrigin: string;
    /** Each sent message, as it is sent. */
    readonly onMessage?: (message: SentMessage) => void;
}

export interface Emulator {
    readonly url: string;
    /** Every message sent since the start, oldest first. */
    readonly messages: SentMessage[];
    readonly logFile: string;
    stop(): Promise<void>;
}

/**
 * The emulator's signing key, parsed once: it signs every token with the PEM text, which costs a
 * key parse per token (a third of a sign-in's CPU here). Its JWT library takes a KeyObject as well.
 */
function parseSigningKeyOnce(): void {
    const key = require("cognito-local/lib/keys/cognitoLocal.private.json") as { pem: string | KeyObject };
    if (typeof key.pem === "string") key.pem = createPrivateKey(key.pem);
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
    parseSigningKeyOnce();
    const pino = require("pino");
    const services = lib("services");
    const dbDir = path.join(options.dataDir, "db");
    fs.mkdirSync(dbDir, { recursive: true });
    const logFile = path.join(options.dataDir, "emulator.log");
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

    const config = {
        LambdaClient: { credentials: { accessKeyId: "local", secretAccessKey: "local" }, region: "local", endpoint: options.lambdaEndpoint, maxRetries: 0 },
        TriggerFunctions: options.triggers,
        UserPoolDefaults: {},
        TokenConfig: { IssuerDomain: options.issuerOrigin },
        KMSConfig: { credentials: { accessKeyId: "local", secretAccessKey: "local" }, region: "local" },
        ServerConfig: { port: 0, hostname: "127.0.0.1", development: false, https: false },
    };
    const AWS = require("aws-sdk");
    const clock = new services.DateClock();
    const dataStores = writeBehindDataStores(dbDir);
    const cognito = await new (lib("services/cognitoService").CognitoServiceFactoryImpl)(dbDir, dataStores, new (lib("services/userPoolService").UserPoolServiceFactoryImpl)(clock, dataStores)).create(ctx, config.UserPoolDefaults);
    const triggers = new services.TriggersService(clock, cognito, new services.LambdaService(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient)), new (lib("services/crypto").CryptoService)(config.KMSConfig));
    const messagesService = new services.MessagesService(triggers, new (lib("services/messageDelivery/messageDelivery").MessageDeliveryService)(sender));
    // Cognito sends no confirmation code to a sign-up the pre sign-up trigger confirmed; the emulator does.
    const deliver = messagesService.deliver.bind(messagesService);
    messagesService.deliver = (ctx: unknown, source: string, clientId: string, poolId: string, user: { UserStatus?: string }, ...rest: unknown[]) =>
        source === "SignUp" && user.UserStatus === "CONFIRMED" ? Promise.resolve() : deliver(ctx, source, clientId, poolId, user, ...rest);
    const all = {
        clock, cognito, config, triggers,
        messages: messagesService,
        otp: lib("services/otp").otp,
        tokenGenerator: new (lib("services/tokenGenerator").JwtTokenGenerator)(clock, triggers, config.TokenConfig),
    };
    const server = await lib("server/server").createServer(lib("server/Router").Router(all), logger, config.ServerConfig, all).start();
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        messages,
        logFile,
        stop: async () => {
            await new Promise<void>((resolve) => {
                server.closeAllConnections?.();
                server.close(() => resolve());
            });
            await dataStores.flush();
            await new Promise<void>((resolve) => logStream.end(resolve));
        },
    };
}
