// The sandbox's data folder holds passwords as typed, codes and a signing key: folders 0700, files
// 0600, including those a folder kept from an older run already has.
import * as fs from "fs";
import * as path from "path";

export function privateFolder(folder: string): void {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fs.chmodSync(folder, 0o700);
}

/** Creates the file (empty, or with `initial`) if it is missing; either way only its owner may read or write it. */
export function privateFile(file: string, initial = ""): void {
    if (!fs.existsSync(file)) fs.writeFileSync(file, initial, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
}

export function writePrivateFile(file: string, content: string | Buffer): void {
    privateFile(file);
    fs.writeFileSync(file, content);
}

/** Every folder and file under `folder` (itself included) made private. */
export function privateTree(folder: string): void {
    privateFolder(folder);
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) privateTree(full);
        else if (entry.isFile()) fs.chmodSync(full, 0o600);
    }
}
