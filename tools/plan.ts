// `npm start -- [stack] [--base <ref>] [--allow-replace] [--json]`: the offline plan of a stack (dev
// by default), its policy check, and with --base what changes from a git ref, failing when a change
// would replace or delete the user pool.
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../config";
import { InvalidArgsError } from "../components/shared/validation";
import { planStack, type Plan } from "./harness/run-stack";
import { checkPlan, renderPolicyReport } from "./policy/check";
import { projectNameOf, StackFileError, stackFilePath } from "./harness/stack-file";
import { BaseRefError, checkoutOf } from "./guard/base-checkout";
import { comparePlans } from "./guard/plan-diff";
import { guardVerdict, keepThePool, renderDiff, type VerdictSide } from "./guard/user-pool-guard";
import { parsePlanArgs, UsageError, type PlanArgs } from "./plan-args";
import { planDocument, type Comparison } from "./plan-json";
import { renderPlan } from "./print-plan";

/** The TypeScript loader's remapStack (tools/register.js), when the loader runs this: TypeScript lines in a stack trace. */
const loader = require.cache[path.join(__dirname, "register.js")]?.exports as { remapStack(stack: string): string } | undefined;

/** Exit codes: a mandatory policy violation, and a change that would lose the user pool. */
const exitCodes = { policy: 1, userPoolReplaced: 2 } as const;

/** The stack as the base ref has it; a stack the ref does not have yet is planned as empty. */
async function compare(args: PlanArgs & { base: string }, head: Plan): Promise<Comparison> {
    const { commit, root } = checkoutOf(args.base);
    let base: VerdictSide = { stack: args.stack, project: projectNameOf(root), region: "", resources: [] };
    if (fs.existsSync(path.join(root, `Pulumi.${args.stack}.yaml`))) {
        try {
            base = await planStack(args.stack, { root });
        } catch (error) {
            throw new BaseRefError(`--base ${args.base}: the stack ${args.stack} as ${args.base} has it could not be planned: ${(error as Error).message}`);
        }
    }
    const comparison = comparePlans(base, head);
    return { base: args.base, commit, diffs: comparison.diffs, ...guardVerdict(base, head, comparison), allowReplace: args.allowReplace };
}

function guardLines(comparison: Comparison): string[] {
    const { cautions } = comparison;
    const lines = ["", renderDiff(comparison.diffs, `${comparison.base} (${comparison.commit.slice(0, 12)})`), ...(cautions.length ? ["", "Careful, the pool becomes easier to lose:", ...cautions.map((c) => `  - ${c}`)] : [])];
    if (comparison.blockers.length === 0) return [...lines, "", "User pool: not replaced, not deleted."];
    const head = comparison.allowReplace ? "User pool WOULD BE LOST (allowed by --allow-replace):" : "STOP: this change would lose the user pool's users:";
    return [...lines, "", head, ...comparison.blockers.map((b) => `  - ${b}`), keepThePool];
}

async function main(): Promise<number> {
    try {
        const args = parsePlanArgs(process.argv.slice(2));
        const source = path.relative(process.cwd(), stackFilePath(args.stack)) || stackFilePath(args.stack);
        const plan = await planStack(args.stack);
        const report = await checkPlan(plan);
        const comparison = args.base ? await compare({ ...args, base: args.base }, plan) : undefined;
        if (args.json) console.log(JSON.stringify(await planDocument(plan, source, report, comparison), null, 2));
        else console.log([await renderPlan(plan, source), "", renderPolicyReport(report), ...(comparison ? guardLines(comparison) : [])].join("\n"));
        if (comparison && comparison.blockers.length > 0 && !comparison.allowReplace) return exitCodes.userPoolReplaced;
        // A mandatory violation fails the plan, as it would fail `pulumi preview --policy-pack`.
        return report.mandatory > 0 ? exitCodes.policy : 0;
    } catch (error) {
        // Config, argument and ref errors are for people: their message says it all, no stack trace.
        const known = [ConfigError, InvalidArgsError, StackFileError, UsageError, BaseRefError].some((kind) => error instanceof kind);
        if (!known && error instanceof Error && error.stack) error.stack = loader?.remapStack(error.stack) ?? error.stack;
        console.error(known ? (error as Error).message : error);
        return 1;
    }
}

main().then((code) => process.exit(code));
