// The mark the migration trigger writes on each user it creates: the old pool and the old username,
// in a custom attribute no client may write and no identity provider may map (the stack's checks
// refuse both). Post authentication follows the old pool's groups only for users that carry it, so
// an account someone else made with a migrated user's address (a self sign-up, a Google sign-in)
// inherits nothing.
export const migrationMarkName = "migratedFrom";
export const migrationMarkAttribute = `custom:${migrationMarkName}`;

/** `<old pool id>:<old username>`: a pool id has no colon, so the first one ends it. */
export const migrationMark = (userPoolId: string, username: string) => `${userPoolId}:${username}`;

/** The old username a mark names, when it names this source pool; undefined for anything else. */
export function markedUsername(mark: unknown, userPoolId: string): string | undefined {
    if (typeof mark !== "string" || !mark.startsWith(`${userPoolId}:`)) return undefined;
    return mark.slice(userPoolId.length + 1) || undefined;
}
