// A user's life: invite (AdminCreateUser, then AdminAddUserToGroup for each --group), resend an
// invitation (AdminCreateUser with MessageAction RESEND: a new temporary password, for a user who
// has not signed in yet, such as every user restore made), disable (AdminDisableUser), enable
// (AdminEnableUser), delete (AdminDeleteUser, only when confirmed).
import type * as sdk from "@aws-sdk/client-cognito-identity-provider";
import { every, has, single, type ParsedArgs } from "./args";
import { changed, userCommand, type Command } from "./command";
import { failure, usage, UsersError } from "./errors";
import { findUser } from "./lookup";
import { requireGroups } from "./membership";
import { listedUser, who } from "./output";
import { quote, usersCommand } from "./text";

/** `--attr name=value`, each name once; email is the invitation's own argument. */
function attributes(parsed: ParsedArgs): sdk.AttributeType[] {
    const seen = new Set<string>();
    return every(parsed, "attr").map((pair) => {
        const equals = pair.indexOf("=");
        const name = pair.slice(0, equals);
        if (equals <= 0) throw usage(`--attr takes name=value, got ${quote(pair)}`, "write e.g. --attr name=Amira --attr custom:edition=ar");
        if (name === "email") throw usage("--attr email=... repeats the address invite already takes", "drop it");
        if (seen.has(name)) throw usage(`--attr ${name} given twice`, "give each attribute once");
        seen.add(name);
        return { Name: name, Value: pair.slice(equals + 1) };
    });
}

export const invite: Command = {
    name: "invite",
    args: ["<email>"],
    options: [
        { name: "attr", value: "<name=value>", repeatable: true, help: "an attribute to set (name, locale, custom:edition; email_verified=true only when you know the address is theirs)" },
        { name: "group", value: "<group>", repeatable: true, help: "a group to put them in (checked before the user is created)" },
        { name: "no-email", help: "send no invitation (MessageAction SUPPRESS): for users who sign in through a provider or get their password another way" },
    ],
    summary: "create a user who gets an email with a temporary password (never shown here)",
    prepare: (parsed) => {
        const [email] = parsed.args;
        if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw usage(`invite takes an email address, got ${quote(email)}`, `write e.g. ${usersCommand("invite", "amira@example.com")}`);
        const extra = attributes(parsed);
        const groups = [...new Set(every(parsed, "group"))];
        const sendEmail = !has(parsed, "no-email");
        return async ({ api, out }) => {
            if (groups.length) await requireGroups(api, groups);
            const delivery: Partial<sdk.AdminCreateUserCommandInput> = sendEmail ? { DesiredDeliveryMediums: ["EMAIL"] } : { MessageAction: "SUPPRESS" };
            const created = await api.createUser({ Username: email, UserAttributes: [{ Name: "email", Value: email }, ...extra], ...delivery }, { user: email });
            const user = listedUser(created.User ?? {});
            for (const group of groups) {
                try {
                    await api.addToGroup(user.username, group, { user: email });
                } catch (error) {
                    // The user exists by now: say so, or the retry would fail with "already exists".
                    throw error instanceof UsersError ? new UsersError(`${who(user)} was invited, but ${error.message}`, 1, error.aws) : error;
                }
            }
            const sent = sendEmail ? `invitation emailed to ${email}` : "no invitation sent (--no-email)";
            const inGroups = groups.length ? `, groups: ${groups.join(", ")}` : "";
            out.result([`invited ${who(user)}: ${user.status}, ${sent}${inGroups}`], { action: "invite", user: { ...user, groups }, invitation: sendEmail ? "email" : "none" });
        };
    },
};

export const resendInvitation: Command = {
    name: "resend-invitation",
    args: ["<user>"],
    options: [],
    summary: "send a user who has not signed in yet (FORCE_CHANGE_PASSWORD: invited, or made by restore) a new invitation with a new temporary password",
    // cognito-local 5.3.0 answers AdminCreateUser with MessageAction RESEND as unsupported.
    awsOnly: "AdminCreateUser with MessageAction RESEND",
    prepare: (parsed) => {
        const [named] = parsed.args;
        return async ({ api, out }) => {
            const user = await findUser(api, named);
            // RESEND on anyone else would fail, or (an administrator's reset aside) tell them nothing they can use.
            if (user.status !== "FORCE_CHANGE_PASSWORD") throw failure(`${who(user)} is ${user.status}: only a user who has not signed in yet (FORCE_CHANGE_PASSWORD) gets an invitation again`, `for a user who forgot a password, run ${usersCommand("reset-password", named)}`);
            const medium = user.email ? "EMAIL" : "SMS";
            await api.createUser({ Username: user.username, MessageAction: "RESEND", DesiredDeliveryMediums: [medium] }, { user: named });
            out.result([`sent ${who(user)} a new invitation by ${medium === "EMAIL" ? "email" : "SMS"}, with a new temporary password (the old one no longer works)`], changed("resend-invitation", user, { medium }));
        };
    },
};

export const disable = userCommand({
    name: "disable",
    summary: "stop a user signing in (AWS also revokes their access tokens); kept, with their groups and attributes",
    act: (api, username, about) => api.disable(username, about),
    done: (user) => `disabled ${user}: they cannot sign in until enabled`,
});

export const enable = userCommand({
    name: "enable",
    summary: "let a disabled user sign in again",
    act: (api, username, about) => api.enable(username, about),
    done: (user) => `enabled ${user}`,
});

export const remove: Command = {
    name: "delete",
    args: ["<user>"],
    options: [{ name: "yes-delete-user", value: "<user>", required: true, help: "the same user again, as typed: delete cannot be undone" }],
    summary: "delete a user for good (their sign-ins, groups and attributes)",
    prepare: (parsed) => {
        const [named] = parsed.args;
        const confirmed = single(parsed, "yes-delete-user");
        const confirm = usersCommand("delete", named, "--yes-delete-user", named);
        if (confirmed === undefined) throw usage(`delete cannot be undone, and --yes-delete-user is missing`, `confirm with: ${confirm}`);
        if (confirmed !== named) throw usage(`--yes-delete-user names ${quote(confirmed)}, not ${quote(named)}`, `name the same user twice: ${confirm}`);
        return async ({ api, out }) => {
            const user = await findUser(api, named);
            await api.delete(user.username, { user: named });
            out.result([`deleted ${who(user)}`], changed("delete", user));
        };
    },
};
