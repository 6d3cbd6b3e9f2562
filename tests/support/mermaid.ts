// Mermaid's own grammar (the `mermaid` package, what GitHub draws with) over a diagram: whether it
// accepts it, and the vertices and edges it reads, labels decoded. Mermaid renders only with a DOM;
// parsing needs none, but its label sanitizer calls DOMPurify, which without a window is a stub:
// it gets a pass-through (what it would sanitize does not decide what the grammar accepts).

export interface ParsedVertex {
    readonly id: string;
    /** The label's lines, entity codes decoded. */
    readonly lines: string[];
    readonly classes: string[];
}

export interface ParsedEdge {
    readonly from: string;
    readonly to: string;
    readonly label: string;
    /** "normal", "thick" (==>) or "dotted" (-.->). */
    readonly stroke: string;
}

export interface ParsedDiagram {
    readonly vertices: ParsedVertex[];
    readonly edges: ParsedEdge[];
    /** The vertex whose label starts with this title (change marks such as NEW allowed before it). */
    byTitle(title: string): ParsedVertex;
    /** Edges between the vertices of these titles. */
    between(from: string, to: string): ParsedEdge[];
}

let loaded: Promise<any> | undefined;

async function mermaid(): Promise<any> {
    loaded ??= (async () => {
        const purify = (await import("dompurify")).default as unknown as { sanitize: (s: string) => string; addHook: () => void };
        purify.sanitize = (s) => s;
        purify.addHook = () => undefined;
        return (await import("mermaid")).default;
    })();
    return loaded;
}

/** Entity codes as written (#35;) and as Mermaid's parser keeps them until it renders (ﬂ°°35¶ß). */
const decode = (text: string) => text.replace(/(?:#|ﬂ°°)(\d+)(?:;|¶ß)/g, (_, code) => String.fromCodePoint(Number(code)));

export async function parseMermaid(text: string): Promise<ParsedDiagram> {
    const api = await mermaid();
    await api.parse(text); // throws on a diagram the grammar refuses
    const db = (await api.mermaidAPI.getDiagramFromText(text)).db;
    const vertices: ParsedVertex[] = [...db.getVertices().values()].map((v: any) => ({ id: v.id, lines: decode(String(v.text)).split("<br/>"), classes: [...(v.classes ?? [])] }));
    const edges: ParsedEdge[] = db.getEdges().map((e: any) => ({ from: e.start, to: e.end, label: decode(String(e.text ?? "")), stroke: e.stroke }));
    const byTitle = (title: string) => {
        const found = vertices.filter((v) => v.lines[0].replace(/^(NEW|REMOVED|REPLACED|CHANGED) /, "") === title);
        if (found.length !== 1) throw new Error(`expected one vertex titled ${JSON.stringify(title)}, found ${found.length} among ${vertices.map((v) => JSON.stringify(v.lines[0])).join(", ")}`);
        return found[0];
    };
    return { vertices, edges, byTitle, between: (from, to) => edges.filter((e) => e.from === byTitle(from).id && e.to === byTitle(to).id) };
}
