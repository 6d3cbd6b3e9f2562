// Post authentication: one JSON audit line per sign-in. Only the user's sub, the client, the
// trigger source and whether a new device was used: no email, name or other personal data.
// While users move from another pool (triggers.userMigration), a user created here in the last
// minutes (the migration just made them) with no group gets the groups the old pool gave the same
// verified address, if that old account is enabled and confirmed: Cognito creates a migrated user
// without groups, and the migration trigger cannot add them (the user does not exist yet then).
// Only at the first sign-ins: a group an administrator removes later stays removed.
import type { PostAuthenticationTriggerEvent } from "aws-lambda";
import { lambdaEntry, type Dependencies } from "../shared/entry";
import { loggableError } from "../shared/errors";
import { sdkSourcePoolCalls, type SourcePool, type SourcePoolCalls } from "../shared/source-pool";

export interface PostAuthenticationSettings {
    /** The pool users migrate from, whose groups follow them. */
    readonly migrationSource?: SourcePool;
}

/** How long after its creation a migrated user's groups may still follow (a reset-migrated user signs in after the reset). */
const followWindowMs = 30 * 60 * 1000;

/** Adds the old pool's groups to a user who has none here; never fails the sign-in over it. */
async function followGroups(event: PostAuthenticationTriggerEvent, { cognito, log }: Dependencies, source: SourcePoolCalls): Promise<void> {
    const attributes = event.request?.userAttributes ?? {};
    // Only a proven address names the same person in both pools.
    if (attributes.email_verified !== "true" || !attributes.email) return;
    try {
        const created = await cognito.createdAt(event.userPoolId, event.userName);
        if (!created || Date.now() - created.getTime() > followWindowMs) return;
        if ((await cognito.groupsOf(event.userPoolId, event.userName)).length > 0) return;
        const old = await source.user(attributes.email);
        if (!old || !old.enabled || old.status !== "CONFIRMED") return;
        for (const group of await source.groupsOf(old.username)) {
            try {
                await cognito.addUserToGroup(event.userPoolId, event.userName, group);
                log.info({ trigger: "postAuthentication", action: "group-followed", group });
            } catch (error) {
                log.error({ trigger: "postAuthentication", action: "group-not-followed", group, ...loggableError(error) });
            }
        }
    } catch (error) {
        log.error({ trigger: "postAuthentication", action: "groups-not-read", ...loggableError(error) });
    }
}

export function postAuthentication(settings: PostAuthenticationSettings, deps: Dependencies, source?: SourcePoolCalls) {
    const oldPool = settings.migrationSource && (source ?? sdkSourcePoolCalls(settings.migrationSource));
    return async (event: PostAuthenticationTriggerEvent): Promise<PostAuthenticationTriggerEvent> => {
        deps.log.info({
            audit: "sign-in",
            sub: event.request?.userAttributes?.sub,
            clientId: event.callerContext?.clientId,
            triggerSource: event.triggerSource,
            newDeviceUsed: event.request?.newDeviceUsed === true,
        });
        if (oldPool) await followGroups(event, deps, oldPool);
        return event;
    };
}

export const handler = lambdaEntry("postAuthentication", postAuthentication);
