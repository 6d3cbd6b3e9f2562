// Pre authentication: some clients (an admin console, say) are only for members of some groups.
// This is the early refusal, at sign-in; pre token generation checks the same at every token
// issue, since Cognito does not call this trigger for a reused hosted UI session or a refresh.
import type { PreAuthenticationTriggerEvent } from "aws-lambda";
import { checkClientGate, clientNameOnce, type RequiredGroups } from "../shared/client-gate";
import { lambdaEntry, type Dependencies } from "../shared/entry";

export interface PreAuthenticationSettings {
    /** Client name -> groups; a user must be in at least one to sign in to that client. */
    readonly requiredGroups: RequiredGroups;
}

export function preAuthentication(settings: PreAuthenticationSettings, { cognito }: Dependencies) {
    return async (event: PreAuthenticationTriggerEvent): Promise<PreAuthenticationTriggerEvent> => {
        // With user existence errors hidden, Cognito calls this for unknown users too: it fails them itself.
        if (event.request?.userNotFound) return event;
        await checkClientGate(settings.requiredGroups, clientNameOnce(cognito, event.userPoolId, event.callerContext?.clientId), () => cognito.groupsOf(event.userPoolId, event.userName));
        return event;
    };
}

export const handler = lambdaEntry("preAuthentication", preAuthentication);
