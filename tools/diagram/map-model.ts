// The trust map's parts: nodes (each with its facts, warnings and resources), edges, and the
// builder the drawing steps share. Kept apart so that each step (pool, clients, identity pools,
// warnings) can live in a file of its own.

export type NodeKind = "pool" | "trigger" | "domain" | "provider" | "client" | "group" | "identityPool" | "guests" | "role";

export interface MapNode {
    /** Stable across two plans of one stack: kind and name ("client:web"). */
    readonly key: string;
    readonly kind: NodeKind;
    readonly title: string;
    readonly lines: readonly string[];
    /** What, newly present, gives someone more: a change that adds one widens. */
    readonly facts: readonly string[];
    /** The plan's warnings about this element, in a few words. */
    readonly warnings: readonly string[];
    /** The resources the node stands for (a change that replaces one replaces the node: new ids). */
    readonly urns: readonly string[];
    /** Resources drawn in the node that are not it (an identity pool's role attachment): replacing one changes the node, whose ids stay. */
    readonly parts: readonly NodePart[];
}

export interface NodePart {
    readonly urn: string;
    /** What it is to the node, in a few words: "role attachment". */
    readonly what: string;
}

export interface MapEdge {
    readonly from: string;
    readonly to: string;
    readonly label: string;
    /** access: a way in or a grant (a new one widens); context: where things are (a sign-in page). */
    readonly kind: "access" | "context";
}

export interface TrustMap {
    readonly stack: string;
    readonly nodes: readonly MapNode[];
    readonly edges: readonly MapEdge[];
    /** Warnings with nothing drawn to carry them (a stack without a user pool). */
    readonly unplaced: readonly string[];
}

/** The pool's own users: the provider name clients use for them. */
export const cognitoProvider = "COGNITO";

export interface Draft {
    key: string;
    kind: NodeKind;
    title: string;
    lines: string[];
    facts: string[];
    warnings: string[];
    urns: string[];
    parts: NodePart[];
}

export class MapBuilder {
    readonly nodes = new Map<string, Draft>();
    readonly edges: MapEdge[] = [];

    node(kind: NodeKind, name: string, title: string, init: Partial<Omit<Draft, "key" | "kind" | "title">> = {}): Draft {
        const key = `${kind}:${name}`;
        const existing = this.nodes.get(key);
        if (existing) {
            existing.lines.push(...(init.lines ?? []).filter((l) => !existing.lines.includes(l)));
            existing.facts.push(...(init.facts ?? []));
            existing.urns.push(...(init.urns ?? []));
            existing.parts.push(...(init.parts ?? []));
            return existing;
        }
        const draft = { key, kind, title, lines: [...(init.lines ?? [])], facts: [...(init.facts ?? [])], warnings: [], urns: [...(init.urns ?? [])], parts: [...(init.parts ?? [])] };
        this.nodes.set(key, draft);
        return draft;
    }

    edge(from: Draft, to: Draft, label: string, kind: MapEdge["kind"] = "access"): void {
        if (!this.edges.some((e) => e.from === from.key && e.to === to.key && e.label === label)) this.edges.push({ from: from.key, to: to.key, label, kind });
    }
}

const kindOrder: readonly NodeKind[] = ["pool", "trigger", "domain", "provider", "client", "group", "identityPool", "guests", "role"];

/** Nodes by kind, the pool's own users first among providers, then by title: the same stack draws the same text. */
export function compareNodes(a: Pick<MapNode, "kind" | "key" | "title">, b: Pick<MapNode, "kind" | "key" | "title">): number {
    const own = (n: Pick<MapNode, "key">) => Number(n.key === `provider:${cognitoProvider}`);
    return kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || own(b) - own(a) || a.title.localeCompare(b.title) || a.key.localeCompare(b.key);
}

export const byEdge = (a: MapEdge, b: MapEdge) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.label.localeCompare(b.label);

