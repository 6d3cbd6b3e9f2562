// A drawing (a trust map, or the change a pull request makes to it) as a Mermaid flowchart: text
// that diffs, and that GitHub renders in a Markdown file or comment without any tool. Every label
// is built from stack values (names, URLs, settings someone else wrote): each character outside a
// small safe set is written as a Mermaid entity code, so no value can end a label, add a node or an
// edge, close the Markdown code fence around the diagram, or reorder the text with bidi controls.
import { createHash } from "crypto";
import type { Drawing } from "./change-map";
import { columns, edgeLabel, edgeLooks, edgeStyle, isDashed, nodeLines, nodeLooks, nodeStyle, visible, type EdgeStyle, type Look } from "./presentation";

/** Letters and digits of any script, and punctuation that means nothing to Mermaid inside a quoted label. */
const plain = /^[\p{L}\p{M}\p{N} .,:/_+=@~'!?*$()\-·⚠]$/u;

/** A value as label text: safe characters as they are, invisible ones named (U+202E), the rest as entity codes (#35;). */
function labelText(value: string): string {
    return [...visible(value)].map((ch) => (plain.test(ch) ? ch : `#${ch.codePointAt(0)};`)).join("");
}

/**
 * A value as label text for the terminal's renderer (beautiful-mermaid), which takes characters as
 * they are and no entity codes: the characters that would end its label or read as markup are
 * replaced by look-alikes.
 */
const lookAlikes: Readonly<Record<string, string>> = { '"': "”", "[": "［", "]": "］", "{": "｛", "}": "｝", "|": "￨", "<": "‹", ">": "›", "`": "ˋ", "#": "＃", ";": "；", "%": "％" };
export const terminalText = (value: string): string => [...visible(value)].map((ch) => lookAlikes[ch] ?? ch).join("");

/**
 * Mermaid node ids for map keys: letters, digits and underscores, readable ("client:web" is
 * n_client_web), with a short hash added to every key whose readable id another key shares.
 */
function nodeIds(keys: readonly string[]): Map<string, string> {
    const readable = (key: string) => `n_${key.replace(/[^A-Za-z0-9]+/g, "_").replace(/_$/, "").slice(0, 48)}`;
    const taken = new Map<string, number>();
    for (const key of new Set(keys)) taken.set(readable(key), (taken.get(readable(key)) ?? 0) + 1);
    return new Map(keys.map((key) => [key, taken.get(readable(key))! > 1 ? `${readable(key)}_${createHash("sha256").update(key).digest("hex").slice(0, 8)}` : readable(key)]));
}

const css = (look: Look) => [look.fill && `fill:${look.fill}`, `stroke:${look.stroke}`, `stroke-width:${look.width}px`, look.dashed && "stroke-dasharray:5 5", look.fill && "color:#1f2328"].filter(Boolean).join(",");

export interface MermaidOptions {
    /** Titles and change marks only, no detail lines (the terminal's small lanes). @default false */
    readonly brief?: boolean;
    /** Group nodes in their columns. @default true */
    readonly columns?: boolean;
    /** Labels for Mermaid itself (entity codes) or for the terminal's renderer (look-alikes). @default labelText */
    readonly label?: (value: string) => string;
}

export function mermaidOf(drawing: Drawing, options: MermaidOptions = {}): string {
    const ids = nodeIds([...drawing.nodes.map((n) => n.key), ...drawing.edges.flatMap((e) => [e.from, e.to])]);
    const id = (key: string) => ids.get(key)!;
    const label = options.label ?? labelText;
    const out = [
        `%% Trust map of stack ${labelText(drawing.stack)}${drawing.base ? `, changes from ${labelText(drawing.base)}` : ""}. Written by npm start -- <stack> --diagram; do not edit.`,
        "flowchart LR",
    ];
    const node = (n: Drawing["nodes"][number]) => `${id(n.key)}["${nodeLines(n, options.brief).map(label).join("<br/>")}"]`;
    if (options.columns === false) out.push(...drawing.nodes.map((n) => `    ${node(n)}`));
    else for (const column of columns) {
        const members = drawing.nodes.filter((n) => column.kinds.includes(n.kind));
        if (members.length === 0) continue;
        out.push(`    subgraph ${column.id}["${column.title}"]`, ...members.map((n) => `        ${node(n)}`), "    end");
    }
    const styled = new Map<EdgeStyle, number[]>();
    drawing.edges.forEach((edge, i) => {
        const text = edgeLabel(edge);
        const arrow = edge.widens ? "==>" : isDashed(edge) ? "-.->" : "-->";
        out.push(`    ${id(edge.from)} ${arrow}${text ? `|"${label(text)}"|` : ""} ${id(edge.to)}`);
        const style = edgeStyle(edge);
        if (style) styled.set(style, [...(styled.get(style) ?? []), i]);
    });
    const classes = new Map<string, string[]>();
    for (const n of drawing.nodes) {
        const style = nodeStyle(n);
        if (style) classes.set(style, [...(classes.get(style) ?? []), id(n.key)]);
    }
    for (const [style, members] of classes) out.push(`    classDef ${style} ${css(nodeLooks[style as keyof typeof nodeLooks])}`, `    class ${members.join(",")} ${style}`);
    for (const [style, indexes] of styled) out.push(`    linkStyle ${indexes.join(",")} ${css(edgeLooks[style])}`);
    return `${out.join("\n")}\n`;
}
