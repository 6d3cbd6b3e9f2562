// The offline plan: run the real program (index.ts) under Pulumi's mock runtime with a stack's
// real config file, and collect every resource with its inputs and options, and the outputs.
// Used by `npm start`, by the tests, and by the policy check.
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, secretConfigKeys, type SecretKey } from "../../config";
import { RecordingMocks, type Registration } from "./mocks";
import { projectName, projectValues, readStackFile, type StackFile } from "./stack-file";

export interface ResourceOptionsSeen {
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly import?: string;
    readonly dependsOn: readonly string[];
    readonly provider?: string;
}

export interface PlannedResource {
    readonly type: string;
    readonly name: string;
    /** "type::name" of the parent, undefined for the stack itself. */
    readonly parent?: string;
    readonly custom: boolean;
    /** Inputs as the provider would receive them (all values resolved). */
    readonly inputs: Record<string, any>;
    readonly options: ResourceOptionsSeen;
}

export interface Plan {
    readonly stack: string;
    readonly resources: readonly PlannedResource[];
    /** Stack outputs, resolved. */
    readonly outputs: Record<string, unknown>;
    /** Stack outputs as the program returned them (Outputs keep their secretness). */
    readonly rawOutputs: Record<string, unknown>;
    /** Secret config keys the stack file does not hold; the plan used marked placeholders. */
    readonly placeholders: readonly SecretKey[];
    readonly durationMs: number;
}

export interface PlanOptions {
    /** Change the stack file's values before the run ("namespace:key" -> string). */
    readonly edit?: (values: Record<string, string>) => Record<string, string>;
    /** Read another file than Pulumi.<stack>.yaml. */
    readonly file?: string;
}

export const placeholderPrefix = "PLACEHOLDER-offline-plan-";
const runtime = pulumi.runtime as typeof pulumi.runtime & { waitForRPCs(): Promise<void> };

const keyOf = (r: pulumi.Resource | undefined): string | undefined => {
    const internal = r as unknown as { __pulumiType?: string; __name?: string } | undefined;
    return internal?.__pulumiType ? `${internal.__pulumiType}::${internal.__name}` : undefined;
};

function providerName(provider: unknown): string | undefined {
    return keyOf(provider as pulumi.Resource);
}

export async function planStack(stack: string, options: PlanOptions = {}): Promise<Plan> {
    const started = process.hrtime.bigint();
    const file: StackFile = readStackFile(stack, options.file);
    const values = options.edit ? options.edit({ ...file.values }) : { ...file.values };

    // Validate first: a bad stack file stops here, before the runtime sees any resource.
    const secretKeys = new Set([...file.secretKeys].map((k) => k.slice(projectName.length + 1)));
    const config = loadStackConfig({ namespace: projectName, source: file.path, stackName: stack, values: projectValues(values), secretKeys });
    const placeholders = secretConfigKeys(config).filter((s) => values[`${projectName}:${s.key}`] === undefined);
    for (const { key } of placeholders) values[`${projectName}:${key}`] = `${placeholderPrefix}${key}`;

    const region = values["aws:region"];
    if (!region) throw new Error(`aws:region is not set in ${file.path}; set it with \`pulumi config set aws:region eu-central-1\``);

    const mocks = new RecordingMocks(region);
    await pulumi.runtime.setMocks(mocks, projectName, stack, false);
    pulumi.runtime.setAllConfig(values, [...file.secretKeys, ...placeholders.map((p) => `${projectName}:${p.key}`)]);

    const seen = new Map<string, { parent?: string; options: ResourceOptionsSeen }>();
    // Fresh module state each run: the program module is loaded inside the stack.
    let rawOutputs: Record<string, unknown> = {};
    await runtime.runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation((args) => {
            const opts = args.opts as pulumi.CustomResourceOptions;
            const dependsOn = ([] as unknown[]).concat(opts.dependsOn ?? []).map((d) => keyOf(d as pulumi.Resource)).filter((d): d is string => !!d);
            seen.set(`${args.type}::${args.name}`, {
                parent: keyOf(opts.parent),
                options: { protect: !!opts.protect, retainOnDelete: !!opts.retainOnDelete, import: opts.import, dependsOn, provider: providerName(opts.provider) },
            });
            return undefined;
        });
        const program: () => Promise<Record<string, unknown>> = require("../../index");
        rawOutputs = await program();
        return rawOutputs;
    });
    await runtime.waitForRPCs();
    const outputs = await valueOf(rawOutputs);

    const stackKey = mocks.registrations.find((r) => r.type === "pulumi:pulumi:Stack");
    const resources = mocks.registrations.map((r: Registration): PlannedResource => {
        const key = `${r.type}::${r.name}`;
        const captured = seen.get(key);
        const isStack = r === stackKey;
        return {
            type: r.type,
            name: r.name,
            // Resources created without a parent belong to the stack.
            parent: isStack ? undefined : captured?.parent ?? (stackKey && `${stackKey.type}::${stackKey.name}`),
            custom: r.custom,
            inputs: r.inputs,
            options: captured?.options ?? { protect: false, retainOnDelete: false, dependsOn: [] },
        };
    });
    assertUniqueNames(resources);
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    return { stack, resources, outputs, rawOutputs, placeholders, durationMs };
}

/** The plain value behind an Input, once the mocks have answered. */
export function valueOf<T>(input: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
    return new Promise((resolve) => pulumi.output(input).apply((value) => {
        resolve(value);
        return value;
    }));
}

function assertUniqueNames(resources: readonly PlannedResource[]): void {
    const keys = resources.map((r) => `${r.type}::${r.name}`);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (twice.length) throw new Error(`Two resources share a type and name (their URNs would clash): ${[...new Set(twice)].join(", ")}`);
}
