import * as assert from "assert";
import { lambdaEntry, readSettings, settingsVariable } from "../../lambdas/shared/entry";
import { genericMessage } from "../../lambdas/shared/errors";

describe("lambda entry", () => {
    const saved = process.env[settingsVariable];
    afterEach(() => {
        if (saved === undefined) delete process.env[settingsVariable];
        else process.env[settingsVariable] = saved;
    });

    it("reads settings from the environment variable the component writes", () => {
        assert.deepStrictEqual(readSettings({ [settingsVariable]: `{"defaultGroup":"readers"}` }), { defaultGroup: "readers" });
    });

    it("names the variable when it is missing", () => {
        assert.throws(() => readSettings({}), { message: "TRIGGER_SETTINGS is not set" });
    });

    it("builds the handler once per container", async () => {
        process.env[settingsVariable] = `{"n":1}`;
        let built = 0;
        const handler = lambdaEntry<{ n: number }, { seen?: number }>("test", (settings) => {
            built += 1;
            return async (event) => ({ ...event, seen: settings.n });
        });
        assert.deepStrictEqual([await handler({}), await handler({})], [{ seen: 1 }, { seen: 1 }]);
        assert.strictEqual(built, 1);
    });

    it("answers a broken settings variable with the generic message, not the parse error", async () => {
        process.env[settingsVariable] = "{not json";
        const errors: string[] = [];
        const original = console.error;
        console.error = (line: string) => errors.push(line);
        try {
            await assert.rejects(lambdaEntry("test", () => async (e: object) => e)({}), { message: genericMessage });
        } finally {
            console.error = original;
        }
        assert.strictEqual(JSON.parse(errors[0]).error, "SyntaxError");
    });
});
