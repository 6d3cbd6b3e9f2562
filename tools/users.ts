// `npm run users -- <command>`: user administration of the stack's Cognito pool (list, find,
// invite, groups, disable, enable, reset-password, sign-out, delete, and export / restore of every
// user, in tools/users/backup/). The work is in tools/users/;
// this entry runs it and sets the exit code. `npm run users -- --help` lists the commands.
import { quietNodeVersionWarning } from "./sandbox/quiet-node-version-warning";
import { runUsers } from "./users/run";

export { runUsers };
export type { UsersIo, UsersResult } from "./users/run";

if (require.main === module) {
    // The SDK's Node.js 22 notice (7 lines) on every run: stderr is for the command's one-line errors.
    quietNodeVersionWarning();
    // Piped into `head`, stdout closes early: that ends the output, not in a stack trace.
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE") throw error;
        process.exit(process.exitCode ?? 0);
    });
    void runUsers(process.argv.slice(2), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }).then(({ code }) => {
        process.exitCode = code;
    });
}
