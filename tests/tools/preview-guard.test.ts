// The replacement guard over `pulumi preview --json` output: fixtures written to the documented
// format (Pulumi's PreviewDigest), through the pure functions and once through the command.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseGuardArgs } from "../../tools/guard";
import { guardExitCode, guardPreview, parsePreview, renderGuard } from "../../tools/guard/preview-guard";
import { projectRoot } from "../../tools/harness/stack-file";

const fixture = (name: string) => path.join(projectRoot, "tests", "fixtures", "preview", `${name}.json`);
const guard = (name: string, types: string[] = []) => guardPreview(parsePreview(fs.readFileSync(fixture(name), "utf8"), `${name}.json`), types);
const poolUrn = "urn:pulumi:prod::cognito::cognito:index:UserPool$aws:cognito/userPool:UserPool::main-pool";

function runGuard(args: string[], input?: string) {
    return spawnSync(process.execPath, ["-r", path.join(projectRoot, "tools/register.js"), path.join(projectRoot, "tools/guard.ts"), ...args], { cwd: projectRoot, encoding: "utf8", input });
}

describe("replacement guard on preview JSON", () => {
    it("passes a harmless update, naming how many steps it read", () => {
        const result = guard("harmless-update");
        assert.deepStrictEqual(result.findings, []);
        assert.strictEqual(renderGuard(result, "harmless-update.json"), "harmless-update.json: no user pool (or other guarded resource) is replaced or deleted (2 steps read).");
        assert.strictEqual(guardExitCode(result, false), 0);
    });

    it("stops a user pool replaced by a usernameAttributes change, naming the reasons and the diff keys", () => {
        const result = guard("pool-replaced-username-attributes");
        assert.deepStrictEqual(result.findings, [{
            urn: poolUrn, type: "aws:cognito/userPool:UserPool", name: "main-pool", ops: ["replace"],
            replaceReasons: ["aliasAttributes", "usernameAttributes"], diffReasons: ["aliasAttributes", "usernameAttributes"],
            detailedDiff: ["aliasAttributes (add-replace)", "usernameAttributes (delete-replace)"], refusedSchemaChanges: [],
        }], "the client replaced with it is not a guarded type");
        assert.deepStrictEqual(result.cautions.map((c) => [c.name, c.ops]), [["clients-web", ["replace"]]], "it is said as a caution");
        const text = renderGuard(result, "preview.json");
        assert.ok(text.startsWith("STOP: preview.json would replace, delete, break or lose track of 1 guarded resource(s)"), text);
        assert.ok(text.includes("  - aws:cognito/userPool:UserPool main-pool: replace\n      urn: " + poolUrn + "\n      replaceReasons: aliasAttributes, usernameAttributes\n"), text);
        assert.strictEqual(guardExitCode(result, false), 2);
        assert.strictEqual(guardExitCode(result, true), 0, "--allow-replace lets it through");
    });

    it("stops a user pool deleted from the program, and says why a delete has no reasons", () => {
        const result = guard("pool-deleted");
        assert.deepStrictEqual(result.findings.map((f) => [f.name, f.ops]), [["main-pool", ["delete"]]]);
        assert.ok(renderGuard(result, "p.json").includes("(deleted: the resource left the program, or its name or parent changed without an alias)"));
    });

    it("stops an in-place update that removes a schema attribute: Cognito refuses it", () => {
        const result = guard("schema-attribute-removed");
        assert.deepStrictEqual(result.findings.map((f) => [f.ops, f.refusedSchemaChanges]), [[["update"], ["schemas[1] (delete)"]]]);
        assert.ok(renderGuard(result, "p.json").includes("Cognito refuses to change or remove an attribute of an existing pool (schemas[1] (delete))"));
        assert.strictEqual(guardExitCode(result, false), 2);
    });

    it("reports other types only when asked with --type, one finding for the three steps of a shown replacement", () => {
        assert.deepStrictEqual([guard("identity-pool-replaced").findings, guard("identity-pool-replaced").cautions], [[], []]);
        const asked = guard("identity-pool-replaced", ["aws:cognito/identityPool:IdentityPool"]);
        assert.deepStrictEqual(asked.findings.map((f) => [f.name, f.ops, f.replaceReasons]), [["identity-pool", ["create-replacement", "replace", "delete-replaced"], ["developerProviderName"]]]);
        const domain = guard("domain-replaced", ["aws:cognito/userPoolDomain:UserPoolDomain"]);
        assert.deepStrictEqual([domain.findings.map((f) => [f.name, f.detailedDiff]), domain.cautions], [[["domain", ["domain (update-replace)"]]], []], "asked for, it is a finding and no caution");
    });

    it("says a replaced client or domain as a caution that does not fail the run: apps hold the client id, people the sign-in URLs", () => {
        const client = guard("client-replaced");
        assert.deepStrictEqual([client.findings, guardExitCode(client, false)], [[], 0]);
        assert.strictEqual(renderGuard(client, "p.json"), [
            "p.json: no user pool (or other guarded resource) is replaced or deleted (4 steps read).",
            "Careful (said, not failed; --type <token> fails the run for that type):",
            "  - aws:cognito/userPoolClient:UserPoolClient clients-web: create-replacement, replace, delete-replaced (replaceReasons: generateSecret): a replaced client gets a new client id: every app that holds the old one stops signing in until it ships the new one.",
        ].join("\n"));
        const domain = guard("domain-replaced");
        assert.deepStrictEqual([domain.findings, guardExitCode(domain, false)], [[], 0]);
        assert.match(renderGuard(domain, "p.json"), /\n {2}- aws:cognito\/userPoolDomain:UserPoolDomain domain: replace \(replaceReasons: domain\): a replaced domain is deleted and created again: the hosted sign-in is down meanwhile, and with a new name every sign-in URL changes, and with it the redirect URL each identity provider knows\.$/);
        assert.strictEqual(guardExitCode(guard("client-replaced", ["aws:cognito/userPoolClient:UserPoolClient"]), false), 2, "--type makes it fail");
    });

    it("stops a user pool created beside deployed resources (a stack that lost its state), not the first preview of a new stack", () => {
        const result = guard("pool-created-beside-stack");
        assert.deepStrictEqual(result.findings.map((f) => [f.name, f.ops, f.createdBeside]), [["main-pool", ["create"], 2]], "the component and the client: not the stack or its provider");
        assert.ok(renderGuard(result, "p.json").includes("      (created while 2 other resource(s) of the stack are deployed: what a stack that lost its state looks like. The deployed pool, with every user, would be left outside the stack and an empty one created beside it."));
        assert.deepStrictEqual([guardExitCode(result, false), guardExitCode(result, true)], [2, 0]);
        const fresh = guard("first-preview-of-a-stack");
        assert.deepStrictEqual([fresh.findings, guardExitCode(fresh, false)], [[], 0]);
    });

    it("does not vouch for a preview that failed: exit 1, with the error", () => {
        const result = guard("preview-failed");
        assert.deepStrictEqual(result.errors, ["error: preview failed"]);
        assert.strictEqual(renderGuard(result, "p.json"), "p.json: no user pool (or other guarded resource) is replaced or deleted (1 step read).\nThe preview itself failed, so it may not show every change: error: preview failed");
        assert.strictEqual(guardExitCode(result, false), 1);
    });

    it("reads the document after lines Pulumi prints before it", () => {
        const text = `Installing policy pack cognito-security 0.1.0...\n${fs.readFileSync(fixture("pool-deleted"), "utf8")}`;
        assert.strictEqual(guardPreview(parsePreview(text, "p.json")).findings.length, 1);
    });

    const malformed: [string, string, string][] = [
        ["empty", "  \n", "p.json is empty: write it with `pulumi preview --json > p.json` (stdout only; the preview's own messages go to stderr)."],
        ["not JSON", "Previewing update (prod)", "p.json is not JSON (Unexpected token 'P', \"Previewing\"... is not valid JSON): write it with `pulumi preview --json > p.json`."],
        ["a list", "[]", "p.json is not the output of `pulumi preview --json`: expected an object with \"steps\", got a list."],
        ["another document", `{"name":"x"}`, "p.json is not the output of `pulumi preview --json`: it has none of \"steps\", \"changeSummary\", \"diagnostics\", \"duration\" (keys: name)."],
        ["steps not a list", `{"steps":{}}`, "p.json: \"steps\" is not a list."],
        ["a step without op", `{"steps":[{"urn":"u"}]}`, "p.json: steps[0] has no \"op\" and \"urn\" strings: {\"urn\":\"u\"}"],
    ];
    for (const [what, text, message] of malformed) {
        it(`refuses ${what} with a message that says what to do`, () => {
            assert.throws(() => parsePreview(text, "p.json"), { name: "PreviewInputError", message });
        });
    }

    it("reads its arguments: one file or -, any number of --type, --allow-replace", () => {
        assert.deepStrictEqual(parseGuardArgs(["-", "--type", "aws:cognito/identityPool:IdentityPool", "--allow-replace", "--type", "aws:iam/role:Role"]), { file: "-", types: ["aws:cognito/identityPool:IdentityPool", "aws:iam/role:Role"], allowReplace: true });
        assert.deepStrictEqual(parseGuardArgs(["p.json"]), { file: "p.json", types: [], allowReplace: false });
    });

    const usage = "\nusage: npm run guard -- <preview.json | -> [--type <resource type token>]... [--allow-replace]";
    for (const [args, problem] of [
        [[], "no preview file given"],
        [["--allow-replace"], "no preview file given"],
        [["p.json", "--force"], "unknown option --force"],
        [["a.json", "b.json"], "one preview file at a time: got a.json and b.json"],
        [["p.json", "--type"], "--type needs a resource type token such as aws:cognito/identityPool:IdentityPool, got nothing"],
    ] as [string[], string][]) {
        it(`refuses ${args.join(" ") || "no arguments"}: ${problem}`, () => {
            assert.throws(() => parseGuardArgs(args), { name: "PreviewInputError", message: problem + usage });
        });
    }

    it("as a command: exit 2 with the report, 0 with --allow-replace, 1 for a missing file or bad input, reads stdin", () => {
        const stopped = runGuard([fixture("pool-replaced-username-attributes")]);
        assert.strictEqual(stopped.status, 2, stopped.stderr);
        assert.match(stopped.stdout, /^STOP: .*pool-replaced-username-attributes\.json would replace/);
        const allowed = runGuard([fixture("pool-replaced-username-attributes"), "--allow-replace"]);
        assert.strictEqual(allowed.status, 0);
        assert.match(allowed.stdout, /--allow-replace given: not failing for it\.\n$/);
        const missing = runGuard([path.join(os.tmpdir(), "no-such-preview.json")]);
        assert.strictEqual(missing.status, 1);
        assert.match(missing.stderr, /no-such-preview\.json: no such file\. Write it with `pulumi preview --json > /);
        const badType = runGuard([fixture("harmless-update"), "--type", "identityPool"]);
        assert.strictEqual(badType.status, 1);
        assert.match(badType.stderr, /^--type needs a resource type token such as aws:cognito\/identityPool:IdentityPool, got identityPool\n/);
        const piped = runGuard(["-"], fs.readFileSync(fixture("harmless-update"), "utf8"));
        assert.strictEqual(piped.status, 0, piped.stderr);
        assert.strictEqual(piped.stdout, "stdin: no user pool (or other guarded resource) is replaced or deleted (2 steps read).\n");
    });
});
