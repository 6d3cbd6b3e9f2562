// The project as a git ref has it, extracted once per commit under .build/base/<commit>, sharing
// this checkout's node_modules: `npm start -- <stack> --base <ref>` plans it beside the working tree.
// A commit never changes, so an extraction is reused; only the few most recent are kept.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../harness/stack-file";

const kept = 3;

/** A base ref that git cannot resolve, or a checkout that is not a git repository: said for people. */
export class BaseRefError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "BaseRefError";
    }
}

/** git's output, run in `repo`; throws when git fails (or is not installed). */
export function git(repo: string, args: string[]): Buffer {
    return execFileSync("git", args, { cwd: repo, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
}

function resolveCommit(ref: string, repo = projectRoot): string {
    try {
        return git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).toString().trim();
    } catch {
        throw new BaseRefError(`--base ${ref}: git knows no commit by that name here (in CI, fetch the target branch first: \`git fetch origin main\`, then --base origin/main)`);
    }
}

/** The project root as `ref` of the repository `repo` has it (extracted on first use, under repo/.build/base). */
export function checkoutOf(ref: string, repo = projectRoot): { commit: string; root: string } {
    const commit = resolveCommit(ref, repo);
    const baseDir = path.join(repo, ".build", "base");
    const root = path.join(baseDir, commit);
    if (!fs.existsSync(path.join(root, ".complete"))) {
        fs.rmSync(root, { recursive: true, force: true });
        fs.mkdirSync(root, { recursive: true });
        // Run in the project's folder, git archive writes that folder alone (a project may sit in a folder of a larger repository).
        execFileSync("tar", ["-x", "-C", root], { input: git(repo, ["archive", "--format=tar", commit]) });
        const modules = path.join(root, "node_modules");
        if (!fs.existsSync(modules)) fs.symlinkSync(fs.realpathSync(path.join(repo, "node_modules")), modules, "dir");
        fs.writeFileSync(path.join(root, ".complete"), `${ref}\n`);
    }
    fs.utimesSync(root, new Date(), new Date());
    pruneOldCheckouts(baseDir);
    return { commit, root };
}

function pruneOldCheckouts(baseDir: string): void {
    const entries = fs.readdirSync(baseDir).map((name) => ({ name, time: fs.statSync(path.join(baseDir, name)).mtimeMs })).sort((a, b) => b.time - a.time);
    for (const old of entries.slice(kept)) fs.rmSync(path.join(baseDir, old.name), { recursive: true, force: true });
}
