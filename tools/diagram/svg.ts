// A drawing as SVG, offline, for people outside GitHub: Graphviz (dot, compiled to WebAssembly in
// @viz-js/viz, no browser and nothing downloaded) lays out the same columns, labels and colours the
// Mermaid text has. Graphviz writes label text into the SVG as escaped XML, and labels are DOT
// strings (never HTML-like labels), so a value cannot add markup.
import type { Drawing } from "./change-map";
import { columns, edgeLabel, edgeLooks, edgeStyle, isDashed, nodeLines, nodeLooks, nodeStyle, visible } from "./presentation";

/** A DOT double-quoted string: backslashes and quotes escaped, invisible characters named, lines as \n. */
const quoted = (lines: readonly string[]) => `"${lines.map((l) => visible(l).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]/g, " ")).join("\\n")}"`;

function dotOf(drawing: Drawing): string {
    const ids = new Map([...new Set([...drawing.nodes.map((n) => n.key), ...drawing.edges.flatMap((e) => [e.from, e.to])])].map((key, i) => [key, `n${i}`]));
    const out = [
        "digraph trust_map {",
        "  rankdir=LR; fontname=\"Helvetica\"; fontsize=12; newrank=true;",
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f6f8fa\", color=\"#57606a\", fontname=\"Helvetica\", fontsize=10];",
        "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#57606a\"];",
    ];
    for (const column of columns) {
        const members = drawing.nodes.filter((n) => column.kinds.includes(n.kind));
        if (members.length === 0) continue;
        out.push(`  subgraph cluster_${column.id} {`, `    label=${quoted([column.title])}; style=rounded; color="#d0d7de";`);
        for (const n of members) {
            const look = nodeLooks[nodeStyle(n) ?? "warned"];
            const styled = nodeStyle(n) ? `, color="${look.stroke}", penwidth=${look.width}${look.fill ? `, fillcolor="${look.fill}"` : ""}${look.dashed ? ', style="rounded,filled,dashed"' : ""}` : "";
            out.push(`    ${ids.get(n.key)} [label=${quoted(nodeLines(n))}${styled}];`);
        }
        out.push("  }");
    }
    for (const edge of drawing.edges) {
        const style = edgeStyle(edge);
        const look = style && edgeLooks[style];
        const attrs = [`label=${quoted([edgeLabel(edge)])}`, isDashed(edge) && "style=dashed", look && `color="${look.stroke}"`, look && `penwidth=${look.width}`].filter(Boolean).join(", ");
        out.push(`  ${ids.get(edge.from)} -> ${ids.get(edge.to)} [${attrs}];`);
    }
    out.push("}");
    return `${out.join("\n")}\n`;
}

/** The SVG of a drawing. Graphviz loads once per process (its WebAssembly instance is reused). */
export async function svgOf(drawing: Drawing): Promise<string> {
    const viz = await (graphviz ??= import("@viz-js/viz").then((m) => m.instance()));
    return viz.renderString(dotOf(drawing), { format: "svg", engine: "dot" });
}

let graphviz: Promise<Awaited<ReturnType<typeof import("@viz-js/viz").instance>>> | undefined;
