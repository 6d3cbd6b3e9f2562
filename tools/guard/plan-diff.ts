// What changes between two offline plans of one stack (a git ref's and the working tree's): the
// resources added and removed, the inputs changed per resource, and which of those changes make the
// provider replace the resource (replacing-inputs.ts) or are refused by Cognito (a user pool's
// existing schema attributes). A resource is the same resource when the new one takes over the old
// URN (its own or through an alias), as the engine decides (harness/urns.ts).
import type { PlannedResource } from "../harness/run-program";
import type { Plan } from "../harness/run-stack";
import { matchFormerUrns } from "../harness/urns";
import { isWireSecret, unwrapSecrets } from "../harness/wire";
import { userPoolTypes } from "../../policy/rules/support";
import { conditionallyReplacingInputs, replacingInputs, unorderedInputs } from "./replacing-inputs";

export interface InputChange {
    /** Dot-separated input path (`usernameConfiguration.caseSensitive`, `schemas[custom:edition]`), or `option protect`. */
    readonly path: string;
    readonly before: unknown;
    readonly after: unknown;
    /** Why this change replaces the resource, when it does. */
    readonly replaces?: string;
    /** Why Cognito refuses this change, when it does. */
    readonly refused?: string;
}

export interface ResourceDiff {
    readonly kind: "add" | "remove" | "update" | "replace";
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly changes: readonly InputChange[];
    /** A removed resource's options as deployed: whether the engine refuses the delete, or leaves it in AWS. */
    readonly deployed?: { readonly protect: boolean; readonly retainOnDelete: boolean };
}

const secretShown = "[secret]";

/** Secrets masked, so a diff can be printed and posted. */
export function masked(value: unknown): unknown {
    if (isWireSecret(value)) return secretShown;
    if (Array.isArray(value)) return value.map(masked);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v)]));
    return value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v) && !isWireSecret(v);
const same = (a: unknown, b: unknown) => JSON.stringify(unwrapSecrets(a)) === JSON.stringify(unwrapSecrets(b));

/** Leaf-level differences: objects are walked, lists and scalars compared whole. */
function changedPaths(before: unknown, after: unknown, path: string, out: InputChange[]): void {
    if (same(before, after)) return;
    if (isPlainObject(before) && isPlainObject(after)) {
        for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) changedPaths(before[key], after[key], path ? `${path}.${key}` : key, out);
        return;
    }
    out.push({ path, before: masked(before), after: masked(after) });
}

type Schema = { name?: string } & Record<string, unknown>;

/**
 * A user pool's schema, attribute by attribute: Cognito adds attributes to a live pool
 * (AddCustomAttributes) but refuses to change or remove one, whatever the provider plans.
 */
function schemaChanges(before: unknown, after: unknown): InputChange[] {
    const byName = (list: unknown) => new Map(((Array.isArray(list) ? list : []) as Schema[]).map((s) => [String(s?.name), s]));
    const [old, now] = [byName(before), byName(after)];
    const changes: InputChange[] = [];
    for (const [name, attribute] of now) {
        const was = old.get(name);
        if (!was) changes.push({ path: `schemas[${name}]`, before: undefined, after: attribute });
        else {
            const fields: InputChange[] = [];
            changedPaths(was, attribute, `schemas[${name}]`, fields);
            changes.push(...fields.map((c) => ({ ...c, refused: "Cognito cannot change an attribute of an existing pool (UpdateUserPool has no schema; only AddCustomAttributes adds)" })));
        }
    }
    for (const [name, attribute] of old) {
        if (!now.has(name)) changes.push({ path: `schemas[${name}]`, before: attribute, after: undefined, refused: "Cognito cannot remove an attribute from an existing pool" });
    }
    return changes;
}

