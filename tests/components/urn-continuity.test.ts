// Nothing deployed before the components moved into folders and took the project's type prefix is
// replaced by the move: every URN of that release (a fixture, written by planning the shipped
// stacks with it) is reached by a resource of today's plan, under its URN or one of its aliases,
// computed the way the engine does (a child inherits each of its parent's former URNs).
import * as assert from "assert";
import type { PlannedResource } from "../../tools/harness/run-program";
import { planStack } from "../../tools/harness/run-stack";
import { projectName } from "../../tools/harness/stack-file";
import formerUrns from "../fixtures/urns-before-component-folders.json";

function urnsOf(stack: string, resources: readonly PlannedResource[]): (r: PlannedResource) => Set<string> {
    const byKey = new Map(resources.map((r) => [`${r.type}::${r.name}`, r]));
    const memo = new Map<PlannedResource, Set<string>>();
    const urn = (type: string, name: string, parentUrn: string | undefined) => {
        const qualified = parentUrn ? `${parentUrn.split("::")[2]}$${type}` : type;
        return `urn:pulumi:${stack}::${projectName}::${qualified}::${name}`;
    };
    const all = (r: PlannedResource): Set<string> => {
        const known = memo.get(r);
        if (known) return known;
        const parent = r.parent && byKey.get(r.parent);
        const parentIsStack = !parent || parent.type === "pulumi:pulumi:Stack";
        const parents: (string | undefined)[] = parentIsStack ? [undefined] : [...all(parent)];
        const types = [r.type];
        for (const alias of r.options.aliases ?? []) {
            if (alias.type) types.push(alias.type);
            if (alias.parent) parents.push(alias.parent.startsWith("urn:") ? alias.parent : undefined);
        }
        const result = new Set(types.flatMap((type) => parents.map((p) => urn(type, r.name, p))));
        memo.set(r, result);
        return result;
    };
    return all;
}

describe("URN continuity across the component folders", () => {
    for (const stack of ["dev", "prod"] as const) {
        it(`${stack}: every resource of the former release is reached, so none is replaced or deleted`, async () => {
            const plan = await planStack(stack);
            const resources = plan.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
            const reach = urnsOf(stack, plan.resources);
            const reached = new Set(resources.flatMap((r) => [...reach(r)]));
            assert.deepStrictEqual(formerUrns[stack].filter((u) => !reached.has(u)), [], "former URNs no resource answers to");
            assert.deepStrictEqual(resources.filter((r) => !formerUrns[stack].some((u) => reach(r).has(u))).map((r) => r.urn), [`urn:pulumi:${stack}::cognito::cognito:index:Triggers::main`], "only the Triggers component is new");
        });
    }
});
