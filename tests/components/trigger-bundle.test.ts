// The trigger bundles' reuse (components/triggers/bundle.ts): built once, reused while nothing that
// made them changed, rebuilt when a source, the bundle itself or the build changes. On handlers of
// its own in a temporary folder, so the project's bundles are left alone.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bundleStats, bundleTrigger, forgetBundles, type BundleDirs } from "../../components/triggers/bundle";

describe("trigger bundles, reused while their sources are unchanged", () => {
    let root: string;
    let dirs: Required<BundleDirs>;
    /** Writes a source as saved a minute ago (a file saved while a build runs is the last test's). */
    const write = (file: string, text: string, savedAt = new Date(Date.now() - 60_000)) => {
        fs.mkdirSync(path.dirname(path.join(dirs.lambdasDir, file)), { recursive: true });
        fs.writeFileSync(path.join(dirs.lambdasDir, file), text);
        fs.utimesSync(path.join(dirs.lambdasDir, file), savedAt, savedAt);
    };
    /** Bundles as a new process would (nothing kept in memory); says whether esbuild ran. */
    const bundle = (folder = "hello") => {
        forgetBundles();
        const built = bundleStats.built;
        const result = bundleTrigger(folder, dirs);
        return { ...result, built: bundleStats.built > built, code: fs.readFileSync(result.file, "utf8") };
    };

    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "trigger-bundle-"));
        dirs = { lambdasDir: path.join(root, "lambdas"), bundleDir: path.join(root, "build") };
        write("shared/greeting.ts", `export const greeting = (name: string): string => "hello " + name;\n`);
        write("hello/handler.ts", `import { greeting } from "../shared/greeting";\nexport const handler = async (event: { name: string }) => greeting(event.name);\n`);
    });
    afterEach(() => {
        forgetBundles();
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("builds a bundle once, then reuses it from disk without esbuild", () => {
        const first = bundle();
        assert.ok(first.built);
        assert.strictEqual(first.file, path.join(dirs.bundleDir, "hello", "index.js"));
        assert.strictEqual(first.bytes, Buffer.byteLength(first.code));
        const stamp = JSON.parse(fs.readFileSync(path.join(dirs.bundleDir, "hello", "build.json"), "utf8"));
        assert.deepStrictEqual(Object.keys(stamp.inputs).map((f) => path.basename(f)).sort(), ["greeting.ts", "handler.ts"]);
        const modified = fs.statSync(first.file).mtimeMs;

        const second = bundle();
        assert.ok(!second.built);
        assert.deepStrictEqual([second.file, second.bytes, second.code], [first.file, first.bytes, first.code]);
        assert.strictEqual(fs.statSync(first.file).mtimeMs, modified);
    });

    it("keeps each bundle in memory within a process", () => {
        const first = bundleTrigger("hello", dirs);
        const reused = bundleStats.reused;
        const built = bundleStats.built;
        assert.strictEqual(bundleTrigger("hello", dirs), first);
        assert.deepStrictEqual([bundleStats.reused, bundleStats.built], [reused, built]);
    });

    it("rebuilds when a shared source the handler imports changes", () => {
        assert.match(bundle().code, /hello /);
        write("shared/greeting.ts", `export const greeting = (name: string): string => "welcome " + name;\n`);
        const rebuilt = bundle();
        assert.ok(rebuilt.built);
        assert.match(rebuilt.code, /welcome /);
        assert.doesNotMatch(rebuilt.code, /hello /);
        assert.ok(!bundle().built);
    });

    it("rebuilds when the handler imports another file, when the bundle was changed by hand, or when the stamp is gone", () => {
        bundle();
        write("shared/farewell.ts", `export const farewell = "goodbye";\n`);
        write("hello/handler.ts", `import { farewell } from "../shared/farewell";\nexport const handler = async () => farewell;\n`);
        const rebuilt = bundle();
        assert.ok(rebuilt.built);
        assert.match(rebuilt.code, /goodbye/);

        fs.appendFileSync(rebuilt.file, "\n// edited\n");
        assert.ok(bundle().built);

        fs.rmSync(path.join(dirs.bundleDir, "hello", "build.json"));
        assert.ok(bundle().built);
        assert.ok(!bundle().built);
    });

    it("keeps no stamp for a build whose sources were saved as it ran, so the next run builds again", () => {
        write("shared/greeting.ts", `export const greeting = (name: string): string => "hi " + name;\n`, new Date());
        assert.ok(bundle().built);
        assert.ok(!fs.existsSync(path.join(dirs.bundleDir, "hello", "build.json")));
        assert.ok(bundle().built);
    });

    it("rebuilds when a source it read is gone, and fails as esbuild does", () => {
        bundle();
        fs.rmSync(path.join(dirs.lambdasDir, "shared", "greeting.ts"));
        assert.throws(() => bundle(), /Could not resolve "\.\.\/shared\/greeting"/);
        assert.ok(!fs.existsSync(path.join(dirs.bundleDir, "hello", "build.json")), "a failed build leaves no stamp");
    });
});
