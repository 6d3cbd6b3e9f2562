// The commands that change nothing: list (ListUsers, page after page), find (AdminGetUser, or
// ListUsers on email / sub, then AdminListGroupsForUser), groups (AdminListGroupsForUser).
import { single } from "./args";
import type { Command } from "./command";
import { usage } from "./errors";
import { findUser } from "./lookup";
import { detailLines, groupJson, groupLines, listedUser, userLines, who } from "./output";
import { quote } from "./text";

export const list: Command = {
    name: "list",
    args: [],
    options: [
        { name: "filter", value: "<filter>", help: `Cognito's filter on one attribute: 'email ^= "a"', 'name = "Amira"', 'cognito:user_status = "UNCONFIRMED"'` },
        { name: "limit", value: "<n>", help: "at most n users (default: all of them)" },
    ],
    summary: "the pool's users, one a line (no groups: that would be a call per user)",
    prepare: (parsed) => {
        const filter = single(parsed, "filter");
        const limitText = single(parsed, "limit");
        if (limitText !== undefined && !/^[1-9]\d*$/.test(limitText)) throw usage(`--limit takes a whole number from 1, got ${quote(limitText)}`, "write e.g. --limit 50");
        const limit = limitText === undefined ? Infinity : Number(limitText);
        return async ({ api, out }) => {
            const users = (await api.listUsers(filter, limit, {})).map(listedUser);
            const none = filter === undefined ? "no users" : `no users match ${filter}`;
            out.result(users.length ? userLines(users) : [none], users);
        };
    },
};

export const find: Command = {
    name: "find",
    args: ["<username|email|sub>"],
    options: [],
    summary: "one user: status, groups, attributes, MFA, dates",
    prepare: (parsed) => {
        const [named] = parsed.args;
        return async ({ api, out }) => {
            const user = await findUser(api, named);
            const groups = (await api.groupsOf(user.username, { user: named })).map((g) => g.GroupName ?? "");
            out.result([...userLines([user], groups), ...detailLines(user)], { ...user, groups });
        };
    },
};

export const groups: Command = {
    name: "groups",
    args: ["<user>"],
    options: [],
    summary: "the groups a user is in, with precedence and description",
    prepare: (parsed) => {
        const [named] = parsed.args;
        return async ({ api, out }) => {
            const user = await findUser(api, named);
            const memberOf = await api.groupsOf(user.username, { user: named });
            out.result(memberOf.length ? groupLines(memberOf) : [`${who(user)} is in no group`], memberOf.map(groupJson));
        };
    },
};
