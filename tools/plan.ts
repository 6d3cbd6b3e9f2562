// `npm start -- [stack] [--base <ref> | --base none] [--allow-replace] [--json] [--diagram [format]]`:
// the offline plan of a stack (dev by default), its policy check, and what changes from a git ref (by
// default the last commit, or where this branch left the default branch), failing when a change would
// replace or delete the user pool; --diagram draws the trust map (with a comparison, its change).
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../config";
import { InvalidArgsError } from "../components/shared/validation";
import { planStack, type Plan } from "./harness/run-stack";
import { checkPlan, renderPolicyReport } from "./policy/check";
import { projectNameOf, StackFileError, stackFilePath } from "./harness/stack-file";
import { BaseRefError, checkoutOf } from "./guard/base-checkout";
import { cachedBasePlan, type BaseSide } from "./guard/base-plan-cache";
import { defaultBase } from "./guard/default-base";
import { comparePlans } from "./guard/plan-diff";
import { guardVerdict, keepThePool, renderDiff } from "./guard/user-pool-guard";
import { noBase, parsePlanArgs, UsageError, type PlanArgs } from "./plan-args";
import { planDocument, type Comparison } from "./plan-json";
import { renderPlan } from "./print-plan";
import { drawingOf, renderDrawing } from "./diagram/plan-diagram";
import type { MapSource } from "./diagram/trust-map";

/** The TypeScript loader's remapStack (tools/register.js), when the loader runs this: TypeScript lines in a stack trace. */
const loader = require.cache[path.join(__dirname, "register.js")]?.exports as { remapStack(stack: string): string } | undefined;

/** Exit codes: a mandatory policy violation, and a change that would lose the user pool. */
const exitCodes = { policy: 1, userPoolReplaced: 2 } as const;

/** The stack as the commit `ref` has it: an empty side for a stack the commit does not have yet. */
async function planBase(stack: string, ref: string): Promise<{ commit: string; side: BaseSide }> {
    const { commit, root } = checkoutOf(ref);
    try {
        if (!fs.existsSync(path.join(root, `Pulumi.${stack}.yaml`))) return { commit, side: { stack, project: projectNameOf(root), region: "", resources: [] } };
        return { commit, side: await cachedBasePlan(root, stack, () => planStack(stack, { root })) };
    } catch (error) {
        throw new BaseRefError(`--base ${ref}: the stack ${stack} as ${ref} has it could not be planned: ${(error as Error).message}`);
    }
}

type Compared = Comparison & { readonly baseSource: MapSource };

/** The head plan compared with `ref`: the changes, what would lose the pool, and the base as the trust map draws it. */
async function compare(args: PlanArgs, head: Plan, ref: string, label = ref, said?: string): Promise<Compared> {
    const { commit, side } = await planBase(args.stack, ref);
    const comparison = comparePlans(side, head);
    const baseSource: MapSource = { stack: side.stack, region: side.region, resources: side.resources, warnings: side.warnings ?? [], config: side.config, outputs: side.outputs };
    return { base: label, commit, diffs: comparison.diffs, ...guardVerdict(side, head, comparison), allowReplace: args.allowReplace, said, baseSource };
}

/**
 * No --base: the default base (default-base.ts), said in one line. A tree whose program files are as
 * that commit has them has no changes, so nothing is planned again; a base that cannot be planned is
 * said, not failed (an explicit --base that cannot be planned fails).
 */
async function compareByDefault(args: PlanArgs, head: Plan): Promise<Compared | { skipped: string }> {
    const base = defaultBase();
    if ("none" in base) return { skipped: base.none };
    if (base.unchanged) {
        return { base: base.label, commit: base.ref, diffs: [], blockers: [], cautions: [], allowReplace: args.allowReplace, said: base.said, baseSource: head };
    }
    try {
        return await compare(args, head, base.ref, base.label, base.said);
    } catch (error) {
        if (!(error instanceof BaseRefError)) throw error;
        return { skipped: `Not compared with ${base.label} (${base.ref.slice(0, 12)}): ${error.message}` };
    }
}

function guardLines(comparison: Comparison): string[] {
    const { cautions } = comparison;
    const lines = ["", ...(comparison.said ? [comparison.said] : []), renderDiff(comparison.diffs, `${comparison.base} (${comparison.commit.slice(0, 12)})`), ...(cautions.length ? ["", "Careful, the pool becomes easier to lose:", ...cautions.map((c) => `  - ${c}`)] : [])];
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
        const outcome = args.base === noBase ? undefined : args.base ? await compare(args, plan, args.base) : await compareByDefault(args, plan);
        const comparison = outcome && "skipped" in outcome ? undefined : outcome;
        const skipped = outcome && "skipped" in outcome ? outcome.skipped : undefined;
        const drawing = args.diagram && drawingOf(plan, comparison && { label: `${comparison.base} (${comparison.commit.slice(0, 12)})`, source: comparison.baseSource, diffs: comparison.diffs });
        if (drawing && args.diagram !== "text") process.stdout.write(await renderDrawing(drawing, args.diagram!));
        else if (args.json) console.log(JSON.stringify(await planDocument(plan, source, report, comparison ?? skipped), null, 2));
        else console.log([await renderPlan(plan, source), "", renderPolicyReport(report), ...(comparison ? guardLines(comparison) : skipped ? ["", skipped] : []), ...(drawing ? ["", await renderDrawing(drawing, "text")] : [])].join("\n"));
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
