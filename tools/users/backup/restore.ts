// `restore <folder> --pool <id>`: the users, groups and memberships of an export made again in a
// pool (the same one, or another with the same attributes). Idempotent: a second run finds
// everything present and says it changed nothing. What cannot be carried is said in the output:
// passwords (the users are created FORCE_CHANGE_PASSWORD without an invitation), MFA and passkeys;
// so are the attributes left behind, and the accounts left alone (restore-run.ts).
import * as fs from "fs";
import * as path from "path";
import { roleRuleClaims } from "../../../components/identity-pool/settings";
import { closest } from "../../../config/suggest";
import { migrationMarkAttribute } from "../../../lambdas/shared/migration-mark";
import { loadStack } from "../../harness/run-stack";
import { has, single, type ParsedArgs } from "../args";
import type { Command, Context, Local } from "../command";
import { failure, usage, UsersError } from "../errors";
import { counted, quote } from "../text";
import { RestoreJournal } from "./journal";
import { readExport, type ExportFolder } from "./read-export";
import { RestoreRun, type Tally } from "./restore-run";
import { concurrency, concurrencyOption, folderOf } from "./options";
import { checkPrivateFolder } from "./files";

export const restoreUsers: Command = {
    name: "restore",
    args: ["<folder>"],
    options: [
        { name: "with-roles", help: "give created groups their exported IAM role ARN as it is (the role must exist in the target's account)" },
        { name: "allow-incomplete", help: "restore from a folder whose export did not finish (no manifest.json)" },
        { name: "drop-attribute", value: "<names>", help: "attributes to leave behind, comma-separated (a custom attribute your back end trusts that the source pool let users write)" },
        { name: "carry-attribute", value: "<names>", help: "claims the stack's role-mapping rules use, carried anyway (left behind by default when --stack or --sandbox names the stack)" },
        concurrencyOption,
    ],
    bulk: true,
    summary: "recreate an export's users (no invitation sent: they set a new password at first sign-in), groups and memberships in the pool named by --pool, --sandbox or --stack; run again to complete an interrupted restore",
    prepare: (parsed, local) => {
        // A restore writes thousands of users: the pool is named, never the default stack's by omission.
        if (!["pool", "sandbox", "stack"].some((option) => has(parsed, option))) throw usage("restore writes into a pool: name it", "pass --pool <id>, --sandbox [stack] or --stack <stack>");
        const folder = folderOf(parsed, local);
        checkPrivateFolder(folder);
        const backup = readExport(folder, has(parsed, "allow-incomplete"));
        checkDropped(names(parsed, "drop-attribute"), backup);
        const { leaveBehind, trustKnown } = attributesLeftBehind(parsed, local);
        const options = { withRoles: has(parsed, "with-roles"), concurrency: concurrency(parsed), leaveBehind };
        return async (context) => {
            const journal = RestoreJournal.open(backup.folder, context.api.pool.poolId);
            const run = new RestoreRun(context, backup, { ...options, journal });
            try {
                report(context, backup, await run.run(), leaveBehind, trustKnown);
            } catch (error) {
                const { done, groupsCreated } = run.tally;
                // Stopped before its first change (a refusal, a missing attribute): the message's own fix is all there is to say.
                if (!(error instanceof UsersError) || done + groupsCreated.length === 0) throw error;
                throw new UsersError(`${error.message}; the restore stopped after ${done} of ${backup.users.length} users: run the same command again to complete it (done steps are skipped)`, error.exitCode, error.aws);
            }
        };
    },
};

const names = (parsed: ParsedArgs, option: string) => (single(parsed, option) ?? "").split(",").map((n) => n.trim()).filter(Boolean);

/** A name --drop-attribute gives that no exported user carries: a misspelling would carry the attribute meant. */
function checkDropped(dropped: readonly string[], backup: ExportFolder): void {
    const carried = [...new Set(backup.users.flatMap((u) => Object.keys(u.attributes)))].sort();
    for (const name of dropped.filter((n) => !carried.includes(n))) {
        const near = closest(name, carried);
        throw usage(`--drop-attribute ${quote(name)} is not an attribute of any exported user`, near ? `did you mean ${quote(near)}?` : `name one they carry: ${carried.join(", ")}`);
    }
}

/**
 * What restore leaves behind, with the reason: the migration's mark (only the migration trigger
 * writes it), what --drop-attribute names, and, when the stack is named, the claims its role-mapping
 * rules choose AWS roles by, since the source pool may have let users write them.
 */
