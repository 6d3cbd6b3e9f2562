// The triggers on a user pool, from its lambdaConfig: each slot's function in the stack and the
// settings its handler reads (the TRIGGER_SETTINGS variable), in a few words. The trust decisions
// the handlers make (the client gate, account linking, the default group) are read here once for
// the map to draw where they act.
import type { PolicyResource } from "@pulumi/policy";
import { settingsVariable } from "../../lambdas/shared/entry";
import { awsTypes } from "../../policy/rules/type-tokens";
import { obj, strings, text } from "../../policy/rules/support";
import { arnName, type Props } from "./stack-view";

export interface PoolTrigger {
    /** The lambdaConfig slot: preSignUp, preTokenGeneration, customEmailSender, ... */
    readonly slot: string;
    /** The function's name (from its ARN when the function is not in the stack). */
    readonly functionName: string;
    /** The function's resource, when the stack has it. */
    readonly resource?: PolicyResource;
    /** The token event version (V1_0, V2_0, V3_0), for the token trigger. */
    readonly version?: string;
    /** What the handler reads, when the function carries TRIGGER_SETTINGS as JSON. */
    readonly settings?: Props;
}

/** The trust decisions the triggers make, gathered over every trigger of the pool. */
export interface TriggerDecisions {
    /** Client name -> the groups whose members alone get tokens from it. */
    readonly requiredGroups: ReadonlyMap<string, readonly string[]>;
    /** Providers whose sign-ups join the native account with the same verified address. */
    readonly linkingProviders: readonly string[];
    /** Groups whose members are never linked. */
    readonly protectedGroups: readonly string[];
    /** The group each confirmed user joins. */
    readonly defaultGroup?: string;
}

/** lambdaConfig entries that are not functions. */
const notFunctions = ["kmsKeyId"];

/** The functions a pool's lambdaConfig names, one per slot (preTokenGeneration and its config block are one). */
export function poolTriggers(pool: PolicyResource, functions: readonly PolicyResource[]): PoolTrigger[] {
    const config = obj(pool.props.lambdaConfig) ?? {};
    const slots = new Map<string, { arn: string; version?: string }>();
    for (const [key, value] of Object.entries(config)) {
        if (notFunctions.includes(key)) continue;
        const block = obj(value);
        const arn = text(value) ?? text(block?.lambdaArn);
        if (arn === undefined) continue;
        const slot = key.replace(/Config$/, "");
        slots.set(slot, { arn, version: text(block?.lambdaVersion) ?? slots.get(slot)?.version });
    }
    return [...slots].map(([slot, { arn, version }]) => {
        const resource = functions.find((f) => f.type === awsTypes.lambdaFunction && (f.props.arn === arn || text(f.props.name) === arnName(arn)));
        return { slot, functionName: text(resource?.props.name) ?? arnName(arn), resource, version, settings: resource && settingsOf(resource) };
    });
}

function settingsOf(fn: PolicyResource): Props | undefined {
    const raw = obj(obj(fn.props.environment)?.variables)?.[settingsVariable];
    if (typeof raw !== "string") return undefined;
    try {
        return obj(JSON.parse(raw));
    } catch {
        return undefined;
    }
}

export function triggerDecisions(triggers: readonly PoolTrigger[]): TriggerDecisions {
    const requiredGroups = new Map<string, string[]>();
    const linking = new Set<string>();
    const guarded = new Set<string>();
    let defaultGroup: string | undefined;
    for (const { settings } of triggers) {
        if (!settings) continue;
        for (const [client, groups] of Object.entries(obj(settings.requiredGroups) ?? {})) requiredGroups.set(client, [...new Set([...(requiredGroups.get(client) ?? []), ...strings(groups)])]);
        strings(settings.linkingProviders).forEach((p) => linking.add(p));
        // The token trigger's copy of protectedGroups guards linked members; the pre sign-up one decides linking: the same list.
        strings(settings.protectedGroups).forEach((g) => guarded.add(g));
        defaultGroup ??= text(settings.defaultGroup);
    }
    return { requiredGroups, linkingProviders: [...linking], protectedGroups: [...guarded], defaultGroup };
}

