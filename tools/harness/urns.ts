// Every URN a planned resource answers to, computed the way the engine does: its own, and one per
// alias (a former type or parent), a child inheriting each of its parent's former URNs. A resource
// whose URN changes without an alias reaching the old one is deleted and created again.
import type { PlannedResource } from "./run-program";
import { projectName } from "./stack-file";

export function urnsOf(stack: string, resources: readonly PlannedResource[]): (r: PlannedResource) => Set<string> {
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
        // The parent's URNs, former ones included: a child moves with its parent.
        const parents: (string | undefined)[] = parentIsStack ? [undefined] : [...all(parent)];
        const result = new Set(parents.map((p) => urn(r.type, r.name, p)));
        // One former URN per alias, as the engine computes it: what the alias leaves out is the resource's own.
        for (const alias of r.options.aliases ?? []) {
            if (alias.urn) {
                result.add(alias.urn);
                continue;
            }
            const aliasParents = alias.parent === undefined ? parents : [alias.parent.startsWith("urn:") ? alias.parent : byKey.get(alias.parent)?.urn];
            for (const p of aliasParents) result.add(urn(alias.type ?? r.type, alias.name ?? r.name, p));
        }
        memo.set(r, result);
        return result;
    };
    return all;
}
