// `npm run bench`: figures, printed, not asserted.
//
// The offline plan of prod (`npm start -- prod`) next to AWS CDK's `app.synth()` of the same stack
// (tools/bench/cdk-app.ts), each a fresh process timed from its start to its exit, run in turn so
// both see the same machine load. The plan runs as tools/bench/plan-phases.ts: tools/plan.ts's
// steps with the time of each phase; `npm start -- prod` itself is timed too.
//
// The trigger bundles:
//   size   bytes of each bundle (AWS SDK excluded)
//   cold   a fresh Node process that loads the bundle and answers one event, next to `node -e 0`
//   warm   latency per event over many events in one process (p50, p99)
// Events are chosen so that no handler calls AWS (there is no AWS here): what is measured is the
// handler's own work; an AWS call adds its network round trip on top.
//
// The first plan on a fresh clone is timed too: a copy of the working tree (its node_modules linked)
// whose .build/ is emptied before each run, as `npm ci && npm start` finds it.
//
// BENCH_PLAN_RUNS, BENCH_FIRST_PLAN_RUNS, BENCH_CDK_RUNS (CDK as it synthesizes by default), BENCH_CDK_UNVALIDATED_RUNS
// (with CDK_VALIDATION=false: without the template validation CDK runs by default), BENCH_NPM_RUNS
// (0 skips any of these), BENCH_COLD_RUNS and BENCH_WARM_EVENTS set the number of runs;
// BENCH_WARMUP=0 skips the uncounted plan run that fills the caches first.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bundleTrigger } from "../components/triggers/bundle";
import { triggerDefinitions, triggerNames, type HandlerSettings, type TriggerName } from "../components/triggers/settings";
import { settingsVariable } from "../lambdas/shared/entry";
import { projectRoot } from "./harness/stack-file";
import { copyWorkingTree } from "./harness/working-tree";

const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 21);
const warmEvents = Number(process.env.BENCH_WARM_EVENTS ?? 10_000);
const planRuns = Number(process.env.BENCH_PLAN_RUNS ?? 7);
const firstPlanRuns = Number(process.env.BENCH_FIRST_PLAN_RUNS ?? 3);
const cdkRuns = Number(process.env.BENCH_CDK_RUNS ?? 5);
const cdkUnvalidatedRuns = Number(process.env.BENCH_CDK_UNVALIDATED_RUNS ?? 3);
const warmup = process.env.BENCH_WARMUP !== "0";
const npmRuns = Number(process.env.BENCH_NPM_RUNS ?? 3);
const stack = "prod";

const base = { version: "1", region: "eu-central-1", userPoolId: "eu-central-1_Bench", userName: "u-1", callerContext: { awsSdkVersion: "x", clientId: "c-1" } };

/** Every trigger but user migration, which always calls the old pool: it is not timed offline. */
type BenchedTrigger = Exclude<TriggerName, "userMigration">;

