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
import { closest, didYouMean } from "./suggest";

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
        return didYouMean(near, at);
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

/** Other namespaces' keys, by namespace, those nothing reads only. */
function unreadByNamespace(namespace: string, others: readonly string[]): Map<string, string[]> {
    const known = [namespace, ...readNamespaces];
    const unread = new Map<string, string[]>();
    for (const key of others) {
        const space = key.slice(0, key.indexOf(":"));
        if (!known.includes(space)) unread.set(space, [...(unread.get(space) ?? []), key.slice(space.length + 1)]);
    }
    return unread;
}

/**
 * A namespace holding this program's own keys (stage, userPool, ...) that is no slip of the project's
 * name is the project's former name: Pulumi.yaml renamed with the stack files left as they were. The
 * guard stops that change (every URN moves); here it is said, as a setting without effect, rather
 * than refused. A slip of the name (`cognto`) is a typo, refused with what it meant.
 */
const formerProjectName = (space: string, namespace: string, keys: readonly string[], schemaKeys: readonly string[]) =>
    keys.some((key) => schemaKeys.includes(key)) && closest(space, [namespace]) === undefined;

/** Keys of namespaces nothing reads, with the namespace they most likely misspell; a former project name's are notices (renamedProjectKeys). */
export function unknownNamespaceKeys(namespace: string, others: readonly string[], schemaKeys: readonly string[]): string[] {
    const known = [namespace, ...readNamespaces];
    return [...unreadByNamespace(namespace, others)].filter(([space, keys]) => !formerProjectName(space, namespace, keys, schemaKeys)).flatMap(([space, keys]) => keys.map((key) => {
        const near = closest(space, known);
        return `${space}:${key}: nothing reads the namespace ${show(space)}; ${didYouMean(near, (n) => `${n}:${key}`)}allowed: ${known.map((k) => `${k}:`).join(", ")}`;
    }));
}

/** This program's keys under a namespace that is not the project's: said, for the run goes on without them. */
export function renamedProjectKeys(namespace: string, others: readonly string[], schemaKeys: readonly string[]): string[] {
    return [...unreadByNamespace(namespace, others)].filter(([space, keys]) => formerProjectName(space, namespace, keys, schemaKeys)).map(([space, keys]) =>
        `${space}:* (${keys.length} key${keys.length === 1 ? "" : "s"}: ${keys.join(", ")}) are this program's keys under ${show(space)}, which nothing reads: Pulumi.yaml names the project ${show(namespace)}, whose keys are ${namespace}:*; the program runs on its defaults without them`);
}
