// Post confirmation: put the new user in the stage's default group. Safe to run twice (adding a
// member again is a no-op in Cognito), and never fails a sign-up over it.
import type { PostConfirmationTriggerEvent } from "aws-lambda";
import { lambdaEntry, type Dependencies } from "../shared/entry";
import { loggableError } from "../shared/errors";

export interface PostConfirmationSettings {
    readonly defaultGroup: string;
}

export function postConfirmation(settings: PostConfirmationSettings, { cognito, log }: Dependencies) {
    return async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
        if (event.triggerSource !== "PostConfirmation_ConfirmSignUp") return event;
        try {
            await cognito.addUserToGroup(event.userPoolId, event.userName, settings.defaultGroup);
        } catch (error) {
            // The group is a convenience: the account exists, so the sign-up must still succeed.
            log.error({ trigger: "postConfirmation", action: "addUserToGroup", group: settings.defaultGroup, ...loggableError(error) });
        }
        return event;
    };
}

export const handler = lambdaEntry("postConfirmation", postConfirmation);