/** Settings and an event per trigger that exercise the handler without an AWS call. */
const cases: { [K in BenchedTrigger]: { settings: HandlerSettings[K]; event: () => unknown } } = {
    preSignUp: {
        settings: { allowedEmailDomains: [], deniedEmailDomains: ["spam.example"], autoConfirmEmailDomains: ["test.example"], providerNames: ["Google"], linkingProviders: ["Google"], protectedGroups: ["admins"] },
        event: () => ({ ...base, triggerSource: "PreSignUp_SignUp", request: { userAttributes: { email: "qa@test.example" } }, response: {} }),
    },
    postConfirmation: {
        settings: { defaultGroup: "readers" },
        event: () => ({ ...base, triggerSource: "PostConfirmation_ConfirmForgotPassword", request: { userAttributes: {} }, response: {} }),
    },
    postAuthentication: {
        settings: {},
        event: () => ({ ...base, triggerSource: "PostAuthentication_Authentication", request: { userAttributes: { sub: "s-1" }, newDeviceUsed: false }, response: {} }),
    },
    preTokenGeneration: {
        // No client is gated and the grant names groups only: no client-name lookup.
        settings: { requiredGroups: {}, tokens: { rolesClaim: "app_roles", claims: { stage: "bench" }, accessTokenScopes: [{ scopes: ["https://api.example.com/read"], groups: ["readers"] }] } },
        event: () => ({ ...base, version: "2", triggerSource: "TokenGeneration_HostedAuth", request: { userAttributes: {}, groupConfiguration: { groupsToOverride: ["readers"] }, scopes: [] }, response: {} }),
    },
    customMessage: {
        settings: { appName: { en: "Daily News", ar: "الأخبار اليومية" } },
        event: () => ({ ...base, triggerSource: "CustomMessage_SignUp", request: { userAttributes: { locale: "ar" }, codeParameter: "{####}" }, response: {} }),
    },
};

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function percentile(sorted: number[], p: number): number {
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Alternates the handler's process with a bare `node -e 0`, so both see the same machine load. */
function coldStart(file: string, trigger: BenchedTrigger): { cold: number; bare: number; overhead: number } {
    const script = `require(${JSON.stringify(file)}).handler(${JSON.stringify(cases[trigger].event())}).then(() => {}, (e) => { console.error(e); process.exit(1); })`;
    const env = { [settingsVariable]: JSON.stringify(cases[trigger].settings) };
    const time = (args: string[]) => run(process.execPath, args, false, env).ms;
    const pairs = Array.from({ length: coldRuns }, () => [time(["-e", "0"]), time(["-e", script])]);
    return { bare: median(pairs.map(([b]) => b)), cold: median(pairs.map(([, c]) => c)), overhead: median(pairs.map(([b, c]) => c - b)) };
}

async function warmLatency(file: string, trigger: BenchedTrigger): Promise<{ p50: number; p99: number }> {
    process.env[settingsVariable] = JSON.stringify(cases[trigger].settings);
    const handler: (event: unknown) => Promise<unknown> = require(file).handler;
    const log = console.log;
    console.log = () => undefined; // the audit line goes to CloudWatch in Lambda, not to this terminal
    try {
        for (let i = 0; i < 500; i++) await handler(cases[trigger].event()); // warm up the JIT
        const samples: number[] = [];
        for (let i = 0; i < warmEvents; i++) {
            const event = cases[trigger].event();
            const started = process.hrtime.bigint();
            await handler(event);
            samples.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        samples.sort((a, b) => a - b);
        return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
    } finally {
        console.log = log;
    }
}

interface PlanPhases {
    readonly start: number;
    readonly import: number;
    readonly program: number;
    readonly bundles: number;
    readonly policy: number;
    readonly built: number;
    readonly reused: number;
    readonly resources: number;
    /** What --diagram adds per format (mermaid, svg, text). */
    readonly diagram: Readonly<Record<"mermaid" | "svg" | "text", number>>;
}

interface CdkPhases {
    readonly start: number;
    readonly import: number;
    readonly construct: number;
    readonly synth: number;
    readonly resources: number;
}

const loader = ["-r", path.join(projectRoot, "tools", "register.js")];

/** Runs a fresh process to its end: its wall time, and its last stdout line read as JSON when asked. */
function run<T = undefined>(command: string, args: string[], parse = false, env: NodeJS.ProcessEnv = {}, cwd = projectRoot): { ms: number; result: T } {
    const started = process.hrtime.bigint();
    const child = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, JSII_DEPRECATED: "quiet", ...env }, maxBuffer: 64 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.status !== 0) throw new Error(`${[command, ...args].join(" ")} exited with ${child.status}:\n${child.stderr}`);
    return { ms, result: (parse ? JSON.parse(child.stdout.trim().split("\n").pop()!) : undefined) as T };
}

const medianOf = <T>(items: readonly T[], pick: (item: T) => number) => median(items.map(pick));

/** A copy of the working tree as a fresh clone has it (git's files, node_modules linked, no .build/): where first plans run. */
function freshClone(): string {
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-bench-clone-"));
    copyWorkingTree(clone);
    fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(clone, "node_modules"), "dir");
    return clone;
}

