// `npm run diagrams [-- --check]`: writes the shipped dev and prod trust maps into the README (or,
// with --check, exits 1 when the README's maps are not what the stacks draw).
import { writeReadmeMaps } from "./diagram/readme-maps";

async function main(): Promise<number> {
    const args = process.argv.slice(2);
    const unknown = args.filter((a) => a !== "--check");
    if (unknown.length) {
        console.error(`unknown argument ${unknown[0]}\nusage: npm run diagrams [-- --check]`);
        return 2;
    }
    const check = args.includes("--check");
    const { current } = await writeReadmeMaps(check);
    if (current) console.log("README.md: the trust maps are current.");
    else console.log(check ? "README.md: the trust maps are out of date; run npm run diagrams." : "README.md: trust maps written.");
    return check && !current ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
