// A commit's plan of a stack, kept beside its extraction (.build/base/<commit>/): the commit never
// changes, so its plan only changes with what plans it, this checkout's harness and the installed
// packages, which are part of the key. A second `npm start` on a branch with changes reads it back
// instead of running the commit's program again (about 0.5 s of the dev stack's plan).
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { writeWhole } from "../../components/triggers/bundle";
import { projectRoot } from "../harness/stack-file";
import type { VerdictSide } from "./user-pool-guard";

/** What plans the commit here: the harness (with the type tokens its mocks read) and the locked packages. */
function plannerKey(stack: string): string {
    const harness = path.join(projectRoot, "tools", "harness");
    const files = [...fs.readdirSync(harness).sort().map((f) => path.join(harness, f)), path.join(projectRoot, "policy", "rules", "type-tokens.ts"), path.join(projectRoot, "package-lock.json")];
    const hash = createHash("sha256").update(`base-plan-2\0${stack}\0`);
    for (const file of files) hash.update(file.slice(projectRoot.length)).update("\0").update(fs.existsSync(file) ? fs.readFileSync(file) : "").update("\0");
    return hash.digest("hex").slice(0, 24);
}

/** The stack as the commit extracted at `root` plans it: read back when this planner planned it before, else planned and kept. */
/** A commit's plan as the guard and the trust map read it: its warnings, config and outputs too, for the change diagram. */
export type BaseSide = VerdictSide & { readonly warnings?: readonly string[]; readonly config?: unknown; readonly outputs?: unknown };

export async function cachedBasePlan(root: string, stack: string, plan: () => Promise<BaseSide>): Promise<BaseSide> {
    const file = path.join(root, ".build", `plan-${stack}-${plannerKey(stack)}.json`);
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as BaseSide;
    } catch {
        // Not planned yet by this planner (or unreadable): plan it below.
    }
    const { stack: name, project, region, stageDefaults, resources, warnings, config, outputs } = await plan();
    const side: BaseSide = { stack: name, project, region, stageDefaults, resources, warnings, config, outputs };
    try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        writeWhole(file, JSON.stringify(side));
    } catch {
        // A read-only checkout plans the commit on every run.
    }
    return side;
}
