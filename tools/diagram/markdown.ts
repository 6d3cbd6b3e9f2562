// A drawing as a Markdown section, for a pull request comment or the README: what the change
// widens and replaces said in words first (readable without opening anything), then the Mermaid
// diagram, which GitHub renders, collapsed when it is large or when nothing changed.
import { changeSummary, type Drawing } from "./change-map";
import { mermaidOf } from "./mermaid";
import { visible } from "./presentation";

/** More elements than this and the diagram starts collapsed. */
const largeDrawing = 25;

/** A value in Markdown where nothing in it acts: a code span (no mention, link, emphasis or HTML), on one line. */
export function inlineCode(value: string): string {
    const text = visible(value).replace(/\s+/g, " ").replace(/`/g, "ˋ");
    return `\`${text}\``;
}

export function fencedMermaid(drawing: Drawing): string {
    return ["```mermaid", mermaidOf(drawing).trimEnd(), "```"].join("\n");
}

export function markdownOf(drawing: Drawing): string {
    const out: string[] = [];
    let collapse = drawing.nodes.length > largeDrawing;
    if (drawing.base !== undefined) {
        const { counts, widens, replaced, addedEdges, removedEdges } = changeSummary(drawing);
        const changed = counts.added + counts.removed + counts.replaced + counts.changed + addedEdges + removedEdges > 0;
        out.push(changed
            ? `**Trust map of ${inlineCode(drawing.stack)}, changes from ${inlineCode(drawing.base)}:** ${counts.added} added, ${counts.removed} removed, ${counts.replaced} replaced, ${counts.changed} changed, ${addedEdges} new and ${removedEdges} removed ways in; ${widens.length} widening(s).`
            : `**Trust map of ${inlineCode(drawing.stack)}:** no change from ${inlineCode(drawing.base)}.`);
        if (replaced.length) out.push("", "Replaced (a new resource, new ids):", ...replaced.map((r) => `- ⛔ ${inlineCode(r)}`));
        if (widens.length) out.push("", "Widens (someone gets more than before):", ...widens.map((w) => `- ⚠ ${inlineCode(w)}`));
        collapse ||= !changed;
    } else out.push(`**Trust map of ${inlineCode(drawing.stack)}**`);
    if (drawing.unplaced.length) out.push("", "Warnings:", ...drawing.unplaced.map((w) => `- ${inlineCode(w)}`));
    out.push("");
    if (collapse) out.push(`<details><summary>Trust map diagram (${drawing.nodes.length} elements)</summary>`, "");
    out.push(fencedMermaid(drawing));
    if (collapse) out.push("", "</details>");
    return `${out.join("\n")}\n`;
}
