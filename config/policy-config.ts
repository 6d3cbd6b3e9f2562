// Which policy config (the file `pulumi preview --policy-pack-config` reads) checks a stage. The one
// place that decides it: the config loader (which refuses a stage without one), the offline policy
// check, `npm run stacks` and through it the CI workflows all ask here.
import * as fs from "fs";
import * as path from "path";

/** Where the policy configs are: policy/config/<name>.json. */
export const policyConfigDir = path.resolve(__dirname, "..", "policy", "config");

/** The file of the policy config called `name`. */
export function namedPolicyConfig(name: string, dir = policyConfigDir): string {
    return path.join(dir, `${name}.json`);
}

/**
 * The policy config of a stage: its own (policy/config/<stage>.json) when there is one, else the one
 * of the stage defaults it takes (policy/config/<stageDefaults>.json), so a new stage needs no file
 * of its own to be checked as strictly as its defaults.
 */
export function stagePolicyConfig(stage: { readonly stage: string; readonly stageDefaults: string }, dir = policyConfigDir): string {
    const own = namedPolicyConfig(stage.stage, dir);
    return fs.existsSync(own) ? own : namedPolicyConfig(stage.stageDefaults, dir);
}
