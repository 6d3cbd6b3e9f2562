// The README shows the shipped dev and prod trust maps as Mermaid blocks (GitHub draws them), each
// between two markers. `npm run diagrams` writes them from the stacks' plans; the tests check that
// the README holds what that command would write.
import * as fs from "fs";
import * as path from "path";
import { planStack } from "../harness/run-stack";
import { projectRoot } from "../harness/stack-file";
import { plainDrawing } from "./change-map";
import { fencedMermaid } from "./markdown";
import { trustMap } from "./trust-map";

const readmeStacks = ["dev", "prod"] as const;
export const readmeFile = path.join(projectRoot, "README.md");

const markers = (stack: string) => [`<!-- trust-map:${stack} (npm run diagrams writes this block) -->`, `<!-- /trust-map:${stack} -->`] as const;

/** Each shipped stack's map, as the README shows it. */
export async function readmeMaps(): Promise<Record<string, string>> {
    const maps: Record<string, string> = {};
    for (const stack of readmeStacks) maps[stack] = fencedMermaid(plainDrawing(trustMap(await planStack(stack))));
    return maps;
}

/** The README with each stack's block replaced; a README without a stack's markers is an error that names them. */
export function withMaps(readme: string, maps: Record<string, string>): string {
    let text = readme;
    for (const [stack, block] of Object.entries(maps)) {
        const [open, close] = markers(stack);
        const start = text.indexOf(open);
        const end = text.indexOf(close);
        if (start < 0 || end < start) throw new Error(`README.md has no block for the ${stack} trust map: put the lines ${open} and ${close} where it goes`);
        text = `${text.slice(0, start + open.length)}\n${block}\n${text.slice(end)}`;
    }
    return text;
}

export async function writeReadmeMaps(check: boolean): Promise<{ current: boolean }> {
    const readme = fs.readFileSync(readmeFile, "utf8");
    const next = withMaps(readme, await readmeMaps());
    if (next === readme) return { current: true };
    if (!check) fs.writeFileSync(readmeFile, next);
    return { current: false };
}
