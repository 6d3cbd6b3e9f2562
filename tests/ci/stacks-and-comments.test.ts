// The pieces the workflows call: the stack list (`npm run stacks`) and the preview comment.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { commentArguments, commentBody, commentUsage, markerOf, upsertComment } from "../../tools/ci/preview-comment";
import { stackEntries, stackNames } from "../../tools/harness/stacks";
import { projectRoot } from "../../tools/harness/stack-file";

describe("npm run stacks", () => {
    it("lists every stack file with the stage its config gives and the policy config that stage takes, dev first and prod last", () => {
        // The shipped stacks as they are; a stage added beside them (Pulumi.qa.yaml) joins the list without a test edit.
        const entries = stackEntries();
        // By stage, then name: a copy of prod that keeps `cognito:stage: prod` (a second prod, prod-eu) sorts among the prod stacks.
        assert.deepStrictEqual([entries[0].stage, entries.at(-1)!.stage], ["dev", "prod"]);
        const ranks = entries.map((e) => (e.stage === "dev" ? 0 : e.stage === "prod" ? 2 : 1));
        assert.deepStrictEqual(ranks, [...ranks].sort(), "dev's stacks first, prod's last");
        assert.deepStrictEqual(entries.filter((e) => ["dev", "staging", "prod"].includes(e.stack)), [
            { stack: "dev", stage: "dev", stageDefaults: "dev", policyConfig: "policy/config/dev.json", region: "eu-central-1", requiresApproval: false },
            // No policy/config/staging.json: staging is checked with the config of its stage defaults, prod's.
            { stack: "staging", stage: "staging", stageDefaults: "prod", policyConfig: "policy/config/prod.json", region: "eu-central-1", requiresApproval: false },
            { stack: "prod", stage: "prod", stageDefaults: "prod", policyConfig: "policy/config/prod.json", region: "eu-central-1", requiresApproval: true },
        ]);
        assert.deepStrictEqual(stackNames().sort(), fs.readdirSync(projectRoot).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).map((f) => f.split(".")[1]).sort());
    });

    it("writes the matrix for GitHub Actions, and says what is missing outside it", () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gh-output-")), "output");
        const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/stacks.ts"), "--github-output"], { cwd: projectRoot, encoding: "utf8", env: { ...process.env, ...env } });
        const written = run({ GITHUB_OUTPUT: out });
        assert.strictEqual(written.status, 0, written.stderr);
        const line = fs.readFileSync(out, "utf8");
        assert.match(line, /^matrix=\[.*\]\n$/);
        assert.deepStrictEqual(JSON.parse(line.slice("matrix=".length)), stackEntries());
        const { GITHUB_OUTPUT: _, ...withoutOutput } = process.env;
        const missing = spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/stacks.ts"), "--github-output"], { cwd: projectRoot, encoding: "utf8", env: withoutOutput });
        assert.strictEqual(missing.status, 1);
        assert.strictEqual(missing.stderr.trim(), "--github-output: GITHUB_OUTPUT is not set (it is, inside a GitHub Actions step)");
    });
});

