// Post authentication: one JSON audit line per sign-in. Only the user's sub, the client, the
// trigger source and whether a new device was used: no email, name or other personal data.
import type { PostAuthenticationTriggerEvent } from "aws-lambda";
import { lambdaEntry, type Dependencies } from "../shared/entry";

export type PostAuthenticationSettings = Record<string, never>;

export function postAuthentication(_settings: PostAuthenticationSettings, { log }: Dependencies) {
    return async (event: PostAuthenticationTriggerEvent): Promise<PostAuthenticationTriggerEvent> => {
        log.info({
            audit: "sign-in",
            sub: event.request?.userAttributes?.sub,
            clientId: event.callerContext?.clientId,
            triggerSource: event.triggerSource,
            newDeviceUsed: event.request?.newDeviceUsed === true,
        });
        return event;
    };
}

export const handler = lambdaEntry("postAuthentication", postAuthentication);
