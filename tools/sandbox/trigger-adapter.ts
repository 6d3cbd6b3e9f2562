// Where cognito-local's trigger calls differ from Cognito's, the events are corrected on their way to
// the handlers, so the handlers meet what AWS sends:
// - post confirmation does not run for a sign-up the pre sign-up trigger auto-confirmed (AWS runs it
//   only on ConfirmSignUp / AdminConfirmSignUp); the gateway says which sign-ups are in flight;
// - the token trigger gets the version 2 event when the stack asks for it (the emulator sends
//   version 1 without the user's groups and ignores a version 2 answer): groups filled in, the
//   answer turned into the version 1 shape for the ID token, and the access token's claims and
//   scopes kept for the gateway, which writes them into the access token.
import { randomUUID } from "crypto";
import { AdminListGroupsForUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Adapter } from "./lambda-host";

/** What the gateway and the adapter share about requests in flight. */
export interface SandboxState {
    /** `<poolId>|<username or email>` of sign-ups being processed. */
    readonly signingUp: Set<string>;
    /** `<poolId>|<clientId>|<username>` -> what the version 2 answer added to the access token. */
    readonly accessTokenAdditions: Map<string, AccessTokenAdditions>;
}

export interface AccessTokenAdditions {
    readonly claimsToAddOrOverride?: Record<string, unknown>;
    readonly claimsToSuppress?: readonly string[];
    readonly scopesToAdd?: readonly string[];
    readonly scopesToSuppress?: readonly string[];
}

export const newSandboxState = (): SandboxState => ({ signingUp: new Set(), accessTokenAdditions: new Map() });
export const signUpKey = (poolId: string, usernameOrEmail: string) => `${poolId}|${usernameOrEmail}`;
export const accessKey = (poolId: string, clientId: string, username: string) => `${poolId}|${clientId}|${username}`;

export function triggerAdapter(options: { state: SandboxState; tokenEventVersion: string; cognito: () => CognitoIdentityProviderClient }): Adapter {
    const { state } = options;
    return async (fn, event) => {
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
        if (fn.trigger === "preTokenGeneration" && options.tokenEventVersion !== "V1_0") {
            const groups = await options.cognito().send(new AdminListGroupsForUserCommand({ UserPoolId: event.userPoolId, Username: event.userName }));
            const v2 = {
                ...event,
                version: options.tokenEventVersion === "V3_0" ? "3" : "2",
                request: {
                    ...event.request,
                    groupConfiguration: { groupsToOverride: (groups.Groups ?? []).map((g) => g.GroupName), iamRolesToOverride: [], preferredRole: null },
                    scopes: ["aws.cognito.signin.user.admin"],
                },
                response: { claimsAndScopeOverrideDetails: null },
            };
            return {
                event: v2,
                answer: (result: any) => {
                    const details = result?.response?.claimsAndScopeOverrideDetails ?? {};
                    const access: AccessTokenAdditions | undefined = details.accessTokenGeneration;
                    if (access) state.accessTokenAdditions.set(accessKey(event.userPoolId, event.callerContext?.clientId, event.userName), access);
                    return {
                        ...result,
                        response: {
                            claimsOverrideDetails: {
                                claimsToAddOrOverride: details.idTokenGeneration?.claimsToAddOrOverride,
                                claimsToSuppress: details.idTokenGeneration?.claimsToSuppress,
                                groupOverrideDetails: details.groupOverrideDetails,
                            },
                        },
                    };
                },
            };
        }
        return { event };
    };
}
