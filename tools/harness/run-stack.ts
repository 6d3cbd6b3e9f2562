// The offline plan: the real program (index.ts) run under the mock runtime with a stack's real
// config file. Used by `npm start`, by the tests, and by the policy check.
import * as path from "path";
import type * as configModule from "../../config";
import type { StackTransforms } from "../../components/stack-transforms";
import { ConfigError, stagePolicyConfig, type CheckedConfig, type RawConfig, type SecretKey, type StackConfig, type StageDefaultsName } from "../../config";
import { runProgram, type ProgramRun } from "./run-program";
import { displayName, namespaceValues, projectNameOf, projectRoot, readStackFile } from "./stack-file";

export type { PlannedResource, ResourceOptionsSeen } from "./run-program";

export interface Plan extends ProgramRun {
    readonly stack: string;
    /** The project's name (its Pulumi.yaml): in every URN, and the namespace of the stack's own keys. */
    readonly project: string;
    /** The stack's stage (cognito:stage). */
    readonly stage: string;
    /** The stage defaults and rules it takes (cognito:stageDefaults). */
    readonly stageDefaults: StageDefaultsName;
    /** The policy config that checks it (config/policy-config.ts decides which). */
    readonly policyConfig: string;
    /** The stack's region (aws:region). */
    readonly region: string;
    /** Secret config keys the stack file does not hold; the plan used marked placeholders. */
    readonly placeholders: readonly SecretKey[];
    readonly durationMs: number;
    /** The checked stack config (a base ref's, in that ref's shape), for tools that name what a config key points at. */
    readonly config: StackConfig;
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
    /** A transform per component, passed to the program (index.ts) as a program of your own would. @default none */
    readonly transforms?: StackTransforms;
}

export const placeholderPrefix = "PLACEHOLDER-offline-plan-";

/**
 * The stack file checked on its own by the root's config loader (a base checkout is judged by its
 * own rules): the file's problems, and what parsed. Nothing is thrown yet.
 */
function checkedStackFile(project: typeof configModule, raw: RawConfig): CheckedConfig {
    if (typeof project.checkStackConfig === "function") return project.checkStackConfig(raw);
    // A checkout from before one-run checks and stageDefaults (a --base ref): its loader, which
    // throws as it did; its stage, dev or prod, is also the defaults it takes.
    const loaded = project.loadStackConfig(raw);
    const config = { ...loaded, stageDefaults: loaded.stageDefaults ?? (loaded.stage as StageDefaultsName) };
    return { namespace: raw.namespace, source: raw.source, problems: [], notices: [], parsed: config, unusable: new Set(), config, stageFilled: new Set() };
}

/** A stack file read (edited, when asked) and checked on its own, with the root's config module. */
function readStack(stack: string, options: Pick<PlanOptions, "edit" | "file" | "root">) {
    const root = options.root ?? projectRoot;
    const projectName = projectNameOf(root);
    const file = readStackFile(stack, options.file ?? path.join(root, `Pulumi.${stack}.yaml`), projectName);
    const values = options.edit ? options.edit({ ...file.values }) : { ...file.values };
    const project: typeof configModule = require(path.join(root, "config"));
    const secretKeys = new Set([...file.secretKeys].filter((k) => k.startsWith(`${projectName}:`)).map((k) => k.slice(projectName.length + 1)));
    // Every other namespace's keys: one nothing reads (a typo, a project renamed with its stack files left as they were) is a problem of the file (config/unknown-keys.ts).
    const otherKeys = Object.keys(values).filter((key) => !key.startsWith(`${projectName}:`) && !key.startsWith("aws:"));
    const raw: RawConfig = { namespace: projectName, source: displayName(file.path), stackName: stack, values: namespaceValues(values, projectName), aws: namespaceValues(values, "aws"), secretKeys, otherKeys };
    return { root, projectName, file, values, project, checked: checkedStackFile(project, raw) };
}

/** The whole config of a valid stack file, and the policy config its stage takes. */
function completeConfig(root: string, checked: CheckedConfig) {
    if (!checked.config) throw new ConfigError(checked.problems, checked.source);
    return { config: checked.config, policyConfig: stagePolicyConfig(checked.config, path.join(root, "policy", "config")) };
}

/**
 * A stack file read and checked on its own by the project's config loader (nothing registered):
 * every problem of the file itself at once. The components' combination checks run in the program
 * (planStack), where the stack's project and stack names are the runtime's.
 */
export function loadStack(stack: string, options: Pick<PlanOptions, "edit" | "file" | "root"> = {}) {
    const { root, file, values, checked } = readStack(stack, options);
    return { root, file, values, ...completeConfig(root, checked) };
}

export async function planStack(stack: string, options: PlanOptions = {}): Promise<Plan> {
    const started = process.hrtime.bigint();
    const { root, projectName, file, values, project, checked } = readStack(stack, options);
    // The secrets of the providers that parsed, as the program reads them, each a marked placeholder
    // unless the file holds it. A bad file then stops in the program, with every problem the file
    // has and every combination check over what parsed, before its first resource.
    const placeholders = project.secretConfigKeys(checked.parsed).filter((s) => values[`${projectName}:${s.key}`] === undefined);
    for (const { key } of placeholders) values[`${projectName}:${key}`] = `${placeholderPrefix}${key}`;

    const program: (transforms?: StackTransforms) => Promise<Record<string, unknown>> = require(path.join(root, "index"));
    const run = await runProgram(() => program(options.transforms), {
        stack,
        project: projectName,
        config: values,
        secretKeys: [...file.secretKeys, ...placeholders.map((p) => `${projectName}:${p.key}`)],
        firstPreview: options.firstPreview,
    });
    const { config, policyConfig } = completeConfig(root, checked);
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    return { ...run, stack, project: projectName, stage: config.stage, stageDefaults: config.stageDefaults, policyConfig, region: values["aws:region"], placeholders, durationMs, config };
}