/** "preTokenGeneration" -> "pre token generation", "preSignUp" -> "pre sign-up". */
export const slotTitle = (slot: string) => slot.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).replace(/\bsign up\b/, "sign-up").replace(/\bsms\b/, "SMS");

const list = (value: unknown) => strings(value).join(", ");

/** What a handler of this project does with its settings, one line each; any other key as it is. */
const describe: Readonly<Record<string, (value: unknown) => string | undefined>> = {
    allowedEmailDomains: (v) => list(v) && `only emails at ${list(v)}`,
    deniedEmailDomains: (v) => list(v) && `refuses emails at ${list(v)}`,
    autoConfirmEmailDomains: (v) => list(v) && `confirms without a code: ${list(v)}`,
    linkingProviders: (v) => list(v) && `links sign-ups of ${list(v)} into native accounts`,
    protectedGroups: (v) => list(v) && `protected groups: ${list(v)}`,
    providerNames: () => undefined,
    passwordPolicy: () => undefined,
    requiredGroups: (v) => {
        const gates = Object.entries(obj(v) ?? {}).map(([client, groups]) => `${client}: ${list(groups)}`);
        return gates.length ? `client gate: ${gates.join("; ")}` : undefined;
    },
    tokens: (v) => {
        const tokens = obj(v) ?? {};
        const claims = Object.keys(obj(tokens.claims) ?? {});
        const grants = (Array.isArray(tokens.accessTokenScopes) ? tokens.accessTokenScopes : []).map((g) => scopeGrant(obj(g) ?? {}));
        return [text(tokens.rolesClaim) && `groups in claim ${text(tokens.rolesClaim)}`, claims.length > 0 && `claims: ${claims.join(", ")}`, ...grants].filter(Boolean).join(", ") || undefined;
    },
    defaultGroup: (v) => text(v) && `new users join ${text(v)}`,
    appName: (v) => `messages in ${Object.keys(obj(v) ?? {}).join(", ")}`,
    source: (v) => text(obj(v)?.userPoolId) && `moves users from ${text(obj(v)?.userPoolId)}`,
    migrationSource: (v) => text(obj(v)?.userPoolId) && `their groups follow from ${text(obj(v)?.userPoolId)}`,
};

const scopeGrant = (grant: Props) => `scopes ${list(grant.scopes)} to ${[grant.groups !== undefined && `groups ${list(grant.groups)}`, grant.clients !== undefined && `clients ${list(grant.clients)}`].filter(Boolean).join(" and ") || "everyone"}`;

/** The trigger's settings in a few words, one line per setting that is set. */
export function settingsLines(trigger: PoolTrigger): string[] {
    if (!trigger.settings) return [];
    return Object.entries(trigger.settings).flatMap(([key, value]) => {
        const line = Object.hasOwn(describe, key) ? describe[key](value) : genericLine(key, value);
        return line ? [line] : [];
    });
}

function genericLine(key: string, value: unknown): string | undefined {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return undefined;
    const shown = typeof value === "string" ? value : JSON.stringify(value);
    return `${key}: ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`;
}

/** What, newly set, lets more people in: auto-confirmed domains and scope grants. */
export function triggerFacts(trigger: PoolTrigger): string[] {
    const s = trigger.settings ?? {};
    const tokens = obj(s.tokens) ?? {};
    return [
        ...strings(s.autoConfirmEmailDomains).map((d) => `confirms without a code: ${d}`),
        ...(Array.isArray(tokens.accessTokenScopes) ? tokens.accessTokenScopes : []).map((g) => scopeGrant(obj(g) ?? {})),
        ...(s.source !== undefined ? [`moves users from ${text(obj(s.source)?.userPoolId)}`] : []),
    ];
}
