// Nothing deployed before the components moved into folders and took the project's type prefix is
// replaced by the move: every URN of that release (a fixture, written by planning the shipped
// stacks with it) is reached by a resource of today's plan, under its URN or one of its aliases,
// computed the way the engine does (a child inherits each of its parent's former URNs). The one
// deliberate exception: the pre authentication function and its parts, no longer deployed (the
// client gate is token generation's alone), are deleted; nothing else is.
import * as assert from "assert";
import { planStack } from "../../tools/harness/run-stack";
import { urnsOf } from "../../tools/harness/urns";
import formerUrns from "../fixtures/urns-before-component-folders.json";

describe("URN continuity across the component folders", () => {
    for (const stack of ["dev", "prod"] as const) {
        it(`${stack}: every resource of the former release is reached, so none is replaced or deleted`, async () => {
            const plan = await planStack(stack);
            const resources = plan.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
            const reach = urnsOf(stack, plan.resources);
            const reached = new Set(resources.flatMap((r) => [...reach(r)]));
            const removedOnPurpose = formerUrns[stack].filter((u) => u.includes("::main-pre-authentication"));
            assert.strictEqual(removedOnPurpose.length, 7);
            assert.deepStrictEqual(formerUrns[stack].filter((u) => !reached.has(u)), removedOnPurpose, "former URNs no resource answers to");
            assert.deepStrictEqual(resources.filter((r) => !formerUrns[stack].some((u) => reach(r).has(u))).map((r) => r.urn), [`urn:pulumi:${stack}::cognito::cognito:index:Triggers::main`], "only the Triggers component is new");
        });
    }
});
