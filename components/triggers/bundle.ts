// Bundles a trigger handler with esbuild into one small file, as part of the program: no build
// step before `pulumi up` or `npm start`. The AWS SDK v3 stays out (the Lambda runtime has it).
//
// A bundle is built once and then reused while what made it has not changed: next to each
// index.js, build.json keeps a hash of esbuild's version and options and, per input esbuild read
// (the handler and every local source it imports, from the build's metafile), a hash of its
// content, plus the hash of index.js itself. A later run whose hashes all match reads the stamp
// and skips esbuild; any change to one of those files, to the options or to esbuild rebuilds it.
// Within one process, each bundle is also kept in memory.
import type { BuildOptions, Metafile } from "esbuild";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** The project's root: the nearest folder above this file with a package.json (wherever this file sits). */
function projectRootOf(dir: string): string {
    for (let at = dir; ; at = path.dirname(at)) {
        if (fs.existsSync(path.join(at, "package.json"))) return at;
        if (at === path.dirname(at)) return path.resolve(dir, "..");
    }
}

const projectRoot = projectRootOf(__dirname);
export const lambdasDir = path.join(projectRoot, "lambdas");
export const bundleDir = path.join(projectRoot, ".build", "lambdas");

export interface Bundle {
    /** The bundled index.js. */
    readonly file: string;
    readonly bytes: number;
}

/** Where the handlers are and where their bundles go; the project's own folders unless given. */
export interface BundleDirs {
    readonly lambdasDir?: string;
    readonly bundleDir?: string;
}

/** What this process did: bundles built by esbuild, bundles reused from disk, time spent in both. */
export const bundleStats = { built: 0, reused: 0, ms: 0 };

const options: BuildOptions = {
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    external: ["@aws-sdk/*"],
    legalComments: "none",
    logLevel: "silent",
};

interface Stamp {
    /** esbuild's version, the options and the entry point. */
    readonly build: string;
    /** Input path (relative to the project root, as esbuild's metafile names it) -> hash of its content. */
    readonly inputs: Record<string, string>;
    /** Hash of index.js. */
    readonly output: string;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

function hashOf(file: string): string | undefined {
    try {
        return sha256(fs.readFileSync(file));
    } catch {
        return undefined;
    }
}

function readStamp(file: string): Stamp | undefined {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as Stamp;
    } catch {
        return undefined;
    }
}

/** Writes under a name of its own, then renames: a reader sees the old file or the new one, whole. */
export function writeWhole(file: string, contents: string | Uint8Array): void {
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, contents);
    fs.renameSync(partial, file);
}

const built = new Map<string, Bundle>();

/** Forgets the bundles kept in memory (the next call checks the stamps on disk again). */
export function forgetBundles(): void {
    built.clear();
}

export function bundleTrigger(folder: string, dirs: BundleDirs = {}): Bundle {
    const sources = dirs.lambdasDir ?? lambdasDir;
    const outDir = path.join(dirs.bundleDir ?? bundleDir, folder);
    const memoKey = `${sources}\0${outDir}`;
    const kept = built.get(memoKey);
    if (kept) return kept;

    const started = process.hrtime.bigint();
    const file = path.join(outDir, "index.js");
    const stampFile = path.join(outDir, "build.json");
    const entry = path.join(sources, folder, "handler.ts");
    const esbuildVersion: string = require("esbuild/package.json").version;
    // tsconfig.json changes how esbuild compiles (class fields, paths): part of what made the bundle.
    const build = sha256(JSON.stringify([esbuildVersion, options, path.relative(projectRoot, entry), hashOf(path.join(projectRoot, "tsconfig.json")) ?? null]));

    const stamp = readStamp(stampFile);
    const unchanged = stamp?.build === build
        && Object.keys(stamp.inputs).length > 0
        && Object.entries(stamp.inputs).every(([input, hash]) => hashOf(path.resolve(projectRoot, input)) === hash)
        && hashOf(file) === stamp.output;
    let bundle: Bundle;
    if (unchanged) {
        bundle = { file, bytes: fs.statSync(file).size };
        bundleStats.reused++;
    } else {
        // Loaded only when a bundle has to be built: a run with every bundle current starts no esbuild.
        const { buildSync } = require("esbuild") as typeof import("esbuild");
        fs.rmSync(stampFile, { force: true });
        const buildStarted = Date.now();
        const result = buildSync({ ...options, entryPoints: [entry], outfile: file, absWorkingDir: projectRoot, metafile: true, write: false });
        const output = result.outputFiles![0].contents;
        const metafile: Metafile = result.metafile!;
        fs.mkdirSync(outDir, { recursive: true });
        writeWhole(file, output);
        const inputFiles = Object.keys(metafile.inputs).map((input) => [input, path.resolve(projectRoot, input)] as const);
        // The inputs are hashed after the build: one saved while esbuild ran (or just before, given
        // the file system's coarse clock) may differ from what esbuild read. Then no stamp: the next
        // run builds again.
        // Two seconds: some file systems keep modification times to the second or two (FAT, HFS+).
        const settled = inputFiles.every(([, source]) => fs.statSync(source).mtimeMs < buildStarted - 2000);
        if (settled) {
            const inputs = Object.fromEntries(inputFiles.map(([input, source]) => [input, hashOf(source)!]));
            writeWhole(stampFile, `${JSON.stringify({ build, inputs, output: sha256(output) } satisfies Stamp, null, 2)}\n`);
        }
        bundle = { file, bytes: output.byteLength };
        bundleStats.built++;
    }
    bundleStats.ms += Number(process.hrtime.bigint() - started) / 1e6;
    built.set(memoKey, bundle);
    return bundle;
}