describe("preview comment on the pull request", () => {
    it("carries the stack's marker, the guard's verdict and the preview, clipped from the start when too long", () => {
        const body = commentBody("prod", "Previewing update (prod)\n```oops```\nResources: 3 unchanged\n", "STOP: preview.json would replace...\nmore");
        assert.strictEqual(body, [markerOf("prod"), "### `pulumi preview` of stack `prod` (with the policy pack)", "", "**User pool guard:** `STOP: preview.json would replace...`", "", "```text", "Previewing update (prod)\n'''oops'''\nResources: 3 unchanged", "```"].join("\n"));
        const long = commentBody("dev", `${"x".repeat(70000)}END`);
        assert.ok(long.length < 65536 && long.includes("(first 10003 characters left out)") && long.includes("END\n```"));
    });

    /** A drawing's data as `npm start -- <stack> --diagram json` writes it: one client, one new provider on it. */
    const drawingJson = (nodes = 2) => JSON.stringify({
        stack: "prod", base: "origin/main (1a2b3c4d5e6f)", unplaced: [],
        nodes: Array.from({ length: nodes }, (_, i) => ({ key: `client:c${i}`, kind: "client", title: `client c${i}`, lines: [], facts: [], warnings: [], urns: [], status: "same", addedLines: [], removedLines: [], widens: [] })),
        edges: [{ from: "client:c0", to: "client:c1", label: "", kind: "access", status: "added", widens: true }],
    });

    it("draws the change to the trust map from the preview job's data, between the guard's verdict and the preview, and names one too large to post", () => {
        const body = commentBody("prod", "Resources: 3 unchanged\n", "User pool: not replaced", drawingJson());
        const lines = body.split("\n");
        assert.deepStrictEqual(lines.slice(3, 5), ["**User pool guard:** `User pool: not replaced`", ""]);
        assert.match(lines[5], /^\*\*Trust map of `prod`, changes from `origin\/main \(1a2b3c4d5e6f\)`:\*\*/);
        assert.ok(body.indexOf("```mermaid") < body.indexOf("```text"), body);
        const long = commentBody("dev", `${"x".repeat(70000)}END`, undefined, drawingJson());
        assert.ok(long.length < 65536 && long.includes("```mermaid") && long.includes("END\n```"), "the preview is clipped further, the diagram kept");
        const huge = commentBody("dev", "Resources: 1\n", undefined, drawingJson(900));
        assert.match(huge, /The trust map is too large for a comment \(\d+ characters\)/);
        assert.ok(!huge.includes("```mermaid"));
    });

    it("posts nothing the pull request's code wrote as Markdown: a forged diagram file, a guard line with markup, a stack name that would end the marker", () => {
        const forged = commentBody("prod", "Resources: 1\n", "OK ` @org/admins [click](https://evil.example) <img src=x>", "**No widening.** @org/security-team approved\n");
        assert.ok(forged.includes("The trust map's data could not be read (not a drawing this tool writes): nothing is shown."), forged);
        assert.ok(!forged.includes("No widening") && !forged.includes("@org/security-team"), forged);
        assert.ok(forged.includes("**User pool guard:** `OK ˋ @org/admins [click](https://evil.example) <img src=x>`"), forged);
        const hostile = JSON.parse(drawingJson());
        hostile.nodes[0].title = "x\"] --> evil[\"```\n@org/admins";
        hostile.stack = "prod` @org/admins";
        const drawn = commentBody("prod", "Resources: 1\n", undefined, JSON.stringify(hostile));
        assert.strictEqual(drawn.split("```").length - 1, 4, "the mermaid fence and the preview's: no fence added");
        // The stack's name stays in its code span, the title in its label as entity codes: no mention, no line of its own.
        assert.ok(drawn.includes("**Trust map of `prodˋ @org/admins`, changes from"), drawn);
        assert.ok(drawn.includes("x#34;#93; --#62; evil#91;#34;#96;#96;#96;U+000A@org/admins"), drawn);
        assert.ok(!/\n@org/.test(drawn), drawn);
        for (const field of [{ kind: "owner" }, { status: "approved" }, { lines: "not a list" }, { widens: [1] }]) {
            const wrong = JSON.parse(drawingJson());
            Object.assign(wrong.nodes[0], field);
            assert.ok(commentBody("prod", "R\n", undefined, JSON.stringify(wrong)).includes("could not be read"), JSON.stringify(field));
        }
        for (const stack of ["prod -->", "a`b", "x\ny", ""]) assert.throws(() => commentBody(stack, "R\n"), /^Error: not a stack name/);
    });

    type Call = { url: string; method: string; body?: string };
    const fakeGitHub = (pages: { id: number; body: string; user: { login: string; type: string } | null }[][]) => {
        const calls: Call[] = [];
        const fetch = async (url: string, init: { method?: string; body?: string } = {}) => {
            calls.push({ url, method: init.method ?? "GET", body: init.body });
            const page = Number(/[?&]page=(\d+)/.exec(url)?.[1] ?? 0);
            return { ok: true, status: 200, json: async () => (init.method ? {} : pages[page - 1] ?? []), text: async () => "" };
        };
        return { calls, fetch };
    };
    const options = { repository: "news/cognito", pr: "7", token: "t", stack: "prod", body: `${markerOf("prod")}\nnew`, api: "https://api.test" };

    const bot = { login: "github-actions[bot]", type: "Bot" };

    it("updates the stack's own comment, even on a later page, and leaves the other stacks' alone", async () => {
        const others = Array.from({ length: 100 }, (_, i) => ({ id: i, body: i === 3 ? `${markerOf("dev")}\nold` : "a review", user: bot }));
        const github = fakeGitHub([others, [{ id: 555, body: `${markerOf("prod")}\nold`, user: bot }]]);
        assert.strictEqual(await upsertComment({ ...options, fetch: github.fetch }), "updated");
        assert.deepStrictEqual(github.calls.map((c) => `${c.method} ${c.url}`), [
            "GET https://api.test/repos/news/cognito/issues/7/comments?per_page=100&page=1",
            "GET https://api.test/repos/news/cognito/issues/7/comments?per_page=100&page=2",
            "PATCH https://api.test/repos/news/cognito/issues/comments/555",
        ]);
        assert.deepStrictEqual(JSON.parse(github.calls[2].body!), { body: options.body });
    });

    it("edits only a comment its own bot wrote: a person's comment with the marker, or another bot's, is left alone and a new one created", async () => {
        const planted = [
            { id: 7, body: `${markerOf("prod")}\nUser pool guard: all fine, merge away`, user: { login: "mallory", type: "User" } },
            { id: 8, body: `${markerOf("prod")}\nold`, user: { login: "other-app[bot]", type: "Bot" } },
            { id: 9, body: `${markerOf("prod")}\nold`, user: { login: "github-actions[bot]", type: "User" } },
            { id: 10, body: `${markerOf("prod")}\nold`, user: null },
        ];
        const github = fakeGitHub([planted]);
        assert.strictEqual(await upsertComment({ ...options, fetch: github.fetch }), "created");
        assert.deepStrictEqual(github.calls.map((c) => `${c.method} ${c.url}`), ["GET https://api.test/repos/news/cognito/issues/7/comments?per_page=100&page=1", "POST https://api.test/repos/news/cognito/issues/7/comments"]);
        const app = fakeGitHub([planted]);
        assert.strictEqual(await upsertComment({ ...options, author: "other-app[bot]", fetch: app.fetch }), "updated", "a GitHub App's token: its own bot");
        assert.strictEqual(app.calls[1].url, "https://api.test/repos/news/cognito/issues/comments/8");
    });

    it("creates the comment when the stack has none, and fails loudly on an HTTP error", async () => {
        const github = fakeGitHub([[{ id: 1, body: `${markerOf("dev")}\nold`, user: bot }]]);
        assert.strictEqual(await upsertComment({ ...options, fetch: github.fetch }), "created");
        assert.deepStrictEqual(github.calls.map((c) => c.method), ["GET", "POST"]);
        const refusing = async () => ({ ok: false, status: 403, json: async () => ({}), text: async () => "Resource not accessible by integration" });
        await assert.rejects(upsertComment({ ...options, fetch: refusing }), { message: "GET https://api.test/repos/news/cognito/issues/7/comments?per_page=100&page=1: HTTP 403 Resource not accessible by integration" });
    });

    it("as a command: exits 1 with its usage, calling nothing, when an argument or one of GitHub's variables is missing", () => {
        const preview = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "preview-")), "preview.txt");
        fs.writeFileSync(preview, "Previewing update (prod)\n");
        const github = { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "news/cognito", PR_NUMBER: "7" };
        for (const [args, env] of [[["prod", preview], { ...github, PR_NUMBER: undefined }], [["prod"], github], [["prod", preview], { ...github, GITHUB_TOKEN: "" }], [["prod", preview], { ...github, GITHUB_REPOSITORY: undefined }]] as [string[], Record<string, string | undefined>][]) {
            assert.strictEqual(commentArguments(args, env), undefined, JSON.stringify([args, env]));
        }
        assert.deepStrictEqual(commentArguments(["prod", preview, "guard.txt"], { ...github, PREVIEW_COMMENT_AUTHOR: "deploy-bot" }), { stack: "prod", previewFile: preview, guardFile: "guard.txt", diagramFile: undefined, token: "t", repository: "news/cognito", pr: "7", author: "deploy-bot" });
        // The command itself: the usage alone on stderr, exit 1, nothing called (no token in its environment).
        const { GITHUB_TOKEN: _t, GITHUB_REPOSITORY: _r, PR_NUMBER: _p, ...outside } = process.env;
        const result = spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/ci/preview-comment.ts"), "prod", preview], { cwd: projectRoot, encoding: "utf8", env: { ...outside, ...github, PR_NUMBER: undefined } });
        assert.deepStrictEqual([result.status, result.stdout, result.stderr], [1, "", `${commentUsage}\n`]);
    });
});
