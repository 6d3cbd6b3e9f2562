// Keys of a stack file that nothing reads: each a typo that would otherwise pass in silence, named
// with the key it most likely misspells. In the project's namespace: a key outside the schema, a
// secret no identity provider of the stack reads (`googleClientsecret` leaves `googleClientSecret`
// unset, and the offline plan would quietly use a placeholder for it), or a secret's key written in
// plain text. Elsewhere: a namespace nothing reads (`cognto:userPool`). The `aws:` keys are
// aws-config.ts's.
import { show } from "./errors";
import type { RawConfig } from "./load";
import type { StackSettings } from "./schema";
import { secretConfigKeys } from "./secrets";
import { closest } from "./suggest";

/** Namespaces besides the project's that something reads: the AWS provider, the random provider, and Pulumi itself (pulumi:tags, pulumi:template). */
const readNamespaces = ["aws", "random", "pulumi"];

/**
 * Problems of the project's keys outside the schema. Which secrets the stack reads depends on its
 * identity providers: while that section is refused, no secret is judged (its problem is said).
 */
export function unknownProjectKeys(raw: RawConfig, schemaKeys: readonly string[], parsed: Partial<StackSettings>, providersRefused: boolean): string[] {
    const secretSlots = secretConfigKeys(parsed).map((s) => s.key);
    const at = (key: string) => `${raw.namespace}:${key}`;
    const guess = (key: string) => {
        const near = closest(key, [...schemaKeys, ...secretSlots]);
        return near ? `did you mean ${at(near)}? ` : "";
    };
    return Object.keys(raw.values).filter((key) => !schemaKeys.includes(key)).flatMap((key) => {
        if (raw.secretKeys.has(key)) {
            if (providersRefused || secretSlots.includes(key)) return [];
            return [`${at(key)}: a secret no part of this stack reads; ${guess(key)}the stack's identity providers read ${secretSlots.length ? secretSlots.map((s) => at(s)).join(", ") : "no secret"} (\`pulumi config rm ${key} --secret\` removes it)`];
        }
        if (secretSlots.includes(key)) return [`${at(key)}: is stored in plain text; remove it from the stack file and run \`pulumi config set --secret ${key} ...\``];
        return [`${at(key)}: unknown key; ${guess(key)}allowed keys: ${schemaKeys.join(", ")} (and secrets set with \`pulumi config set --secret\`)`];
    });
}

/**
 * Sections the file most likely meant but misspelt (`userpool` for an absent `userPool`): read as
 * left out, they would send the checks that depend on them the wrong way ("readers is not a group
 * of the pool"), so they count as refused: the misspelling is said, and those checks wait.
 */
export function misspeltSections(raw: RawConfig, schemaKeys: readonly string[]): string[] {
    return Object.keys(raw.values)
        .filter((key) => !schemaKeys.includes(key))
        .map((key) => closest(key, schemaKeys))
        .filter((near): near is string => near !== undefined && raw.values[near] === undefined);
}

/** Keys of namespaces nothing reads, with the namespace they most likely misspell. */
export function unknownNamespaceKeys(namespace: string, others: readonly string[]): string[] {
    const known = [namespace, ...readNamespaces];
    return others.flatMap((key) => {
        const [space, ...rest] = key.split(":");
        if (known.includes(space)) return [];
        const near = closest(space, known);
        return [`${key}: nothing reads the namespace ${show(space)}; ${near ? `did you mean ${near}:${rest.join(":")}? ` : ""}allowed: ${known.map((k) => `${k}:`).join(", ")}`];
    });
}
