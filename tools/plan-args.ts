// The arguments of `npm start -- [stack] [--base <ref>] [--allow-replace] [--json] [--diagram [format]]`.
import { diagramFormats, type DiagramFormat } from "./diagram/plan-diagram";

export interface PlanArgs {
    readonly stack: string;
    /**
     * Compare with the stack as this git ref has it, and guard the user pool. Unset: the last commit
     * (or, on another branch, where it left the default branch); "none": no comparison.
     */
    readonly base?: string;
    /** Let a change replace or delete the user pool (reported, not failed). */
    readonly allowReplace: boolean;
    /** Print the whole plan as JSON instead of text. */
    readonly json: boolean;
    /** Draw the trust map (with --base, the change to it): Mermaid, Markdown or SVG instead of the plan, or text art under it. */
    readonly diagram?: DiagramFormat;
}

/** `--base none`: plan without comparing with any commit. */
export const noBase = "none";

export class UsageError extends Error {
    constructor(problem: string) {
        super(`${problem}\nusage: npm start -- [stack] [--base <git ref> | --base none] [--allow-replace] [--json | --diagram [${diagramFormats.join("|")}]]   (stack: dev by default; compared with the last commit unless --base says otherwise)`);
        this.name = "UsageError";
    }
}

export function parsePlanArgs(argv: readonly string[]): PlanArgs {
    let stack: string | undefined;
    let base: string | undefined;
    let allowReplace = false;
    let json = false;
    let diagram: DiagramFormat | undefined;
    const isFormat = (value: string | undefined): value is DiagramFormat => (diagramFormats as readonly (string | undefined)[]).includes(value);
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--base") {
            base = argv[++i];
            if (!base || base.startsWith("--")) throw new UsageError("--base needs a git ref, such as origin/main");
        } else if (arg.startsWith("--base=")) base = arg.slice("--base=".length);
        else if (arg === "--allow-replace") allowReplace = true;
        else if (arg === "--json") json = true;
        // The format is optional: a next argument that is not one is the stack.
        else if (arg === "--diagram") diagram = isFormat(argv[i + 1]) ? (argv[++i] as DiagramFormat) : "mermaid";
        else if (arg.startsWith("--diagram=")) {
            const format = arg.slice("--diagram=".length);
            if (!isFormat(format)) throw new UsageError(`--diagram takes ${diagramFormats.join(", ")}; got ${JSON.stringify(format)}`);
            diagram = format;
        }
        else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
        else if (stack === undefined) stack = arg;
        else throw new UsageError(`one stack at a time: got ${stack} and ${arg}`);
    }
    if (allowReplace && base === noBase) throw new UsageError("--allow-replace only means something with a comparison, not with --base none");
    if (json && diagram) throw new UsageError("--json prints the plan and --diagram the trust map: choose one");
    return { stack: stack ?? "dev", base, allowReplace, json, ...(diagram && { diagram }) };
}
