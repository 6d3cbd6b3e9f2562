// Copies of this project in temporary git repositories, for the tests of the guards: what git
// lists (tracked and new files), with node_modules shared through a symlink.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../../tools/harness/stack-file";
import { copyWorkingTree } from "../../tools/harness/working-tree";

/**
 * A copy of this project's files in `dir`, sharing this checkout's node_modules and trigger bundles
 * (their stamps name inputs relative to the project and hash their contents, so a copy reuses them).
 */
export function copyProject(dir: string): void {
    copyWorkingTree(dir);
    shareCaches(dir);
}

/** This checkout's node_modules, trigger bundles, transformed TypeScript (content-addressed) and V8 code cache (of node_modules, which copies share), linked into another copy of the project. */
export function shareCaches(dir: string): void {
    fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.mkdirSync(path.join(dir, ".build"), { recursive: true });
    for (const cache of ["lambdas", "ts", "v8"]) {
        fs.mkdirSync(path.join(projectRoot, ".build", cache), { recursive: true });
        fs.symlinkSync(path.join(projectRoot, ".build", cache), path.join(dir, ".build", cache), "dir");
    }
}

/** git in `dir`, with an author, returning its output. */
export const gitIn = (dir: string) => (...args: string[]): string => execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { cwd: dir, stdio: "pipe" }).toString();
