// Reads the running stack's `cognito:*` and `aws:*` config from Pulumi and checks it.
import * as pulumi from "@pulumi/pulumi";
import { checkStackConfig, type CheckedConfig } from "./load";
import type { StackSettings } from "./schema";
import { secretConfigKeys } from "./secrets";

// Both exist at run time; the SDK's typings leave isConfigSecret out.
const runtime = pulumi.runtime as typeof pulumi.runtime & { isConfigSecret(key: string): boolean };

/**
 * The keys of one namespace, without it. Built as own properties: an assignment would take
 * `cognito:__proto__` for the object's prototype and drop it unsaid, where it is an unknown key.
 */
function namespaceConfig(namespace: string): { values: Record<string, string>; secretKeys: Set<string> } {
    const prefix = `${namespace}:`;
    const entries = Object.entries(runtime.allConfig()).filter(([key]) => key.startsWith(prefix));
    const values = Object.fromEntries(entries.map(([key, value]) => [key.slice(prefix.length), value]));
    const secretKeys = new Set(entries.filter(([key]) => runtime.isConfigSecret(key)).map(([key]) => key.slice(prefix.length)));
    return { values, secretKeys };
}

/** The stack config as checked on its own; its problems are thrown by preflight, with the combination checks' (components/preflight.ts). */
export function readStackConfig(): CheckedConfig {
    const namespace = pulumi.getProject();
    const stackName = pulumi.getStack();
    const { values, secretKeys } = namespaceConfig(namespace);
    const otherKeys = Object.keys(runtime.allConfig()).filter((key) => !key.startsWith(`${namespace}:`) && !key.startsWith("aws:"));
    return checkStackConfig({ namespace, source: `Pulumi.${stackName}.yaml`, stackName, values, aws: namespaceConfig("aws").values, secretKeys, otherKeys });
}

/** The AWS region the default provider deploys to. */
export function stackRegion(): string {
    return new pulumi.Config("aws").require("region");
}

/** Every secret the stack's identity providers need, read as Pulumi secrets; a missing one stops with Pulumi's own error. */
export function readSecrets(config: Pick<StackSettings, "identityProviders">): Record<string, pulumi.Output<string>> {
    const project = new pulumi.Config();
    return Object.fromEntries(secretConfigKeys(config).map(({ key }) => [key, project.requireSecret(key)]));
}
