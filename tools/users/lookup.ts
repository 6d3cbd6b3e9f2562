// A user as the administrator names them: a username, an email address or a sub. AdminGetUser
// takes the username, the sub, and an email where email is a sign-in name or alias; otherwise the
// address (or sub) is looked up with ListUsers' filter. Every command that names a user resolves
// it here first, then calls Cognito with the username itself: the sandbox's emulator answers
// AdminListGroupsForUser by username only, and the messages can then say who it was.
import type { Api } from "./client";
import { failure, UsersError } from "./errors";
import { fetchedUser, listedUser, who, type UserView } from "./output";
import { quote } from "./text";

const subShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findUser(api: Api, named: string): Promise<UserView> {
    try {
        return fetchedUser(await api.getUser(named, { user: named }));
    } catch (error) {
        const attribute = named.includes("@") ? "email" : subShape.test(named) ? "sub" : undefined;
        if (!attribute || !(error instanceof UsersError && error.aws === "UserNotFoundException")) throw error;
        // Up to ten: one is the user; more than one (email is not unique unless it signs in) is named.
        const matches = (await api.listUsers(`${attribute} = ${filterValue(named)}`, 10, { user: named })).map(listedUser);
        if (matches.length === 0) throw error;
        if (matches.length > 1) throw failure(`several users have ${attribute} ${quote(named)}: ${matches.map(who).join(", ")}`, "name one by its username");
        return matches[0];
    }
}

/** A filter's quoted value; Cognito takes a backslash before a quote or a backslash. */
function filterValue(value: string): string {
    return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
