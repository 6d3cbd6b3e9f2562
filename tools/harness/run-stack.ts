// The offline plan: the real program (index.ts) run under the mock runtime with a stack's real
// config file. Used by `npm start`, by the tests, and by the policy check.
import * as path from "path";
import type * as configModule from "../../config";
import type { SecretKey } from "../../config";
import { runProgram, type ProgramRun } from "./run-program";
import { projectName, projectRoot, projectValues, readStackFile, StackFileError } from "./stack-file";

export type { PlannedResource, ResourceOptionsSeen } from "./run-program";

export interface Plan extends ProgramRun {
    readonly stack: string;
    /** The stack's stage (cognito:stage): which policy config applies. */
    readonly stage: string;
    /** Secret config keys the stack file does not hold; the plan used marked placeholders. */
    readonly placeholders: readonly SecretKey[];
    readonly durationMs: number;
}

export interface PlanOptions {
    /** Change the stack file's values before the run ("namespace:key" -> string). */
    readonly edit?: (values: Record<string, string>) => Record<string, string>;
    /** Read another file than Pulumi.<stack>.yaml. */
    readonly file?: string;
    /** Plan as a first `pulumi preview` of a new stack: ids, ARNs and computed values unknown. @default false */
    readonly firstPreview?: boolean;
    /**
     * The project to plan: its stack file, config loader and program (another checkout of this
     * project, such as a git ref extracted for `--base`). @default this checkout
     */
    readonly root?: string;
}

export const placeholderPrefix = "PLACEHOLDER-offline-plan-";

/** A stack file read and validated by the project's own config loader (nothing registered yet). */
export function loadStack(stack: string, options: Pick<PlanOptions, "edit" | "file" | "root"> = {}) {
    const root = options.root ?? projectRoot;
    const file = readStackFile(stack, options.file ?? path.join(root, `Pulumi.${stack}.yaml`));
    // The project's own loader: a base checkout is judged by its own schema.
    const { loadStackConfig, secretConfigKeys }: typeof configModule = require(path.join(root, "config"));
    const values = options.edit ? options.edit({ ...file.values }) : { ...file.values };
    const secretKeys = new Set([...file.secretKeys].map((k) => k.slice(projectName.length + 1)));
    const config = loadStackConfig({ namespace: projectName, source: file.path, stackName: stack, values: projectValues(values), secretKeys });
    if (!values["aws:region"]) throw new StackFileError(`aws:region is not set in ${file.path}; set it with \`pulumi config set aws:region eu-central-1\``);
    return { root, file, values, config, secretPlaceholders: () => secretConfigKeys(config).filter((s) => values[`${projectName}:${s.key}`] === undefined) };
}

export async function planStack(stack: string, options: PlanOptions = {}): Promise<Plan> {
    const started = process.hrtime.bigint();
    // Validate first: a bad stack file stops here, before the runtime sees any resource.
    const { root, file, values, config, secretPlaceholders } = loadStack(stack, options);
    const placeholders = secretPlaceholders();
    for (const { key } of placeholders) values[`${projectName}:${key}`] = `${placeholderPrefix}${key}`;

    const program: () => Promise<Record<string, unknown>> = require(path.join(root, "index"));
    const run = await runProgram(program, {
        stack,
        config: values,
        secretKeys: [...file.secretKeys, ...placeholders.map((p) => `${projectName}:${p.key}`)],
        firstPreview: options.firstPreview,
    });
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    return { ...run, stack, stage: config.stage, placeholders, durationMs };
}
