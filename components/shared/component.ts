// What every component of this project shares: its type token (the project's name as prefix, with
// an alias to the old one so deployed stacks keep their URNs), and the escape hatch that lets a
// stack change the args of any child resource before it is created (SST's `transform`).
import * as pulumi from "@pulumi/pulumi";
import { componentType, formerComponentTypePrefix } from "../../policy/rules/type-tokens";

/**
 * Changes the args of a child resource before it is created: a partial object merged into the args
 * (nested objects merged, lists replaced), or a function that edits args and options in place.
 */
export type Transform<Args> = Partial<Args> | ((args: Args, opts: pulumi.CustomResourceOptions, name: string) => void);

/** Constructor of a child resource, as every `aws.*` resource class is. */
type ResourceClass<Args, R> = new (name: string, args: Args, opts?: pulumi.CustomResourceOptions) => R;

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Plain objects and lists copied all the way down (outputs and resources kept): a function transform edits its own copy. */
function copyPlain<T>(value: T): T {
    if (Array.isArray(value)) return value.map(copyPlain) as T;
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyPlain(v)])) as T;
    return value;
}

/** `patch` over `base`: plain objects merged key by key, anything else (lists, outputs) replaced. */
export function mergeArgs<T>(base: T, patch: Partial<T>): T {
    if (!isPlainObject(base) || !isPlainObject(patch)) return patch as T;
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? mergeArgs(merged[key], value) : value;
    return merged as T;
}

export abstract class CognitoComponent<Transforms extends object> extends pulumi.ComponentResource {
    private readonly transforms: Partial<Transforms>;

    protected constructor(kind: string, private readonly componentName: string, transforms: Partial<Transforms> | undefined, opts?: pulumi.ComponentResourceOptions) {
        super(componentType(kind), componentName, {}, { ...opts, aliases: [...(opts?.aliases ?? []), { type: componentType(kind, formerComponentTypePrefix) }] });
        this.transforms = transforms ?? {};
    }

    /**
     * Creates a child resource, parented here, after the stack's transform for `child` (if any).
     * A transform is said out loud: it changes what this component guarantees, and the policy
     * pack judges the result as it judges everything else.
     */
    protected create<Args extends object, R>(child: keyof Transforms & string, Resource: ResourceClass<Args, R>, name: string, args: Args, opts: pulumi.CustomResourceOptions = {}): R {
        const transform = this.transforms[child] as Transform<Args> | undefined;
        const options: pulumi.CustomResourceOptions = { parent: this, ...opts };
        if (transform === undefined) return new Resource(name, args, options);
        pulumi.log.warn(`escape hatch used: ${this.constructor.name} "${this.componentName}" transforms its ${child} child "${name}"; the component's own checks do not cover what the transform changes`, this);
        if (typeof transform === "function") {
            const edited = copyPlain(args);
            transform(edited, options, name);
            return new Resource(name, edited, options);
        }
        return new Resource(name, mergeArgs(args, transform), options);
    }
}