function attributesLeftBehind(parsed: ParsedArgs, local: Local): { leaveBehind: Map<string, string>; trustKnown: boolean } {
    const left = new Map<string, string>([[migrationMarkAttribute, "the migration trigger's own mark: only it writes one"]]);
    for (const name of names(parsed, "drop-attribute")) left.set(name, "--drop-attribute");
    const carried = names(parsed, "carry-attribute");
    const stack = has(parsed, "sandbox") || has(parsed, "stack") ? single(parsed, "sandbox") || single(parsed, "stack") || "dev" : undefined;
    const claims = stack === undefined ? undefined : roleClaimsOf(stack, local.root);
    for (const name of carried) if (!claims?.includes(name)) throw usage(`--carry-attribute ${quote(name)} is carried anyway`, `name a claim the role-mapping rules of the named stack use (${claims?.length ? claims.join(", ") : "none"})`);
    for (const claim of (claims ?? []).filter((c) => !carried.includes(c))) left.set(claim, `chooses AWS roles in stack ${stack}, and the source pool may have let users write it (--carry-attribute to carry it)`);
    return { leaveBehind: left, trustKnown: claims !== undefined };
}

/** The claims a stack's role-mapping rules use; unknown when the project has no such stack file (a sandbox's own name). */
function roleClaimsOf(stack: string, root: string): string[] | undefined {
    if (!fs.existsSync(path.join(root, `Pulumi.${stack}.yaml`))) return undefined;
    try {
        return roleRuleClaims(loadStack(stack, { root }).config.identityPool);
    } catch (error) {
        throw failure(`cannot read which claims stack ${stack} trusts for AWS roles: ${(error as Error).message.split("\n").join(" ")}`, "fix the stack file, or name the pool with --pool alone");
    }
}

function report(context: Context, backup: ExportFolder, tally: Tally, leaveBehind: ReadonlyMap<string, string>, trustKnown: boolean): void {
    const pool = context.api.pool.poolId;
    const changed = tally.created + tally.groupsCreated.length + tally.membershipsAdded + tally.disabled > 0;
    const counts = `created ${counted(tally.created, "user")}, ${tally.present} already present; created ${counted(tally.groupsCreated.length, "group")}; added ${counted(tally.membershipsAdded, "membership")}; disabled ${counted(tally.disabled, "user")}`;
    const skipped = [
        tally.federated && `${counted(tally.federated, "federated user")} (Cognito makes them again at their next sign-in through their provider)`,
        tally.noSignInName && `${counted(tally.noSignInName, "user")} without the address this pool signs in with`,
        tally.membershipsSkipped && `${counted(tally.membershipsSkipped, "membership")} of groups the export does not describe`,
    ].filter(Boolean);
    const exportedNames = new Set(backup.users.flatMap((u) => Object.keys(u.attributes)));
    const left = [...leaveBehind].filter(([name]) => exportedNames.has(name));
    // Without a stack file, nobody said which custom attributes choose AWS roles: the ones carried are named.
    const carriedCustom = trustKnown ? [] : [...exportedNames].filter((name) => name.startsWith("custom:") && !leaveBehind.has(name)).sort();
    const lines = [
        `restore of ${backup.folder} into pool ${pool}: ${changed ? counts : `nothing to change (${counts})`}`,
        ...(backup.manifest ? [] : ["the export is incomplete (--allow-incomplete): users, groups and memberships it did not reach are missing"]),
        ...(skipped.length ? [`skipped: ${skipped.join("; ")}`] : []),
        ...tally.sameSignInName.map((s) => `skipped ${s.address} (exported user ${s.skipped}): exported user ${s.kept} already has that sign-in address here; never merged into one account: restore it by hand`),
        ...tally.leftAlone.map((a) => `left alone ${a.address} (exported user ${a.exported}): ${a.why}; no group added, nothing disabled: check who owns it, delete it if it is not theirs, and restore again`),
        ...left.map(([name, why]) => `left behind attribute ${name}: ${why}`),
        ...(carriedCustom.length ? [`carried ${carriedCustom.join(", ")} as exported, with no stack file read to say which choose AWS roles here: if the source pool let users write one your stack trusts, restore again with --stack <stack> or --drop-attribute`] : []),
        ...(tally.groupsCreated.length ? [`created groups ${tally.groupsCreated.join(", ")}: declare them in userPool.groups of the stack file, or Pulumi does not manage them`] : []),
        ...tally.rolesNotRestored.map(({ group, roleArn }) => `group ${group}: IAM role ${roleArn} not restored (pass --with-roles to set it as exported)`),
        ...(tally.created
            ? [`the ${counted(tally.created, "created user")} ${tally.created === 1 ? "is" : "are"} in FORCE_CHANGE_PASSWORD and got no invitation: each sets a new password at first sign-in, with the temporary one an invitation sends when you resend it (npm run users -- resend-invitation <user>); old passwords, MFA and passkeys do not carry over`]
            : []),
    ];
    context.out.result(lines, { action: "restore", folder: backup.folder, pool, changed, complete: backup.manifest !== undefined, ...tally, attributesLeftBehind: Object.fromEntries(left) });
}
