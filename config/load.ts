// Parse, validate and complete the `cognito:*` keys of a stack into a frozen StackConfig.
// Nothing here registers a resource: a bad stack file stops the program before anything exists.
import { ConfigError, describeIssue } from "./errors";
import { stackConfigSchema, stages, type StackSettings } from "./schema";
import { secretConfigKeys } from "./secrets";
import { applyStageDefaults } from "./stage-defaults";
import { policyConfigDir, stageProblems, stageRuleProblems } from "./stage-rules";

/** Raw config as Pulumi holds it: strings (JSON for structured values), keyed without namespace. */
export interface RawConfig {
    readonly namespace: string;
    /** Where the values came from, for error messages (for example "Pulumi.dev.yaml"). */
    readonly source: string;
    readonly stackName: string;
    readonly values: Readonly<Record<string, string>>;
    /** Keys stored as secrets. */
    readonly secretKeys: ReadonlySet<string>;
    /** Where the stages' policy configs are. @default policy/config */
    readonly policyConfigDir?: string;
}

export type StackConfig = Readonly<StackSettings>;

const schemaKeys = Object.keys(stackConfigSchema.shape);

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

export function loadStackConfig(raw: RawConfig): StackConfig {
    const problems: string[] = [];
    const input: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw.values)) {
        if (schemaKeys.includes(key)) input[key] = decode(value);
    }
    const stageLines = stageProblems(raw.namespace, raw.stackName, input.stage, raw.policyConfigDir ?? policyConfigDir);
    problems.push(...stageLines);
    if (input.stage === undefined && (stages as readonly string[]).includes(raw.stackName)) input.stage = raw.stackName;

    const parsed = stackConfigSchema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
        // A stage problem is already said above, once.
        const issues = parsed.error.issues.filter((issue) => !(issue.path[0] === "stage" && stageLines.length > 0));
        problems.push(...issues.map((issue) => describeIssue(raw.namespace, issue)));
    } else if (stageLines.length === 0) {
        problems.push(...stageRuleProblems(raw.namespace, parsed.data));
    }

    const secretKeys = parsed.success ? secretConfigKeys(parsed.data) : [];
    for (const key of Object.keys(raw.values)) {
        if (schemaKeys.includes(key) || raw.secretKeys.has(key)) continue;
        const isSecretSlot = secretKeys.some((s) => s.key === key);
        problems.push(isSecretSlot
            ? `${raw.namespace}:${key}: is stored in plain text; remove it from the stack file and run \`pulumi config set --secret ${key} ...\``
            : `${raw.namespace}:${key}: unknown key; allowed keys: ${schemaKeys.join(", ")} (and secrets set with \`pulumi config set --secret\`)`);
    }

    if (problems.length > 0 || !parsed.success) throw new ConfigError(problems, raw.source);
    return deepFreeze(applyStageDefaults(parsed.data));
}
