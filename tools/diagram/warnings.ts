// The plan's warnings (weakened defaults, settings without effect, escape hatches) placed on the
// element of the trust map they concern, found from the stack-file key each warning names
// ("cognito:clients[2].allowImplicitGrant" is the third client of the stack file) or the resource
// it names. A warning that names nothing drawn stays on the user pool: none is dropped.
import { identityProviderName } from "../../components/identity-providers/settings";
import { field, list, obj, text } from "../../policy/rules/support";
import type { Draft, MapBuilder } from "./map-model";
import type { StackView } from "./stack-view";

/** Where a warning belongs, in the map's own terms; the map turns it into a node. */
export type WarningTarget =
    | { readonly kind: "pool" | "identityPool" | "domain" | "guests" }
    | { readonly kind: "client" | "provider" | "group" | "trigger" | "resource"; readonly name: string }
    | { readonly kind: "role"; readonly slot: "authenticated" | "guest" };

export interface PlacedWarning {
    readonly target: WarningTarget;
    /** A few words for the diagram: "linkToExistingUsers is true". */
    readonly short: string;
    readonly full: string;
}

/** The stack file's lists, to name the element an index points at (clients[2] -> "admin"). */
export interface StackLists {
    readonly clients: readonly string[];
    readonly providers: readonly string[];
    readonly groups: readonly string[];
}

const kinds: readonly [RegExp, string][] = [
    [/^security default weakened on purpose: /, "weakened"],
    [/^setting without effect: /, "no effect"],
    [/^escape hatch used: /, "escape hatch"],
];

const keyPattern = /\b[\w-]+:(stageDefaults|stage|userPool|clients|identityProviders|identityPool|triggers|domain|resourceServers)((?:\[\d+\]|\.[\w]+)*)/;

export function placeWarning(warning: string, lists: StackLists): PlacedWarning {
    const [prefix, label] = kinds.find(([p]) => p.test(warning)) ?? [/^/, "warning"];
    const body = warning.replace(prefix, "");
    const key = keyPattern.exec(body);
    const after = key ? body.slice(key.index + key[0].length).trim() : body;
    const shown = key ? `${subjectOf(key, after)} ${after.split(/: /)[0]}`.trim() : body.split(/; /)[0];
    const short = `${label}: ${shown.length > 70 ? `${shown.slice(0, 67)}...` : shown}`;
    return { target: targetOf(body, key, lists), short, full: warning };
}

/**
 * What the mark names before the warning's words: the key's field below the element the node is
 * (`allowImplicitGrant` of `clients[1].allowImplicitGrant`); the key itself when it has no field
 * below one (`stageDefaults is "dev"`), unless an element's quoted name follows it and says which.
 */
function subjectOf(key: RegExpExecArray, after: string): string {
    const field = key[2].replace(/^(\[\d+\])?\.?/, "");
    return field || (after.startsWith('"') ? "" : `${key[1]}${key[2]}`);
}

function targetOf(body: string, key: RegExpExecArray | null, lists: StackLists): WarningTarget {
    if (!key) {
        // An escape hatch names the child it transforms last: `transforms its pool child "main-pool"`.
        const child = /child "([^"]+)"/.exec(body)?.[1];
        return child ? { kind: "resource", name: child } : { kind: "pool" };
    }
    const [, section, path] = key;
    const index = Number(/^\[(\d+)\]/.exec(path)?.[1] ?? NaN);
    const quoted = /^\s*"([^"]+)"/.exec(body.slice(key.index + key[0].length))?.[1];
    const at = (names: readonly string[]) => quoted ?? names[index];
    switch (section) {
        case "clients": {
            const name = at(lists.clients);
            return name === undefined ? { kind: "pool" } : { kind: "client", name };
        }
        case "identityProviders": {
            const name = at(lists.providers);
            return name === undefined ? { kind: "pool" } : { kind: "provider", name };
        }
        case "userPool": {
            const group = /^\.groups\[(\d+)\]/.exec(path);
            const name = group ? lists.groups[Number(group[1])] : undefined;
            return name === undefined ? { kind: "pool" } : { kind: "group", name };
        }
        case "identityPool":
            if (/^\.allowGuests|^\.guest\b/.test(path)) return { kind: "guests" };
            if (/^\.authenticated\b/.test(path)) return { kind: "role", slot: "authenticated" };
            return { kind: "identityPool" };
        case "triggers": {
            const slot = /^\.(\w+)/.exec(path)?.[1];
            return slot === undefined || slot === "logRetentionDays" ? { kind: "pool" } : { kind: "trigger", name: slot };
        }
        case "domain":
            return { kind: "domain" };
        default:
            return { kind: "pool" };
    }
}

/** The names a warning's index points at, read loosely from the stack config. */
function stackLists(config: unknown): StackLists {
    const c = obj(config) ?? {};
    const names = (items: unknown, name: (item: Record<string, unknown>) => string | undefined) => list(items).map((i) => name(obj(i) ?? {}) ?? "");
    return {
        clients: names(c.clients, (i) => text(i.name)),
        providers: names(c.identityProviders, (i) => {
            try {
                return identityProviderName(i as never);
            } catch {
                return text(i.name);
            }
        }),
        groups: names(field(c, "userPool", "groups"), (i) => text(i.name)),
    };
}

/** Puts each warning on its node; returns those with nothing to carry them (no user pool drawn). */
export function markWarnings(map: MapBuilder, warnings: readonly string[], config: unknown, view: StackView): string[] {
    const lists = stackLists(config);
    const nodes = [...map.nodes.values()];
    const pool = nodes.find((n) => n.kind === "pool");
    const unplaced: string[] = [];
    const find = (target: WarningTarget): Draft | undefined => {
        switch (target.kind) {
            case "client": case "provider": case "group": case "trigger":
                return map.nodes.get(`${target.kind}:${target.name}`);
            case "resource": {
                const urns = view.resources.filter((r) => r.name === target.name).map((r) => r.urn);
                return nodes.find((n) => [...n.urns, ...n.parts.map((p) => p.urn)].some((u) => urns.includes(u)));
            }
            case "role": {
                const identityPool = nodes.find((n) => n.kind === "identityPool");
                const edge = map.edges.find((e) => e.from === identityPool?.key && e.label === (target.slot === "guest" ? "guests" : "signed-in users"));
                return edge && map.nodes.get(edge.to);
            }
            case "guests":
                return nodes.find((n) => n.kind === "guests") ?? nodes.find((n) => n.kind === "identityPool");
            default:
                return nodes.find((n) => n.kind === target.kind);
        }
    };
    for (const warning of warnings) {
        const placed: PlacedWarning = placeWarning(warning, lists);
        const node = find(placed.target) ?? pool;
        if (node) node.warnings.push(placed.short);
        else unplaced.push(warning);
    }
    return unplaced;
}
