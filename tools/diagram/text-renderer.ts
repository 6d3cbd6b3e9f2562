// beautiful-mermaid's text renderer (Mermaid to box-drawing characters), loaded cheaply. The package
// is an ES module that imports ELK (1.6 MB of JavaScript, for its SVG layout) at its top: loading
// it took longer than the drawing itself, though text never uses ELK. So it is bundled once by
// esbuild (already the project's bundler) into .build/diagram/ as CommonJS with ELK left out, and
// required from there; the bundle's name carries the versions that made it, so an upgrade
// rebuilds it.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Plugin } from "esbuild";
import { projectRoot } from "../harness/stack-file";
import { writeWhole } from "../../components/triggers/bundle";

export interface TextRenderer {
    renderMermaidASCII(text: string, options?: { useAscii?: boolean; paddingX?: number; paddingY?: number; boxBorderPadding?: number; colorMode?: "none" }): string;
}

const packageDir = path.join(projectRoot, "node_modules", "beautiful-mermaid");
const versionOf = (dir: string) => (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;

/** ELK stands for a function that says why it is missing, should the text renderer ever call it. */
const withoutElk: Plugin = {
    name: "without-elk",
    setup(build) {
        build.onResolve({ filter: /^elkjs(\/|$)/ }, () => ({ path: "elkjs", namespace: "without-elk" }));
        build.onLoad({ filter: /.*/, namespace: "without-elk" }, () => ({ contents: "module.exports = function ELK() { throw new Error('ELK is left out of the text renderer bundle'); };", loader: "js" }));
    },
};

let loaded: TextRenderer | undefined;

export async function textRenderer(): Promise<TextRenderer> {
    if (loaded) return loaded;
    const versions = [versionOf(packageDir), versionOf(path.join(projectRoot, "node_modules", "entities")), versionOf(path.join(projectRoot, "node_modules", "esbuild")), "without-elk-1"];
    const file = path.join(projectRoot, ".build", "diagram", `beautiful-mermaid-${createHash("sha256").update(versions.join("\0")).digest("hex").slice(0, 12)}.cjs`);
    if (!fs.existsSync(file)) {
        const { build } = await import("esbuild");
        const result = await build({
            entryPoints: [path.join(packageDir, JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")).exports["."].import)],
            bundle: true, platform: "node", format: "cjs", target: "node20", write: false, logLevel: "silent", plugins: [withoutElk],
        });
        fs.mkdirSync(path.dirname(file), { recursive: true });
        // A concurrent run reads a whole bundle or none.
        writeWhole(file, result.outputFiles[0].contents);
    }
    loaded = require(file) as TextRenderer;
    return loaded;
}
