// The GitHub Actions workflows read as data, for the tests of CI and of the README that describes it.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { projectRoot } from "../../tools/harness/stack-file";

export type Step = { uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, string | number>; name?: string };
export type Job = { permissions?: Record<string, string>; steps: Step[]; environment?: string; concurrency?: { group: string; "cancel-in-progress": boolean }; strategy?: any; needs?: string | string[]; if?: string; env?: Record<string, string> };

const workflowDir = path.join(projectRoot, ".github", "workflows");
export const workflowFiles = fs.readdirSync(workflowDir).filter((f) => f.endsWith(".yml")).sort();
export const workflowText = (file: string) => fs.readFileSync(path.join(workflowDir, file), "utf8");
export const workflow = (file: string) => parse(workflowText(file));
export const jobsOf = (file: string): Record<string, Job> => workflow(file).jobs;
export const setupAction = parse(fs.readFileSync(path.join(projectRoot, ".github", "actions", "setup", "action.yml"), "utf8"));

/** The secrets a job reads, by name. */
export const secretsOf = (job: Job) => [...new Set([...JSON.stringify(job).matchAll(/secrets\.(\w+)/g)].map((m) => m[1]))].sort();
