// `restore <folder> --pool <id>`: the users, groups and memberships of an export made again in a
// pool (the same one, or another with the same attributes). Idempotent: a second run finds
// everything present and says it changed nothing. What cannot be carried is said in the output:
// passwords (the users are created FORCE_CHANGE_PASSWORD without an invitation), MFA and passkeys.
import { has } from "../args";
import type { Command, Context } from "../command";
import { usage, UsersError } from "../errors";
import { counted } from "../text";
import { readExport, type ExportFolder } from "./read-export";
import { RestoreRun, type Tally } from "./restore-run";
import { concurrency, concurrencyOption, folderOf } from "./options";

export const restoreUsers: Command = {
    name: "restore",
    args: ["<folder>"],
    options: [
        { name: "with-roles", help: "give created groups their exported IAM role ARN as it is (the role must exist in the target's account)" },
        { name: "allow-incomplete", help: "restore from a folder whose export did not finish (no manifest.json)" },
        concurrencyOption,
    ],
    bulk: true,
    summary: "recreate an export's users (no invitation sent: they set a new password at first sign-in), groups and memberships in the pool named by --pool, --sandbox or --stack; run again to complete an interrupted restore",
    prepare: (parsed, local) => {
        // A restore writes thousands of users: the pool is named, never the default stack's by omission.
        if (!["pool", "sandbox", "stack"].some((option) => has(parsed, option))) throw usage("restore writes into a pool: name it", "pass --pool <id>, --sandbox [stack] or --stack <stack>");
        const backup = readExport(folderOf(parsed, local), has(parsed, "allow-incomplete"));
        const options = { withRoles: has(parsed, "with-roles"), concurrency: concurrency(parsed) };
        return async (context) => {
            const run = new RestoreRun(context, backup, options);
            try {
                report(context, backup, await run.run());
            } catch (error) {
                const { done, groupsCreated } = run.tally;
                // Stopped before its first change (a refusal, a missing attribute): the message's own fix is all there is to say.
                if (!(error instanceof UsersError) || done + groupsCreated.length === 0) throw error;
                throw new UsersError(`${error.message}; the restore stopped after ${done} of ${backup.users.length} users: run the same command again to complete it (done steps are skipped)`, error.exitCode, error.aws);
            }
        };
    },
};

function report(context: Context, backup: ExportFolder, tally: Tally): void {
    const pool = context.api.pool.poolId;
    const changed = tally.created + tally.groupsCreated.length + tally.membershipsAdded + tally.disabled > 0;
    const counts = `created ${counted(tally.created, "user")}, ${tally.present} already present; created ${counted(tally.groupsCreated.length, "group")}; added ${counted(tally.membershipsAdded, "membership")}; disabled ${counted(tally.disabled, "user")}`;
    const skipped = [
        tally.federated && `${counted(tally.federated, "federated user")} (Cognito makes them again at their next sign-in through their provider)`,
        tally.noSignInName && `${counted(tally.noSignInName, "user")} without the address this pool signs in with`,
        tally.sameSignInName && `${counted(tally.sameSignInName, "user")} whose sign-in address another exported user already has here (never merged into one account: restore them by hand)`,
        tally.membershipsSkipped && `${counted(tally.membershipsSkipped, "membership")} of groups the export does not describe`,
    ].filter(Boolean);
    const lines = [
        `restore of ${backup.folder} into pool ${pool}: ${changed ? counts : `nothing to change (${counts})`}`,
        ...(backup.manifest ? [] : ["the export is incomplete (--allow-incomplete): users, groups and memberships it did not reach are missing"]),
        ...(skipped.length ? [`skipped: ${skipped.join("; ")}`] : []),
        ...(tally.groupsCreated.length ? [`created groups ${tally.groupsCreated.join(", ")}: declare them in userPool.groups of the stack file, or Pulumi does not manage them`] : []),
        ...tally.rolesNotRestored.map(({ group, roleArn }) => `group ${group}: IAM role ${roleArn} not restored (pass --with-roles to set it as exported)`),
        ...(tally.created
            ? [`the ${counted(tally.created, "created user")} ${tally.created === 1 ? "is" : "are"} in FORCE_CHANGE_PASSWORD and got no invitation: each sets a new password at first sign-in, with the temporary one an invitation sends when you resend it (AdminCreateUser, MessageAction RESEND); old passwords, MFA and passkeys do not carry over`]
            : []),
    ];
    context.out.result(lines, { action: "restore", folder: backup.folder, pool, changed, complete: backup.manifest !== undefined, ...tally });
}
