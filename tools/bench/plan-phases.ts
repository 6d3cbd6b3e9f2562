// One fresh process: the offline plan and policy check of a stack, as `npm start -- <stack>` runs
// them (tools/plan.ts's steps, its output discarded), printing one JSON line with the time of each
// phase, in ms from this process's start:
//   start    Node.js and the TypeScript loader, up to this file's first line
//   import   loading modules (require), wherever it happens: up front, or lazily while the program
//            runs (@pulumi/aws loads each resource's module on first use)
//   program  index.ts under the mock runtime and the plan's rendering, imports and bundles excepted
//   bundles  the trigger bundles (built, or reused while their sources are unchanged)
//   policy   the policy pack over the plan, imports excepted
//   mermaid, svg, text  what `--diagram` adds in each format: the trust map drawn from the plan
//            and written out, the modules it loads included (svg: Graphviz; text: the text renderer)
// `npm run bench` runs this several times; tools/bench.ts reads the lines.
import Module = require("module");

const start = performance.now();

/** Time spent in require() calls, the outermost only (a nested require is inside its parent's). */
let requireMs = 0;
let depth = 0;
const moduleRequire = Module.prototype.require;
Module.prototype.require = function timedRequire(this: NodeJS.Module, id: string) {
    if (depth++ > 0) {
        try {
            return moduleRequire.call(this, id);
        } finally {
            depth--;
        }
    }
    const started = performance.now();
    try {
        return moduleRequire.call(this, id);
    } finally {
        depth--;
        requireMs += performance.now() - started;
    }
} as typeof Module.prototype.require;

async function main(): Promise<void> {
    const stack = process.argv[2] ?? "prod";
    const { planStack } = require("../harness/run-stack") as typeof import("../harness/run-stack");
    const { checkPlan, renderPolicyReport } = require("../policy/check") as typeof import("../policy/check");
    const { renderPlan } = require("../print-plan") as typeof import("../print-plan");
    const { bundleStats } = require("../../components/triggers/bundle") as typeof import("../../components/triggers/bundle");

    const planStarted = performance.now();
    const requiredBefore = requireMs;
    const plan = await planStack(stack);
    await renderPlan(plan, `Pulumi.${stack}.yaml`);
    const planEnded = performance.now();
    const requiredInPlan = requireMs - requiredBefore;

    const report = await checkPlan(plan);
    renderPolicyReport(report);
    const policyEnded = performance.now();
    const requiredInPolicy = requireMs - requiredBefore - requiredInPlan;

    // What --diagram adds, each format timed on its own (the trust map is drawn for each, as a run would).
    const { drawingOf, renderDrawing } = require("../diagram/plan-diagram") as typeof import("../diagram/plan-diagram");
    const importedBeforeDrawing = requireMs;
    const drawn: Record<string, number> = {};
    for (const format of ["mermaid", "svg", "text"] as const) {
        const started = performance.now();
        await renderDrawing(drawingOf(plan), format);
        drawn[format] = performance.now() - started;
    }
    // The diagram's own first loads count in its formats, not in the plan's imports.
    requireMs = importedBeforeDrawing;

    // When a bundle is built, loading esbuild (a few ms) counts in both import and bundles.
    const phases = {
        start,
        import: requireMs,
        program: planEnded - planStarted - requiredInPlan - bundleStats.ms,
        bundles: bundleStats.ms,
        policy: policyEnded - planEnded - requiredInPolicy,
        built: bundleStats.built,
        reused: bundleStats.reused,
        resources: plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:")).length,
        mandatory: report.mandatory,
        diagram: drawn,
    };
    process.stdout.write(`${JSON.stringify(phases)}\n`);
}

main().then(() => process.exit(0), (error) => {
    console.error(error);
    process.exit(1);
});
