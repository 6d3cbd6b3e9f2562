// Migration on sign-in between two pools of one emulator: the dev stack's pool is the old one; the
// same stack with another pool name and triggers.userMigration naming the old pool is the new one.
// A user signs in to the new pool with the old password and lands with the same attributes and
// groups; a wrong password, a disabled or an unconfirmed old user get the answer any wrong sign-in
// gets; an account someone else makes in the new pool with an old user's address inherits nothing.
// The new pool has no default group, so that nothing but migration could give such an account one.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AdminAddUserToGroupCommand, AdminDisableUserCommand, AdminGetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { goodPassword, rejectsWith, SandboxSession, uniqueEmail, type TestUser } from "./support";

describe("e2e: migration on sign-in from another pool", function () {
    this.timeout(60000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-migration-"));
    const oldPool = new SandboxSession();
    const newPool = new SandboxSession();
    const users: Record<"amal" | "sam" | "ed" | "off" | "unconfirmed", TestUser> = {} as never;
    let oldPoolId: string;
    let oldAttributes: Record<string, string>;
    let oldGroups: string[];

    before(async () => {
        // The old pool's client the trigger checks passwords with allows ADMIN_USER_PASSWORD_AUTH (Cognito refuses the flow to any other).
        await oldPool.start({
            dataDir,
            edit: (values) => ({ ...values, "cognito:clients": JSON.stringify([...JSON.parse(values["cognito:clients"]), { name: "migration", kind: "native", callbackUrls: ["newsapp-dev://migration"], authFlows: ["admin_password"] }]) }),
        });
        users.amal = await oldPool.signUpAndConfirm({ email: uniqueEmail("amal"), locale: "ar" });
        await oldPool.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: oldPool.poolId, Username: users.amal.username, GroupName: "editors" }));
        users.sam = await oldPool.signUpAndConfirm({ email: uniqueEmail("sam") });
        users.ed = await oldPool.signUpAndConfirm({ email: uniqueEmail("ed") });
        await oldPool.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: oldPool.poolId, Username: users.ed.username, GroupName: "editors" }));
        users.off = await oldPool.signUpAndConfirm({ email: uniqueEmail("off") });
        await oldPool.cognito.send(new AdminDisableUserCommand({ UserPoolId: oldPool.poolId, Username: users.off.username }));
        const unconfirmed = uniqueEmail("unconfirmed");
        users.unconfirmed = { username: (await oldPool.signUp({ email: unconfirmed })).UserSub!, email: unconfirmed };
        oldAttributes = Object.fromEntries(((await oldPool.cognito.send(new AdminGetUserCommand({ UserPoolId: oldPool.poolId, Username: users.amal.username }))).UserAttributes ?? []).map((a) => [a.Name, a.Value]));
        oldGroups = await oldPool.groupsOf(users.amal.username);
        // editors is protected (the gated admin client admits it): it follows because the stack lists it.
        oldPoolId = oldPool.poolId;
        const source = { sourceUserPoolId: oldPool.poolId, sourceClientId: oldPool.clientId("migration"), followGroups: ["editors", "readers"] };
        await oldPool.stop();

        await newPool.start({
            dataDir,
            edit: (values) => {
                const userPool = JSON.parse(values["cognito:userPool"]);
                const { postConfirmation, ...triggers } = JSON.parse(values["cognito:triggers"]);
                return {
                    ...values,
                    "cognito:userPool": JSON.stringify({ ...userPool, name: "news-dev-v2", customAttributes: { ...userPool.customAttributes, migratedFrom: { type: "String", mutable: false } } }),
                    "cognito:triggers": JSON.stringify({ ...triggers, userMigration: source }),
                };
            },
        });
    });
    after(async () => {
        await newPool.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("signs a user in to the new pool with the old password: same attributes (a new sub), same groups, confirmed, within Cognito's 5 s", async () => {
        assert.deepStrictEqual(await newPool.usersWithEmail(users.amal.email), [], "not in the new pool before");
        const calls = await newPool.invocationsDuring(() => newPool.signIn(users.amal.email, { password: goodPassword }));
        const migration = calls.find((c) => c.triggerSource === "UserMigration_Authentication");
        assert.ok(migration && migration.outcome === "ok" && migration.ms < 5000, JSON.stringify(calls));
        const [moved] = await newPool.usersWithEmail(users.amal.email);
        const attributes = Object.fromEntries((moved.Attributes ?? []).map((a) => [a.Name, a.Value]));
        const { sub: oldSub, ...rest } = oldAttributes;
        const { sub: newSub, "custom:migratedFrom": mark, ...movedRest } = attributes;
        assert.deepStrictEqual(movedRest, rest);
        assert.strictEqual(mark, `${oldPoolId}:${users.amal.username}`, "marked by the migration, naming the old account");
        assert.ok(newSub && newSub !== oldSub, "a new sub");
        assert.strictEqual(moved.UserStatus, "CONFIRMED");
        assert.deepStrictEqual(oldGroups, ["editors", "readers"], "the default group and one added by an admin");
        assert.deepStrictEqual(await newPool.groupsOf(moved.Username!), oldGroups);
    });

    it("gives no old group to an account someone else signs up for in the new pool with an old editor's address", async () => {
        const taken = await newPool.signUpAndConfirm({ email: users.ed.email, password: "another person's password" });
        const calls = await newPool.invocationsDuring(() => newPool.signIn(users.ed.email, { password: "another person's password" }));
        assert.deepStrictEqual(calls.filter((c) => c.triggerSource?.startsWith("UserMigration")), [], "not a migration: the user exists");
        assert.deepStrictEqual(await newPool.groupsOf(taken.username), []);
    });

    it("signs a migrated user in again without migrating them again", async () => {
        const calls = await newPool.invocationsDuring(() => newPool.signIn(users.amal.email));
        assert.deepStrictEqual(calls.filter((c) => c.triggerSource?.startsWith("UserMigration")), []);
    });

    const wrong = "Incorrect username or password.";
    it("a wrong password gets the answer an unknown user gets (no user enumeration), and nobody is created", async () => {
        await rejectsWith(newPool.signIn(users.sam.email, { password: "not the old password" }), "NotAuthorizedException", wrong);
        await rejectsWith(newPool.signIn(uniqueEmail("nobody"), { password: goodPassword }), "NotAuthorizedException", wrong);
        assert.deepStrictEqual(await newPool.usersWithEmail(users.sam.email), []);
    });

    it("refuses users the old pool disabled or never confirmed, with that same answer", async () => {
        await rejectsWith(newPool.signIn(users.off.email), "NotAuthorizedException", wrong);
        await rejectsWith(newPool.signIn(users.unconfirmed.email), "NotAuthorizedException", wrong);
        assert.deepStrictEqual([...(await newPool.usersWithEmail(users.off.email)), ...(await newPool.usersWithEmail(users.unconfirmed.email))], []);
    });

    it("logs no address or password in the migration function's lines", () => {
        const lines = JSON.stringify(newPool.logOf("userMigration"));
        assert.ok(lines.includes("migrated") && lines.includes("refused"), lines);
        // Not "@": the SDK's own warnings name "@smithy/..." when a call is slow on a loaded machine.
        const personal = [...Object.values(users).flatMap((u) => [u.email, u.email.split("@")[0], u.username]), goodPassword, "another person's password"];
        assert.deepStrictEqual(personal.filter((p) => lines.includes(p)), [], lines);
    });
});
