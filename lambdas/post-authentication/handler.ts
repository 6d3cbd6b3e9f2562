// Post authentication: one JSON audit line per sign-in. Only the user's sub, the client, the
// trigger source and whether a new device was used: no email, name or other personal data.
// While users move from another pool (triggers.userMigration with groups that follow), a user the
// migration trigger created (marked in custom:migratedFrom, which no user can write) in the last
// minutes, with no group yet, gets the old account's groups among those the stack lets follow, if
// that old account is enabled and confirmed: Cognito creates a migrated user without groups, and
// the migration trigger cannot add them (the user does not exist yet then). Never for a federated
// sign-in; only at the first sign-ins: a group an administrator removes later stays removed.
import type { PostAuthenticationTriggerEvent } from "aws-lambda";
import { lambdaEntry, type Dependencies } from "../shared/entry";
import { loggableError } from "../shared/errors";
import { enteredThroughProvider } from "../shared/linked-identity";
import { markedUsername, migrationMarkAttribute } from "../shared/migration-mark";
import { sdkSourcePoolCalls, type SourcePool, type SourcePoolCalls } from "../shared/source-pool";

export interface PostAuthenticationSettings {
    /** The pool users migrate from, whose groups follow them. */
    readonly migrationSource?: SourcePool;
    /** The old pool's groups that may follow a migrated user; no other does. @default [] */
    readonly followGroups?: readonly string[];
}

/** How long after its creation a migrated user's groups may still follow (a reset-migrated user signs in after the reset). */
const followWindowMs = 30 * 60 * 1000;

/** Adds the old pool's allowed groups to a user the migration created and who has none here; never fails the sign-in over it. */
async function followGroups(event: PostAuthenticationTriggerEvent, { cognito, log }: Dependencies, source: SourcePoolCalls, settings: Required<PostAuthenticationSettings>): Promise<void> {
    const attributes = event.request?.userAttributes ?? {};
    const oldUsername = markedUsername(attributes[migrationMarkAttribute], settings.migrationSource.userPoolId);
    if (oldUsername === undefined || enteredThroughProvider(attributes)) return;
    try {
        const created = await cognito.createdAt(event.userPoolId, event.userName);
        if (!created || Date.now() - created.getTime() > followWindowMs) return;
        if ((await cognito.groupsOf(event.userPoolId, event.userName)).length > 0) return;
        const old = await source.user(oldUsername);
        if (!old || !old.enabled || old.status !== "CONFIRMED") return;
        for (const group of (await source.groupsOf(old.username)).filter((g) => settings.followGroups.includes(g))) {
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
    const migration = settings.migrationSource && (settings.followGroups ?? []).length > 0
        ? { settings: { migrationSource: settings.migrationSource, followGroups: settings.followGroups ?? [] }, oldPool: source ?? sdkSourcePoolCalls(settings.migrationSource) }
        : undefined;
    return async (event: PostAuthenticationTriggerEvent): Promise<PostAuthenticationTriggerEvent> => {
        deps.log.info({
            audit: "sign-in",
            sub: event.request?.userAttributes?.sub,
            clientId: event.callerContext?.clientId,
            triggerSource: event.triggerSource,
            newDeviceUsed: event.request?.newDeviceUsed === true,
        });
        if (migration) await followGroups(event, deps, migration.oldPool, migration.settings);
        return event;
    };
}

export const handler = lambdaEntry("postAuthentication", postAuthentication);
