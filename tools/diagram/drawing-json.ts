// A drawing as data, for the pull-request comment: the preview job runs the pull request's code and
// writes the change to the trust map as JSON (`--diagram json`); the comment job, which holds the
// right to comment, runs the target branch's code and draws the Markdown itself from that data. The
// data is the pull request's to write, so it is read as untrusted: every field checked, every
// string then written through the renderer's escaping, nothing of it ever pasted as Markdown.
import type { Drawing, DrawnEdge, DrawnNode } from "./change-map";
import type { NodeKind } from "./trust-map";

const nodeKinds: readonly NodeKind[] = ["pool", "trigger", "domain", "provider", "client", "group", "identityPool", "guests", "role"];
const nodeStatuses: readonly DrawnNode["status"][] = ["same", "added", "removed", "changed", "replaced"];
const edgeStatuses: readonly DrawnEdge["status"][] = ["same", "added", "removed"];
const edgeKinds: readonly DrawnEdge["kind"][] = ["access", "context"];

/** Bounds that keep a hostile file from making the comment job work or write without end. */
const limits = { elements: 1000, lines: 200, characters: 2000 };

class Unreadable extends Error {}

const record = (value: unknown): Record<string, unknown> => {
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new Unreadable("not an object");
    return value as Record<string, unknown>;
};
const text = (value: unknown): string => {
    if (typeof value !== "string" || value.length > limits.characters) throw new Unreadable("not a string of its size");
    return value;
};
const texts = (value: unknown, most = limits.lines): string[] => {
    if (!Array.isArray(value) || value.length > most) throw new Unreadable("not a list of its size");
    return value.map(text);
};
const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T => {
    if (!allowed.includes(value as T)) throw new Unreadable(`not one of ${allowed.join(", ")}`);
    return value as T;
};

/** A field later versions added: absent in data an older pull request's code wrote, checked when present. */
const optional = <T>(value: unknown, read: (value: unknown) => T[]): T[] => (value === undefined ? [] : read(value));
const parts = (value: unknown) => {
    if (!Array.isArray(value) || value.length > limits.lines) throw new Unreadable("not a list of its size");
    return value.map((p) => ({ urn: text(record(p).urn), what: text(record(p).what) }));
};

function node(value: unknown): DrawnNode {
    const n = record(value);
    return {
        key: text(n.key), kind: oneOf(n.kind, nodeKinds), title: text(n.title), lines: texts(n.lines), facts: texts(n.facts), warnings: texts(n.warnings), urns: texts(n.urns), parts: optional(n.parts, parts),
        status: oneOf(n.status, nodeStatuses), addedLines: texts(n.addedLines), removedLines: texts(n.removedLines), replacedParts: optional(n.replacedParts, texts), widens: texts(n.widens),
    };
}

function edge(value: unknown): DrawnEdge {
    const e = record(value);
    if (typeof e.widens !== "boolean") throw new Unreadable("widens is not a boolean");
    return { from: text(e.from), to: text(e.to), label: text(e.label), kind: oneOf(e.kind, edgeKinds), status: oneOf(e.status, edgeStatuses), widens: e.widens };
}

/** The drawing in `json`, checked field by field; undefined when it is not one (the comment then says so). */
export function drawingFromJson(json: string): Drawing | undefined {
    try {
        const d = record(JSON.parse(json));
        const nodes = Array.isArray(d.nodes) && d.nodes.length <= limits.elements ? d.nodes.map(node) : undefined;
        const edges = Array.isArray(d.edges) && d.edges.length <= limits.elements ? d.edges.map(edge) : undefined;
        if (!nodes || !edges) return undefined;
        return { stack: text(d.stack), nodes, edges, unplaced: texts(d.unplaced), ...(d.base !== undefined && { base: text(d.base) }) };
    } catch {
        return undefined;
    }
}
