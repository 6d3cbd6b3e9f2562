// Which stage a stack is, said once and unmistakably, and what a stage forbids outright. A stack
// named after a stage is that stage; any other stack names its stage, and the stage's policy
// config (policy/config/<stage>.json, what `pulumi preview --policy-pack` is given) must exist.
import * as fs from "fs";
import * as path from "path";
import { show } from "./errors";
import { stages, type StackSettings } from "./schema";

/** Where each stage's policy config lives. */
export const policyConfigDir = path.resolve(__dirname, "..", "policy", "config");

const isStage = (name: string): boolean => (stages as readonly string[]).includes(name);

/** The stage a stack file claims, checked against the stack's name. Problems are full lines. */
export function stageProblems(namespace: string, stackName: string, claimed: unknown, configDir: string): string[] {
    const key = `${namespace}:stage`;
    if (claimed === undefined) {
        return isStage(stackName) ? [] : [`${key}: is required for stack "${stackName}"; allowed: ${stages.map((s) => show(s)).join(", ")}`];
    }
    if (isStage(stackName) && claimed !== stackName) {
        return [`${key}: got ${show(claimed)} in stack "${stackName}"; a stack named after a stage is that stage (its defaults and policy config): remove the key or set ${show(stackName)}`];
    }
    if (typeof claimed === "string" && isStage(claimed) && !fs.existsSync(path.join(configDir, `${claimed}.json`))) {
        return [`${key}: stage ${show(claimed)} has no policy config ${path.join(path.relative(process.cwd(), configDir) || ".", `${claimed}.json`)}; add it, or use a stage that has one`];
    }
    return [];
}

/** Settings a stage refuses whatever the stack file says. */
export function stageRuleProblems(namespace: string, settings: StackSettings): string[] {
    const problems: string[] = [];
    const autoConfirmed = settings.triggers?.preSignUp?.autoConfirmEmailDomains ?? [];
    if (settings.stage === "prod" && autoConfirmed.length > 0) {
        problems.push(`${namespace}:triggers.preSignUp.autoConfirmEmailDomains: got ${show(autoConfirmed)} in prod; allowed: none in prod (auto-confirmed accounts skip proof that their owner holds the address; keep them to test stages)`);
    }
    return problems;
}
