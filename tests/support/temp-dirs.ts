// Temporary folders for one test file, removed after it: `const tmpDir = tempDirs("restore-");`.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export function tempDirs(prefix: string): () => string {
    const made: string[] = [];
    after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
    return () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
        made.push(dir);
        return dir;
    };
}
