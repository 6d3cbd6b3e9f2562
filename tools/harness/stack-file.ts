// Reads Pulumi.<stack>.yaml the way the Pulumi CLI hands it to a program: every value a string
// (structured values as JSON), keys as "<namespace>:<key>", secure values marked secret.
import * as fs from "fs";
import * as path from "path";
import { parseDocument, type YAMLError } from "yaml";

export const projectRoot = path.resolve(__dirname, "..", "..");

/** A stack file that is missing or lacks what every stack needs: its message says the fix. */
export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

/**
 * The project's name, as its Pulumi.yaml says: part of every URN and the namespace of the stack
 * files' own keys (`<project>:stage`). Each checkout is read on its own (a --base ref may differ).
 */
export function projectNameOf(root: string): string {
    const file = path.join(root, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new StackFileError(`No Pulumi.yaml in ${path.relative(process.cwd(), root) || "."}: a Pulumi project names itself there (name: <project>)`);
    const document = parseDocument(fs.readFileSync(file, "utf8"));
    const name: unknown = document.errors.length === 0 ? (document.toJS() as { name?: unknown } | null)?.name : undefined;
    // Pulumi's own rule (sdk/go/common/tokens/project.go ValidateProjectName): 1 to 100 letters, digits, _, . and -.
    if (typeof name !== "string" || !/^[A-Za-z0-9_.-]{1,100}$/.test(name)) {
        throw new StackFileError(`${path.relative(process.cwd(), file) || file}: name must be the project's name (1 to 100 letters, digits, _, . and -), got ${document.errors.length ? "YAML that does not parse" : JSON.stringify(name)}`);
    }
    return name;
}

/** This checkout's project name. */
export const projectName = projectNameOf(projectRoot);

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

/** The stacks of a project: its Pulumi.<stack>.yaml files, where Pulumi finds them. */
export function stackNames(root = projectRoot): string[] {
    return fs.readdirSync(root).map((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s);
}

export function stackFilePath(stack: string): string {
    return path.join(projectRoot, `Pulumi.${stack}.yaml`);
}

/** How a stack file is named in messages: its name in the project root, else its path from here. */
export const displayName = (file: string) => (path.dirname(file) === projectRoot ? path.basename(file) : path.relative(process.cwd(), file) || file);

/** The keys Pulumi itself reads at a stack file's top level, beside `config`. */
const pulumiTopLevelKeys = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

/** The key written at a position (for a duplicate key: the parser names the position only). */
function keyAt(text: string, line: number, col: number): string {
    // A plain key ends at ": " or at a colon ending the line (cognito:stage is one key).
    return /^\s*("[^"]*"|'[^']*'|.+?)\s*:(\s|$)/.exec(text.split("\n")[line - 1]?.slice(col - 1) ?? "")?.[1]?.replace(/^["']|["']$/g, "") ?? "?";
}

/** One line per YAML error, at its position, in words a person can act on. */
function yamlProblem(error: YAMLError, text: string, name: string): string {
    const [{ line, col } = { line: 1, col: 1 }] = error.linePos ?? [];
    const said = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    const what: Record<string, string> = {
        DUPLICATE_KEY: `the key "${keyAt(text, line, col)}" is written twice in the same map; keep one`,
        TAB_AS_INDENT: "a tab indents this line; YAML indents with spaces",
    };
    const indentation = ["BAD_INDENT", "BLOCK_AS_IMPLICIT_KEY", "MULTILINE_IMPLICIT_KEY"].includes(error.code) ? " (check the indentation of this line and the next: the keys of one map start in the same column)" : "";
    if (indentation) return `${name}:${line}:${col}: ${said}${indentation}`;
    return `${name}:${line}:${col}: ${what[error.code] ?? said}`;
}

/** The file's `config` map, or a StackFileError saying what is wrong with the file (every YAML error, one per line). */
function configSection(text: string, name: string): Record<string, unknown> {
    const document = parseDocument(text);
    if (document.errors.length > 0) {
        // One error often brings another at the same place: the first there says it.
        const byPlace = new Map<string, string>();
        for (const line of document.errors.map((e) => yamlProblem(e, text, name))) {
            const place = line.slice(0, line.indexOf(": "));
            if (!byPlace.has(place)) byPlace.set(place, line);
        }
        throw new StackFileError([...byPlace.values()].join("\n"));
    }
    const root: unknown = document.toJS();
    if (root === null || root === undefined) throw new StackFileError(`${name} is empty: a stack file holds \`config:\` with the stack's keys (README, "Configuration")`);
    if (typeof root !== "object" || Array.isArray(root)) throw new StackFileError(`${name}: the file must be a map with a \`config:\` key, not ${Array.isArray(root) ? "a list" : JSON.stringify(root)}`);
    const unknown = Object.keys(root).filter((k) => !pulumiTopLevelKeys.includes(k));
    if (unknown.length > 0) throw new StackFileError(`${name}: unknown top-level key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}${unknown.some((k) => /^c[a-z]*f[a-z]*g$/i.test(k)) ? " (did you mean config?)" : ""}; a stack file holds config:, and Pulumi's own ${pulumiTopLevelKeys.slice(1).join(", ")}`);
    const config = (root as { config?: unknown }).config;
    if (config === undefined || config === null) throw new StackFileError(`${name} has no config: the stack's keys go under \`config:\` (README, "Configuration")`);
    if (typeof config !== "object" || Array.isArray(config)) throw new StackFileError(`${name}: config must be a map of keys (such as cognito:stage: dev), not ${JSON.stringify(config)}`);
    return config as Record<string, unknown>;
}

/** The stack file's keys, each as Pulumi hands it to the program: a key without a namespace is the project's. */
export function readStackFile(stack: string, file = stackFilePath(stack), project = projectName): StackFile {
    if (!fs.existsSync(file)) {
        throw new StackFileError(`No stack file ${path.relative(process.cwd(), file) || file} for stack "${stack}"; stacks here: ${stackNames().join(", ")}`);
    }
    const config = configSection(fs.readFileSync(file, "utf8"), displayName(file));
    const values: Record<string, string> = {};
    const secretKeys = new Set<string>();
    for (const [rawKey, value] of Object.entries(config)) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        if (value && typeof value === "object" && "secure" in value) {
            secretKeys.add(key);
            values[key] = "<encrypted in the stack file: decrypted only by the Pulumi CLI>";
        } else {
            values[key] = asConfigString(value);
        }
    }
    return { stack, path: file, values, secretKeys };
}

/** The keys of one namespace, without it, as config/load.ts reads them. */
export function namespaceValues(values: Record<string, string>, namespace: string): Record<string, string> {
    const prefix = `${namespace}:`;
    return Object.fromEntries(Object.entries(values).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}
