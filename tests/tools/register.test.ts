import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectRoot } from "../../tools/harness/stack-file";

const register = path.join(projectRoot, "tools", "register.js");
const { cacheDir, codeCacheKey, deferred, importClosure, readCodeCachePack, remapStack, transform, transformAtOnce, transformOptions } = require(register) as {
    cacheDir: string;
    importClosure(entries: string[]): string[];
    transformAtOnce(files: string[]): Map<string, string>;
    transformOptions: Record<string, unknown>;
    codeCacheKey(filename: string, content: string): string;
    readCodeCachePack(): Map<string, Buffer>;
    remapStack(stack: string): string;
    deferred: Record<string, string[]>;
    transform(source: string, filename: string): string;
};

function node(args: string[], env: NodeJS.ProcessEnv = {}) {
    // Without NODE_OPTIONS: source maps turned on there would turn the code cache off.
    const result = spawnSync(process.execPath, ["-r", register, ...args], { cwd: projectRoot, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "", ...env } });
    assert.strictEqual(result.status, 0, result.stderr);
    return result.stdout;
}

describe("the TypeScript loader (tools/register.js)", () => {
    it("defers @pulumi/pulumi's closure serialization and code paths until first called, then calls the real ones", async () => {
        const closure = path.join(projectRoot, "node_modules", "@pulumi", "pulumi", "runtime", "closure");
        // Nothing in the suite serializes a function: loading @pulumi/pulumi left these (and the TypeScript compiler) alone.
        const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
        assert.ok(!require.cache[path.join(closure, "serializeClosure.js")], "serializeClosure loaded with @pulumi/pulumi");
        assert.ok(!require.cache[path.join(closure, "codePaths.js")], "codePaths loaded with @pulumi/pulumi");
        const runtime = pulumi.runtime as unknown as Record<string, (...args: unknown[]) => unknown>;
        for (const [request, names] of Object.entries(deferred)) {
            const real = require(path.join(closure, path.basename(request)));
            for (const name of names) {
                // Each deferred name is a function of the real module (a Pulumi upgrade that renames one fails here),
                // and pulumi.runtime's calls it with the same arguments and returns what it returns.
                assert.strictEqual(typeof real[name], "function", `${request} has no ${name}`);
                const original = real[name];
                real[name] = (...args: unknown[]) => ({ called: name, args });
                try {
                    assert.deepStrictEqual(runtime[name]("a", 2), { called: name, args: ["a", 2] });
                } finally {
                    real[name] = original;
                }
            }
        }
    });

    it("formats the trace @pulumi/pulumi keeps on each promise only when its leak report reads it, and formats it as Node.js would", async function () {
        if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) this.skip(); // every trace stays as Node.js maps it
        require("@pulumi/pulumi");
        const formatting = Error.prepareStackTrace;
        const debuggable = require(path.join(projectRoot, "node_modules", "@pulumi", "pulumi", "runtime", "debuggable.js")) as {
            debuggablePromise<T>(promise: Promise<T>, context: unknown): Promise<T>;
            promiseDebugString(promise: Promise<unknown>): string;
        };
        // A Pulumi upgrade that renames the function fails here (and nothing is patched).
        assert.strictEqual(debuggable.debuggablePromise.name, "debuggablePromiseWithLazyTrace");
        const kept = (function aCallerOfDebuggablePromise() {
            const promise = Promise.resolve(7);
            return { promise, result: debuggable.debuggablePromise(promise, "the context") };
        })();
        assert.strictEqual(await kept.result, 7);
        const trace = (kept.promise as unknown as { _debugStackTrace: unknown })._debugStackTrace;
        assert.notStrictEqual(typeof trace, "string", "the trace was formatted when the promise was made");
        const report = debuggable.promiseDebugString(kept.promise);
        assert.match(report, /^CONTEXT\(\d+\): the context\nSTACK_TRACE:\nError\n    at debuggablePromise \(.*debuggable\.js:\d+:\d+\)\n/);
        assert.match(report, /\n    at aCallerOfDebuggablePromise \(.*register\.test\.ts:\d+:\d+\)\n/);
        assert.strictEqual(Error.prepareStackTrace, formatting, "the usual formatting is back for every other trace");
    });

    it("writes the same code for a file transformed with the project at once (a fresh clone's first run) as for it alone", () => {
        const folder = path.join(projectRoot, "components", "user-pool");
        // demo.ts holds "</script>" in a string, which the transform API escapes.
        // A build for the browser would replace process.env.NODE_ENV with "development"; the transform API leaves it.
        fs.mkdirSync(path.join(projectRoot, ".build"), { recursive: true });
        const environment = path.join(fs.mkdtempSync(path.join(projectRoot, ".build", "register-test-")), "environment.ts");
        fs.writeFileSync(environment, `export const mode: string = process.env.NODE_ENV ?? "unset";\n`);
        const files = [...fs.readdirSync(folder).filter((f) => f.endsWith(".ts")).map((f) => path.join(folder, f)), path.join(projectRoot, "tools", "sandbox", "front-end", "demo.ts"), path.join(projectRoot, "index.ts"), environment];
        const together = transformAtOnce(files);
        fs.rmSync(path.dirname(environment), { recursive: true });
        const esbuild = require("esbuild") as typeof import("esbuild");
        for (const file of files) assert.strictEqual(together.get(file), esbuild.transformSync(file === environment ? `export const mode: string = process.env.NODE_ENV ?? "unset";\n` : fs.readFileSync(file, "utf8"), { ...transformOptions, sourcefile: file }).code, file);
        assert.match(together.get(environment) ?? "", /process\.env\.NODE_ENV/);
        assert.throws(() => transformAtOnce([path.join(projectRoot, "index.ts"), path.join(os.tmpdir(), "missing.ts")]), "a file esbuild cannot read fails the batch: each is then transformed alone");
    });

    it("batches, for a fresh clone's first plan, the files the tool and the program import at run time, and no type-only import", () => {
        const at = (file: string) => path.join(projectRoot, file);
        const closure = importClosure([at("tools/plan.ts"), at("index.ts"), at("config/index.ts")]).map((f) => path.relative(projectRoot, f));
        for (const file of ["tools/plan.ts", "tools/harness/run-stack.ts", "components/user-pool/user-pool.ts", "config/load.ts", "policy/rules/index.ts", "lambdas/shared/addresses.ts"]) assert.ok(closure.includes(file), `${file} is loaded by every plan`);
        assert.ok(!closure.includes("lambdas/pre-sign-up/handler.ts"), "components/triggers/settings.ts imports its settings' type only");
        assert.ok(!closure.some((f) => f.startsWith("tests/") || f.startsWith("tools/sandbox/")), "nothing the plan does not load");
    });

    it("transforms a TypeScript file once, then reads it back; another content is another entry", () => {
        const file = path.join(os.tmpdir(), `register-test-${process.pid}.ts`);
        const source = `export const answer: number = ${Date.now()};\n`;
        const entries = () => fs.readdirSync(cacheDir, { recursive: true }).filter((f) => String(f).endsWith(".js")).length;
        const before = entries();
        const first = transform(source, file);
        assert.match(first, /exports/);
        assert.doesNotMatch(first, /: number/);
        assert.strictEqual(entries(), before + 1);
        assert.strictEqual(transform(source, file), first);
        assert.strictEqual(entries(), before + 1);
        transform(source.replace("answer", "question"), file);
        assert.strictEqual(entries(), before + 2);
    });

    it("maps a stack trace's positions in TypeScript files back to the source's lines, relative paths too", function () {
        if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) this.skip(); // Node.js maps them itself
        const file = path.join(os.tmpdir(), `register-remap-${process.pid}.ts`);
        fs.writeFileSync(file, ["// one", "", "/** three */", "export function fail(reason: string): never {", "    throw new Error(reason);", "}", ""].join("\n"));
        try {
            const { fail } = require(file) as { fail(reason: string): never };
            let stack = "";
            try {
                fail("on line 5");
            } catch (error) {
                stack = (error as Error).stack!;
            }
            const frame = (text: string) => text.split("\n").find((l) => l.includes(file))!;
            assert.doesNotMatch(frame(stack), /:5:\d+\)$/, "esbuild's output kept the line: the test proves nothing");
            assert.match(frame(remapStack(stack)), /\(.*register-remap-\d+\.ts:5:11\)$/);
            const relative = stack.split(file).join(path.relative(process.cwd(), file));
            assert.match(frame(remapStack(relative).split(path.relative(process.cwd(), file)).join(file)), /:5:11\)$/);
            assert.strictEqual(remapStack("at x (/nowhere/else.ts:3:4)"), "at x (/nowhere/else.ts:3:4)");
        } finally {
            fs.rmSync(file, { force: true });
        }
    });

    it("runs a package's modules from V8's code cache as Node.js runs them: require, resolve, main, cache, this", () => {
        // A package of our own under a node_modules folder, loaded three times: from source with the
        // cache off, from source filling the cache, then from the cache.
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "register-test-"));
        try {
            const pkg = path.join(root, "node_modules", "probe");
            fs.mkdirSync(pkg, { recursive: true });
            fs.writeFileSync(path.join(pkg, "other.js"), "module.exports = 'other';\n");
            fs.writeFileSync(path.join(pkg, "index.js"), [
                "const Module = require('module');",
                "module.exports = { other: require('./other'), resolved: require.resolve('./other'), paths: require.resolve.paths('x').slice(0, 2),",
                "  main: require.main === process.mainModule, cache: require.cache === Module._cache, extensions: require.extensions === Module._extensions,",
                "  self: this === module.exports, file: __filename, dir: __dirname, nested: (() => new Error('x').stack.split('\\n')[1].includes(__filename))() };",
            ].join("\n"));
            const script = `console.log(JSON.stringify(require(${JSON.stringify(pkg)})))`;
            // Node.js 22 keeps its own cache (module.enableCompileCache); on 20 the loader keeps it.
            const cached = typeof (require("module") as { enableCompileCache?: unknown }).enableCompileCache === "function"
                ? [] : ["index.js", "other.js"].map((f) => codeCacheKey(path.join(pkg, f), fs.readFileSync(path.join(pkg, f), "utf8")));
            const plain = node(["-e", script], { TS_REGISTER_COMPILE_CACHE: "0" });
            for (const key of cached) assert.ok(!readCodeCachePack().has(key), "cached with the cache off");
            assert.deepStrictEqual(JSON.parse(plain), {
                other: "other", resolved: path.join(pkg, "other.js"), paths: [path.join(pkg, "node_modules"), path.join(root, "node_modules")],
                main: true, cache: true, extensions: true, self: true, file: path.join(pkg, "index.js"), dir: pkg, nested: true,
            });
            assert.strictEqual(node(["-e", script]), plain);
            for (const key of cached) assert.ok(readCodeCachePack().get(key)?.length, "not cached");
            assert.strictEqual(node(["-e", script]), plain);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
