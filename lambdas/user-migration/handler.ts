// User migration: a user unknown to this pool signs in (or asks for a password reset) and exists in
// the pool being retired. The password they typed is checked against that pool; their attributes
// listed in the settings are copied (the stack decides which: see migrationAttributes), and, while
// groups follow, the user is marked as migrated (custom:migratedFrom); Cognito creates them here,
// confirmed, with that password. Users the old pool has
// disabled or not confirmed are refused, and so is a reset for a user with no verified address or
// number (no code could reach them, and they could never get in again). A refusal returns the event
// untouched: Cognito then treats the user as not found, which a client that prevents user existence
// errors answers like any wrong sign-in ("Incorrect username or password.", a simulated code
// delivery for a reset). Throwing instead would answer with the trigger's error, telling who exists.
// Nothing personal is logged: the reason of a refusal, never the user's name or password.
import type { UserMigrationTriggerEvent } from "aws-lambda";
import { lambdaEntry, type Dependencies } from "../shared/entry";
import { migrationMark, migrationMarkAttribute } from "../shared/migration-mark";
import { passwordProblem, type PasswordPolicy } from "../shared/password-policy";
import { sdkSourcePoolCalls, type SourcePool, type SourcePoolCalls } from "../shared/source-pool";

export interface UserMigrationSettings {
    readonly source: SourcePool;
    /** This pool's policy: Cognito does not check a migrated password against it. */
    readonly passwordPolicy: PasswordPolicy;
    /** The attributes carried from the old pool, by name; every other one stays behind. */
    readonly attributes: readonly string[];
    /** Mark each user created (custom:migratedFrom), so that post authentication can follow their groups. @default false */
    readonly mark?: boolean;
}

export function userMigration(settings: UserMigrationSettings, { log }: Dependencies, source: SourcePoolCalls = sdkSourcePoolCalls(settings.source)) {
    const refuse = (event: UserMigrationTriggerEvent, reason: string): UserMigrationTriggerEvent => {
        log.info({ trigger: "userMigration", action: "refused", reason });
        return event;
    };
    return async (event: UserMigrationTriggerEvent): Promise<UserMigrationTriggerEvent> => {
        const signIn = event.triggerSource === "UserMigration_Authentication";
        if (!signIn && event.triggerSource !== "UserMigration_ForgotPassword") return refuse(event, "unknown-trigger-source");
        const username = String(event.userName ?? "");
        if (signIn && !(await source.passwordAccepted(username, String(event.request?.password ?? "")))) return refuse(event, "not-accepted-by-source");
        const user = await source.user(username);
        if (!user) return refuse(event, "not-in-source");
        if (!user.enabled) return refuse(event, "disabled-in-source");
        if (user.status !== "CONFIRMED") return refuse(event, "not-confirmed-in-source");
        const canReset = user.attributes.email_verified === "true" || user.attributes.phone_number_verified === "true";
        // An old password this pool's policy refuses must not live on here: the user resets it (with a code to a verified address or number).
        const weakPassword = signIn && passwordProblem(event.request?.password, settings.passwordPolicy) !== undefined;
        if ((!signIn || weakPassword) && !canReset) return refuse(event, weakPassword ? "weak-password-and-no-verified-contact" : "no-verified-contact-for-reset");
        event.response = {
            ...event.response,
            userAttributes: {
                ...Object.fromEntries(Object.entries(user.attributes).filter(([name]) => settings.attributes.includes(name) && name !== migrationMarkAttribute)),
                ...(settings.mark && { [migrationMarkAttribute]: migrationMark(settings.source.userPoolId, user.username) }),
            },
            // Signed in with the right password that this pool accepts: confirmed, as they were. A reset or a weak password: Cognito asks for a new one.
            finalUserStatus: signIn && !weakPassword ? "CONFIRMED" : "RESET_REQUIRED",
            messageAction: "SUPPRESS",
        };
        log.info({ trigger: "userMigration", action: "migrated", triggerSource: event.triggerSource, ...(weakPassword && { passwordReset: "weak-password" }) });
        return event;
    };
}

export const handler = lambdaEntry("userMigration", userMigration);
