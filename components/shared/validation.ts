// How components report arguments that cannot work together. Every component checks its own
// arguments before it registers anything; preflight.ts runs the same checks over a whole stack
// config, so the stack stops before the first resource exists.

/** One thing wrong, at a field path relative to the component's args (for example "mfa.email"). */
export interface Problem {
    readonly field: string;
    readonly message: string;
}

export class InvalidArgsError extends Error {
    constructor(readonly component: string, readonly problems: readonly Problem[]) {
        super(`${component} has invalid arguments:\n${problems.map((p) => `  - ${p.field ? `${p.field}: ` : ""}${p.message}`).join("\n")}`);
        this.name = "InvalidArgsError";
    }
}

export function assertValid(component: string, problems: readonly Problem[]): void {
    if (problems.length > 0) throw new InvalidArgsError(component, problems);
}

/** Collects problems with a field prefix, so nested checks stay short. */
export class ProblemList {
    readonly problems: Problem[] = [];
    add(field: string, message: string): void {
        this.problems.push({ field, message });
    }
    check(ok: boolean, field: string, message: string): void {
        if (!ok) this.add(field, message);
    }
}

export function quoted(values: readonly unknown[]): string {
    return values.map((v) => JSON.stringify(v)).join(", ");
}

/**
 * What an "allowed: ..." names: the values, or, while there are none, what to declare first, so that
 * a message never ends in "allowed: " with nothing after it.
 */
export function allowedValues(values: readonly unknown[], declareFirst: string): string {
    return values.length > 0 ? quoted(values) : `none (${declareFirst})`;
}

/** `a.b` + `c` -> `a.b.c`; `a` + `[2]` -> `a[2]`. */
export function joinField(prefix: string, field: string): string {
    if (!prefix) return field;
    if (!field) return prefix;
    return field.startsWith("[") ? `${prefix}${field}` : `${prefix}.${field}`;
}
