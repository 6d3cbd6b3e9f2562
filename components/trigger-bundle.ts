// Bundles a trigger handler with esbuild into one small file, as part of the program: no build
// step before `pulumi up` or `npm start`. The AWS SDK v3 stays out (the Lambda runtime has it).
import { buildSync } from "esbuild";
import * as path from "path";

export const lambdasDir = path.resolve(__dirname, "..", "lambdas");
export const bundleDir = path.resolve(__dirname, "..", ".build", "lambdas");

export interface Bundle {
    /** The bundled index.js. */
    readonly file: string;
    readonly bytes: number;
}

const built = new Map<string, Bundle>();

export function bundleTrigger(folder: string): Bundle {
    const cached = built.get(folder);
    if (cached) return cached;
    const file = path.join(bundleDir, folder, "index.js");
    const result = buildSync({
        entryPoints: [path.join(lambdasDir, folder, "handler.ts")],
        outfile: file,
        bundle: true,
        platform: "node",
        target: "node22",
        format: "cjs",
        minify: true,
        external: ["@aws-sdk/*"],
        legalComments: "none",
        metafile: true,
        logLevel: "silent",
    });
    const bytes = Object.values(result.metafile!.outputs)[0].bytes;
    const bundle = { file, bytes };
    built.set(folder, bundle);
    return bundle;
}
