// Runs any Pulumi program under the mock runtime and records what it registers: type, name,
// parent, resolved inputs and the resource options (protect, retainOnDelete, import, dependsOn,
// provider). The mocks see inputs only, so options are captured by a stack transformation, which
// needs the root stack resource: hence runInPulumiStack.
import * as pulumi from "@pulumi/pulumi";
import { RecordingMocks } from "./mocks";
import { projectName } from "./stack-file";

export interface ResourceOptionsSeen {
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly import?: string;
    readonly dependsOn: readonly string[];
    readonly provider?: string;
    readonly ignoreChanges?: readonly string[];
    /** Input paths whose change makes the engine replace the resource ("*": any). */
    readonly replaceOnChanges?: readonly string[];
    /** Replaced by deleting the old resource first (the engine's default is to create the new one first). */
    readonly deleteBeforeReplace?: boolean;
    /** A value whose change (from one set value to another) makes the engine replace the resource. */
    readonly replacementTrigger?: unknown;
    /** Former identities that keep a moved or renamed resource's URN, as the SDK sends them to the engine. */
    readonly aliases?: readonly AliasSeen[];
}

/**
 * One alias as the Node.js SDK sends it (sdk/nodejs/runtime/resource.ts mapAliasesForRequest): a
 * whole former URN, or a spec whose unset fields the engine fills from the resource itself.
 */
export interface AliasSeen {
    readonly urn?: string;
    readonly name?: string;
    readonly type?: string;
    /** The former parent: "type::name" of a resource of this program, or a URN. */
    readonly parent?: string;
    /** `parent: undefined` (or pulumi.rootStackResource) given: the resource had no parent but the stack. */
    readonly noParent?: boolean;
    readonly project?: string;
    readonly stack?: string;
}

export interface PlannedResource {
    readonly type: string;
    readonly name: string;
    /** "type::name" of the parent, undefined for the stack itself. */
    readonly parent?: string;
    readonly custom: boolean;
    /** Inputs as the provider would receive them (all values resolved). */
    readonly inputs: Record<string, any>;
    /** State after creation, as the mocks answered (AnalyzeStack sees these). */
    readonly outputs: Record<string, any>;
    readonly urn: string;
    readonly options: ResourceOptionsSeen;
}

export interface ProgramRun {
    readonly resources: readonly PlannedResource[];
    /** Stack outputs, resolved. */
    readonly outputs: Record<string, unknown>;
    /** Stack outputs as the program returned them (Outputs keep their secretness). */
    readonly rawOutputs: Record<string, unknown>;
    /** What the program logged with pulumi.log.warn, as `pulumi preview` would show it. */
    readonly warnings: readonly string[];
}

export interface RunOptions {
    readonly stack: string;
    /** The project's name (Pulumi.yaml), in every URN and the program's own config namespace. @default this checkout's */
    readonly project?: string;
    /** "namespace:key" -> value, as Pulumi passes config to a program. */
    readonly config: Record<string, string>;
    readonly secretKeys?: readonly string[];
    /** The region the mocks answer for (in ids and ARNs). @default the config's aws:region, else eu-central-1 */
    readonly region?: string;
    /** Run as a first `pulumi preview`: values AWS computes are unknown (see RecordingMocks). @default false */
    readonly firstPreview?: boolean;
}

const runtime = pulumi.runtime as typeof pulumi.runtime & { waitForRPCs(): Promise<void> };

const keyOf = (r: unknown): string | undefined => {
    const internal = r as { __pulumiType?: string; __name?: string } | undefined;
    return internal?.__pulumiType ? `${internal.__pulumiType}::${internal.__name}` : undefined;
};

/**
 * The provider a resource is given: its own `provider` option, else (a custom resource) the one of
 * its package its parent hands down (a component's `providers` reach every child), as the SDK's
 * Resource constructor resolves it after the transformations ran (sdk/nodejs/resource.ts).
 * `instanceof`: the SDK marks a custom resource only once its constructor has run.
 */
function providerOf(args: pulumi.ResourceTransformationArgs): pulumi.ProviderResource | undefined {
    const opts = args.opts as pulumi.CustomResourceOptions;
    if (opts.provider || !(args.resource instanceof pulumi.CustomResource)) return opts.provider;
    return opts.parent?.getProvider(args.type);
}

/** The plain value behind an Input, once the mocks have answered. */
export function valueOf<T>(input: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
    return new Promise((resolve) => pulumi.output(input).apply((value) => {
        resolve(value);
        return value;
    }));
}

const runtimeWarning = "warning: [runtime] ";

/** Without an engine, pulumi.log.warn writes to console.warn: collect those lines while `run` runs. */
async function collectingWarnings<T>(run: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
    const warnings: string[] = [];
    const consoleWarn = console.warn;
    console.warn = (...args: unknown[]) => {
        const text = args.map(String).join(" ");
        if (text.startsWith(runtimeWarning)) warnings.push(text.slice(runtimeWarning.length));
        else consoleWarn(...args);
    };
    try {
        return { result: await run(), warnings };
    } finally {
        console.warn = consoleWarn;
    }
}

