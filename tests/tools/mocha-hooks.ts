// Mocha root hooks (.mocharc.json requires this file).
//
// The policy pack's plugin process spends about 5 s type-checking policy/ before it answers
// (Pulumi's run-policy-pack runs it through ts-node with types checked, as `pulumi preview
// --policy-pack` does). When a spec file of this run uses the analyzer client, the pack starts as
// the run begins and checks its types on the other core while the tests before it run; the first
// startPolicyPack() takes it. A pack nobody took is ended.
//
// A failed test's stack trace gets the lines of the TypeScript source (the loader runs without
// source maps, see tools/register.js).
import * as path from "path";
import type { Context, RootHookObject } from "mocha";
import { quietNodeVersionWarning } from "../../tools/sandbox/quiet-node-version-warning";

quietNodeVersionWarning();

const clientFile = path.resolve(__dirname, "..", "..", "tools", "policy", "analyzer-client.ts");
type Client = typeof import("../../tools/policy/analyzer-client");

/** The analyzer client, if a spec file loaded it (spec files are all loaded before the root hooks run). */
const loadedClient = (): Client | undefined => (require.cache[clientFile] ? (require(clientFile) as Client) : undefined);

/** The loader's remapStack, when the loader runs this suite. */
const loader = require.cache[path.resolve(__dirname, "..", "..", "tools", "register.js")]?.exports as { remapStack(stack: string): string } | undefined;

export const mochaHooks: RootHookObject = {
    beforeAll() {
        loadedClient()?.prestartPolicyPack();
    },
    afterEach(this: Context) {
        // The reporter prints failures at the end, from this same error.
        const error = this.currentTest?.err as Error | undefined;
        if (error?.stack && loader) error.stack = loader.remapStack(error.stack);
    },
    async afterAll() {
        await loadedClient()?.stopPrestartedPolicyPack();
    },
};
