// Errors for people: each line names the config key, the value found and what is allowed.
import type { z } from "zod";
import { closest, didYouMean } from "./suggest";

export class ConfigError extends Error {
    constructor(readonly problems: readonly string[], readonly source: string) {
        super(`Invalid stack config in ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "ConfigError";
    }
}

/** `userPool.mfa.mode`, `clients[1].kind`: the path as a person would type it under `cognito:`. */
export function keyPath(namespace: string, path: readonly PropertyKey[]): string {
    let text = "";
    for (const part of path) {
        text += typeof part === "number" ? `[${part}]` : `${text ? "." : ""}${String(part)}`;
    }
    return `${namespace}:${text}`;
}

export function show(value: unknown): string {
    if (value === undefined) return "nothing";
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** The value at fault: for a bad discriminator ("type", "style"), the discriminator, not its object. */
function offendingValue(issue: z.core.$ZodIssue): unknown {
    const input = (issue as { input?: unknown }).input;
    const last = issue.path[issue.path.length - 1];
    if (issue.code === "invalid_union" && input && typeof input === "object" && typeof last === "string" && last in input) {
        return (input as Record<string, unknown>)[last];
    }
    if (issue.code === "invalid_key") return last;
    return input;
}

/** zod's type names as a stack file's author writes the value: a YAML list, a map of keys. */
function expectedType(expected: string): string {
    if (expected === "array") return "a list ([a, b] or one \"- item\" per line)";
    if (expected === "object") return "a map of keys ({ key: value } or indented keys)";
    return expected;
}

/** One line per zod issue, always with the value found and what is allowed. */
export function describeIssue(namespace: string, issue: z.core.$ZodIssue): string {
    const key = keyPath(namespace, issue.path);
    const input = offendingValue(issue);
    switch (issue.code) {
        case "invalid_type":
            // A schema's own words ("expected ...", or "allowed: ..." where 1.5 is not a whole number) over zod's type name.
            return input === undefined
                ? `${key}: is required (expected ${expectedType(issue.expected)})`
                : `${key}: got ${show(input)}; ${/^(expected|allowed)\b/.test(issue.message) ? issue.message : `expected ${expectedType(issue.expected)}`}`;
        case "invalid_value": {
            // "Google" for "google", "plus" for "PLUS": a slip, said as such.
            const near = typeof input === "string" ? closest(input, issue.values.filter((v): v is string => typeof v === "string")) : undefined;
            return `${key}: got ${show(input)}; ${didYouMean(near, show)}allowed: ${issue.values.map((v) => show(v)).join(", ")}`;
        }
        case "too_small":
        case "too_big": {
            if (issue.message.startsWith("allowed")) return `${key}: got ${show(input)}; ${issue.message}`;
            const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
            const unit = issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : "";
            return `${key}: got ${show(input)}; allowed: ${bound}${unit}`;
        }
        case "unrecognized_keys":
            return `${key}: ${issue.message}`;
        case "invalid_key":
            return `${key}: the name ${show(input)} is not allowed; ${issue.issues[0]?.message ?? issue.message}`;
        default: {
            // A union's "allowed: "a", "b"" (a discriminator such as an identity provider's type): a slip named too.
            const offered = issue.message.startsWith("allowed:") ? [...issue.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
            const near = typeof input === "string" && !offered.includes(input) ? closest(input, offered) : undefined;
            return `${key}: got ${show(input)}; ${didYouMean(near, show)}${issue.message}`;
        }
    }
}
