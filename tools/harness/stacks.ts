// The stacks of this project, found where Pulumi finds them (Pulumi.<stack>.yaml), each with the
// stage its config loader gives it and that stage's policy config: the one list the plan, the
// tests and the CI workflows (through `npm run stacks`) read, so no second list has to agree.
import * as fs from "fs";
import * as path from "path";
import { packConfigPath } from "../policy/pack-config";
import { loadStack } from "./run-stack";
import { projectRoot } from "./stack-file";

export interface StackEntry {
    readonly stack: string;
    readonly stage: string;
    /** The file `--policy-pack-config` reads for this stack, relative to the project root. */
    readonly policyConfig: string;
    readonly region: string;
    /** Deployed only after a person approves (the GitHub environment must require reviewers). */
    readonly requiresApproval: boolean;
}

export function stackNames(root = projectRoot): string[] {
    return fs.readdirSync(root).map((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s);
}

/** Deploy order: dev first, prod last, other stages between them by name. */
const rank = (stage: string) => (stage === "dev" ? 0 : stage === "prod" ? 2 : 1);

export function stackEntries(root = projectRoot): StackEntry[] {
    return stackNames(root)
        .map((stack) => {
            const { config, values } = loadStack(stack, { root });
            return { stack, stage: config.stage, policyConfig: path.relative(root, packConfigPath(config.stage)), region: values["aws:region"], requiresApproval: config.stage === "prod" };
        })
        .sort((a, b) => rank(a.stage) - rank(b.stage) || a.stack.localeCompare(b.stack));
}
