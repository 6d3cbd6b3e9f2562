// The config as `pulumi up` hands it to the program (config/pulumi-source.ts): the runtime's keys,
// each read as the key it is, whatever its name.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "../../config/pulumi-source";
import { readStackFile } from "../../tools/harness/stack-file";

describe("the stack config as the Pulumi runtime gives it", () => {
    it("names a key called __proto__ as unknown instead of taking it for the values' prototype", async () => {
        const file = readStackFile("dev");
        await pulumi.runtime.setMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs }, "cognito", "dev", false);
        pulumi.runtime.setAllConfig({ ...file.values, "cognito:__proto__": JSON.stringify({ userPool: { mfa: { mode: "OFF" } } }) }, []);
        const checked = readStackConfig();
        assert.deepStrictEqual(checked.problems, ["cognito:__proto__: unknown key; allowed keys: stage, stageDefaults, userPool, resourceServers, clients, domain, identityProviders, identityPool, triggers (and secrets set with `pulumi config set --secret`)"]);
        assert.notStrictEqual(checked.parsed.userPool?.mfa?.mode, "OFF");
    });
});
