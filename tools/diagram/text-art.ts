// A drawing as text art for the terminal plan. A whole trust map laid out in characters is wider
// than any terminal and tangles its lines, so it is drawn as one small lane per app client (the
// providers that reach it, the groups it admits, the identity pool it gets credentials from and
// the roles behind it) and one for guests, each rendered by beautiful-mermaid; the pool, its
// triggers and its domain are listed as text above them.
import type { Drawing, DrawnNode } from "./change-map";
import { mermaidOf, terminalText } from "./mermaid";
import { nodeLines, visible } from "./presentation";
import { textRenderer } from "./text-renderer";

/** The elements one client's lane shows: what reaches the client, and what the client reaches. */
function laneOf(drawing: Drawing, start: DrawnNode): Drawing {
    const keys = new Set([start.key]);
    const access = drawing.edges.filter((e) => e.kind === "access");
    for (const e of access) if (e.to === start.key) keys.add(e.from);
    // Downstream: gate groups, identity pools, then the roles behind them (two steps suffice: client, pool or group, role).
    for (let step = 0; step < 2; step++) {
        for (const e of access) if (keys.has(e.from) && drawing.nodes.find((n) => n.key === e.from)?.kind !== "provider") keys.add(e.to);
    }
    const nodes = drawing.nodes.filter((n) => keys.has(n.key));
    // Edges between providers (a provider linking into the pool's own users) are said on the provider; drawn here, they tangle the lane.
    const providers = new Set(nodes.filter((n) => n.kind === "provider").map((n) => n.key));
    const edges = drawing.edges.filter((e) => e.kind === "access" && keys.has(e.from) && keys.has(e.to) && !providers.has(e.to));
    return { ...drawing, nodes, edges };
}

/** The pool, its triggers and its domain, as lines. */
function poolLines(drawing: Drawing): string[] {
    return drawing.nodes.filter((n) => n.kind === "pool" || n.kind === "trigger" || n.kind === "domain").flatMap((n) => {
        const [title, ...rest] = nodeLines(n).map(visible);
        return [`  ${title}`, ...rest.map((l) => `      ${l}`)];
    });
}

export async function textArtOf(drawing: Drawing): Promise<string> {
    const renderer = await textRenderer();
    const starts = drawing.nodes.filter((n) => n.kind === "client" || n.kind === "guests");
    const lanes = starts.map((start) => {
        const lane = laneOf(drawing, start);
        const art = renderer.renderMermaidASCII(mermaidOf(lane, { brief: true, columns: false, label: terminalText }), { paddingX: 3, paddingY: 1, colorMode: "none" });
        return [`${start.kind === "guests" ? "Guests" : `Who reaches ${start.title}`}:`, art.replace(/[ \t]+$/gm, "")].join("\n");
    });
    const heading = `Trust map of stack ${visible(drawing.stack)}${drawing.base ? `, changes from ${visible(drawing.base)}` : ""}`;
    return [heading, ...poolLines(drawing), "", ...lanes.flatMap((l) => [l, ""])].join("\n").trimEnd();
}
