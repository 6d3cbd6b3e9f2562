// What a plain `npm start -- <stack>` compares with, so that nobody needs to know --base exists:
// on the default branch (or when there is none), the last commit; on another branch, the commit
// where it left the default branch (git merge-base). Outside a git checkout, or before its first
// commit, there is nothing to compare with, and the plan says so. Each git call costs a process
// (tens of ms on a busy machine), so they are few: three on the default branch, five elsewhere.
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

/** git's output without its last newline (a status line starts with a space: nothing else is cut). */
function gitText(repo: string, args: string[]): string | undefined {
    try {
        return git(repo, args).toString().replace(/\s+$/, "");
    } catch {
        return undefined;
    }
}

const lines = (text: string | undefined) => (text ?? "").split("\n").filter(Boolean);

/** The default branch as this clone knows it: the remote's HEAD (origin/main), else a local main or master. */
function defaultBranch(repo: string): string | undefined {
    const refs = lines(gitText(repo, ["for-each-ref", "--format=%(refname) %(symref)", "refs/remotes/origin/HEAD", "refs/heads/main", "refs/heads/master"])).map((l) => l.split(" "));
    const remote = refs.find(([name]) => name === "refs/remotes/origin/HEAD")?.[1];
    if (remote) return remote.replace(/^refs\/remotes\//, "");
    return ["main", "master"].find((name) => refs.some(([ref]) => ref === `refs/heads/${name}`));
}

/**
 * Files the program never reads: the tests, the tools (index.ts and what it imports import nothing
 * from tools/, and both sides are planned with this checkout's harness), the workflows, the docs,
 * git's own ignore list.
 */
const outsideProgram = (file: string) => /^(tests|tools|\.github)\//.test(file) || file.endsWith(".md") || file === ".gitignore";

/**
 * No file the program reads differs from `ref`: the working tree against HEAD (tracked changes and
 * new files, as git status sees them; ignored ones such as .build/ are not the project's), and HEAD
 * against `ref` when they differ. Paths from the repository's root, the project's folder in it first.
 */
function programUnchanged(repo: string, prefix: string, ref: string, head: string): boolean {
    const status = gitText(repo, ["status", "--porcelain", "--untracked-files=normal", "--no-renames", "--", "."]);
    const committed = ref === head ? "" : gitText(repo, ["diff", "--name-only", "--no-renames", ref, head, "--", "."]);
    if (status === undefined || committed === undefined) return false;
    const changed = [...lines(status).map((l) => l.slice(3).replace(/^"|"$/g, "")), ...lines(committed)];
    return changed.every((file) => file.startsWith(prefix) && outsideProgram(file.slice(prefix.length)));
}

export function defaultBase(repo = projectRoot): DefaultBase {
    // Inside a work tree, the project's folder in it, the last commit and the branch, in one call.
    const [inside, prefix, head, branch] = (gitText(repo, ["rev-parse", "--is-inside-work-tree", "--show-prefix", "HEAD", "--abbrev-ref", "HEAD"]) ?? "").split("\n");
    if (inside !== "true" || !head) {
        return gitText(repo, ["rev-parse", "--is-inside-work-tree"]) === "true"
            ? { none: "Not compared with a commit: this checkout has no commit yet." }
            : { none: "Not compared with a commit: this is not a git checkout (or git is not installed)." };
    }
    const main = defaultBranch(repo);
    const onMain = !main || branch === main || branch === main.replace(/^[^/]+\//, "");
    const forkPoint = onMain ? undefined : gitText(repo, ["merge-base", "HEAD", main]);
    const ref = forkPoint ?? head;
    const unchanged = programUnchanged(repo, prefix, ref, head);
    if (forkPoint === undefined) {
        return { ref, label: "HEAD", unchanged, said: `Compared with the last commit, HEAD (${head.slice(0, 12)}): ${choose}.` };
    }
    const where = branch && branch !== "HEAD" ? `this branch (${branch})` : "HEAD";
    return { ref, label: `the merge base with ${main}`, unchanged, said: `Compared with ${ref.slice(0, 12)}, where ${where} left ${main} (git merge-base): ${choose}.` };
}
