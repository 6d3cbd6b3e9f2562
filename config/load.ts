// Parse, validate and complete the `cognito:*` and `aws:*` keys of a stack into a frozen StackConfig.
// Nothing here registers a resource: a bad stack file stops the program before anything exists.
// Every problem the file has on its own is found in one pass (aws: keys, stage, each section's
// schema, stage rules, unknown keys), and the sections that did parse are handed on, so that the
// components' combination checks (components/preflight.ts) can run over them in the same run.
import type { z } from "zod";
import { awsConfigProblems } from "./aws-config";
import { ConfigError, describeIssue } from "./errors";
import { policyConfigDir } from "./policy-config";
import { stackConfigSchema, type StackSettings, type StageDefaultsName } from "./schema";
import { applyStageDefaults, stageFilledFields } from "./stage-defaults";
import { chooseStageAndDefaults, stageRuleProblems } from "./stage-rules";
import { misspeltSections, renamedProjectKeys, unknownNamespaceKeys, unknownProjectKeys } from "./unknown-keys";

/** Raw config as Pulumi holds it: strings (JSON for structured values), keyed without namespace. */
export interface RawConfig {
    readonly namespace: string;
    /** Where the values came from, for error messages (for example "Pulumi.dev.yaml"). */
    readonly source: string;
    readonly stackName: string;
    /** The project's keys (`cognito:*`). */
    readonly values: Readonly<Record<string, string>>;
    /** The AWS provider's keys (`aws:*`), such as region. */
    readonly aws: Readonly<Record<string, string>>;
    /** Keys stored as secrets. */
    readonly secretKeys: ReadonlySet<string>;
    /** Full keys of every other namespace of the stack file (`random:...`, `cognto:userPool`): one nothing reads is a typo. @default none */
    readonly otherKeys?: readonly string[];
    /** Where the stages' policy configs are. @default policy/config */
    readonly policyConfigDir?: string;
}

/** A whole stack config: every key parsed, the stage and its defaults chosen, the user pool completed with them. */
export type StackConfig = Readonly<Omit<StackSettings, "stage" | "stageDefaults"> & { readonly stage: string; readonly stageDefaults: StageDefaultsName }>;

/** The keys that configure parts of the stack, which the components' combination checks read. */
export type Section = Exclude<keyof StackSettings, "stage" | "stageDefaults">;

/** A stack file as checked on its own, before the combination checks. */
export interface CheckedConfig {
    readonly namespace: string;
    readonly source: string;
    /** Every problem of the file itself, one full line each. */
    readonly problems: readonly string[];
    /** What the file holds without effect but may stand (a former project name's keys), one full line each: warned. */
    readonly notices: readonly string[];
    /** What is known good: the stage and its defaults when chosen, and every section that parsed (userPool completed with the stage defaults). */
    readonly parsed: Partial<StackConfig>;
    /** Sections missing from `parsed`: refused by the schema, or (userPool) not completed for want of stage defaults. A check that reads one is skipped. */
    readonly unusable: ReadonlySet<Section>;
    /** The whole config, when the file has no problem. */
    readonly config?: StackConfig;
    /** userPool fields the stack file left out and its stage defaults filled (mfa.mode, ...), so that a problem with one can say where its value came from. */
    readonly stageFilled: ReadonlySet<string>;
}

const shape: Readonly<Record<string, z.ZodType>> = stackConfigSchema.shape;
const schemaKeys = Object.keys(shape);

function decode(raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        return raw; // a plain string such as `stage: dev`
    }
}

function deepFreeze<T>(value: T): T {
    if (value && typeof value === "object" && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const child of Object.values(value)) deepFreeze(child);
    }
    return value;
}

/**
 * Each top-level key parsed on its own (the schema joins no two of them), so that one bad section
 * leaves the others usable. Issue paths start at the key, as a person would type it.
 */
function parseKeys(namespace: string, values: Readonly<Record<string, string>>) {
    const parsed: Record<string, unknown> = {};
    const refused = new Set<string>();
    const problems: string[] = [];
    for (const key of schemaKeys) {
        const result = shape[key].safeParse(values[key] === undefined ? undefined : decode(values[key]), { reportInput: true });
        if (result.success) {
            if (result.data !== undefined) parsed[key] = result.data;
        } else {
            refused.add(key);
            problems.push(...result.error.issues.map((issue) => describeIssue(namespace, { ...issue, path: [key, ...issue.path] })));
        }
    }
    return { parsed: parsed as Partial<StackSettings>, refused, problems };
}


/** Checks the stack file on its own and hands on what parsed; never throws. */
export function checkStackConfig(raw: RawConfig): CheckedConfig {
    const { namespace } = raw;
    const keys = parseKeys(namespace, raw.values);
    const { stage, stageDefaults, ...sections } = keys.parsed;
    const { chosen, problems: stageProblems } = chooseStageAndDefaults(namespace, raw.stackName, { stage, stageDefaults, refused: keys.refused }, raw.policyConfigDir ?? policyConfigDir);

    const refused = new Set([...keys.refused, ...misspeltSections(raw, schemaKeys)]);
    const unusable = new Set([...refused].filter((k): k is Section => k !== "stage" && k !== "stageDefaults"));
    // The pool's checks depend on the stage defaults (MFA mode, deletion guards): without them it waits.
    const userPool = unusable.has("userPool") || !chosen ? undefined : applyStageDefaults(sections.userPool ?? {}, chosen.stageDefaults);
    if (!userPool) unusable.add("userPool");
    const parsed: Partial<StackConfig> = { ...sections, ...chosen, userPool };

    const problems = [
        ...awsConfigProblems(raw.aws),
        ...stageProblems,
        ...keys.problems,
        ...(chosen && !unusable.has("triggers") ? stageRuleProblems(namespace, chosen, sections.triggers) : []),
        ...unknownProjectKeys(raw, schemaKeys, keys.parsed, refused.has("identityProviders")),
        ...unknownNamespaceKeys(namespace, raw.otherKeys ?? [], schemaKeys),
    ];
    const frozen = deepFreeze(parsed);
    const stageFilled = new Set(userPool ? stageFilledFields(sections.userPool ?? {}, userPool) : []);
    const notices = renamedProjectKeys(namespace, raw.otherKeys ?? [], schemaKeys);
    return { namespace, source: raw.source, problems, notices, parsed: frozen, unusable, config: problems.length === 0 ? frozen as StackConfig : undefined, stageFilled };
}

/** The whole stack config, or a ConfigError naming every problem of the file itself. */
export function loadStackConfig(raw: RawConfig): StackConfig {
    const checked = checkStackConfig(raw);
    if (!checked.config) throw new ConfigError(checked.problems, raw.source);
    return checked.config;
}
