// What every rule file shares: resource type tokens, typed views of the properties rules read,
// config with schema defaults, and a type filter. Rules match type tokens rather than importing
// @pulumi/aws, so the pack starts fast.
import type { PolicyConfigSchema, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

import { awsNativeTypes, awsTypes } from "./type-tokens";

export const types = awsTypes;

export interface IdentityPoolProps {
    id?: string;
    allowUnauthenticatedIdentities?: boolean;
    allowClassicFlow?: boolean;
}

/** A rule's settings: what the stage's config file says over the schema's defaults. */
export function settingsOf<T extends object>(args: { getConfig<C extends object>(): C }, schema: PolicyConfigSchema): T {
    const defaults = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, (v as { default?: unknown }).default]));
    return { ...defaults, ...args.getConfig<object>() } as T;
}

/** A resource validation that only looks at one resource type. */
export function forType<P>(type: string, validate: (props: P, args: ResourceValidationArgs, report: ReportViolation) => void): ResourceValidationPolicy["validateResource"] {
    return (args, report) => {
        if (args.type === type) validate(args.props as P, args, report);
    };
}

export function resourcesOf(args: { resources: PolicyResource[] }, type: string) {
    return args.resources.filter((r) => r.type === type);
}

export function asList<T>(value: T | T[] | undefined): T[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

// ---- reading odd shapes as what they mean -------------------------------------------------------
// Code nobody here wrote spells the same setting many ways: booleans and numbers as strings, enum
// values in any case, Terraform's one-element list for a nested block, "" for unset, one string
// where a list is expected, null entries. These read each shape as what it means; what makes no
// sense reads as unset (undefined), so a rule judges the default rather than crash or invent.
// Values a preview cannot know still throw (the unknown-value proxy), as the engine expects.

/** A plain object: a `{...}`, or the first object of Terraform's block shape `[{...}]`. */
export function obj(value: unknown): Record<string, unknown> | undefined {
    if (Array.isArray(value)) {
        for (const item of value) if (item !== null && typeof item === "object" && !Array.isArray(item)) return item as Record<string, unknown>;
        return undefined;
    }
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
}

/** A nested field, each step read through obj (so `a: [{ b: [{ c: 1 }] }]` reads as `a.b.c`). */
export function field(value: unknown, ...path: string[]): unknown {
    let current: unknown = value;
    for (const key of path) {
        const o = obj(current);
        if (o === undefined) return undefined;
        current = o[key];
    }
    return current;
}

/** true / false, also "true" / "False" / " TRUE "; anything else is unset. */
export function bool(value: unknown): boolean | undefined {
    if (typeof value === "boolean") return value;
    if (typeof value === "string") {
        const t = value.trim().toLowerCase();
        if (t === "true") return true;
        if (t === "false") return false;
    }
    return undefined;
}

/** A finite number, also "15" or " 7 "; "" and anything else is unset. */
export function num(value: unknown): number | undefined {
    if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
    if (typeof value === "string" && value.trim() !== "") {
        const n = Number(value.trim());
        return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
}

/** A non-blank string, trimmed; "" and anything else is unset. */
export function text(value: unknown): string | undefined {
    if (typeof value !== "string") return undefined;
    const t = value.trim();
    return t === "" ? undefined : t;
}

/** An enum value in AWS's spelling (upper case): "on" is ON. */
export function enumValue(value: unknown): string | undefined {
    return text(value)?.toUpperCase();
}

/** An object, also given as a JSON string (a Lambda environment variable, a mapping written as JSON); undefined when it is neither. */
export function objectOrJson(value: unknown): Record<string, unknown> | undefined {
    if (typeof value === "string") {
        try {
            return obj(JSON.parse(value));
        } catch {
            return undefined;
        }
    }
    return obj(value);
}

/** A list: one value stands for a list of one; null entries and "" are skipped; unset is []. */
export function list(value: unknown): unknown[] {
    if (value === undefined || value === null) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.filter((v) => v !== undefined && v !== null && v !== "");
}

/** The strings of a list (a single string is one entry: a URL list given as one string is one URL). */
export function strings(value: unknown): string[] {
    return list(value).map(text).filter((v): v is string => v !== undefined);
}

/** The first of several spellings of one property that is set (aws-native vs aws names). */
export function firstSet(props: Record<string, unknown>, ...names: string[]): unknown {
    for (const name of names) {
        const v = props[name];
        if (v !== undefined && v !== null && v !== "") return v;
    }
    return undefined;
}

/** Every type token judged as a user pool, as an app client, and as an identity pool (whose settings both spell alike). */
export const userPoolTypes: readonly string[] = [awsTypes.userPool, awsNativeTypes.userPool];
export const clientTypes: readonly string[] = [awsTypes.client, awsTypes.managedClient, awsNativeTypes.client];
export const identityPoolTypes: readonly string[] = [awsTypes.identityPool, awsNativeTypes.identityPool];

/** A resource validation that looks at any of several resource types. */
export function forTypes<P>(typeList: readonly string[], validate: (props: P, args: ResourceValidationArgs, report: ReportViolation) => void): ResourceValidationPolicy["validateResource"] {
    return (args, report) => {
        if (typeList.includes(args.type)) validate(args.props as P, args, report);
    };
}

export function resourcesOfTypes(args: { resources: PolicyResource[] }, typeList: readonly string[]) {
    return args.resources.filter((r) => typeList.includes(r.type));
}

type Props = Record<string, unknown>;

/** A pool's password policy (aws: passwordPolicy; aws-native: policies.passwordPolicy). */
export const passwordPolicyOf = (pool: Props): Props => obj(pool.passwordPolicy) ?? obj(field(pool, "policies", "passwordPolicy")) ?? {};

/** The first factors a pool accepts, upper case; undefined when unset (AWS: password only). */
export function firstFactorsOf(pool: Props): string[] | undefined {
    const factors = strings(field(pool, "signInPolicy", "allowedFirstAuthFactors") ?? field(pool, "policies", "signInPolicy", "allowedFirstAuthFactors")).map((f) => f.toUpperCase());
    return factors.length > 0 ? factors : undefined;
}

/** No password sign-in: the pool's first factors are set and do not include PASSWORD. */
export function passwordless(pool: Props): boolean {
    const factors = firstFactorsOf(pool);
    return factors !== undefined && !factors.includes("PASSWORD");
}

/** MFA mode, upper case, AWS's OFF when unset. */
export const mfaModeOf = (pool: Props): string => enumValue(pool.mfaConfiguration) ?? "OFF";

/** MFA factors a pool offers (aws: the per-factor blocks; aws-native: enabledMfas). */
export function mfaFactorsOf(pool: Props): { totp: boolean; sms: boolean; email: boolean } {
    const enabled = strings(pool.enabledMfas).map((f) => f.toUpperCase());
    return {
        totp: bool(field(pool, "softwareTokenMfaConfiguration", "enabled")) === true || enabled.includes("SOFTWARE_TOKEN_MFA"),
        sms: obj(pool.smsConfiguration) !== undefined || enabled.includes("SMS_MFA"),
        email: obj(pool.emailMfaConfiguration) !== undefined || enabled.includes("EMAIL_OTP"),
    };
}

/** The pool's id: aws `id`, aws-native `userPoolId`. */
export const poolIdOf = (pool: Props): string | undefined => text(pool.id) ?? text(pool.userPoolId);

/** The account an ARN names (a function's, a role's, a pool's); undefined for "*", a wildcard or no ARN. */
export const accountOf = (arn: string | undefined): string | undefined => (arn === undefined ? undefined : /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(arn)?.[1]);

/** A client has a secret: generateSecret (in any spelling of true), or a secret in its state. */
export const hasSecret = (client: Props): boolean => bool(client.generateSecret) === true || text(client.clientSecret) !== undefined;
