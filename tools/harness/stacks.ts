// The stacks of this project, found where Pulumi finds them (Pulumi.<stack>.yaml), each with the
// stage its config loader gives it and the policy config that stage takes: the one list the plan,
// the tests and the CI workflows (through `npm run stacks`) read, so no second list has to agree.
import * as path from "path";
import type { StageDefaultsName } from "../../config";
import { loadStack } from "./run-stack";
import { projectRoot, stackNames } from "./stack-file";

export { stackNames };

export interface StackEntry {
    readonly stack: string;
    readonly stage: string;
    /** The stage defaults and rules it takes. */
    readonly stageDefaults: StageDefaultsName;
    /** The file `--policy-pack-config` reads for this stack (config/policy-config.ts decides which), relative to the project root. */
    readonly policyConfig: string;
    readonly region: string;
    /** Deployed only after a person approves (the GitHub environment must require reviewers). */
    readonly requiresApproval: boolean;
}

/** Deploy order: dev first, prod last, other stages between them by name. */
const rank = (stage: string) => (stage === "dev" ? 0 : stage === "prod" ? 2 : 1);

export function stackEntries(root = projectRoot): StackEntry[] {
    return stackNames(root)
        .map((stack) => {
            const { config, values, policyConfig } = loadStack(stack, { root });
            // Approval guards the stage named prod, the one with the real users. Prod's stage defaults
            // are about the settings' strictness, not about who deploys: staging, on them, needs no reviewers.
            const requiresApproval = config.stage === "prod";
            return { stack, stage: config.stage, stageDefaults: config.stageDefaults, policyConfig: path.relative(root, policyConfig), region: values["aws:region"], requiresApproval };
        })
        .sort((a, b) => rank(a.stage) - rank(b.stage) || a.stack.localeCompare(b.stack));
}