const coversPath = (key: string, path: string) => path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`) || key.startsWith(`${path}.`);

function replacingReason(type: string, change: { path: string; before?: unknown; after?: unknown }): string | undefined {
    const key = (replacingInputs[type] ?? []).find((r) => coversPath(r, change.path));
    if (key) return `the provider replaces a ${type.split(":").pop()} when ${key} changes`;
    const conditional = (conditionallyReplacingInputs[type] ?? []).find((c) => coversPath(c.path, change.path) && c.replacesWhen(change.before, change.after));
    return conditional && `the provider replaces a ${type.split(":").pop()} here: ${conditional.note}`;
}

/** Set-valued inputs in one order, so a new order of the same elements is no change. */
function ordered(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const unordered = unorderedInputs[type] ?? [];
    return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, unordered.includes(k) && Array.isArray(v) ? [...v].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : v]));
}

function inputChanges(type: string, beforeInputs: Record<string, unknown>, afterInputs: Record<string, unknown>): InputChange[] {
    const isPool = userPoolTypes.includes(type);
    const [before, after] = [ordered(type, beforeInputs), ordered(type, afterInputs)];
    const raw: InputChange[] = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (isPool && key === "schemas") raw.push(...schemaChanges(before[key], after[key]));
        else changedPaths(before[key], after[key], key, raw);
    }
    return raw.map((c) => {
        const replaces = replacingReason(type, c);
        return replaces ? { ...c, replaces } : c;
    });
}

const watchedOptions = ["protect", "retainOnDelete", "import", "provider"] as const;

/** A provider as the diff shows it: its name, or the stack's default provider. */
const providerShown = (key: string | undefined) => (key === undefined ? "(default provider)" : key.split("::").slice(1).join("::"));

function optionChanges(before: PlannedResource, after: PlannedResource): InputChange[] {
    return [
        ...watchedOptions.filter((o) => !same(before.options[o], after.options[o])).map((o) => (o === "provider"
            ? { path: `option ${o}`, before: providerShown(before.options.provider), after: providerShown(after.options.provider) }
            : { path: `option ${o}`, before: before.options[o], after: after.options[o] })),
        ...triggerChange(before, after),
    ];
}

const listed = (paths: readonly string[] | undefined, path: string) => (paths ?? []).some((p) => p === "*" || coversPath(p, path));

/**
 * The resource's own options over its input changes, as the engine applies them
 * (pkg/resource/deploy/step_generator.go): an input under ignoreChanges keeps its deployed value, so
 * its change is no change; one under replaceOnChanges replaces the resource. A region the provider
 * fills in (no `region` input) is not an input: ignoring it keeps nothing.
 */
function engineOptionsApplied(after: PlannedResource, changes: readonly InputChange[]): InputChange[] {
    const resolvedRegion = (c: InputChange) => c.path === "region" && after.inputs.region === undefined;
    return changes
        .filter((c) => resolvedRegion(c) || !listed(after.options.ignoreChanges, c.path))
        .map((c) => (!c.replaces && listed(after.options.replaceOnChanges, c.path) ? { ...c, replaces: `its replaceOnChanges option lists ${c.path}: the engine replaces it` } : c));
}

/**
 * A replacementTrigger that changes from one value to another replaces the resource; one set or
 * cleared does not (step_generator.go shouldTriggerReplace).
 */
function triggerChange(before: PlannedResource, after: PlannedResource): InputChange[] {
    const [was, now] = [before.options.replacementTrigger, after.options.replacementTrigger];
    if (was === undefined || was === null || now === undefined || now === null || same(was, now)) return [];
    return [{ path: "option replacementTrigger", before: masked(was), after: masked(now), replaces: "its replacementTrigger changes: the engine replaces it" }];
}

/** One side of a comparison: a plan of the stack (or an empty one, for a stack a ref does not have). */
export type PlanSide = Pick<Plan, "stack" | "project" | "region" | "resources">;

/** Regional types: the provider gives them a `region` (every type whose replacing inputs list it). */
const isRegional = (type: string) => (replacingInputs[type] ?? []).includes("region");

/**
 * The region a regional resource lives in, as terraform-provider-aws 6.x decides it (the provider
 * under @pulumi/aws 7.x; internal/provider/sdkv2/region.go defaultRegion): its own `region` input,
 * else its provider's region: an explicit provider's `region`, or the default provider's, aws:region.
 * The planned inputs never carry it, so both sides are compared with it filled in.
 */
function regionOf(r: PlannedResource, side: PlanSide): unknown {
    if (typeof r.inputs.region === "string" && r.inputs.region !== "") return r.inputs.region;
    if (r.options.provider === undefined) return side.region;
    const provider = side.resources.find((p) => `${p.type}::${p.name}` === r.options.provider);
    // An explicit provider does not read aws:region: without its own, it takes AWS_REGION from where it runs.
    return provider?.inputs.region ?? `(unset in the provider ${providerShown(r.options.provider)}: AWS_REGION where it runs)`;
}

const resolvedInputs = (r: PlannedResource, side: PlanSide) => (isRegional(r.type) ? { ...r.inputs, region: regionOf(r, side) } : r.inputs);

/** Every string an input holds, anywhere in it. */
function stringsIn(value: unknown): string[] {
    const v = unwrapSecrets(value);
    if (typeof v === "string") return [v];
    if (Array.isArray(v)) return v.flatMap(stringsIn);
    if (v && typeof v === "object") return Object.values(v).flatMap(stringsIn);
    return [];
}

const refersToNew = "(new value: what it refers to is replaced)";

/** The id and ARN the mocks gave a resource, each unless it is one of its own inputs (a domain's id is its name). */
function identitiesOf(r: PlannedResource): [string | undefined, string | undefined] {
    const own = new Set(stringsIn(r.inputs));
    const usable = (v: unknown) => (typeof v === "string" && v !== "" && !own.has(v) ? v : undefined);
    return [usable(r.outputs.id), usable(r.outputs.arn)];
}

/**
 * A resource taken over keeps its id and ARN, whatever its new logical name: the mocks derive them
 * from that name, so a resource renamed with an alias would seem to get new ones and everything that
 * refers to it would seem to change. The head's inputs are read with the base's ids and ARNs.
 */
function keptIdentities(matches: readonly { before: PlannedResource; after: PlannedResource }[]): (value: unknown) => unknown {
    const renames = matches.flatMap(({ before, after }) => {
        const [[id, arn], [oldId, oldArn]] = [identitiesOf(after), identitiesOf(before)];
        return [[id, oldId], [arn, oldArn]].filter((pair): pair is [string, string] => !!pair[0] && !!pair[1] && pair[0] !== pair[1]);
    }).sort((a, b) => b[0].length - a[0].length);
    const rewrite = (value: unknown): unknown => {
        if (typeof value === "string") return renames.reduce((text, [from, to]) => (text.includes(from) ? text.split(from).join(to) : text), value);
        if (Array.isArray(value)) return value.map(rewrite);
        if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
        return value;
    };
    return renames.length ? rewrite : (value) => value;
}

export interface PlanComparison {
    readonly diffs: readonly ResourceDiff[];
    /** Former URNs two resources claim: the engine would refuse the deployment. */
    readonly conflicts: readonly string[];
}

/** What changes from `base` to `head`, resource by resource. */
export function comparePlans(base: PlanSide, head: PlanSide): PlanComparison {
    const analyzed = (list: readonly PlannedResource[]) => list.filter((r) => r.type !== "pulumi:pulumi:Stack");
    const baseByUrn = new Map(analyzed(base.resources).map((r) => [r.urn, r]));
    const { formerUrn, conflicts } = matchFormerUrns(head, head.resources, new Set(baseByUrn.keys()));
    const matched = new Set<PlannedResource>();
    const diffs: ResourceDiff[] = [];
    const matches: { before: PlannedResource; after: PlannedResource }[] = [];
    for (const after of analyzed(head.resources)) {
        const before = baseByUrn.get(formerUrn.get(after) ?? "");
        if (!before || matched.has(before)) {
            diffs.push({ kind: "add", type: after.type, name: after.name, urn: after.urn, changes: [] });
            continue;
        }
        matched.add(before);
        matches.push({ before, after });
    }
    const asBase = keptIdentities(matches);
    const pairs = matches.map(({ before, after }) => {
        const afterInputs = asBase(resolvedInputs(after, head)) as Record<string, unknown>;
        return { before, after, afterInputs, changes: [...engineOptionsApplied(after, inputChanges(after.type, resolvedInputs(before, base), afterInputs)), ...optionChanges(before, after)] };
    });
    // A replaced resource gets a new id and ARN: whatever refers to them in a replacing input is
    // replaced too.
    const replaced = new Set<PlannedResource>();
    const newIds = new Set<string>();
    const newArns: string[] = [];
    const replace = (r: PlannedResource) => {
        replaced.add(r);
        const [id, arn] = identitiesOf(r);
        if (id) newIds.add(id);
        if (arn) newArns.push(arn);
    };
    const refersToReplaced = (value: string) => newIds.has(value) || newArns.some((arn) => value.includes(arn));
    pairs.filter((p) => p.changes.some((c) => c.replaces)).forEach((p) => replace(p.before));
    for (let grew = true; grew;) {
        grew = false;
        for (const pair of pairs.filter((p) => !replaced.has(p.before))) {
            const cascading = Object.entries(pair.afterInputs)
                .map(([key, value]) => ({ key, value, reason: replacingReason(pair.after.type, { path: key }) }))
                .filter(({ value, reason }) => reason && stringsIn(value).some(refersToReplaced));
            if (cascading.length === 0) continue;
            for (const { key, value, reason } of cascading) pair.changes.push({ path: key, before: masked(value), after: refersToNew, replaces: reason });
            replace(pair.before);
            grew = true;
        }
    }
    // Other inputs that refer to a replaced resource are updated to its new id or ARN.
    for (const pair of pairs) {
        for (const [key, value] of Object.entries(pair.afterInputs)) {
            if (stringsIn(value).some(refersToReplaced) && !pair.changes.some((c) => coversPath(key, c.path))) pair.changes.push({ path: key, before: masked(value), after: refersToNew });
        }
    }
    for (const { before, after, changes } of pairs) {
        if (changes.length === 0) continue;
        diffs.push({ kind: replaced.has(before) ? "replace" : "update", type: after.type, name: after.name, urn: after.urn, changes });
    }
    for (const before of analyzed(base.resources)) {
        if (!matched.has(before)) diffs.push({ kind: "remove", type: before.type, name: before.name, urn: before.urn, changes: [], deployed: { protect: before.options.protect, retainOnDelete: before.options.retainOnDelete } });
    }
    return { diffs, conflicts };
}

/** The resource diffs alone. */
export const diffPlans = (base: PlanSide, head: PlanSide): ResourceDiff[] => [...comparePlans(base, head).diffs];
