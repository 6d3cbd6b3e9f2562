// What a plain `npm start -- <stack>` compares with (tools/guard/default-base.ts), on small git
// repositories made here: the last commit on the default branch, the merge base on another branch,
// nothing outside git or before the first commit; then the README's first block on a fresh clone.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkoutOf } from "../../tools/guard/base-checkout";
import { defaultBase } from "../../tools/guard/default-base";
import { copyProject, gitIn, shareCaches } from "../support/git-project";

const choose = "`--base <ref>` compares with another, `--base none` with none.";

describe("npm start compares with the last commit by default", function () {
    this.timeout(60000);
    const dirs: string[] = [];
    const tempDir = () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-default-base-"));
        dirs.push(dir);
        return dir;
    };
    after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    /** A repository on main with one commit of index.ts and a test file. */
    function repository(): { dir: string; git: (...args: string[]) => string; head: () => string } {
        const dir = tempDir();
        const git = gitIn(dir);
        git("init", "-q", "-b", "main");
        fs.writeFileSync(path.join(dir, "index.ts"), "export = {};\n");
        fs.mkdirSync(path.join(dir, "tests"));
        fs.writeFileSync(path.join(dir, "tests", "a.test.ts"), "\n");
        git("add", "-A");
        git("commit", "-q", "-m", "first");
        return { dir, git, head: () => git("rev-parse", "HEAD").trim() };
    }

    it("outside a git checkout, and before the first commit: says so, compares with nothing", () => {
        const dir = tempDir();
        assert.deepStrictEqual(defaultBase(dir), { none: "Not compared with a commit: this is not a git checkout (or git is not installed)." });
        gitIn(dir)("init", "-q");
        assert.deepStrictEqual(defaultBase(dir), { none: "Not compared with a commit: this checkout has no commit yet." });
    });

    it("on the default branch: the last commit; unchanged while only files the program never reads differ", () => {
        const { dir, head } = repository();
        const said = `Compared with the last commit, HEAD (${head().slice(0, 12)}): ${choose}`;
        assert.deepStrictEqual(defaultBase(dir), { ref: head(), label: "HEAD", said, unchanged: true });
        fs.writeFileSync(path.join(dir, "tests", "a.test.ts"), "// changed\n");
        fs.writeFileSync(path.join(dir, "NOTES.md"), "new\n");
        assert.strictEqual((defaultBase(dir) as { unchanged: boolean }).unchanged, true, "tests and docs");
        fs.writeFileSync(path.join(dir, "Pulumi.qa.yaml"), "config: {}\n");
        assert.strictEqual((defaultBase(dir) as { unchanged: boolean }).unchanged, false, "a new stack file");
        fs.rmSync(path.join(dir, "Pulumi.qa.yaml"));
        fs.writeFileSync(path.join(dir, "index.ts"), "export = { changed: true };\n");
        assert.strictEqual((defaultBase(dir) as { unchanged: boolean }).unchanged, false, "the program");
    });

    it("on another branch: where it left the default branch (git merge-base), the remote's when there is one", () => {
        const { dir, git, head } = repository();
        const forkPoint = head();
        git("checkout", "-q", "-b", "feature");
        fs.writeFileSync(path.join(dir, "index.ts"), "export = { feature: true };\n");
        git("commit", "-q", "-am", "feature");
        assert.deepStrictEqual(defaultBase(dir), { ref: forkPoint, label: "the merge base with main", unchanged: false, said: `Compared with ${forkPoint.slice(0, 12)}, where this branch (feature) left main (git merge-base): ${choose}` });
        git("checkout", "-q", "main");
        fs.writeFileSync(path.join(dir, "index.ts"), "export = { later: true };\n");
        git("commit", "-q", "-am", "later on main");
        const clone = tempDir();
        gitIn(os.tmpdir())("clone", "-q", dir, clone);
        gitIn(clone)("checkout", "-q", "-b", "other", `origin/main~1`);
        assert.deepStrictEqual(defaultBase(clone), { ref: forkPoint, label: "the merge base with origin/main", unchanged: true, said: `Compared with ${forkPoint.slice(0, 12)}, where this branch (other) left origin/main (git merge-base): ${choose}` });
    });

    it("a project in a folder of a larger repository: its own files decide, and --base extracts that folder", () => {
        const dir = tempDir();
        const git = gitIn(dir);
        git("init", "-q", "-b", "main");
        fs.mkdirSync(path.join(dir, "infra", "tests"), { recursive: true });
        fs.writeFileSync(path.join(dir, "infra", "index.ts"), "export = {};\n");
        fs.writeFileSync(path.join(dir, "app.js"), "\n");
        git("add", "-A");
        git("commit", "-q", "-m", "first");
        const project = path.join(dir, "infra");
        fs.writeFileSync(path.join(dir, "app.js"), "// the app changed, not the project\n");
        fs.writeFileSync(path.join(project, "tests", "new.test.ts"), "\n");
        assert.strictEqual((defaultBase(project) as { unchanged: boolean }).unchanged, true);
        fs.writeFileSync(path.join(project, "index.ts"), "export = { changed: true };\n");
        assert.strictEqual((defaultBase(project) as { unchanged: boolean }).unchanged, false);
        fs.mkdirSync(path.join(project, "node_modules"));
        const { root } = checkoutOf("HEAD", project);
        assert.deepStrictEqual([fs.readFileSync(path.join(root, "index.ts"), "utf8"), fs.existsSync(path.join(root, "app.js"))], ["export = {};\n", false]);
    });

    it("the README's first block on a fresh clone: `npm start` plans dev, compared with the last commit in one line, without planning it again; outside git, alone", () => {
        const origin = tempDir();
        copyProject(origin);
        const git = gitIn(origin);
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "release");
        const clone = tempDir();
        gitIn(os.tmpdir())("clone", "-q", origin, clone);
        shareCaches(clone);
        const run = spawnSync(process.execPath, ["-r", path.join(clone, "tools/register.js"), path.join(clone, "tools/plan.ts")], { cwd: clone, encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stderr);
        const head = gitIn(clone)("rev-parse", "HEAD").trim();
        assert.ok(run.stdout.startsWith('Offline plan of stack "dev" from Pulumi.dev.yaml'), run.stdout.slice(0, 200));
        assert.ok(run.stdout.endsWith(`\n\nCompared with the last commit, HEAD (${head.slice(0, 12)}): ${choose}\nChanges from HEAD (${head.slice(0, 12)}): none\n\nUser pool: not replaced, not deleted.\n`), run.stdout.slice(-600));
        assert.ok(!fs.existsSync(path.join(clone, ".build", "base")), "nothing was extracted or planned for the comparison");
        // The same files outside a git checkout (the repository moved away): planned alone, and said.
        fs.renameSync(path.join(clone, ".git"), path.join(clone, ".git-moved"));
        const alone = spawnSync(process.execPath, ["-r", path.join(clone, "tools/register.js"), path.join(clone, "tools/plan.ts"), "--json"], { cwd: clone, encoding: "utf8", env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(clone) } });
        assert.strictEqual(alone.status, 0, alone.stderr);
        const document = JSON.parse(alone.stdout);
        assert.deepStrictEqual([document.stack, document.changes, document.changesNotCompared], ["dev", undefined, "Not compared with a commit: this is not a git checkout (or git is not installed)."]);
    });
});
