// How a drawing looks, whatever writes it (Mermaid for GitHub, Graphviz for SVG, text art): the
// columns, each node's label lines with its change marks, each edge's label, and the colours of
// each kind of change. Marks are words as well as colours (NEW, REMOVED, WIDENS), so they survive
// a terminal without colour and a reader who does not see red from green.
import type { DrawnEdge, DrawnNode } from "./change-map";
import type { NodeKind } from "./trust-map";

export const columns: readonly { readonly id: string; readonly title: string; readonly kinds: readonly NodeKind[] }[] = [
    { id: "userPool", title: "User pool, triggers and sign-in domain", kinds: ["pool", "trigger", "domain"] },
    { id: "providers", title: "Identity providers", kinds: ["provider"] },
    { id: "clients", title: "App clients", kinds: ["client"] },
    { id: "groups", title: "Groups", kinds: ["group"] },
    { id: "credentials", title: "AWS credentials", kinds: ["identityPool", "guests", "role"] },
];

export type NodeStyle = "added" | "removed" | "replaced" | "changed" | "widened" | "warned";
export type EdgeStyle = "widens" | "added" | "removed";

export interface Look {
    readonly fill?: string;
    readonly stroke: string;
    readonly width: number;
    readonly dashed?: boolean;
}

export const nodeLooks: Readonly<Record<NodeStyle, Look>> = {
    added: { fill: "#dafbe1", stroke: "#1a7f37", width: 2 },
    removed: { fill: "#ffebe9", stroke: "#cf222e", width: 2, dashed: true },
    replaced: { fill: "#ff8182", stroke: "#a40e26", width: 4 },
    changed: { fill: "#fff8c5", stroke: "#9a6700", width: 2 },
    widened: { fill: "#ffd8b5", stroke: "#bc4c00", width: 4 },
    warned: { stroke: "#bc4c00", width: 2, dashed: true },
};

export const edgeLooks: Readonly<Record<EdgeStyle, Look>> = {
    widens: { stroke: "#bc4c00", width: 4 },
    added: { stroke: "#1a7f37", width: 2 },
    removed: { stroke: "#cf222e", width: 2, dashed: true },
};

/** The one look a node gets: what matters most to a reviewer first. */
export function nodeStyle(node: DrawnNode): NodeStyle | undefined {
    if (node.status === "replaced" || node.status === "removed") return node.status;
    if (node.widens.length) return "widened";
    if (node.status === "added" || node.status === "changed") return node.status;
    return node.warnings.length ? "warned" : undefined;
}

export function edgeStyle(edge: DrawnEdge): EdgeStyle | undefined {
    if (edge.widens) return "widens";
    return edge.status === "same" ? undefined : edge.status;
}

/** A dashed or dotted line: context (a sign-in page), or an edge the change removes. */
export const isDashed = (edge: DrawnEdge) => edge.status === "removed" || edge.kind === "context";

const statusTitle: Readonly<Record<DrawnNode["status"], string>> = { same: "", added: "NEW ", removed: "REMOVED ", replaced: "REPLACED ", changed: "CHANGED " };

/** The lines of a node's label, change marks included; `brief` keeps the title and the marks only (and a role's grants). */
export function nodeLines(node: DrawnNode, brief = false): string[] {
    const shown = brief && node.kind !== "role" ? node.lines.filter((l) => node.addedLines.includes(l)) : node.lines;
    return [
        `${statusTitle[node.status]}${node.title}`,
        ...(node.status === "replaced" && node.kind === "pool" ? ["every user and password hash would be lost"] : []),
        ...shown.map((line) => (node.addedLines.includes(line) ? `+ ${line}` : line)),
        ...node.removedLines.map((line) => `- ${line}`),
        ...node.replacedParts.map((part) => `⛔ ${part} replaced`),
        ...node.warnings.map((w) => `⚠ ${w}`),
        ...node.widens.map((w) => `⚠ WIDENS: ${w.startsWith(`${node.title}: `) ? w.slice(node.title.length + 2) : w}`),
    ];
}

export function edgeLabel(edge: DrawnEdge): string {
    if (edge.status === "removed") return `removed${edge.label ? `: ${edge.label}` : ""}`;
    if (edge.widens) return `WIDENS${edge.label ? `: ${edge.label}` : ""}`;
    if (edge.status === "added") return `new${edge.label ? `: ${edge.label}` : ""}`;
    return edge.label;
}

/** Control and format characters (bidi overrides, zero-width ones) in a value: shown by code point, never applied. */
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/gu;

export function visible(value: string): string {
    return value.replace(invisible, (ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
}
