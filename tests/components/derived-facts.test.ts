// Facts a component owns and others read from it, and rules that hold for a component used on its
// own (not only through preflight).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AppClients } from "../../components/app-clients";
import { Domain } from "../../components/domain";
import { Triggers } from "../../components/triggers";
import { UserPool } from "../../components/user-pool";
import { valueOf } from "../../tools/harness/run-program";
import { componentTypes, runComponents } from "../support/harness";

describe("derived facts and component rules", () => {
    it("UserPool knows its capabilities and immutable attributes", async () => {
        let pool: UserPool | undefined;
        await runComponents(() => {
            pool = new UserPool("up", {
                name: "news", protect: false, retainOnDelete: false, mfa: { mode: "OPTIONAL" },
                standardAttributes: { email: { required: true }, birthdate: { mutable: false } },
                customAttributes: { tier: { type: "String" }, tenant: { type: "String", mutable: false } },
                passwordless: { passkeys: { relyingPartyId: "auth.news.example.com" } },
            });
        });
        assert.deepStrictEqual(pool!.immutableAttributes, ["birthdate", "custom:tenant"]);
        assert.deepStrictEqual(pool!.capabilities, { featurePlan: "ESSENTIALS", passwordless: true, immutableAttributes: ["birthdate", "custom:tenant"], customAttributes: ["tier", "tenant"] });
        assert.strictEqual(pool!.name, "news");
    });

    it("Domain knows its sign-in and sign-out URLs per web client and language", async () => {
        let urls: Promise<unknown> | undefined;
        await runComponents(() => {
            const clients = new AppClients("apps", { userPoolId: "p", pool: { featurePlan: "ESSENTIALS", passwordless: false }, clients: [{ name: "web", kind: "web", callbackUrls: ["https://news.example.com/cb"], logoutUrls: ["https://news.example.com/"] }, { name: "tv", kind: "native", callbackUrls: ["newstv://cb"] }] });
            const domain = new Domain("hosted", { userPoolId: "p", region: "eu-central-1", prefix: "news-auth" });
            urls = valueOf(pulumi.all([domain.signInUrls(clients), domain.signOutUrls(clients)]));
        });
        const [signIn, signOut] = (await urls) as [Record<string, Record<string, string>>, Record<string, Record<string, string>>];
        assert.deepStrictEqual(Object.keys(signIn), ["web"], "web clients only");
        assert.match(signIn.web.ar, /^https:\/\/news-auth\.auth\.eu-central-1\.amazoncognito\.com\/oauth2\/authorize\?client_id=mockclientappsweb&.*&lang=ar$/);
        assert.match(signOut.web.en, /^https:\/\/news-auth\.auth\.eu-central-1\.amazoncognito\.com\/logout\?client_id=mockclientappsweb&logout_uri=https%3A%2F%2Fnews\.example\.com%2F&lang=en$/);
    });

    it("AppClients refuses a client the triggers gate that it does not have, used without preflight", async () => {
        await assert.rejects(runComponents(() => {
            const triggers = new Triggers("up", { poolName: "news", groups: [{ name: "admins" }], preAuthentication: { requiredGroups: { kiosk: ["admins"] } } });
            new AppClients("apps", { userPoolId: "p", pool: { featurePlan: "ESSENTIALS", passwordless: false }, clients: [{ name: "web", kind: "web", callbackUrls: ["https://news.example.com/cb"] }], triggers });
        }), { message: `AppClients "apps" has invalid arguments:\n  - triggers.preAuthentication.requiredGroups.kiosk: "kiosk" is not a client of this stack; allowed: "web"` });
    });

    it("UserPool refuses triggers built for another pool, plan or groups", async () => {
        await assert.rejects(runComponents(() => {
            const triggers = new Triggers("up", { poolName: "other", featurePlan: "ESSENTIALS", preTokenGeneration: {} });
            new UserPool("up", { name: "news", featurePlan: "LITE", protect: false, retainOnDelete: false, triggers });
        }), { message: [
            `UserPool "up" has invalid arguments:`,
            `  - triggers.preTokenGeneration: the V2 event (groups as claims, scopes) needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`,
            `  - triggers: were built for the pool "other", but this pool is "news"; give Triggers poolName "news"`,
            `  - triggers: were built for featurePlan "ESSENTIALS", but this pool's is "LITE"; give Triggers the pool's featurePlan`,
        ].join("\n") });
        await assert.rejects(runComponents(() => {
            const triggers = new Triggers("up", { poolName: "news", groups: [{ name: "readers" }], postConfirmation: { defaultGroup: "readers" } });
            new UserPool("up", { name: "news", protect: false, retainOnDelete: false, triggers });
        }), { message: `UserPool "up" has invalid arguments:\n  - triggers.postConfirmation.defaultGroup: got "readers", which is not a group of the pool; allowed: none (declare userPool.groups)` });
    });

    it("keeps the URNs of stacks deployed by the first release: components aliased to the old type, trigger functions to their old parent", async () => {
        const run = await runComponents(() => {
            const triggers = new Triggers("main", { poolName: "news", postAuthentication: {} });
            new UserPool("main", { name: "news", protect: false, retainOnDelete: false, triggers });
        });
        const component = (type: string) => run.resources.find((r) => r.type === type)!;
        assert.deepStrictEqual(component(componentTypes.userPool).options.aliases, [{ type: "cognito-as-code:index:UserPool" }]);
        assert.deepStrictEqual(component(componentTypes.triggers).options.aliases, [{ type: "cognito-as-code:index:Triggers" }]);
        assert.deepStrictEqual(component(componentTypes.triggerFunction).options.aliases, [
            { type: "cognito-as-code:index:TriggerFunction", parent: "urn:pulumi:test::cognito::cognito-as-code:index:UserPool::main" },
            { type: "cognito-as-code:index:TriggerFunction" },
        ]);
    });

    it("names each component type after the project", async () => {
        const run = await runComponents(() => {
            const triggers = new Triggers("up", { poolName: "news", postAuthentication: {} });
            new UserPool("up", { name: "news", protect: false, retainOnDelete: false, triggers });
        });
        const components = run.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack").map((r) => r.type);
        assert.deepStrictEqual([...new Set(components)].sort(), [componentTypes.triggerFunction, componentTypes.triggers, componentTypes.userPool].sort());
    });
});
