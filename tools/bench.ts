// `npm run bench`: figures for the trigger bundles, printed, not asserted.
//   size   bytes of each bundle (AWS SDK excluded)
//   cold   a fresh Node process that loads the bundle and answers one event, next to `node -e 0`
//   warm   latency per event over many events in one process (p50, p99)
// Events are chosen so that no handler calls AWS (there is no AWS here): what is measured is the
// handler's own work; an AWS call adds its network round trip on top.
import { execFileSync } from "child_process";
import * as os from "os";
import { bundleTrigger } from "../components/trigger-bundle";
import { triggerDefinitions, triggerNames, type HandlerSettings, type TriggerName } from "../components/triggers/settings";
import { settingsVariable } from "../lambdas/shared/entry";

const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 21);
const warmEvents = Number(process.env.BENCH_WARM_EVENTS ?? 10_000);

const base = { version: "1", region: "eu-central-1", userPoolId: "eu-central-1_Bench", userName: "u-1", callerContext: { awsSdkVersion: "x", clientId: "c-1" } };

/** Settings and an event per trigger that exercise the handler without an AWS call. */
const cases: { [K in TriggerName]: { settings: HandlerSettings[K]; event: () => unknown } } = {
    preSignUp: {
        settings: { allowedEmailDomains: [], deniedEmailDomains: ["spam.example"], autoConfirmEmailDomains: ["test.example"], providerNames: ["Google"], linkingProviders: ["Google"], protectedGroups: ["admins"] },
        event: () => ({ ...base, triggerSource: "PreSignUp_SignUp", request: { userAttributes: { email: "qa@test.example" } }, response: {} }),
    },
    postConfirmation: {
        settings: { defaultGroup: "readers" },
        event: () => ({ ...base, triggerSource: "PostConfirmation_ConfirmForgotPassword", request: { userAttributes: {} }, response: {} }),
    },
    preAuthentication: {
        settings: { requiredGroups: { admin: ["admins"] } },
        event: () => ({ ...base, triggerSource: "PreAuthentication_Authentication", request: { userAttributes: {}, userNotFound: true }, response: {} }),
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

function timeProcess(args: string[], env: NodeJS.ProcessEnv): number {
    const started = process.hrtime.bigint();
    execFileSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "inherit"] });
    return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Alternates the handler's process with a bare `node -e 0`, so both see the same machine load. */
function coldStart(file: string, trigger: TriggerName): { cold: number; bare: number; overhead: number } {
    const script = `require(${JSON.stringify(file)}).handler(${JSON.stringify(cases[trigger].event())}).then(() => {}, (e) => { console.error(e); process.exit(1); })`;
    const env = { ...process.env, [settingsVariable]: JSON.stringify(cases[trigger].settings) };
    const pairs = Array.from({ length: coldRuns }, () => [timeProcess(["-e", "0"], env), timeProcess(["-e", script], env)]);
    return { bare: median(pairs.map(([b]) => b)), cold: median(pairs.map(([, c]) => c)), overhead: median(pairs.map(([b, c]) => c - b)) };
}

async function warmLatency(file: string, trigger: TriggerName): Promise<{ p50: number; p99: number }> {
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

async function main(): Promise<void> {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    console.log(`Trigger benchmarks, ${new Date().toISOString().slice(0, 10)}, ${cpu}, ${os.cpus().length} cores, Node.js ${process.version}`);
    console.log(`cold: median of ${coldRuns} fresh processes, each next to a bare node -e 0 (the difference is the median of the pairs); warm: ${warmEvents} events in one process\n`);
    const rows = [["trigger", "bundle", "node -e 0", "cold", "cold - node -e 0", "warm p50", "warm p99"]];
    for (const trigger of triggerNames) {
        const bundle = bundleTrigger(triggerDefinitions[trigger].folder);
        const cold = coldStart(bundle.file, trigger);
        const warm = await warmLatency(bundle.file, trigger);
        rows.push([trigger, `${(bundle.bytes / 1024).toFixed(1)} KB`, `${cold.bare.toFixed(1)} ms`, `${cold.cold.toFixed(1)} ms`, `${cold.overhead.toFixed(1)} ms`, `${(warm.p50 * 1000).toFixed(1)} µs`, `${(warm.p99 * 1000).toFixed(1)} µs`]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "));
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
