// Former URNs as the engine computes them from aliases: the guards decide "same resource" with them.
import * as assert from "assert";
import type { PlannedResource } from "../../tools/harness/run-program";
import { urnsOf } from "../../tools/harness/urns";

const resource = (type: string, name: string, parent?: string, aliases?: PlannedResource["options"]["aliases"]): PlannedResource => ({
    type, name, parent, custom: true, inputs: {}, outputs: {}, urn: "",
    options: { protect: false, retainOnDelete: false, dependsOn: [], aliases },
});
const pool = "aws:cognito/userPool:UserPool";
const component = "cognito:index:UserPool";

describe("former URNs from aliases", () => {
    it("one URN per alias spec, what it leaves out taken from the resource: a rename, a move, a former type", () => {
        const parent = resource(component, "main");
        const renamed = resource(pool, "main-pool", `${component}::main`, [{ name: "pool" }, { type: "aws:cognito/userPool:OldPool", parent: "urn:pulumi:prod::cognito::cognito:index:Old::main" }]);
        assert.deepStrictEqual([...urnsOf("prod", [parent, renamed])(renamed)], [
            "urn:pulumi:prod::cognito::cognito:index:UserPool$aws:cognito/userPool:UserPool::main-pool",
            "urn:pulumi:prod::cognito::cognito:index:UserPool$aws:cognito/userPool:UserPool::pool",
            "urn:pulumi:prod::cognito::cognito:index:Old$aws:cognito/userPool:OldPool::main-pool",
        ], "no cross product: the former type only with the former parent it was given with");
    });

    it("takes a whole former URN as it is, and children follow their parent's former URNs", () => {
        const parent = resource(component, "main", undefined, [{ urn: "urn:pulumi:prod::cognito::legacy:index:Pool::main" }]);
        const child = resource(pool, "main-pool", `${component}::main`);
        const urns = urnsOf("prod", [parent, child]);
        assert.deepStrictEqual([...urns(parent)], ["urn:pulumi:prod::cognito::cognito:index:UserPool::main", "urn:pulumi:prod::cognito::legacy:index:Pool::main"]);
        assert.deepStrictEqual([...urns(child)], [
            "urn:pulumi:prod::cognito::cognito:index:UserPool$aws:cognito/userPool:UserPool::main-pool",
            "urn:pulumi:prod::cognito::legacy:index:Pool$aws:cognito/userPool:UserPool::main-pool",
        ]);
    });
});
