// The TypeScript loader of `npm start`, `npm run bench` and the tests (`node -r ./tools/register.js
// file.ts`, mocha's `require`). Type checking is `tsc --noEmit`'s job; this only strips types, with
// esbuild (already a dependency), and keeps what esbuild wrote in .build/ts/, keyed by the file's
// content (and path, with source maps), esbuild's version and the compiler options: an unchanged
// file is read back, and a run where nothing changed starts no esbuild at all. Four more things,
// each measured on the prod plan: V8's code cache for node_modules (enableCompileCache), two modules
// of @pulumi/pulumi deferred until used (deferred), the trace Pulumi keeps on each promise
// formatted only if read (withLazyPromiseTraces), and source maps left off (below).
//
// The prod plan (tools/plan.ts prod, 2 cores, Node.js 20, runs alternating, medians) took 4.4 s with
// ts-node --transpile-only (most of it in the TypeScript compiler and in source-mapping the stack
// trace Pulumi takes for every promise), 3.1 s with esbuild-register (every file transformed on
// every run, source maps on, nothing deferred), 1.5 s with this loader (1.1 s on a quiet machine).
//
// Stack traces show the lines of the JavaScript esbuild wrote (without comments and blank lines):
// source maps are off, as they make every Error.stack, which Pulumi reads for each promise, several
// times slower. The test runner's failures and the plan's unexpected errors are mapped back to
// TypeScript lines (remapStack), from a map made for the files a trace names when it is read; the
// cached code carries none, which makes a first run's transforms a third cheaper. For every trace,
// run with NODE_OPTIONS=--enable-source-maps: the code then carries inline source maps.
//
// TS_REGISTER_COMPILE_CACHE=0 turns V8's code cache off; `rm -rf .build` empties every cache.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");

const projectRoot = path.resolve(__dirname, "..");
const cacheDir = path.join(projectRoot, ".build", "ts");

/** tsconfig.json's compiler options, which esbuild reads for class fields and "use strict". */
function compilerOptions() {
    try {
        return JSON.parse(fs.readFileSync(path.join(projectRoot, "tsconfig.json"), "utf8")).compilerOptions ?? {};
    } catch {
        return {};
    }
}

const transformOptions = {
    loader: "ts",
    format: "cjs",
    target: "node20",
    // Inline maps only for Node.js's own mapping (--enable-source-maps); remapStack makes its own.
    sourcemap: process.sourceMapsEnabled ? "inline" : false,
    tsconfigRaw: { compilerOptions: compilerOptions() },
};
// Anything that changes the output changes the key: this file's format version, esbuild's version
// (read from its package.json, cheap), the options.
const salt = JSON.stringify(["ts-cache-1", require("esbuild/package.json").version, transformOptions]);

let esbuild;

/** Folders made in this run: a first run writes hundreds of files, each mkdir a system call. */
const madeFolders = new Set();

/** Written under a name of its own, then renamed: a concurrent process reads a whole file or none. */
function writeAtomically(file, data) {
    const folder = path.dirname(file);
    if (!madeFolders.has(folder)) {
        fs.mkdirSync(folder, { recursive: true });
        madeFolders.add(folder);
    }
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, file);
}

/** Where the code esbuild writes for this source (at this place, with source maps) is kept. */
function cacheFileOf(source, filename) {
    // Without source maps the code does not depend on where the file is: copies of the project
    // (the guard's base checkouts, tests' copies) share entries.
    const place = transformOptions.sourcemap ? filename : "";
    const key = crypto.createHash("sha256").update(salt).update("\0").update(place).update("\0").update(source).digest("hex");
    // One flat folder: a first run then makes one folder, not a couple of hundred.
    return path.join(cacheDir, `${key}.js`);
}

function keep(cached, code) {
    try {
        writeAtomically(cached, code);
    } catch {
        // A read-only checkout still runs; it transforms on each run.
    }
}

/** The project's own TypeScript files (node_modules, .build and hidden folders left out). */
function projectTypeScriptFiles(folder = projectRoot, found = []) {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) projectTypeScriptFiles(file, found);
        else if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) found.push(file);
    }
    return found;
}

