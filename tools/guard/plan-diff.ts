// What changes between two offline plans of one stack (a git ref's and the working tree's): the
// resources added and removed, the inputs changed per resource, and which of those changes make the
// provider replace the resource (replacing-inputs.ts) or are refused by Cognito (a user pool's
// existing schema attributes). A resource is the same resource when the new one answers to the old
// URN (itself or through an alias), as the engine decides.
import type { PlannedResource } from "../harness/run-program";
import { urnsOf } from "../harness/urns";
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

const watchedOptions = ["protect", "retainOnDelete", "import"] as const;

function optionChanges(before: PlannedResource, after: PlannedResource): InputChange[] {
    return watchedOptions.filter((o) => !same(before.options[o], after.options[o])).map((o) => ({ path: `option ${o}`, before: before.options[o], after: after.options[o] }));
}

/** Every string an input holds, anywhere in it. */
function stringsIn(value: unknown): string[] {
    const v = unwrapSecrets(value);
    if (typeof v === "string") return [v];
    if (Array.isArray(v)) return v.flatMap(stringsIn);
    if (v && typeof v === "object") return Object.values(v).flatMap(stringsIn);
    return [];
}

export function diffPlans(stack: string, base: readonly PlannedResource[], head: readonly PlannedResource[]): ResourceDiff[] {
    const analyzed = (list: readonly PlannedResource[]) => list.filter((r) => r.type !== "pulumi:pulumi:Stack");
    const reach = urnsOf(stack, head);
    const baseByUrn = new Map(analyzed(base).map((r) => [r.urn, r]));
    const matched = new Set<PlannedResource>();
    const diffs: ResourceDiff[] = [];
    const pairs: { before: PlannedResource; after: PlannedResource; changes: InputChange[] }[] = [];
    for (const after of analyzed(head)) {
        const before = [...reach(after)].map((u) => baseByUrn.get(u)).find((r) => r && !matched.has(r));
        if (!before) {
            diffs.push({ kind: "add", type: after.type, name: after.name, urn: after.urn, changes: [] });
            continue;
        }
        matched.add(before);
        pairs.push({ before, after, changes: [...inputChanges(after.type, before.inputs, after.inputs), ...optionChanges(before, after)] });
    }
    // A replaced resource gets a new id and ARN: whatever refers to them in a replacing input is
    // replaced too. An id that is one of the resource's own inputs (a domain's name) stays the same.
    const replaced = new Set<PlannedResource>();
    const newIds = new Set<string>();
    const newArns: string[] = [];
    const replace = (r: PlannedResource) => {
        replaced.add(r);
        const own = new Set(stringsIn(r.inputs));
        const { id, arn } = r.outputs as { id?: unknown; arn?: unknown };
        if (typeof id === "string" && id !== "" && !own.has(id)) newIds.add(id);
        if (typeof arn === "string" && arn !== "" && !own.has(arn)) newArns.push(arn);
    };
    const refersToReplaced = (value: string) => newIds.has(value) || newArns.some((arn) => value.includes(arn));
    pairs.filter((p) => p.changes.some((c) => c.replaces)).forEach((p) => replace(p.before));
    for (let grew = true; grew;) {
        grew = false;
        for (const pair of pairs.filter((p) => !replaced.has(p.before))) {
            const cascading = Object.entries(pair.after.inputs)
                .map(([key, value]) => ({ key, value, reason: replacingReason(pair.after.type, { path: key }) }))
                .filter(({ value, reason }) => reason && stringsIn(value).some(refersToReplaced));
            if (cascading.length === 0) continue;
            for (const { key, value, reason } of cascading) pair.changes.push({ path: key, before: masked(value), after: "(new value: what it refers to is replaced)", replaces: reason });
            replace(pair.before);
            grew = true;
        }
    }
    for (const { before, after, changes } of pairs) {
        if (changes.length === 0) continue;
        diffs.push({ kind: replaced.has(before) ? "replace" : "update", type: after.type, name: after.name, urn: after.urn, changes });
    }
    for (const before of analyzed(base)) {
        if (!matched.has(before)) diffs.push({ kind: "remove", type: before.type, name: before.name, urn: before.urn, changes: [] });
    }
    return diffs;
}
