// Parse, validate and complete the `cognito:*` keys of a stack into a frozen StackConfig.
// Nothing here registers a resource: a bad stack file stops the program before anything exists.
import { ConfigError, describeIssue, show } from "./errors";
import { stackConfigSchema, stages, type StackSettings } from "./schema";
import { secretConfigKeys } from "./secrets";
import { applyStageDefaults } from "./stage-defaults";

/** Raw config as Pulumi holds it: strings (JSON for structured values), keyed without namespace. */
export interface RawConfig {
    readonly namespace: string;
    /** Where the values came from, for error messages (for example "Pulumi.dev.yaml"). */
    readonly source: string;
    readonly stackName: string;
    readonly values: Readonly<Record<string, string>>;
    /** Keys stored as secrets. */
    readonly secretKeys: ReadonlySet<string>;
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
    if (input.stage === undefined && (stages as readonly string[]).includes(raw.stackName)) input.stage = raw.stackName;

    const parsed = stackConfigSchema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
        problems.push(...parsed.error.issues.map((issue) => {
            const line = describeIssue(raw.namespace, issue);
            return issue.path[0] === "stage" && input.stage === undefined
                ? `${raw.namespace}:stage: is required for stack "${raw.stackName}"; allowed: ${stages.map((s) => show(s)).join(", ")}`
                : line;
        }));
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
