// The README's timings: measured figures live where they say so (the Speed section, and the trust
// map's renderer comparison), never as a claim in passing that goes stale ("the suite takes about
// 20 s"); and the plan's quoted total stays within reach of what the plan takes now.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../../tools/harness/stack-file";

const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8");
const sections = readme.split(/^(?=## )/m);
const measuredIn = ["## Speed", "## Trust map"];
const timing = /\b(about|took|takes?|in under|within)\s+\d+(\.\d+)?\s?(ms|s|seconds|minutes)\b/g;

describe("README figures", () => {
    it("quotes timings only where they are measurements (Speed, the trust map's renderer comparison)", () => {
        const stray = sections
            .filter((section) => !measuredIn.some((title) => section.startsWith(title)))
            .flatMap((section) => [...section.matchAll(timing)].map((m) => `${section.split("\n")[0]}: …${section.slice(Math.max(0, m.index! - 50), m.index! + m[0].length)}`));
        assert.deepStrictEqual(stray, []);
    });

    it("says when and where the Speed figures were measured", () => {
        const speed = sections.find((s) => s.startsWith("## Speed"))!;
        assert.match(speed, /\(\d{4}-\d{2}-\d{2}, [^)]*\d+ cores, Node\.js v?\d+/);
    });

    it("quotes a plan total the plan still comes near (a fresh process, within a factor of four either way)", function () {
        this.timeout(60_000);
        const quoted = /^\| total \| (\d+) ms \| from process start to exit/m.exec(readme);
        assert.ok(quoted, "the Speed section's plan table has no total row");
        const started = process.hrtime.bigint();
        const run = spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools", "register.js"), path.join(projectRoot, "tools", "plan.ts"), "prod", "--base", "none"], { cwd: projectRoot, encoding: "utf8" });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        assert.strictEqual(run.status, 0, run.stderr);
        const readmeMs = Number(quoted[1]);
        assert.ok(ms > readmeMs / 4 && ms < readmeMs * 4, `the README quotes ${readmeMs} ms for the prod plan; it took ${Math.round(ms)} ms now: run npm run bench and update the Speed section`);
    });
});
