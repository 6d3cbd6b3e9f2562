// The arguments of `npm run sandbox`, checked before anything starts.
import * as path from "path";
import { StackFileError } from "../harness/stack-file";

export const sandboxUsage = "usage: npm run sandbox -- [stack] [--data <folder>] [--port <port>] [--outputs <folder>]";

export function parseSandboxArguments(argv: readonly string[]): { stack: string; dataDir?: string; port?: number; frontEndDir?: string } {
    let stack: string | undefined;
    const folders: Record<string, string | undefined> = {};
    let port: number | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--data" || argv[i] === "--outputs") {
            const value = argv[++i];
            // Without its folder, the data would go to a temporary one, removed at stop.
            if (!value || value.startsWith("-")) throw new StackFileError(`${argv[i - 1]} needs a folder\n${sandboxUsage}`);
            folders[argv[i - 1]] = path.resolve(value);
        } else if (argv[i] === "--port") {
            const value = argv[++i];
            port = Number(value);
            if (!/^\d+$/.test(value ?? "") || port < 1 || port > 65535) throw new StackFileError(`--port needs a port number from 1 to 65535, got ${value ?? "nothing"}\n${sandboxUsage}`);
        } else if (argv[i].startsWith("-")) throw new StackFileError(`unknown option ${argv[i]}\n${sandboxUsage}`);
        else if (stack === undefined) stack = argv[i];
        else throw new StackFileError(`one stack at a time: got ${stack} and ${argv[i]}\n${sandboxUsage}`);
    }
    return { stack: stack ?? "dev", dataDir: folders["--data"], port, frontEndDir: folders["--outputs"] };
}
