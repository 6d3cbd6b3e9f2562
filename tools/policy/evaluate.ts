// Runs the pack's rules over a planned stack the way the policy server does for the engine:
// each resource's inputs to the resource rules (Analyze), every resource's state to the stack
// rules (AnalyzeStack), unknown values behind the same checking proxy, the same messages.
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import type { PlannedResource } from "../harness/run-program";
import { unwrapSecrets } from "../harness/wire";
import type { PackConfig, Policy } from "./pack-config";

export interface Violation {
    readonly policyName: string;
    readonly enforcementLevel: string;
    /** The policy's description, then what this resource did wrong. */
    readonly message: string;
    readonly urn: string;
}

export interface PackIdentity {
    readonly name: string;
    readonly version: string;
}

// The server's own unknown-value proxy: @pulumi/policy keeps it out of its typings (internal).
const { unknownCheckingProxy, UnknownValueError } = require("@pulumi/policy/proxy") as {
    unknownCheckingProxy<T extends object>(value: T): T;
    UnknownValueError: new (...args: never[]) => Error;
};

const isResourcePolicy = (p: Policy): p is ResourceValidationPolicy => "validateResource" in p;
const isStackPolicy = (p: Policy): p is StackValidationPolicy => "validateStack" in p;

/** Resource options as the engine sends them (the parent as a URN). */
export const optionsOf = (r: PlannedResource, parentUrn: string | undefined) => ({
    protect: r.options.protect,
    ignoreChanges: [...(r.options.ignoreChanges ?? [])],
    aliases: [] as string[],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [] as string[],
    ...(parentUrn && { parent: parentUrn }),
});

/** "type::name" of a parent -> its URN. */
export function parentUrns(resources: readonly PlannedResource[]): (r: PlannedResource) => string | undefined {
    const urns = new Map(resources.map((r) => [`${r.type}::${r.name}`, r.urn]));
    return (r) => (r.parent ? urns.get(r.parent) : undefined);
}

const notApplicable = (): never => {
    throw new Error("notApplicable is not used by this pack");
};

/**
 * What a rule sees of one resource, as the server builds it: properties behind the unknown-value
 * proxy, secrets in plain form (the server's deserializer unwraps them), the engine's options.
 */
function viewOf(r: PlannedResource, properties: Record<string, unknown>, parentUrn: string | undefined) {
    const props = unknownCheckingProxy(unwrapSecrets<Record<string, unknown>>(properties));
    const isType = (resourceClass: unknown) => (resourceClass as { __pulumiType?: string }).__pulumiType === r.type;
    return {
        type: r.type, props, urn: r.urn, name: r.name, opts: optionsOf(r, parentUrn),
        isType, asType: (resourceClass: unknown) => (isType(resourceClass) ? props : undefined),
    };
}

async function guardUnknown(policy: Policy, pack: PackIdentity, out: Violation[], urn: string, run: () => unknown): Promise<void> {
    try {
        await run();
    } catch (error) {
        if (!(error instanceof UnknownValueError)) throw error;
        // What the server answers when a rule reads a value a preview cannot know yet.
        out.push({ policyName: policy.name, enforcementLevel: "advisory", urn, message: `can't run policy '${policy.name}' from policy pack '${pack.name}@v${pack.version}' during preview: ${(error as Error).message}` });
    }
}

function reporter(policy: Policy, level: string, out: Violation[], defaultUrn: string) {
    return (message?: string, urn?: string) => out.push({ policyName: policy.name, enforcementLevel: level, urn: urn ?? defaultUrn, message: message ? `${policy.description}\n${message}` : policy.description });
}

/** The resources the engine analyzes: all but the stack itself. */
export const analyzed = (resources: readonly PlannedResource[]) => resources.filter((r) => r.type !== "pulumi:pulumi:Stack");

export async function evaluatePolicies(resources: readonly PlannedResource[], policies: readonly Policy[], config: PackConfig, pack: PackIdentity): Promise<Violation[]> {
    const out: Violation[] = [];
    const targets = analyzed(resources);
    const parentUrn = parentUrns(resources);
    for (const policy of policies) {
        const level = config[policy.name]?.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
        if (level === "disabled") continue;
        const reported = level === "remediate" ? "mandatory" : level;
        const getConfig = <T extends object>() => config[policy.name]?.properties as T;
        if (isResourcePolicy(policy) && policy.validateResource) {
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            for (const r of targets) {
                const args = { ...viewOf(r, r.inputs, parentUrn(r)), getConfig, stackTags: new Map(), notApplicable } as unknown as ResourceValidationArgs;
                for (const validate of validations) await guardUnknown(policy, pack, out, r.urn, () => validate(args, reporter(policy, reported, out, r.urn)));
            }
        }
        if (isStackPolicy(policy)) {
            const views = targets.map((r) => ({ ...viewOf(r, r.outputs, parentUrn(r)), dependencies: [], propertyDependencies: {} }) as unknown as PolicyResource);
            const byUrn = new Map(views.map((v) => [v.urn, v]));
            targets.forEach((r, i) => {
                const parent = byUrn.get(parentUrn(r) ?? "");
                if (parent) (views[i] as { parent?: PolicyResource }).parent = parent;
            });
            const args = { resources: views, getConfig, stackTags: new Map(), notApplicable } as unknown as StackValidationArgs;
            await guardUnknown(policy, pack, out, "", () => policy.validateStack(args, reporter(policy, reported, out, "")));
        }
    }
    return out;
}