/** The plan's wall time on a fresh clone, .build/ emptied before each run. */
function firstPlans(runs: number): number[] {
    if (runs === 0) return [];
    const clone = freshClone();
    try {
        return Array.from({ length: runs }, () => {
            fs.rmSync(path.join(clone, ".build"), { recursive: true, force: true });
            return run(process.execPath, ["-r", path.join(clone, "tools", "register.js"), "tools/plan.ts", stack, "--base", "none"], false, {}, clone).ms;
        });
    } finally {
        fs.rmSync(clone, { recursive: true, force: true });
    }
}

function table(rows: string[][], numeric: (column: number) => boolean): string[] {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((row) => row.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd());
}

const ms = (value: number) => `${Math.round(value)} ms`;

const cdkRows = (runs: readonly { ms: number; result: CdkPhases }[], validated: boolean): string[][] => [
    ["start", ms(medianOf(runs, (c) => c.result.start)), "Node.js and the TypeScript loader, to the app's first line"],
    ["import", ms(medianOf(runs, (c) => c.result.import)), "aws-cdk-lib's entry points (its modules load lazily, while constructing and synthesizing)"],
    ["construct", ms(medianOf(runs, (c) => c.result.construct)), "the stack's constructs"],
    ["synth", ms(medianOf(runs, (c) => c.result.synth)), validated ? "app.synth(), with the template validation CDK runs by default" : "app.synth() without the template validation (CDK_VALIDATION=false)"],
    ["total", ms(medianOf(runs, (c) => c.ms)), `from process start to exit; ${runs[0].result.resources} CloudFormation resources`],
];

function planBenchmark(): void {
    const cdkVersion: string = require("aws-cdk-lib/package.json").version;
    console.log(`Offline plan of ${stack} (\`npm start -- ${stack}\`) next to AWS CDK ${cdkVersion}'s app.synth() of the same stack`);
    console.log(`medians of fresh processes run in turn (plan ${planRuns}, CDK ${cdkRuns}, CDK unvalidated ${cdkUnvalidatedRuns}, npm start ${npmRuns}, first plan ${firstPlanRuns}); caches (.build/) warm but for the first plan\n`);
    // Fill the caches (transformed TypeScript, V8's code cache, the bundles) as any second run finds them.
    if (warmup) run(process.execPath, [...loader, "tools/plan.ts", stack, "--base", "none"]);

    const phases: PlanPhases[] = [];
    const plans: number[] = [];
    const cdk: { ms: number; result: CdkPhases }[] = [];
    const unvalidated: { ms: number; result: CdkPhases }[] = [];
    for (let i = 0; i < Math.max(planRuns, cdkRuns, cdkUnvalidatedRuns); i++) {
        if (i < planRuns) {
            const plan = run<PlanPhases>(process.execPath, [...loader, "tools/bench/plan-phases.ts", stack], true);
            phases.push(plan.result);
            plans.push(plan.ms);
        }
        if (i < cdkRuns) cdk.push(run<CdkPhases>(process.execPath, [...loader, "tools/bench/cdk-app.ts"], true, { CDK_VALIDATION: undefined }));
        if (i < cdkUnvalidatedRuns) unvalidated.push(run<CdkPhases>(process.execPath, [...loader, "tools/bench/cdk-app.ts"], true, { CDK_VALIDATION: "false" }));
    }
    const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
    // The plan alone, as the phases time it: the comparison with a commit (none on a clean tree, a second plan otherwise) is not counted.
    const viaNpm = Array.from({ length: npmRuns }, () => run(npm[0], [...npm.slice(1), "start", "--silent", "--", stack, "--base", "none"]).ms);
    const first = firstPlans(firstPlanRuns);

    const rows = [["", "time", "what"]];
    const planTotal = median(plans);
    if (planRuns) {
        const last = phases[phases.length - 1];
        rows.push(
            ["plan", "", ""],
            ["start", ms(medianOf(phases, (p) => p.start)), "Node.js and the TypeScript loader, to the plan's first line"],
            ["import", ms(medianOf(phases, (p) => p.import)), "loading modules: @pulumi/pulumi, @pulumi/aws, the program's, the policy pack's"],
            ["program", ms(medianOf(phases, (p) => p.program)), "index.ts under the mock runtime, and the plan's rendering"],
            ["bundles", ms(medianOf(phases, (p) => p.bundles)), `the trigger bundles (${last.reused} reused, ${last.built} built)`],
            ["policy", ms(medianOf(phases, (p) => p.policy)), `the policy pack over the ${last.resources} AWS resources`],
            ["total", ms(planTotal), "from process start to exit"],
            ["diagram", "", "what --diagram adds to the plan (the trust map drawn and written, its modules loaded)"],
            ["mermaid", ms(medianOf(phases, (p) => p.diagram.mermaid)), "--diagram (and markdown): Mermaid text, what the pull request and README show"],
            ["svg", ms(medianOf(phases, (p) => p.diagram.svg)), "--diagram svg: Graphviz (WebAssembly) loaded and laid out"],
            ["text", ms(medianOf(phases, (p) => p.diagram.text)), "--diagram text: text art, a lane per app client (beautiful-mermaid)"],
        );
        if (npmRuns) rows.push(["npm start", ms(median(viaNpm)), `npm start -- ${stack} --base none: the same through npm (npm's own start included)`]);
        if (first.length) rows.push(["first plan", ms(median(first)), "on a fresh clone (.build/ empty): TypeScript transformed, V8's code cache and the trigger bundles made"]);
    }
    if (cdkRuns) rows.push(["", "", ""], ["CDK", "", ""], ...cdkRows(cdk, true));
    if (cdkUnvalidatedRuns) rows.push(["", "", ""], ["CDK unvalidated", "", ""], ...cdkRows(unvalidated, false));
    if (rows.length > 1) for (const line of table(rows, (i) => i === 1)) console.log(line);

    const ratios = [
        ...(cdkRuns ? [["CDK synth", medianOf(cdk, (c) => c.ms)] as const] : []),
        ...(cdkUnvalidatedRuns ? [["CDK synth without validation", medianOf(unvalidated, (c) => c.ms)] as const] : []),
    ];
    if (planRuns && ratios.length) {
        console.log("");
        for (const [name, total] of ratios) {
            const viaNpmRatio = npmRuns ? `; through npm ${(median(viaNpm) / total).toFixed(2)}` : "";
            console.log(`plan / ${name}: ${(planTotal / total).toFixed(2)}${viaNpmRatio}${first.length ? `; first plan on a fresh clone ${(median(first) / total).toFixed(2)}` : ""}`);
        }
    }
    console.log("");
}

