// Test helpers over the offline harness: run components or whole stacks, find what they registered.
import * as assert from "assert";
import { runProgram, type PlannedResource, type ProgramRun } from "../../tools/harness/run-program";
import { planStack, type Plan } from "../../tools/harness/run-stack";


/** Runs `build` under the mock runtime as a stack of its own. */
export function runComponents(build: () => Record<string, unknown> | void, config: Record<string, string> = {}): Promise<ProgramRun> {
    return runProgram(build, { stack: "test", config });
}

export function ofType(run: ProgramRun, type: string): PlannedResource[] {
    return run.resources.filter((r) => r.type === type);
}

export function one(run: ProgramRun, type: string, name?: string): PlannedResource {
    const found = ofType(run, type).filter((r) => name === undefined || r.name === name);
    assert.strictEqual(found.length, 1, `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.map((r) => r.name).join(", ") || "none"}`);
    return found[0];
}

export { awsTypes as types, componentTypes } from "../../policy/rules/type-tokens";

type Edits = Record<string, (current: any) => any>;

/**
 * Plans a shipped stack with some `cognito:*` keys changed. Each edit gets the key's current
 * value (parsed) and returns the new one (undefined removes the key).
 */
export function planEdited(stack: string, edits: Edits): Promise<Plan> {
    return planStack(stack, {
        edit: (values) => {
            for (const [key, edit] of Object.entries(edits)) {
                const full = key.includes(":") ? key : `cognito:${key}`;
                const current = values[full] === undefined ? undefined : parse(values[full]);
                const next = edit(structuredClone(current));
                if (next === undefined) delete values[full];
                else values[full] = typeof next === "string" ? next : JSON.stringify(next);
            }
            return values;
        },
    });
}

function parse(raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        return raw;
    }
}

/** Awaits a rejection and returns its message lines (the lines starting with "  - "). */
export async function problemLines(promise: Promise<unknown>): Promise<string[]> {
    try {
        await promise;
    } catch (error) {
        return (error as Error).message.split("\n").filter((l) => l.startsWith("  - ")).map((l) => l.slice(4));
    }
    assert.fail("expected a rejection, but it resolved");
}
