// The project's files as git lists them (tracked and new, ignored ones left out): what a fresh clone
// of the working tree holds. The bench's first plans and the guards' tests run in such copies.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "./stack-file";

/** Copies the working tree's files into `dir` (no node_modules, no .build/). */
export function copyWorkingTree(dir: string): void {
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: projectRoot }).toString().split("\0").filter(Boolean);
    // A file deleted but not yet staged is listed and absent.
    for (const file of files.filter((f) => fs.existsSync(path.join(projectRoot, f)))) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.copyFileSync(path.join(projectRoot, file), path.join(dir, file));
    }
}
