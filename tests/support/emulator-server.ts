// The bare emulator (no gateway, no stack) over HTTP for tests that drive it with the SDK, as its
// own server would serve it: the sandbox itself opens no port for it. Stops with the emulator.
import * as http from "http";
import type { AddressInfo } from "net";
import { startEmulator, type Emulator } from "../../tools/sandbox/emulator";

export interface ServedEmulator extends Emulator {
    readonly url: string;
}

export async function startServedEmulator(dataDir: string): Promise<ServedEmulator> {
    const emulator = await startEmulator({
        dataDir, triggers: {},
        invoke: async () => ({ functionError: "Unhandled", payload: { errorMessage: "no functions here" } }),
        tokens: { generate: async () => { throw new Error("this emulator issues no tokens"); } },
    });
    const server = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (c: Buffer) => chunks.push(c));
        request.on("end", async () => {
            const operation = /^AWSCognitoIdentityProviderService\.(\w+)$/.exec(String(request.headers["x-amz-target"] ?? ""))?.[1];
            const reply = operation ? await emulator.call(operation, JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}")) : { status: 400, body: { __type: "UnknownOperationException", message: "Unknown operation" } };
            response.writeHead(reply.status, { "content-type": "application/x-amz-json-1.1", ...(reply.status !== 200 && { "x-amzn-errortype": reply.body.__type }) });
            response.end(JSON.stringify(reply.body));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        ...emulator,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        stop: async () => {
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
            await emulator.stop();
        },
    };
}
