// Where cognito-local's trigger calls differ from Cognito's, the events are corrected on their way to
// the handlers, so the handlers meet what AWS sends:
// - post confirmation does not run for a sign-up the pre sign-up trigger auto-confirmed (AWS runs it
//   only on ConfirmSignUp / AdminConfirmSignUp); the user-pool API says which sign-ups are in flight;
// - every event names the stack's region (the emulator says "local");
// - a migration answer without attributes means "no such user" (the emulator would create a blank
//   user), and a migrated user gets a new sub.
// The token trigger's events are not the emulator's: tokens/issuer.ts builds them as Cognito does.
import { randomUUID } from "crypto";
import type { Adapter } from "./lambda-host";

/** What the user-pool API and the adapter share about requests in flight. */
export interface SandboxState {
    /** `<poolId>|<username or email>` of sign-ups being processed. */
    readonly signingUp: Set<string>;
}

export const newSandboxState = (): SandboxState => ({ signingUp: new Set() });
export const signUpKey = (poolId: string, usernameOrEmail: string) => `${poolId}|${usernameOrEmail}`;

export function triggerAdapter(options: { state: SandboxState; region: string }): Adapter {
    const { state } = options;
    return async (fn, emulatorEvent) => {
        const event = { ...emulatorEvent, region: options.region };
        if (fn.trigger === "userMigration") {
            return {
                event,
                answer: (result: any) => {
                    // An answer without attributes means "no such user" to Cognito; the emulator would
                    // create a blank user with the typed password. Failing the call makes it refuse.
                    const attributes = result?.response?.userAttributes;
                    if (!attributes || Object.keys(attributes).length === 0) throw new Error("the migration trigger found no user to migrate");
                    // Cognito gives a migrated user a new sub; the emulator gives none.
                    return { ...result, response: { ...result.response, userAttributes: { ...result.response.userAttributes, sub: randomUUID() } } };
                },
            };
        }
        if (fn.trigger === "postConfirmation" && event.triggerSource === "PostConfirmation_ConfirmSignUp") {
            const keys = [event.userName, event.request?.userAttributes?.email].filter(Boolean).map((k) => signUpKey(event.userPoolId, k));
            if (keys.some((k) => state.signingUp.has(k))) return { skip: event };
        }
        return { event };
    };
}
