// Nothing deployed before the components moved into folders and took the project's type prefix is
// replaced by the move: every URN of that release (a fixture, written by planning the shipped
// stacks with it) is taken over by a resource of today's plan, under its URN or an alias, decided
// the way the engine decides it (tools/harness/urns.ts: a component matched through its former type
// hands that former URN down to its children). The one deliberate exception: the pre authentication
// function and its parts, no longer deployed (the client gate is token generation's alone), are
// deleted; nothing else is.
import * as assert from "assert";
import { planStack } from "../../tools/harness/run-stack";
import { matchFormerUrns } from "../../tools/harness/urns";
import formerUrns from "../fixtures/urns-before-component-folders.json";

describe("URN continuity across the component folders", () => {
    for (const stack of ["dev", "prod"] as const) {
        it(`${stack}: every resource of the former release is taken over, so none is replaced or deleted`, async () => {
            const plan = await planStack(stack);
            const { formerUrn, conflicts } = matchFormerUrns(plan, plan.resources, new Set(formerUrns[stack]));
            const taken = new Set(formerUrn.values());
            const removedOnPurpose = formerUrns[stack].filter((u) => u.includes("::main-pre-authentication"));
            assert.strictEqual(removedOnPurpose.length, 7);
            assert.deepStrictEqual(formerUrns[stack].filter((u) => !taken.has(u)), removedOnPurpose, "former URNs no resource takes over");
            const resources = plan.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
            assert.deepStrictEqual(resources.filter((r) => !formerUrn.has(r)).map((r) => r.urn), [`urn:pulumi:${stack}::cognito::cognito:index:Triggers::main`], "only the Triggers component is new");
            assert.deepStrictEqual(conflicts, []);
        });
    }
});
