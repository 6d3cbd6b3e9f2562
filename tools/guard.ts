// `npm run guard -- <preview.json | -> [--type <resource type>]... [--allow-replace]`: fails (exit 2)
// when `pulumi preview --json` output would delete or replace a user pool, or a resource of a type
// given with --type; exit 1 when the input cannot be read or the preview failed; 0 otherwise.
import * as fs from "fs";
import { guardExitCode, guardPreview, parsePreview, PreviewInputError, renderGuard } from "./guard/preview-guard";

const usage = "usage: npm run guard -- <preview.json | -> [--type <resource type token>]... [--allow-replace]";

export function parseGuardArgs(argv: readonly string[]): { file: string; types: string[]; allowReplace: boolean } {
    const types: string[] = [];
    let file: string | undefined;
    let allowReplace = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--type") {
            const type = argv[++i];
            if (!type || !/^[\w-]+:[\w/.-]*:[\w]+$/.test(type)) throw new PreviewInputError(`--type needs a resource type token such as aws:cognito/identityPool:IdentityPool, got ${type ?? "nothing"}\n${usage}`);
            types.push(type);
        } else if (arg === "--allow-replace") allowReplace = true;
        else if (arg.startsWith("--")) throw new PreviewInputError(`unknown option ${arg}\n${usage}`);
        else if (file === undefined) file = arg;
        else throw new PreviewInputError(`one preview file at a time: got ${file} and ${arg}\n${usage}`);
    }
    if (file === undefined) throw new PreviewInputError(`no preview file given\n${usage}`);
    return { file, types, allowReplace };
}

function main(): number {
    try {
        const args = parseGuardArgs(process.argv.slice(2));
        const source = args.file === "-" ? "stdin" : args.file;
        if (args.file !== "-" && !fs.existsSync(args.file)) throw new PreviewInputError(`${args.file}: no such file. Write it with \`pulumi preview --json > ${args.file}\`.`);
        const text = fs.readFileSync(args.file === "-" ? 0 : args.file, "utf8");
        const result = guardPreview(parsePreview(text, source), args.types);
        console.log(renderGuard(result, source));
        if (result.findings.length > 0 && args.allowReplace) console.log("--allow-replace given: not failing for it.");
        return guardExitCode(result, args.allowReplace);
    } catch (error) {
        console.error(error instanceof PreviewInputError ? error.message : error);
        return 1;
    }
}

if (require.main === module) process.exit(main());
