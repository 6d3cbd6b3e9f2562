// `npm start -- <stack> --diagram [format]`: the stack's trust map, or with --base the change to
// it, in the format asked for. Mermaid and Markdown are text (they cost milliseconds); SVG loads
// Graphviz and text art its renderer, each only when asked.
import type { ResourceDiff } from "../guard/plan-diff";
import { changeDrawing, plainDrawing, type Drawing } from "./change-map";
import { markdownOf } from "./markdown";
import { mermaidOf } from "./mermaid";
import { svgOf } from "./svg";
import { textArtOf } from "./text-art";
import { trustMap, type MapSource } from "./trust-map";

/** json: the drawing as data, which the pull-request comment draws with the target branch's code (drawing-json.ts). */
export const diagramFormats = ["mermaid", "markdown", "svg", "text", "json"] as const;
export type DiagramFormat = (typeof diagramFormats)[number];

/** What a comparison with a git ref gives the drawing. */
export interface BaseOfDrawing {
    /** How the drawing names the base ("origin/main (1a2b3c4d5e6f)"). */
    readonly label: string;
    readonly source: MapSource;
    readonly diffs: readonly ResourceDiff[];
}

export function drawingOf(head: MapSource, base?: BaseOfDrawing): Drawing {
    const map = trustMap(head);
    return base ? changeDrawing(trustMap(base.source), map, base.diffs, base.label) : plainDrawing(map);
}

export async function renderDrawing(drawing: Drawing, format: DiagramFormat): Promise<string> {
    switch (format) {
        case "mermaid": return mermaidOf(drawing);
        case "markdown": return markdownOf(drawing);
        case "svg": return svgOf(drawing);
        case "text": return `${await textArtOf(drawing)}\n`;
        case "json": return `${JSON.stringify(drawing)}\n`;
    }
}
