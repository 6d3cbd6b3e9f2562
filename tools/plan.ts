// `npm start [-- <stack>]`: the offline plan of a stack (dev by default).
import * as path from "path";
import { ConfigError } from "../config";
import { InvalidArgsError } from "../components/shared/validation";
import { planStack } from "./harness/run-stack";
import { checkPlan, renderPolicyReport } from "./policy/check";
import { StackFileError, stackFilePath } from "./harness/stack-file";
import { renderPlan } from "./print-plan";

/** The TypeScript loader's remapStack (tools/register.js), when the loader runs this: TypeScript lines in a stack trace. */
const loader = require.cache[path.join(__dirname, "register.js")]?.exports as { remapStack(stack: string): string } | undefined;

async function main(): Promise<number> {
    const stack = process.argv[2] ?? "dev";
    try {
        const plan = await planStack(stack);
        console.log(await renderPlan(plan, path.relative(process.cwd(), stackFilePath(stack)) || stackFilePath(stack)));
        const report = await checkPlan(plan);
        console.log(`\n${renderPolicyReport(report)}`);
        // A mandatory violation fails the plan, as it would fail `pulumi preview --policy-pack`.
        return report.mandatory > 0 ? 1 : 0;
    } catch (error) {
        // Config and argument errors are for people: their message says it all, no stack trace.
        const known = error instanceof ConfigError || error instanceof InvalidArgsError || error instanceof StackFileError;
        if (!known && error instanceof Error && error.stack) error.stack = loader?.remapStack(error.stack) ?? error.stack;
        console.error(known ? (error as Error).message : error);
        return 1;
    }
}

main().then((code) => process.exit(code));
