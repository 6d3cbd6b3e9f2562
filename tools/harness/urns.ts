// Which deployed resource each planned resource takes over, decided as the Pulumi engine's step
// generator decides it (pkg/resource/deploy/step_generator.go: getOldResource, generateAliases,
// collapseAliasToUrn, inheritedChildAlias; URNs built as sdk/go/common/resource/alias.go CreateURN
// and resource/urn/urn.go New do). Resources are taken in registration order, parents first:
//   - its own URN if the old state has it, else the first of its aliases the old state has;
//   - an alias spec leaves out what the resource itself gives (name, type, project, stack); its
//     parent is the resource's parent unless the spec names one (`parent: undefined`: none), and a
//     parent that itself took over a former URN stands for that former URN;
//   - a child of a parent that took over a former URN also answers to the inherited alias: the
//     parent's former URN as parent, and its own name with the parent's name prefix swapped for the
//     former one ("users-pool" under "users", formerly "main", answers as "main-pool"), for its own
//     name and for each of its aliases. Only the former URN the parent took over is inherited.
// A resource no former URN reaches is created; an old one nothing takes over is deleted.
import type { AliasSeen, PlannedResource } from "./run-program";

export interface UrnTarget {
    readonly stack: string;
    readonly project: string;
}

const rootStackType = "pulumi:pulumi:Stack";

/** The parts of `urn:pulumi:<stack>::<project>::<parent$...$type>::<name>` (a name may hold "::"). */
export function urnParts(urn: string): { qualifiedType: string; type: string; name: string } {
    const parts = urn.split("::");
    const qualifiedType = parts[2] ?? "";
    return { qualifiedType, type: qualifiedType.split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

/** resource.CreateURN: under a parent, the parent's URN up to its name, then `$type::name`. */
function createUrn(name: string, type: string, parent: string | undefined, target: UrnTarget): string {
    if (parent === undefined) return `urn:pulumi:${target.stack}::${target.project}::${type}::${name}`;
    return `${parent.slice(0, parent.lastIndexOf("::"))}$${type}::${name}`;
}

/** urn.New: the stack's own type is never a parent type. */
function newUrn(target: UrnTarget, parentType: string, type: string, name: string): string {
    const qualified = parentType !== "" && parentType !== rootStackType ? `${parentType}$${type}` : type;
    return `urn:pulumi:${target.stack}::${target.project}::${qualified}::${name}`;
}

export interface FormerUrnMatch {
    /** The old URN each planned resource takes over (its own, or one an alias reaches). */
    readonly formerUrn: ReadonlyMap<PlannedResource, string>;
    /** Old URNs two resources claim: the engine refuses such a deployment (duplicate alias). */
    readonly conflicts: readonly string[];
}

/** The old URN each of `resources` (one plan, in registration order) takes over among `olds`. */
export function matchFormerUrns(target: UrnTarget, resources: readonly PlannedResource[], olds: ReadonlySet<string>): FormerUrnMatch {
    const urnByKey = new Map(resources.map((r) => [`${r.type}::${r.name}`, r.urn]));
    /** sg.aliases: a new URN -> the former URN it took over. */
    const tookOver = new Map<string, string>();
    /** sg.aliased: a former URN -> the new URN that took it over through an alias. */
    const claimedBy = new Map<string, string>();
    const registered = new Set<string>();
    const formerUrn = new Map<PlannedResource, string>();
    const conflicts: string[] = [];

    for (const r of resources) {
        const parentUrn = r.parent === undefined ? undefined : urnByKey.get(r.parent);
        const collapse = (alias: AliasSeen): string => {
            if (alias.urn) return alias.urn;
            // The SDK sends the resource's own parent when the spec names none; the engine then
            // takes the former URN that parent took over, if it took one.
            let parent = alias.noParent ? undefined : alias.parent === undefined ? parentUrn : (urnByKey.get(alias.parent) ?? alias.parent);
            if (parent !== undefined) parent = tookOver.get(parent) ?? parent;
            if (parent !== undefined && urnParts(parent).qualifiedType === rootStackType) parent = undefined;
            return createUrn(alias.name || r.name, alias.type || r.type, parent, { stack: alias.stack || target.stack, project: alias.project || target.project });
        };
        const aliases = new Set((r.options.aliases ?? []).map(collapse));
        const parentFormer = parentUrn === undefined ? undefined : tookOver.get(parentUrn);
        if (parentUrn !== undefined && parentFormer !== undefined) {
            const parentName = urnParts(parentUrn).name;
            const inherited = (type: string, name: string) => newUrn(target, urnParts(parentFormer).qualifiedType, type, name.startsWith(parentName) ? urnParts(parentFormer).name + name.slice(parentName.length) : name);
            aliases.add(inherited(r.type, r.name));
            for (const alias of r.options.aliases ?? []) {
                const { type, name } = urnParts(collapse(alias));
                aliases.add(inherited(type, name));
            }
        }
        if (claimedBy.has(r.urn)) conflicts.push(r.urn);
        for (const candidate of [r.urn, ...aliases]) {
            if (!olds.has(candidate)) continue;
            if (candidate !== r.urn) {
                if (registered.has(candidate) || claimedBy.has(candidate)) {
                    conflicts.push(candidate);
                    break;
                }
                claimedBy.set(candidate, r.urn);
                tookOver.set(r.urn, candidate);
            }
            formerUrn.set(r, candidate);
            break;
        }
        registered.add(r.urn);
    }
    return { formerUrn, conflicts };
}
