import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { projectRoot } from "../../tools/harness/stack-file";

describe("npm run bench", () => {
    it("prints the figures of every trigger (tiny run: figures are not asserted)", () => {
        const result = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", path.join(projectRoot, "tools/bench.ts")], {
            cwd: projectRoot, encoding: "utf8", env: { ...process.env, BENCH_COLD_RUNS: "1", BENCH_WARM_EVENTS: "10" },
        });
        assert.strictEqual(result.status, 0, result.stderr);
        const lines = result.stdout.trim().split("\n");
        assert.match(lines[0], /^Trigger benchmarks, \d{4}-\d{2}-\d{2}, .+, \d+ cores, Node\.js v\d+/);
        for (const trigger of ["preSignUp", "postConfirmation", "preAuthentication", "postAuthentication", "preTokenGeneration", "customMessage"]) {
            assert.ok(lines.some((l) => new RegExp(`^${trigger}\\s+\\d+\\.\\d KB\\s+[\\d.]+ ms\\s+[\\d.]+ ms\\s+-?[\\d.]+ ms\\s+[\\d.]+ µs\\s+[\\d.]+ µs$`).test(l)), `${trigger} row missing in:\n${result.stdout}`);
        }
    });
});
