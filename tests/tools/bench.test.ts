import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { projectRoot } from "../../tools/harness/stack-file";

describe("npm run bench", function () {
    this.timeout(60_000);

    it("prints the plan's phases (and what each --diagram format adds) next to CDK's synth, and the figures of every trigger (tiny run: figures are not asserted)", () => {
        // One run of each kind; CDK without its template validation (the validated synth takes seconds).
        const tiny = { BENCH_PLAN_RUNS: "1", BENCH_FIRST_PLAN_RUNS: "1", BENCH_CDK_RUNS: "0", BENCH_CDK_UNVALIDATED_RUNS: "1", BENCH_NPM_RUNS: "0", BENCH_WARMUP: "0", BENCH_COLD_RUNS: "1", BENCH_WARM_EVENTS: "10" };
        const result = spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/bench.ts")], {
            cwd: projectRoot, encoding: "utf8", env: { ...process.env, ...tiny },
        });
        assert.strictEqual(result.status, 0, result.stderr);
        const lines = result.stdout.trim().split("\n");
        assert.match(lines[0], /^Benchmarks, \d{4}-\d{2}-\d{2}, .+, \d+ cores, Node\.js v\d+/);
        const row = (name: string) => new RegExp(`^${name}\\s+\\d+ ms  \\S`);
        const after = (heading: string) => lines.slice(lines.indexOf(heading));
        for (const phase of ["start", "import", "program", "bundles", "policy", "total"]) assert.ok(after("plan").some((l) => row(phase).test(l)), `plan ${phase} missing in:\n${result.stdout}`);
        assert.ok(after("plan").some((l) => /^bundles .*\(\d+ reused, \d+ built\)$/.test(l)), result.stdout);
        assert.ok(after("plan").some((l) => /^first plan\s+\d+ ms  on a fresh clone/.test(l)), result.stdout);
        const diagram = lines.slice(lines.findIndex((l) => l.startsWith("diagram ")));
        for (const format of ["mermaid", "svg", "text"]) assert.ok(diagram.some((l) => row(format).test(l)), `diagram ${format} missing in:\n${result.stdout}`);
        for (const phase of ["start", "import", "construct", "synth", "total"]) assert.ok(after("CDK unvalidated").some((l) => row(phase).test(l)), `CDK ${phase} missing in:\n${result.stdout}`);
        assert.ok(lines.some((l) => /^total .* from process start to exit; \d+ CloudFormation resources$/.test(l)), result.stdout);
        assert.ok(lines.some((l) => /^plan \/ CDK synth without validation: \d+\.\d\d; first plan on a fresh clone \d+\.\d\d$/.test(l)), result.stdout);
        for (const trigger of ["preSignUp", "postConfirmation", "postAuthentication", "preTokenGeneration", "customMessage"]) {
            assert.ok(lines.some((l) => new RegExp(`^${trigger}\\s+\\d+\\.\\d KB\\s+[\\d.]+ ms\\s+[\\d.]+ ms\\s+-?[\\d.]+ ms\\s+[\\d.]+ µs\\s+[\\d.]+ µs$`).test(l)), `${trigger} row missing in:\n${result.stdout}`);
        }
    });
});
