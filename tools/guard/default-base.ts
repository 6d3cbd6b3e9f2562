// What a plain `npm start -- <stack>` compares with, so that nobody needs to know --base exists:
// on the default branch (or when there is none), the last commit; on another branch, the commit
// where it left the default branch (git merge-base). Outside a git checkout, or before its first
// commit, there is nothing to compare with, and the plan says so.
import { git } from "./base-checkout";
import { projectRoot } from "../harness/stack-file";

export type DefaultBase =
    | {
        /** The ref to plan, a commit id. */
        readonly ref: string;
        /** How the plan names it: "HEAD" or "the merge base with origin/main". */
        readonly label: string;
        /** The one line that says what the plan compares with, and how to choose otherwise. */
        readonly said: string;
        /** The program and its stack files are as that commit has them: the comparison is empty without planning it. */
        readonly unchanged: boolean;
    }
    | { readonly none: string };

const choose = "`--base <ref>` compares with another, `--base none` with none";

function gitText(repo: string, args: string[]): string | undefined {
    try {
        return git(repo, args).toString().trim();
    } catch {
        return undefined;
    }
}

/** The default branch as this clone knows it: the remote's HEAD (origin/main), else a local main or master. */
function defaultBranch(repo: string): string | undefined {
    const remote = gitText(repo, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
    if (remote) return remote;
    return ["main", "master"].find((name) => gitText(repo, ["rev-parse", "--verify", "--quiet", `refs/heads/${name}`]) !== undefined);
}

/**
 * Files the program never reads: the tests, the tools (index.ts and what it imports import nothing
 * from tools/, and both sides are planned with this checkout's harness), the workflows, the docs.
 */
const outsideProgram = (file: string) => /^(tests|tools|\.github)\//.test(file) || file.endsWith(".md");

/** No file the program reads differs from `ref` (tracked changes and new files; ignored ones such as .build/ are not the project's). */
function programUnchanged(repo: string, ref: string): boolean {
    const changed = gitText(repo, ["diff", "--name-only", "--relative", ref, "--", "."]);
    const added = gitText(repo, ["ls-files", "--others", "--exclude-standard", "--", "."]);
    if (changed === undefined || added === undefined) return false;
    return [...changed.split("\n"), ...added.split("\n")].filter(Boolean).every(outsideProgram);
}

export function defaultBase(repo = projectRoot): DefaultBase {
    if (gitText(repo, ["rev-parse", "--is-inside-work-tree"]) !== "true") return { none: "Not compared with a commit: this is not a git checkout (or git is not installed)." };
    const head = gitText(repo, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
    if (!head) return { none: "Not compared with a commit: this checkout has no commit yet." };
    const branch = gitText(repo, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
    const main = defaultBranch(repo);
    const onMain = !main || branch === main || branch === main.replace(/^[^/]+\//, "");
    const forkPoint = onMain ? undefined : gitText(repo, ["merge-base", "HEAD", main]);
    const ref = forkPoint ?? head;
    const unchanged = programUnchanged(repo, ref);
    if (forkPoint === undefined) {
        return { ref, label: "HEAD", unchanged, said: `Compared with the last commit, HEAD (${head.slice(0, 12)}): ${choose}.` };
    }
    return { ref, label: `the merge base with ${main}`, unchanged, said: `Compared with ${ref.slice(0, 12)}, where ${branch ? `this branch (${branch})` : "HEAD"} left ${main} (git merge-base): ${choose}.` };
}
