// Which stage a stack is, which stage defaults it takes, and what those defaults forbid outright.
// A stage is any lowercase name, the stack's own by default; a stack named dev or prod is that stage
// and cannot claim another. The stage takes dev's or prod's defaults and rules (stageDefaults: dev's
// for the stage named dev only), and is checked with its policy config (policy-config.ts), which
// must exist.
import * as fs from "fs";
import * as path from "path";
import { show } from "./errors";
import { namedPolicyConfig, stagePolicyConfig } from "./policy-config";
import { defaultStageDefaults } from "./stage-defaults";
import { stageDefaultsNames, stageName, stageNameAllowed, type StageDefaultsName, type TriggerSettings } from "./schema";

/** A stage and the stage defaults it takes. */
export interface StageChoice {
    readonly stage: string;
    readonly stageDefaults: StageDefaultsName;
}

/** What the stack file says of its stage: the two keys as parsed (undefined when absent), and which of them the schema refused. */
export interface StageKeys {
    readonly stage?: string;
    readonly stageDefaults?: StageDefaultsName;
    readonly refused: ReadonlySet<string>;
}

/** A stack named after a set of stage defaults (dev, prod) is that stage: its name says which pool it holds. */
const isLockedStack = (stackName: string): boolean => (stageDefaultsNames as readonly string[]).includes(stackName);

function chooseStage(namespace: string, stackName: string, keys: StageKeys): { stage?: string; problems: string[] } {
    const key = `${namespace}:stage`;
    if (keys.refused.has("stage")) return { problems: [] }; // the schema said what is wrong with it
    if (keys.stage === undefined) {
        if (stageName.safeParse(stackName).success) return { stage: stackName, problems: [] };
        return { problems: [`${key}: is not set, and its default, the stack's name ${show(stackName)}, is not a stage name; set it (allowed: ${stageNameAllowed})`] };
    }
    if (isLockedStack(stackName) && keys.stage !== stackName) {
        // Still that stage: the checks that follow judge the stack as what its name says it is.
        return { stage: stackName, problems: [`${key}: got ${show(keys.stage)} in stack "${stackName}"; a stack named after a stage is that stage (its defaults and policy config): remove the key or set ${show(stackName)}`] };
    }
    return { stage: keys.stage, problems: [] };
}

function policyConfigProblems(namespace: string, stage: string, defaults: StageDefaultsName, configDir: string): string[] {
    if (fs.existsSync(stagePolicyConfig({ stage, stageDefaults: defaults }, configDir))) return [];
    const shown = (name: string) => path.relative(process.cwd(), namedPolicyConfig(name, configDir));
    const key = `${namespace}:stage`;
    return [stage === defaults
        ? `${key}: stage ${show(stage)} has no policy config ${shown(stage)}; add it, or use a stage that has one`
        : `${key}: stage ${show(stage)} has no policy config: neither ${shown(stage)} nor ${shown(defaults)} (of its stageDefaults ${show(defaults)}) exists; add one`];
}

/**
 * The stage of a stack and the defaults it takes, with every problem of the keys that say so. No
 * choice when a key the choice needs is wrong: that problem is said, and what depends on it waits.
 */
export function chooseStageAndDefaults(namespace: string, stackName: string, keys: StageKeys, configDir: string): { chosen?: StageChoice; problems: string[] } {
    const { stage, problems } = chooseStage(namespace, stackName, keys);
    if (stage === undefined || keys.refused.has("stageDefaults")) return { problems };
    const stageDefaults = keys.stageDefaults ?? defaultStageDefaults(stage);
    return { chosen: { stage, stageDefaults }, problems: [...problems, ...policyConfigProblems(namespace, stage, stageDefaults, configDir)] };
}

/** How messages name a stage: "prod", or "staging (stageDefaults prod)" where the defaults are another stage's. */
export function stageLabel(choice: StageChoice): string {
    return choice.stage === choice.stageDefaults ? choice.stage : `${choice.stage} (stageDefaults ${choice.stageDefaults})`;
}

/** Settings the stage defaults refuse whatever the stack file says. Problems are full lines. */
export function stageRuleProblems(namespace: string, choice: StageChoice, triggers: TriggerSettings | undefined): string[] {
    const problems: string[] = [];
    const autoConfirmed = triggers?.preSignUp?.autoConfirmEmailDomains ?? [];
    // Prod's strictness, not the stage's name: every stage on prod's defaults may hold real users.
    if (choice.stageDefaults === "prod" && autoConfirmed.length > 0) {
        const stage = stageLabel(choice);
        problems.push(`${namespace}:triggers.preSignUp.autoConfirmEmailDomains: got ${show(autoConfirmed)} in ${stage}; allowed: none in ${stage} (auto-confirmed accounts skip proof that their owner holds the address); remove the key${choice.stage === "prod" ? "" : `, or set ${namespace}:stageDefaults: dev for a test stage (a weakening, warned)`}`);
    }
    return problems;
}
