// `npm run stacks [-- --github-output]`: every stack with its stage and policy config, as JSON. With
// --github-output it also writes `matrix=<json>` to $GITHUB_OUTPUT, for the workflows' matrices.
import * as fs from "fs";
import { ConfigError } from "../config";
import { stackEntries } from "./harness/stacks";
import { StackFileError } from "./harness/stack-file";

function main(): number {
    try {
        const entries = stackEntries();
        const json = JSON.stringify(entries);
        console.log(JSON.stringify(entries, null, 2));
        if (process.argv.includes("--github-output")) {
            const target = process.env.GITHUB_OUTPUT;
            if (!target) throw new StackFileError("--github-output: GITHUB_OUTPUT is not set (it is, inside a GitHub Actions step)");
            fs.appendFileSync(target, `matrix=${json}\n`);
        }
        return 0;
    } catch (error) {
        console.error(error instanceof ConfigError || error instanceof StackFileError ? error.message : error);
        return 1;
    }
}

process.exit(main());