/** Relative imports and requires a TypeScript source names ("./x", "../y"), as written. */
const relativeImport = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;

/** The project's TypeScript files `entries` import, directly or not (a computed require is not followed). */
function importClosure(entries) {
    const found = new Set();
    const pending = entries.filter((file) => fs.existsSync(file));
    while (pending.length > 0) {
        const file = pending.pop();
        if (found.has(file)) continue;
        found.add(file);
        // Type-only imports are erased: nothing loads them.
        const code = fs.readFileSync(file, "utf8").replace(/^\s*(?:import|export)\s+type\b[^;]*;/gm, "");
        for (const [, spec] of code.matchAll(relativeImport)) {
            const base = path.resolve(path.dirname(file), spec);
            const target = [`${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate));
            if (target && !found.has(target)) pending.push(target);
        }
    }
    return [...found];
}

let batchTried = false;

/**
 * On the first file this run finds uncached, the files it is likely to load next are transformed in
 * one esbuild call: one call per file, each a synchronous round trip to esbuild's process, made a
 * fresh clone's first plan spend a third of its time here. A test run gets every file of the
 * project; anything else what the file and the program (index.ts, which the tools load by path)
 * import. The code is the same as transformSync's (tests/tools/register.test.ts compares). A file
 * esbuild refuses fails the batch, and each file is then transformed alone, where its error names it.
 */
function transformProjectAtOnce(filename) {
    if (batchTried || transformOptions.sourcemap) return;
    batchTried = true;
    try {
        const forTests = filename.startsWith(path.join(projectRoot, "tests") + path.sep);
        const files = forTests ? projectTypeScriptFiles() : importClosure([filename, path.join(projectRoot, "index.ts"), path.join(projectRoot, "config", "index.ts")]);
        const missing = files.map((file) => ({ file, source: fs.readFileSync(file, "utf8") })).map((f) => ({ ...f, cached: cacheFileOf(f.source, f.file) })).filter((f) => !fs.existsSync(f.cached));
        if (missing.length < 2) return;
        const codes = transformAtOnce(missing.map((f) => f.file));
        // esbuild read each file again: a file edited meanwhile is left to be transformed alone.
        for (const f of missing) if (codes.has(f.file) && fs.readFileSync(f.file, "utf8") === f.source) keep(f.cached, codes.get(f.file));
    } catch {
        // Each file is transformed alone below.
    }
}

/**
 * Files of the project transformed in one esbuild build, file -> code: what transformSync writes
 * for each (platform "browser" is the transform API's, which escapes "</script>" in strings; "node"
 * would add export annotations). Throws when esbuild refuses a file.
 */
function transformAtOnce(files) {
    esbuild ??= require("esbuild");
    const outdir = path.join(cacheDir, "batch");
    const { outputFiles } = esbuild.buildSync({
        entryPoints: files, outbase: projectRoot, outdir, write: false, bundle: false, logLevel: "silent",
        format: transformOptions.format, target: transformOptions.target, platform: "browser", loader: { ".ts": "ts" }, tsconfigRaw: transformOptions.tsconfigRaw,
        // A build for the browser would write "development" for it; the code reads the real one.
        define: { "process.env.NODE_ENV": "process.env.NODE_ENV" },
    });
    const byOutput = new Map(outputFiles.map((o) => [o.path, o.text]));
    return new Map(files.map((file) => [file, byOutput.get(path.join(outdir, path.relative(projectRoot, file)).replace(/\.ts$/, ".js"))]).filter(([, code]) => code !== undefined));
}

function transform(source, filename) {
    const cached = cacheFileOf(source, filename);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        // Not cached yet: transform below.
    }
    if (filename.startsWith(projectRoot + path.sep) && !batchTried) {
        transformProjectAtOnce(filename);
        try {
            return fs.readFileSync(cached, "utf8");
        } catch {
            // Not in the batch: alone below.
        }
    }
    esbuild ??= require("esbuild");
    const { code } = esbuild.transformSync(source, { ...transformOptions, sourcefile: filename });
    keep(cached, code);
    return code;
}

/** The code each TypeScript file ran as (V8 keeps these strings anyway), for remapStack. */
const compiled = new Map();

Module._extensions[".ts"] = function loadTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const code = transform(source, filename);
    compiled.set(filename, { filename, source, code, map: undefined });
    module._compile(code, filename);
};

/**
 * A stack trace's positions in TypeScript files turned into the lines and columns of the source,
 * from the inline source maps: what --enable-source-maps shows, paid for only by the traces that
 * are read this way (the test runner's failures, the plan's unexpected errors).
 */
function remapStack(stack) {
    // With source maps on, Node.js has mapped the trace already.
    if (process.sourceMapsEnabled) return stack;
    return String(stack).replace(/([^\s()]+\.ts):(\d+):(\d+)/g, (position, file, line, column) => {
        // Mocha's stack filter has made the paths under the working directory relative.
        const entry = compiled.get(file) ?? compiled.get(path.resolve(file));
        if (!entry) return position;
        try {
            if (entry.map === undefined) {
                // The same transform, with its map: esbuild writes the same code either way.
                esbuild ??= require("esbuild");
                const { map } = esbuild.transformSync(entry.source, { ...transformOptions, sourcemap: "external", sourcefile: entry.filename });
                entry.map = map ? new Module.SourceMap(JSON.parse(map)) : null;
            }
            const found = entry.map?.findEntry(Number(line) - 1, Number(column) - 1);
            return found?.originalLine === undefined ? position : `${file}:${found.originalLine + 1}:${found.originalColumn + 1}`;
        } catch {
            return position;
        }
    });
}

/**
 * @pulumi/pulumi's runtime/index.js loads closure/serializeClosure (which loads the TypeScript
 * compiler, about 0.35 s) and closure/codePaths (which loads @npmcli/arborist, about 0.3 s) for
 * `pulumi.runtime.serializeFunction` and `computeCodePaths`, which only function serialization
 * (aws.lambda.CallbackFunction) and packaging call. Here runtime/index.js gets functions of the same
 * names that load the real module on their first call, so the plan pays for them only if it uses
 * them. Any other module requiring these files gets the real one. If a Pulumi upgrade renames
 * them, nothing is deferred (tests/tools/register.test.ts says so).
 */
const deferred = {
    "./closure/serializeClosure": ["serializeFunctionAsync", "serializeFunction"],
    "./closure/codePaths": ["computeCodePaths"],
};
const runtimeIndex = path.join("node_modules", "@pulumi", "pulumi", "runtime", "index.js");

/**
 * Pulumi's debuggablePromise keeps `new Error().stack` on every promise it makes (several per
 * resource), for the leak report it prints if the program exits with promises unresolved. Reading
 * .stack formats the trace there and then: about a fifth of a mocked plan's time. While it runs,
 * the trace is kept as V8 hands it over and formatted, as Node.js formats it, only when the report
 * reads it (`${p._debugStackTrace}`). If a Pulumi upgrade renames the function, nothing changes
 * (tests/tools/register.test.ts says so).
 */
const debuggableModule = path.join("node_modules", "@pulumi", "pulumi", "runtime", "debuggable.js");
const patchedDebuggable = new WeakSet();
function traceFormattedWhenRead(error, callSites) {
    return { toString: () => [String(error), ...callSites.map((site) => `    at ${site}`)].join("\n") };
}
function withLazyPromiseTraces(exports) {
    const real = exports?.debuggablePromise;
    // With source maps on (NODE_OPTIONS=--enable-source-maps), every trace stays as Node.js maps it.
    if (typeof real !== "function" || patchedDebuggable.has(exports) || process.sourceMapsEnabled) return;
    patchedDebuggable.add(exports);
    exports.debuggablePromise = function debuggablePromiseWithLazyTrace(promise, context) {
        const previous = Error.prepareStackTrace;
        Error.prepareStackTrace = traceFormattedWhenRead;
        try {
            return real(promise, context);
        } finally {
            Error.prepareStackTrace = previous;
        }
    };
}

const load = Module._load;
Module._load = function loadDeferringPulumiClosure(request, parent, isMain) {
    const names = Object.prototype.hasOwnProperty.call(deferred, request) ? deferred[request] : undefined;
    if (names && parent?.filename?.endsWith(runtimeIndex)) {
        let real;
        const loadReal = () => (real ??= load.call(Module, request, parent, isMain));
        const wrappers = Object.fromEntries(names.map((name) => [name, (...args) => loadReal()[name](...args)]));
        // Any other export a Pulumi upgrade adds is read from the real module, never undefined.
        return new Proxy(wrappers, { get: (target, key) => (Object.prototype.hasOwnProperty.call(target, key) ? target[key] : loadReal()[key]) });
    }
    const loaded = load.apply(this, arguments);
    if (request.endsWith("debuggable") && parent?.filename?.includes(path.join("node_modules", "@pulumi", "pulumi", ""))) {
        const file = require.cache[Module._resolveFilename(request, parent, isMain)]?.filename;
        if (file?.endsWith(debuggableModule)) withLazyPromiseTraces(loaded);
    }
    return loaded;
};

/**
 * V8 refuses code cached by another V8 or with other code-generation flags: one folder per Node.js
 * version, architecture and set of Node.js flags (those that name a module or code to run aside).
 */
const codeCacheRun = (() => {
    const aside = /^--?(r|require|e|eval|p|print|import|loader|experimental-loader)(=|$)/;
    const options = process.execArgv.filter((arg) => arg.startsWith("-") && !aside.test(arg));
    const flags = options.length ? `-${crypto.createHash("sha256").update(options.join("\0")).digest("hex").slice(0, 8)}` : "";
    return `${process.version}-${process.arch}${flags}`;
})();

/** What V8's code for a module is kept under: its file name and content. */
function codeCacheKey(filename, content) {
    return crypto.createHash("sha256").update(filename).update("\0").update(content).digest("hex");
}

/**
 * Every module's cached code in one file, for this Node.js version, architecture and flags: a first
 * run wrote one file per module (about 480, about 0.2 s of the first plan) and later runs opened as
 * many; now it is one write and one read. Layout: the index's length (4 bytes, little-endian), the
 * index (JSON: [key, length] pairs, in order), then the data.
 */
const codeCachePack = path.join(projectRoot, ".build", "v8", `${codeCacheRun}.pack`);

/** Above this, a rewrite keeps only what the run used. */
const packLimitBytes = 64 * 1024 * 1024;

/**
 * The pack's index (key -> where its data is) over the open file: a process reads the index and then
 * only the data of the modules it loads, not every module any run kept (a small tool loading a few
 * modules used to read the whole pack, tens of megabytes, first). Empty when there is none or it
 * cannot be read.
 */
function openCodeCachePack() {
    const index = new Map();
    let fd;
    try {
        fd = fs.openSync(codeCachePack, "r");
        const head = Buffer.alloc(4);
        fs.readSync(fd, head, 0, 4, 0);
        const raw = Buffer.alloc(head.readUInt32LE(0));
        if (fs.readSync(fd, raw, 0, raw.length, 4) !== raw.length) throw new Error("cut short");
        let offset = 4 + raw.length;
        for (const [key, length] of JSON.parse(raw.toString("utf8"))) {
            index.set(key, { offset, length });
            offset += length;
        }
        if (offset > fs.fstatSync(fd).size) throw new Error("cut short");
    } catch {
        // None yet, or cut short: modules compile from source and a new pack is written.
        index.clear();
    }
    return {
        index,
        /** The data kept under this key, read now; undefined when there is none. */
        get(key) {
            const at = index.get(key);
            if (at === undefined) return undefined;
            const data = Buffer.alloc(at.length);
            return fs.readSync(fd, data, 0, at.length, at.offset) === at.length ? data : undefined;
        },
    };
}

/** The whole pack as a map from key to cached data (tests read it); empty when there is none or it cannot be read. */
function readCodeCachePack() {
    const pack = openCodeCachePack();
    return new Map([...pack.index.keys()].map((key) => [key, pack.get(key)]).filter(([, data]) => data !== undefined));
}

function writeCodeCachePack(entries) {
    const index = Buffer.from(JSON.stringify([...entries].map(([key, data]) => [key, data.length])));
    const indexLength = Buffer.alloc(4);
    indexLength.writeUInt32LE(index.length);
    writeAtomically(codeCachePack, Buffer.concat([indexLength, index, ...entries.values()]));
}

/**
 * V8's code cache for the JavaScript of node_modules (about 750 files in a plan): V8 compiles a file
 * from cached data in a fraction of the time it takes from source, which saves about 0.2 s of a
 * plan. Node.js 22 does this itself (module.enableCompileCache); on Node.js 20 each module under
 * node_modules is compiled here as Node.js compiles it (the same wrapper, this and require
 * function) but with the cached data of an earlier run, and the code V8 compiled during a run is
 * saved when the process exits, for the files that had none or whose data V8 refused. Saving costs
 * about 1 s, once. The project's own files keep Node.js's compilation, and so do all files while
 * source maps are on.
 */
function enableCompileCache() {
    if (process.env.TS_REGISTER_COMPILE_CACHE === "0") return;
    if (typeof Module.enableCompileCache === "function") {
        Module.enableCompileCache(path.join(projectRoot, ".build", "v8"));
        return;
    }
    const vm = require("vm");
    const inNodeModules = `${path.sep}node_modules${path.sep}`;
    const dynamicImport = /\bimport\s*\(/;
    const unsaved = [];
    const used = new Set();
    let pack;
    const compile = Module.prototype._compile;
    Module.prototype._compile = function compileWithCodeCache(content, filename) {
        // A module with a dynamic import() keeps Node.js's compilation: V8 loses a vm.Script's import()
        // callback when it compiles the script from cached data.
        if (!filename.includes(inNodeModules) || process.sourceMapsEnabled || dynamicImport.test(content)) return compile.apply(this, arguments);
        const key = codeCacheKey(filename, content);
        pack ??= openCodeCachePack();
        const cachedData = pack.get(key);
        used.add(key);
        let script;
        try {
            script = new vm.Script(Module.wrap(content), { filename, cachedData });
        } catch {
            // A syntax error: Node.js reports it its own way.
            return compile.apply(this, arguments);
        }
        if (cachedData === undefined || script.cachedDataRejected) unsaved.push({ script, key });
        const wrapper = script.runInThisContext({ displayErrors: true });
        const module = this;
        // The require function Node.js gives a module (lib/internal/modules/helpers.js, makeRequireFunction).
        const require = function require(id) {
            return module.require(id);
        };
        const resolve = (request, options) => Module._resolveFilename(request, module, false, options);
        resolve.paths = (request) => Module._resolveLookupPaths(request, module);
        require.resolve = resolve;
        require.main = process.mainModule;
        require.extensions = Module._extensions;
        require.cache = Module._cache;
        return Reflect.apply(wrapper, module.exports, [module.exports, require, module, filename, path.dirname(filename)]);
    };
    process.once("exit", () => {
        if (unsaved.length === 0 || !pack) return;
        const fresh = new Map(unsaved.map(({ script, key }) => [key, script.createCachedData()]));
        let size = 0;
        for (const { length } of pack.index.values()) size += length;
        // Above the limit, only what this run used is kept: upgrades leave no pile of dead code behind.
        const kept = [...pack.index.keys()].filter((key) => !fresh.has(key) && (size <= packLimitBytes || used.has(key)));
        try {
            const entries = new Map([...kept.map((key) => [key, pack.get(key)]).filter(([, data]) => data !== undefined), ...fresh]);
            writeCodeCachePack(entries);
        } catch {
            // Read-only or full: the next run compiles from source.
        }
    });
}

enableCompileCache();

module.exports = { cacheDir, codeCacheKey, codeCachePack, deferred, importClosure, readCodeCachePack, remapStack, transform, transformAtOnce, transformOptions, withLazyPromiseTraces };