export async function runProgram(program: () => Promise<Record<string, unknown> | void> | Record<string, unknown> | void, options: RunOptions): Promise<ProgramRun> {
    const region = options.region ?? options.config["aws:region"] ?? "eu-central-1";
    const project = options.project ?? projectName;
    const mocks = new RecordingMocks(region, options.firstPreview);
    await pulumi.runtime.setMocks(mocks, project, options.stack, options.firstPreview ?? false);
    // The config as given: a stack file without aws:region must reach the program without one, which says so.
    pulumi.runtime.setAllConfig(options.config, [...(options.secretKeys ?? [])]);

    const seen = new Map<string, { parent?: string; options: ResourceOptionsSeen }>();
    const optionsResolved: Promise<void>[] = [];
    const { result: { rawOutputs, failure }, warnings } = await collectingWarnings(async () => {
        let rawOutputs: Record<string, unknown> = {};
        let failure: { error: unknown } | undefined;
        await runtime.runInPulumiStack(async () => {
            pulumi.runtime.registerStackTransformation((args) => {
                const opts = args.opts as pulumi.CustomResourceOptions;
                const dependsOn = ([] as unknown[]).concat(opts.dependsOn ?? []).map(keyOf).filter((d): d is string => !!d);
                const entry = {
                    parent: keyOf(opts.parent),
                    options: { protect: !!opts.protect, retainOnDelete: !!opts.retainOnDelete, import: opts.import, dependsOn, provider: keyOf(providerOf(args)), ignoreChanges: opts.ignoreChanges, replaceOnChanges: opts.replaceOnChanges, deleteBeforeReplace: opts.deleteBeforeReplace } as ResourceOptionsSeen,
                };
                if (opts.replacementTrigger !== undefined) {
                    optionsResolved.push(valueOf(opts.replacementTrigger).then((trigger) => {
                        entry.options = { ...entry.options, replacementTrigger: trigger };
                    }));
                }
                seen.set(`${args.type}::${args.name}`, entry);
                // Specs ({ type, parent, name }) and whole former URNs (a string, or an Output of one).
                const aliases = (opts.aliases ?? []).filter((a) => a !== null && a !== undefined);
                if (aliases.length) {
                    optionsResolved.push(Promise.all(aliases.map(async (alias) => {
                        if (typeof alias === "string" || pulumi.Output.isInstance(alias)) return { urn: String(await valueOf(alias as pulumi.Input<string>)) };
                        const a = alias as pulumi.Alias;
                        const text = async (value: pulumi.Input<string> | undefined) => (value === undefined ? undefined : String(await valueOf(value)));
                        const fields = { type: await text(a.type), name: await text(a.name), project: await text(a.project), stack: await text(a.stack) };
                        const spec: AliasSeen = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
                        // The SDK tells "parent: undefined" (no parent) from no parent key at all (the resource's own).
                        if (!Object.prototype.hasOwnProperty.call(a, "parent")) return spec;
                        if (a.parent === undefined) return { ...spec, noParent: true };
                        return { ...spec, parent: pulumi.Resource.isInstance(a.parent) ? keyOf(a.parent) : await text(a.parent as pulumi.Input<string>) };
                    })).then((resolved) => {
                        entry.options = { ...entry.options, aliases: resolved };
                    }));
                }
                return undefined;
            });
            // A program error is kept and rethrown below: left inside the stack's init it would also
            // surface as an unhandled rejection.
            try {
                rawOutputs = (await program()) ?? {};
            } catch (error) {
                failure = { error };
            }
            return rawOutputs;
        });
        await runtime.waitForRPCs();
        await Promise.all(optionsResolved);
        return { rawOutputs, failure };
    });
    if (failure) {
        // What got registered before the failure: a config error must leave this at the stack alone.
        if (failure.error instanceof Error) Object.defineProperty(failure.error, "registeredBeforeFailure", { value: mocks.registrations.map((r) => r.type), enumerable: false });
        throw failure.error;
    }
    // A first preview cannot know the outputs (apply never runs on an unknown value).
    const outputs = options.firstPreview ? {} : await valueOf(rawOutputs);

    const stack = mocks.registrations.find((r) => r.type === "pulumi:pulumi:Stack");
    const stackKey = stack && `${stack.type}::${stack.name}`;
    const parentOf = (r: { type: string; name: string }) => (r === stack ? undefined : seen.get(`${r.type}::${r.name}`)?.parent ?? stackKey);
    const byKey = new Map(mocks.registrations.map((r) => [`${r.type}::${r.name}`, r]));
    /** URNs as the engine writes them: the types of the parents (the stack excluded), then the name. */
    const urnOf = (r: { type: string; name: string }): string => {
        const types: string[] = [r.type];
        for (let key = parentOf(r); key && key !== stackKey; key = parentOf(byKey.get(key)!)) types.unshift(key.split("::")[0]);
        return `urn:pulumi:${options.stack}::${project}::${types.join("$")}::${r.name}`;
    };
    const resources = mocks.registrations.map((r): PlannedResource => ({
        type: r.type,
        name: r.name,
        // Resources created without a parent belong to the stack.
        parent: parentOf(r),
        custom: r.custom,
        inputs: r.inputs,
        outputs: r.outputs,
        urn: urnOf(r),
        options: seen.get(`${r.type}::${r.name}`)?.options ?? { protect: false, retainOnDelete: false, dependsOn: [] },
    }));
    assertUniqueNames(resources);
    return { resources, outputs: outputs as Record<string, unknown>, rawOutputs, warnings };
}

function assertUniqueNames(resources: readonly PlannedResource[]): void {
    const keys = resources.map((r) => `${r.type}::${r.name}`);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (twice.length) throw new Error(`Two resources share a type and name (their URNs would clash): ${[...new Set(twice)].join(", ")}`);
}
