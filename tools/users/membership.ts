// Group membership: add-to-group (AdminAddUserToGroup) and remove-from-group
// (AdminRemoveUserFromGroup). The group is checked against ListGroups first, so an unknown group is
// named with the groups the pool has (Cognito's own answer, "Group not found", names neither), and
// the user's groups (AdminListGroupsForUser) first, so the output says when there was nothing to do
// (both calls succeed silently then).
import { unknownGroup } from "./aws-errors";
import type { Api } from "./client";
import { changed, type Command } from "./command";
import { findUser } from "./lookup";
import { who } from "./output";

/** Fails with the pool's groups unless every one of `names` is among them. */
export async function requireGroups(api: Api, names: readonly string[]): Promise<void> {
    const existing = (await api.listGroups()).map((g) => g.GroupName ?? "");
    const missing = names.find((name) => !existing.includes(name));
    if (missing !== undefined) throw unknownGroup(missing, api.pool, existing);
}

function membershipCommand(spec: { name: string; summary: string; add: boolean }): Command {
    return {
        name: spec.name,
        args: ["<user>", "<group>"],
        options: [],
        summary: spec.summary,
        prepare: (parsed) => {
            const [named, group] = parsed.args;
            return async ({ api, out }) => {
                await requireGroups(api, [group]);
                const user = await findUser(api, named);
                const about = { user: named };
                const member = (await api.groupsOf(user.username, about)).some((g) => g.GroupName === group);
                let line: string;
                if (member === spec.add) {
                    line = spec.add ? `${who(user)} is already in ${group}` : `${who(user)} is not in ${group}; nothing to remove`;
                } else {
                    await (spec.add ? api.addToGroup(user.username, group, about) : api.removeFromGroup(user.username, group, about));
                    line = spec.add ? `added ${who(user)} to ${group}` : `removed ${who(user)} from ${group}`;
                }
                out.result([line], changed(spec.name, user, { group, changed: member !== spec.add }));
            };
        },
    };
}

export const addToGroup = membershipCommand({ name: "add-to-group", summary: "put a user in a group", add: true });
export const removeFromGroup = membershipCommand({ name: "remove-from-group", summary: "take a user out of a group", add: false });
