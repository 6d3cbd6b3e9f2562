// Reads Pulumi.<stack>.yaml the way the Pulumi CLI hands it to a program: every value a string
// (structured values as JSON), keys as "<namespace>:<key>", secure values marked secret.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export const projectRoot = path.resolve(__dirname, "..", "..");
export const projectName = "cognito";

/** A stack file that is missing or lacks what every stack needs: its message says the fix. */
export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

export interface StackFile {
    readonly stack: string;
    readonly path: string;
    /** "namespace:key" -> value as Pulumi passes it to the program. */
    readonly values: Record<string, string>;
    /** Keys stored as `secure:` values (encrypted in the file). */
    readonly secretKeys: Set<string>;
}

function asConfigString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

export function stackFilePath(stack: string): string {
    return path.join(projectRoot, `Pulumi.${stack}.yaml`);
}

export function readStackFile(stack: string, file = stackFilePath(stack)): StackFile {
    if (!fs.existsSync(file)) {
        const known = fs.readdirSync(projectRoot).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).map((f) => f.split(".")[1]);
        throw new StackFileError(`No stack file ${path.relative(process.cwd(), file) || file} for stack "${stack}"; stacks here: ${known.join(", ")}`);
    }
    const document = parse(fs.readFileSync(file, "utf8")) ?? {};
    const config: Record<string, unknown> = document.config ?? {};
    const values: Record<string, string> = {};
    const secretKeys = new Set<string>();
    for (const [rawKey, value] of Object.entries(config)) {
        const key = rawKey.includes(":") ? rawKey : `${projectName}:${rawKey}`;
        if (value && typeof value === "object" && "secure" in value) {
            secretKeys.add(key);
            values[key] = "<encrypted in the stack file: decrypted only by the Pulumi CLI>";
        } else {
            values[key] = asConfigString(value);
        }
    }
    return { stack, path: file, values, secretKeys };
}

/** The project's own keys, without the namespace, as config/load.ts reads them. */
export function projectValues(values: Record<string, string>): Record<string, string> {
    const prefix = `${projectName}:`;
    return Object.fromEntries(Object.entries(values).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}
