// An export folder as restore reads it. A folder without manifest.json is an export that did not
// finish: restore refuses it unless told to take what it holds (--allow-incomplete), and then also
// reads a file whose last line was cut off.
import * as path from "path";
import { failure } from "../errors";
import { usersCommand } from "../text";
import { exists, readJson, readJsonLines } from "./files";
import { files, formatName, formatVersion, type ExportedGroup, type ExportedUser, type Manifest, type Membership } from "./format";

export interface ExportFolder {
    readonly folder: string;
    /** Absent for an incomplete export read with --allow-incomplete. */
    readonly manifest?: Manifest;
    readonly users: readonly ExportedUser[];
    readonly groups: readonly ExportedGroup[];
    /** Exported username -> the groups they were in. */
    readonly groupsOf: ReadonlyMap<string, readonly string[]>;
}

export function readExport(folder: string, allowIncomplete: boolean): ExportFolder {
    if (!exists(folder)) throw failure(`no folder ${folder}`, "name the folder export wrote");
    const manifestFile = path.join(folder, files.manifest);
    const manifest = exists(manifestFile) ? readJson<Manifest>(manifestFile) : undefined;
    if (!manifest && !allowIncomplete) {
        throw failure(`${folder} has no ${files.manifest}: its export did not finish`, `finish it with ${usersCommand("export", folder)} (same pool), or pass --allow-incomplete to restore what it holds`);
    }
    if (manifest && (manifest.format !== formatName || !(manifest.version <= formatVersion))) {
        throw failure(`${manifestFile} is not an export this version reads (format ${manifest.format} ${manifest.version})`, "restore it with the version of this project that wrote it");
    }
    const read = <T>(name: string) => {
        const { values, cut } = readJsonLines<T>(path.join(folder, name));
        if (cut && manifest) throw failure(`the last line of ${name} in ${folder} is cut off, though the export finished`, "export again into a new folder");
        return values;
    };
    const users = read<ExportedUser>(files.users);
    const groupsFile = path.join(folder, files.groups);
    const groups = exists(groupsFile) ? readJson<ExportedGroup[]>(groupsFile) : [];
    const memberships = read<Membership>(files.memberships);
    if (manifest && (manifest.counts.users !== users.length || manifest.counts.memberships !== memberships.length)) {
        throw failure(`${folder} holds ${users.length} users and ${memberships.length} memberships, but its manifest counts ${manifest.counts.users} and ${manifest.counts.memberships}: it was changed`, "export again into a new folder");
    }
    const groupsOf = new Map<string, string[]>();
    for (const { group, username } of memberships) groupsOf.set(username, [...(groupsOf.get(username) ?? []), group]);
    return { folder, manifest, users, groups, groupsOf };
}
