// A policy config (policy/config/<name>.json, the file `--policy-pack-config` reads; which one checks
// a stage, config/policy-config.ts decides), completed the way the Pulumi engine completes it before
// Configure: each policy's enforcement level (file, else the policy's own) and its properties over
// the config schema's defaults.
import type { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as fs from "fs";
import * as path from "path";
import { namedPolicyConfig } from "../../config/policy-config";
import { projectRoot } from "../harness/stack-file";

export type Policy = ResourceValidationPolicy | StackValidationPolicy;

export interface PolicySettings {
    readonly enforcementLevel: EnforcementLevel;
    readonly properties: Record<string, unknown>;
}

export type PackConfig = Readonly<Record<string, PolicySettings>>;

export const policyDir = path.join(projectRoot, "policy");

export function packVersion(): string {
    return JSON.parse(fs.readFileSync(path.join(policyDir, "package.json"), "utf8")).version;
}

export function completePackConfig(file: Record<string, unknown>, policies: readonly Policy[], source: string): PackConfig {
    const known = policies.map((p) => p.name);
    const unknown = Object.keys(file).filter((name) => !known.includes(name));
    if (unknown.length) throw new Error(`${source}: unknown policies ${unknown.map((n) => JSON.stringify(n)).join(", ")}; known: ${known.join(", ")}`);
    return Object.fromEntries(policies.map((policy) => {
        const entry = file[policy.name];
        const { enforcementLevel, ...given } = typeof entry === "string" ? { enforcementLevel: entry } : ((entry ?? {}) as { enforcementLevel?: string });
        const defaults = Object.fromEntries(Object.entries(policy.configSchema?.properties ?? {}).map(([k, v]) => [k, (v as { default?: unknown }).default]));
        return [policy.name, {
            enforcementLevel: (enforcementLevel ?? policy.enforcementLevel ?? "advisory") as EnforcementLevel,
            properties: { ...defaults, ...given },
        }];
    }));
}

/** The policy config in `file`, completed. */
export function loadPackConfigFile(file: string, policies: readonly Policy[]): PackConfig {
    return completePackConfig(JSON.parse(fs.readFileSync(file, "utf8")), policies, path.relative(projectRoot, file));
}

/** The shipped policy config called `name` (policy/config/<name>.json), completed. */
export function loadPackConfig(name: string, policies: readonly Policy[]): PackConfig {
    return loadPackConfigFile(namedPolicyConfig(name), policies);
}
