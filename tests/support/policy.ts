// Runs one policy over made-up resources, with a given config, through the offline evaluator.
import type { PlannedResource } from "../../tools/harness/run-program";
import { evaluatePolicies } from "../../tools/policy/evaluate";
import { completePackConfig, type Policy } from "../../tools/policy/pack-config";

/** How the engine marks a value a preview cannot know yet. */
export const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

let counter = 0;

export function resource(type: string, inputs: Record<string, any>, extra: { name?: string; protect?: boolean; outputs?: Record<string, any> } = {}): PlannedResource {
    const name = extra.name ?? `r${++counter}`;
    return {
        type, name, custom: true, inputs,
        outputs: extra.outputs ?? inputs,
        urn: `urn:pulumi:test::cognito::${type}::${name}`,
        options: { protect: extra.protect ?? false, retainOnDelete: false, dependsOn: [] },
    };
}

/** "level: detail" for each violation (the description line left out). */
export async function violations(policy: Policy, resources: PlannedResource[], config: unknown = {}): Promise<string[]> {
    const pack = completePackConfig({ [policy.name]: config }, [policy], "test");
    const found = await evaluatePolicies(resources, [policy], pack, { name: "cognito-security", version: "0.1.0" });
    return found.map((v) => {
        const [first, ...detail] = v.message.split("\n");
        if (v.policyName !== policy.name) throw new Error(`unexpected policy ${v.policyName}`);
        return `${v.enforcementLevel}: ${detail.join("\n") || first}`;
    });
}
