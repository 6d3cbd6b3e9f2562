// Which deployed resource a planned one takes over, against the engine's own rules
// (pulumi/pulumi pkg/resource/deploy/step_generator.go: getOldResource, generateAliases,
// collapseAliasToUrn, inheritedChildAlias; sdk/go/common/resource/alias.go CreateURN and
// resource/urn/urn.go New; the Node.js SDK's alias specs, sdk/nodejs/runtime/resource.ts
// mapAliasesForRequest). Each case is one rule of that code, on resources written out by hand.
import * as assert from "assert";
import type { AliasSeen, PlannedResource } from "../../tools/harness/run-program";
import { matchFormerUrns } from "../../tools/harness/urns";

const target = { stack: "prod", project: "cognito" };
const stack: PlannedResource = resource("pulumi:pulumi:Stack", "cognito-prod", undefined, "urn:pulumi:prod::cognito::pulumi:pulumi:Stack::cognito-prod");
const component = "cognito:index:UserPool";
const pool = "aws:cognito/userPool:UserPool";
const role = "aws:iam/role:Role";

function resource(type: string, name: string, parent: string | undefined, urn: string, aliases?: AliasSeen[]): PlannedResource {
    return { type, name, parent, custom: true, inputs: {}, outputs: {}, urn, options: { protect: false, retainOnDelete: false, dependsOn: [], aliases } };
}
const top = (type: string, name: string, aliases?: AliasSeen[]) => resource(type, name, "pulumi:pulumi:Stack::cognito-prod", `urn:pulumi:prod::cognito::${type}::${name}`, aliases);
const child = (parent: PlannedResource, type: string, name: string, aliases?: AliasSeen[]) =>
    resource(type, name, `${parent.type}::${parent.name}`, `urn:pulumi:prod::cognito::${parent.urn.split("::")[2]}$${type}::${name}`, aliases);

/** Planned resource name -> the old URN it takes over ("(created)" when none). */
function taken(resources: PlannedResource[], olds: string[]): Record<string, string> {
    const { formerUrn } = matchFormerUrns(target, [stack, ...resources], new Set(olds));
    return Object.fromEntries(resources.map((r) => [r.name, formerUrn.get(r) ?? "(created)"]));
}

