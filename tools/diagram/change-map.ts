// What a change does to the trust map: two maps of one stack (a git ref's and the working tree's)
// and the resource diff between their plans, as one drawing where each element says whether it is
// added, removed, replaced (the resource it stands for is replaced: new ids), changed (a resource
// drawn in it, such as an identity pool's role attachment, being replaced is a change), and what it widens: a fact
// that gives someone more and was not there (a new grant, flow, callback, guests), a new way in
// that reaches something that was already there (a new provider on a gated client, a client given
// AWS credentials), a setting newly warned as weakened.
import type { ResourceDiff } from "../guard/plan-diff";
import { compareNodes, type MapEdge, type MapNode, type TrustMap } from "./trust-map";

export type NodeStatus = "same" | "added" | "removed" | "changed" | "replaced";

export interface DrawnNode extends MapNode {
    readonly status: NodeStatus;
    /** Lines the change adds and removes (for a changed node). */
    readonly addedLines: readonly string[];
    readonly removedLines: readonly string[];
    /** What drawn in this element the change replaces without replacing the element ("role attachment"). */
    readonly replacedParts: readonly string[];
    /** Why this element now gives someone more, one reason each. */
    readonly widens: readonly string[];
}

export interface DrawnEdge extends MapEdge {
    readonly status: "same" | "added" | "removed";
    /** A new way in to something that was already there. */
    readonly widens: boolean;
}

export interface Drawing {
    readonly stack: string;
    readonly nodes: readonly DrawnNode[];
    readonly edges: readonly DrawnEdge[];
    readonly unplaced: readonly string[];
    /** Set when the drawing compares with a base: what it was compared with. */
    readonly base?: string;
}

/** A map drawn as it is, nothing compared. */
export function plainDrawing(map: TrustMap): Drawing {
    return {
        stack: map.stack,
        nodes: map.nodes.map((n) => ({ ...n, status: "same", addedLines: [], removedLines: [], replacedParts: [], widens: [] })),
        edges: map.edges.map((e) => ({ ...e, status: "same", widens: false })),
        unplaced: map.unplaced,
    };
}

const edgeKey = (e: MapEdge) => `${e.from}\0${e.to}\0${e.label}`;
const missing = <T>(items: readonly T[], from: readonly T[]) => items.filter((i) => !from.includes(i));

export function changeDrawing(base: TrustMap, head: TrustMap, diffs: readonly ResourceDiff[], baseLabel: string): Drawing {
    const before = new Map(base.nodes.map((n) => [n.key, n]));
    const after = new Map(head.nodes.map((n) => [n.key, n]));
    const replaced = new Set(diffs.filter((d) => d.kind === "replace").map((d) => d.urn));
    const title = (key: string) => (after.get(key) ?? before.get(key))?.title ?? key;

    const nodes: DrawnNode[] = head.nodes.map((node) => {
        const was = before.get(node.key);
        if (!was) return { ...node, status: "added", addedLines: [], removedLines: [], replacedParts: [], widens: [] };
        const addedLines = missing(node.lines, was.lines);
        const removedLines = missing(was.lines, node.lines);
        const widens = [
            ...missing(node.facts, was.facts).map((fact) => `${node.title}: ${fact}`),
            ...missing(node.warnings, was.warnings).map((warning) => `${node.title}: newly ${warning}`),
        ];
        // Only the resource the node stands for gives it new ids; a part replaced inside it is a change.
        const replacedParts = node.parts.filter((p) => replaced.has(p.urn)).map((p) => p.what);
        const status: NodeStatus = node.urns.some((u) => replaced.has(u))
            ? "replaced"
            : addedLines.length || removedLines.length || replacedParts.length || widens.length || missing(was.warnings, node.warnings).length ? "changed" : "same";
        return { ...node, status, addedLines, removedLines, replacedParts, widens };
    });
    for (const was of base.nodes.filter((n) => !after.has(n.key))) nodes.push({ ...was, status: "removed", addedLines: [], removedLines: [], replacedParts: [], widens: [] });

    const baseEdges = new Set(base.edges.map(edgeKey));
    const headEdges = new Set(head.edges.map(edgeKey));
    const edges: DrawnEdge[] = head.edges.map((edge) => {
        if (baseEdges.has(edgeKey(edge))) return { ...edge, status: "same", widens: false };
        // A way in between two things that are both new is part of what is added; one that reaches or leaves something already there widens it.
        return { ...edge, status: "added", widens: edge.kind === "access" && (before.has(edge.from) || before.has(edge.to)) };
    });
    for (const edge of base.edges.filter((e) => !headEdges.has(edgeKey(e)))) edges.push({ ...edge, status: "removed", widens: false });

    // A new way in is said on the element it reaches too, so the summary names it once per element.
    const widening = new Map(nodes.map((n) => [n.key, [...n.widens]]));
    for (const edge of edges.filter((e) => e.widens)) {
        const gate = after.get(edge.to)?.lines.find((l) => l.startsWith("only members of"));
        widening.get(edge.to)?.push(`${title(edge.from)} now reaches ${title(edge.to)}${edge.label ? ` (${edge.label})` : ""}${gate ? `, a gated client (${gate})` : ""}`);
    }
    return {
        stack: head.stack,
        base: baseLabel,
        // An element a new way in reaches is changed, even if nothing of its own is.
        nodes: nodes.map((n) => {
            const widens = widening.get(n.key) ?? [];
            return { ...n, widens, status: n.status === "same" && widens.length ? "changed" : n.status };
        }).sort(compareNodes),
        edges,
        unplaced: head.unplaced,
    };
}

/** How many elements each kind of change touches, and every widening, for a summary above the picture. */
export function changeSummary(drawing: Drawing): { counts: Record<NodeStatus, number>; widens: string[]; replaced: string[]; addedEdges: number; removedEdges: number } {
    const counts = { same: 0, added: 0, removed: 0, changed: 0, replaced: 0 };
    for (const n of drawing.nodes) counts[n.status]++;
    return {
        counts,
        widens: drawing.nodes.flatMap((n) => n.widens),
        replaced: drawing.nodes.filter((n) => n.status === "replaced").map((n) => n.title),
        addedEdges: drawing.edges.filter((e) => e.status === "added").length,
        removedEdges: drawing.edges.filter((e) => e.status === "removed").length,
    };
}
