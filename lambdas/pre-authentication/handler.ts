// Pre authentication: some clients (an admin console, say) are only for members of some groups.
import type { PreAuthenticationTriggerEvent } from "aws-lambda";
import { lambdaEntry, type Dependencies } from "../shared/entry";
import { UserFacingError } from "../shared/errors";

export interface PreAuthenticationSettings {
    /** Client name -> groups; a user must be in at least one to sign in to that client. */
    readonly requiredGroups: Readonly<Record<string, readonly string[]>>;
}

export const notAllowedMessage = "You are not allowed to sign in to this app. | لا يُسمح لك بتسجيل الدخول إلى هذا التطبيق.";

export function preAuthentication(settings: PreAuthenticationSettings, { cognito }: Dependencies) {
    return async (event: PreAuthenticationTriggerEvent): Promise<PreAuthenticationTriggerEvent> => {
        // With user existence errors hidden, Cognito calls this for unknown users too: it fails them itself.
        if (event.request?.userNotFound || Object.keys(settings.requiredGroups).length === 0) return event;
        const clientName = await cognito.clientName(event.userPoolId, event.callerContext.clientId);
        const required = clientName === undefined ? undefined : settings.requiredGroups[clientName];
        if (!required) return event;
        const groups = await cognito.groupsOf(event.userPoolId, event.userName);
        if (!required.some((group) => groups.includes(group))) throw new UserFacingError(notAllowedMessage);
        return event;
    };
}

export const handler = lambdaEntry("preAuthentication", preAuthentication);