describe("former URNs, as the engine decides them", () => {
    it("a component renamed with an alias to its old name keeps its children: the parent-name prefix of each child's name is swapped back (inheritedChildAlias)", () => {
        const users = top(component, "users", [{ name: "main" }]);
        const olds = [
            "urn:pulumi:prod::cognito::cognito:index:UserPool::main",
            "urn:pulumi:prod::cognito::cognito:index:UserPool$aws:cognito/userPool:UserPool::main-pool",
            "urn:pulumi:prod::cognito::cognito:index:UserPool$aws:iam/role:Role::sms-role",
        ];
        assert.deepStrictEqual(taken([users, child(users, pool, "users-pool"), child(users, role, "sms-role")], olds), {
            users: olds[0],
            "users-pool": olds[1],
            "sms-role": olds[2],
        }, "a child name without the parent's prefix keeps its name under the former parent");
    });

    it("only the former URN the parent took over is handed down, and none when the parent kept its own URN", () => {
        const users = top(component, "users", [{ name: "main" }, { name: "legacy" }]);
        const olds = ["urn:pulumi:prod::cognito::cognito:index:UserPool::legacy", "urn:pulumi:prod::cognito::cognito:index:UserPool$aws:cognito/userPool:UserPool::legacy-pool", "urn:pulumi:prod::cognito::cognito:index:UserPool$aws:cognito/userPool:UserPool::main-pool"];
        assert.deepStrictEqual(taken([users, child(users, pool, "users-pool")], olds), { users: olds[0], "users-pool": olds[1] }, "main-pool would need the alias main, which the parent did not take");
        const kept = top(component, "main", [{ name: "legacy" }]);
        const renamedChild = child(kept, pool, "main-user-pool");
        assert.deepStrictEqual(taken([kept, renamedChild], ["urn:pulumi:prod::cognito::cognito:index:UserPool::main", "urn:pulumi:prod::cognito::cognito:index:UserPool$aws:cognito/userPool:UserPool::main-pool"]), { main: "urn:pulumi:prod::cognito::cognito:index:UserPool::main", "main-user-pool": "(created)" }, "a child renamed without an alias of its own is created");
    });

    it("a resource's own URN wins over its aliases (getOldResource looks it up first)", () => {
        const olds = ["urn:pulumi:prod::cognito::aws:iam/role:Role::new", "urn:pulumi:prod::cognito::aws:iam/role:Role::old"];
        assert.deepStrictEqual(taken([top(role, "new", [{ name: "old" }])], olds), { new: olds[0] });
    });

    it("an alias spec takes what it leaves out from the resource; its parent is the parent's former URN when the parent took one (collapseAliasToUrn)", () => {
        const users = top(component, "users", [{ name: "main" }]);
        const olds = ["urn:pulumi:prod::cognito::cognito:index:UserPool::main", "urn:pulumi:prod::cognito::cognito:index:UserPool$aws:cognito/userPool:UserPool::pool"];
        assert.deepStrictEqual(taken([users, child(users, pool, "users-pool", [{ name: "pool" }])], olds), { users: olds[0], "users-pool": olds[1] });
    });

    it("parent: undefined in a spec means no parent but the stack; a named parent is that resource; a whole URN is taken as it is", () => {
        const users = top(component, "users");
        const olds = [
            "urn:pulumi:prod::cognito::aws:cognito/userPool:UserPool::users-pool",
            "urn:pulumi:prod::cognito::cognito:index:Old$aws:iam/role:Role::sms",
            "urn:pulumi:prod::cognito::legacy:index:Thing::x",
        ];
        assert.deepStrictEqual(taken([
            users,
            child(users, pool, "users-pool", [{ noParent: true }]),
            child(users, role, "sms", [{ parent: "urn:pulumi:prod::cognito::cognito:index:Old::o" }]),
            top(role, "x", [{ urn: "urn:pulumi:prod::cognito::legacy:index:Thing::x" }]),
        ], olds), { users: "(created)", "users-pool": olds[0], sms: olds[1], x: olds[2] });
    });

    it("a spec's project and stack replace the target's; the inherited alias keeps the new project (urn.New with the deployment's project), a child's own alias follows its parent's former URN", () => {
        const moved = top(component, "main", [{ project: "old-project" }]);
        const olds = ["urn:pulumi:prod::old-project::cognito:index:UserPool::main", "urn:pulumi:prod::old-project::cognito:index:UserPool$aws:cognito/userPool:UserPool::main-pool", "urn:pulumi:old-stack::cognito::aws:iam/role:Role::r"];
        assert.deepStrictEqual(taken([moved, child(moved, pool, "main-pool"), top(role, "r", [{ stack: "old-stack" }])], olds), { main: olds[0], "main-pool": "(created)", r: olds[2] });
        const aliased = top(component, "main", [{ project: "old-project" }]);
        assert.deepStrictEqual(taken([aliased, child(aliased, pool, "main-pool", [{ name: "main-pool" }])], olds), { main: olds[0], "main-pool": olds[1] });
    });

    it("grandchildren follow: a child that took over through its parent hands its former URN down in turn", () => {
        const users = top(component, "users", [{ name: "main" }]);
        const fn = resource("cognito:index:TriggerFunction", "users-fn", `${component}::users`, "urn:pulumi:prod::cognito::cognito:index:UserPool$cognito:index:TriggerFunction::users-fn");
        const log = resource("aws:cloudwatch/logGroup:LogGroup", "users-fn-logs", "cognito:index:TriggerFunction::users-fn", "urn:pulumi:prod::cognito::cognito:index:UserPool$cognito:index:TriggerFunction$aws:cloudwatch/logGroup:LogGroup::users-fn-logs");
        const olds = ["urn:pulumi:prod::cognito::cognito:index:UserPool::main", "urn:pulumi:prod::cognito::cognito:index:UserPool$cognito:index:TriggerFunction::main-fn", "urn:pulumi:prod::cognito::cognito:index:UserPool$cognito:index:TriggerFunction$aws:cloudwatch/logGroup:LogGroup::main-fn-logs"];
        assert.deepStrictEqual(taken([users, fn, log], olds), { users: olds[0], "users-fn": olds[1], "users-fn-logs": olds[2] });
    });

    it("two resources claiming one former URN are a conflict the engine refuses", () => {
        const olds = ["urn:pulumi:prod::cognito::aws:iam/role:Role::old"];
        const { conflicts } = matchFormerUrns(target, [stack, top(role, "a", [{ name: "old" }]), top(role, "b", [{ name: "old" }])], new Set(olds));
        assert.deepStrictEqual(conflicts, olds);
        const own = matchFormerUrns(target, [stack, top(role, "a", [{ name: "old" }]), top(role, "old")], new Set(olds));
        assert.deepStrictEqual(own.conflicts, olds, "a new resource under the very URN another one took over");
    });
});
