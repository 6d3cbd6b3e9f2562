// Reads the running stack's `cognito:*` config from Pulumi and validates it.
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, type StackConfig } from "./load";
import { secretConfigKeys } from "./secrets";

// Both exist at run time; the SDK's typings leave isConfigSecret out.
const runtime = pulumi.runtime as typeof pulumi.runtime & { isConfigSecret(key: string): boolean };

export function readStackConfig(): StackConfig {
    const namespace = pulumi.getProject();
    const stackName = pulumi.getStack();
    const prefix = `${namespace}:`;
    const values: Record<string, string> = {};
    const secretKeys = new Set<string>();
    for (const [key, value] of Object.entries(runtime.allConfig())) {
        if (!key.startsWith(prefix)) continue;
        values[key.slice(prefix.length)] = value;
        if (runtime.isConfigSecret(key)) secretKeys.add(key.slice(prefix.length));
    }
    return loadStackConfig({ namespace, source: `Pulumi.${stackName}.yaml`, stackName, values, secretKeys });
}

/** The AWS region the default provider deploys to. */
export function stackRegion(): string {
    return new pulumi.Config("aws").require("region");
}

/** Every secret the stack needs, read as Pulumi secrets; a missing one stops with Pulumi's own error. */
export function readSecrets(config: StackConfig): Record<string, pulumi.Output<string>> {
    const project = new pulumi.Config();
    return Object.fromEntries(secretConfigKeys(config).map(({ key }) => [key, project.requireSecret(key)]));
}