async function triggerBenchmark(): Promise<void> {
    console.log(`Trigger bundles: cold: median of ${coldRuns} fresh processes, each next to a bare node -e 0 (the difference is the median of the pairs); warm: ${warmEvents} events in one process\n`);
    const rows = [["trigger", "bundle", "node -e 0", "cold", "cold - node -e 0", "warm p50", "warm p99"]];
    for (const trigger of triggerNames.filter((t): t is BenchedTrigger => t !== "userMigration")) {
        const bundle = bundleTrigger(triggerDefinitions[trigger].folder);
        const cold = coldStart(bundle.file, trigger);
        const warm = await warmLatency(bundle.file, trigger);
        // A figure not measured (BENCH_COLD_RUNS=0, BENCH_WARM_EVENTS=0) is shown as "-".
        const shown = (value: number | undefined, unit: string, scale = 1) => (value === undefined || Number.isNaN(value) ? "-" : `${(value * scale).toFixed(1)} ${unit}`);
        rows.push([trigger, shown(bundle.bytes, "KB", 1 / 1024), shown(cold.bare, "ms"), shown(cold.cold, "ms"), shown(cold.overhead, "ms"), shown(warm.p50, "µs", 1000), shown(warm.p99, "µs", 1000)]);
    }
    for (const line of table(rows, (i) => i > 0)) console.log(line);
}

async function main(): Promise<void> {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    console.log(`Benchmarks, ${new Date().toISOString().slice(0, 10)}, ${cpu}, ${os.cpus().length} cores, Node.js ${process.version}\n`);
    planBenchmark();
    await triggerBenchmark();
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
