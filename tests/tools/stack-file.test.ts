// What a person sees for a stack file that is not YAML, or not a stack file: the file, the line and
// column, and what is wrong, without a stack trace.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { projectRoot, readStackFile } from "../../tools/harness/stack-file";

describe("stack file problems", () => {
    const file = path.join(projectRoot, `Pulumi.yaml-test-${process.pid}.yaml`);
    const name = path.basename(file);
    const stack = name.slice("Pulumi.".length, -".yaml".length);
    afterEach(() => fs.rmSync(file, { force: true }));
    const problem = (text: string) => {
        fs.writeFileSync(file, text);
        try {
            readStackFile(stack);
        } catch (error) {
            return (error as Error).message;
        }
        return "no error";
    };

    const cases: [string, string, string][] = [
        ["an unclosed bracket", "config:\n  cognito:stage: dev\n  cognito:userPool: { name: [news\n  aws:region: eu-central-1\n", `${name}:4:3: Flow sequence in block collection must be sufficiently indented and end with a ] (check the indentation of this line and the next: the keys of one map start in the same column)`],
        ["bad indentation", "config:\n  aws:region: eu-central-1\n   cognito:stage: dev\n", `${name}:2:15: Nested mappings are not allowed in compact mappings (check the indentation of this line and the next: the keys of one map start in the same column)`],
        ["a tab", "config:\n\taws:region: eu-central-1\n", `${name}:2:1: a tab indents this line; YAML indents with spaces`],
        ["a duplicate key", "config:\n  cognito:stage: dev\n  aws:region: eu-central-1\n  cognito:stage: prod\n", `${name}:4:3: the key "cognito:stage" is written twice in the same map; keep one`],
        ["an empty file", "", `${name} is empty: a stack file holds \`config:\` with the stack's keys (README, "Configuration")`],
        ["a typo at the top", "confg:\n  cognito:stage: dev\n", `${name}: unknown top-level key "confg" (did you mean config?); a stack file holds config:, and Pulumi's own secretsprovider, encryptedkey, encryptionsalt, environment`],
        ["a list", "- config\n", `${name}: the file must be a map with a \`config:\` key, not a list`],
        ["config that is not a map", "config: 5\n", `${name}: config must be a map of keys (such as cognito:stage: dev), not 5`],
        ["no config", "encryptionsalt: abc\n", `${name} has no config: the stack's keys go under \`config:\` (README, "Configuration")`],
    ];
    for (const [what, text, message] of cases) it(`${what}: ${message}`, () => assert.strictEqual(problem(text), message));

    it("npm start prints that line alone, no stack trace", () => {
        fs.writeFileSync(file, "config:\n  cognito:stage: dev\n  cognito:stage: prod\n");
        const result = spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/plan.ts"), stack], { cwd: projectRoot, encoding: "utf8" });
        assert.deepStrictEqual([result.status, result.stderr], [1, `${name}:3:3: the key "cognito:stage" is written twice in the same map; keep one\n`]);
    });
});
