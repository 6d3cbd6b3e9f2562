// User migration: a user unknown to this pool signs in (or asks for a password reset) and exists in
// the pool being retired. The password they typed is checked against that pool; their attributes
// are copied; Cognito creates them here, confirmed, with that password. Users the old pool has
// disabled or not confirmed are refused. Every refusal is the same thrown error whatever the
// reason, so a wrong password cannot tell whether an account exists (Cognito answers the sign-in
// with its usual "Incorrect username or password." when the client prevents existence errors).
// Nothing personal is logged: the reason of a refusal, never the user's name or password.
import type { UserMigrationTriggerEvent } from "aws-lambda";
import { lambdaEntry, type Dependencies } from "../shared/entry";
import { sdkSourcePoolCalls, type SourcePool, type SourcePoolCalls } from "../shared/source-pool";

export interface UserMigrationSettings {
    readonly source: SourcePool;
}

/** Attributes Cognito sets itself (or a user cannot be created with), left behind. */
const notCopied = (name: string) => name === "sub" || name === "identities" || name.startsWith("cognito:");

export const migrationRefused = "User migration refused";

export function userMigration(settings: UserMigrationSettings, { log }: Dependencies, source: SourcePoolCalls = sdkSourcePoolCalls(settings.source)) {
    const refuse = (reason: string): never => {
        log.info({ trigger: "userMigration", action: "refused", reason });
        throw new Error(migrationRefused);
    };
    return async (event: UserMigrationTriggerEvent): Promise<UserMigrationTriggerEvent> => {
        const signIn = event.triggerSource === "UserMigration_Authentication";
        if (!signIn && event.triggerSource !== "UserMigration_ForgotPassword") return refuse("unknown-trigger-source");
        const username = String(event.userName ?? "");
        if (signIn && !(await source.passwordAccepted(username, String(event.request?.password ?? "")))) return refuse("not-accepted-by-source");
        const user = await source.user(username);
        if (!user) return refuse("not-in-source");
        if (!user.enabled) return refuse("disabled-in-source");
        if (user.status !== "CONFIRMED") return refuse("not-confirmed-in-source");
        event.response = {
            ...event.response,
            userAttributes: Object.fromEntries(Object.entries(user.attributes).filter(([name]) => !notCopied(name))),
            // Signed in with the right password: confirmed, as they were. A reset: Cognito sends the code.
            finalUserStatus: signIn ? "CONFIRMED" : "RESET_REQUIRED",
            messageAction: "SUPPRESS",
        };
        log.info({ trigger: "userMigration", action: "migrated", triggerSource: event.triggerSource });
        return event;
    };
}

export const handler = lambdaEntry("userMigration", userMigration);
