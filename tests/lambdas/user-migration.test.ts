import * as assert from "assert";
import type { PostAuthenticationTriggerEvent, UserMigrationTriggerEvent } from "aws-lambda";
import { postAuthentication } from "../../lambdas/post-authentication/handler";
import { userMigration } from "../../lambdas/user-migration/handler";
import { genericMessage, guarded } from "../../lambdas/shared/errors";
import { regionOfPool, type SourcePoolCalls } from "../../lambdas/shared/source-pool";
import { baseEvent, deps, fakeCognito, fakeSourcePool, type FakeScript } from "../support/lambda-fakes";

const source = { userPoolId: "eu-west-1_OldPool", clientId: "oldclient" };
const passwordPolicy = { minimumLength: 15, requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSymbols: false };
/** What the stack carries: here the attributes this test's pool has (custom:role chooses AWS roles in the new stack: left behind). */
const attributes = ["email", "email_verified", "name", "locale", "phone_number", "phone_number_verified", "custom:edition"];
const settings = { source, passwordPolicy, attributes, mark: true };
const amal = { username: "a1b2-old", attributes: { sub: "a1b2-old", email: "amal@mail.example", email_verified: "true", name: "أمل", locale: "ar", "custom:edition": "ar", "custom:role": "editor", "cognito:user_status": "CONFIRMED", identities: "[]" }, enabled: true, status: "CONFIRMED" };
const oldPool = () => fakeSourcePool({
    amal: { password: "the old passphrase", user: amal, groups: ["editors", "retired-group"] },
    off: { password: "pw of a disabled user", user: { ...amal, username: "off", attributes: { email: "off@mail.example" }, enabled: false } },
    new: { password: "pw of an unconfirmed user", user: { ...amal, username: "new", attributes: { email: "new@mail.example" }, status: "UNCONFIRMED" } },
    short: { password: "short pass", user: { ...amal, username: "short", attributes: { email: "short@mail.example", email_verified: "true" } } },
    shortUnproven: { password: "short pass", user: { ...amal, username: "short-unproven", attributes: { email: "short-unproven@mail.example", email_verified: "false" } } },
    unproven: { password: "pw of a user with no verified address", user: { ...amal, username: "unproven", attributes: { email: "unproven@mail.example", email_verified: "false" } }, groups: ["admins"] },
});
const migrationEvent = (source: "UserMigration_Authentication" | "UserMigration_ForgotPassword", userName: string, password?: string) =>
    ({ ...baseEvent(source, userName), request: { password, validationData: {} }, response: {} }) as unknown as UserMigrationTriggerEvent;

describe("user migration trigger", () => {
    it("moves a user who types the old password: the attributes the stack carries (not sub, identities, cognito:* or what it leaves behind), marked as migrated, confirmed, no message", async () => {
        const d = deps();
        const out = await userMigration(settings, d, oldPool())(migrationEvent("UserMigration_Authentication", "amal@mail.example", "the old passphrase"));
        assert.deepStrictEqual(out.response, {
            userAttributes: { email: "amal@mail.example", email_verified: "true", name: "أمل", locale: "ar", "custom:edition": "ar", "custom:migratedFrom": "eu-west-1_OldPool:a1b2-old" },
            finalUserStatus: "CONFIRMED",
            messageAction: "SUPPRESS",
        });
        assert.deepStrictEqual(d.logged.info, [{ trigger: "userMigration", action: "migrated", triggerSource: "UserMigration_Authentication" }]);
    });

    it("writes its own mark over one the old pool's user carried (the old pool may have let users write it), and none while groups do not follow", async () => {
        const forged = fakeSourcePool({ amal: { password: "the old passphrase", user: { ...amal, attributes: { ...amal.attributes, "custom:migratedFrom": "eu-west-1_OldPool:the-admin" } } } });
        const signIn = () => migrationEvent("UserMigration_Authentication", "amal@mail.example", "the old passphrase");
        const marked = await userMigration({ ...settings, attributes: [...attributes, "custom:migratedFrom"] }, deps(), forged)(signIn());
        assert.strictEqual(marked.response.userAttributes?.["custom:migratedFrom"], "eu-west-1_OldPool:a1b2-old");
        const unmarked = await userMigration({ ...settings, attributes: [...attributes, "custom:migratedFrom"], mark: false }, deps(), forged)(signIn());
        assert.strictEqual(unmarked.response.userAttributes?.["custom:migratedFrom"], undefined);
    });

    it("moves a user whose old password this pool's policy refuses, but makes them choose a new one (RESET_REQUIRED)", async () => {
        const d = deps();
        const out = await userMigration(settings, d, oldPool())(migrationEvent("UserMigration_Authentication", "short@mail.example", "short pass"));
        assert.deepStrictEqual([out.response.finalUserStatus, out.response.userAttributes?.email], ["RESET_REQUIRED", "short@mail.example"]);
        assert.deepStrictEqual(d.logged.info, [{ trigger: "userMigration", action: "migrated", triggerSource: "UserMigration_Authentication", passwordReset: "weak-password" }]);
    });

    it("on a password reset, copies the user and leaves the reset to Cognito's code", async () => {
        const out = await userMigration(settings, deps(), oldPool())(migrationEvent("UserMigration_ForgotPassword", "amal@mail.example"));
        assert.deepStrictEqual([out.response.finalUserStatus, out.response.messageAction, out.response.userAttributes?.email], ["RESET_REQUIRED", "SUPPRESS", "amal@mail.example"]);
    });

    const refusals: [string, UserMigrationTriggerEvent, string][] = [
        ["a trigger source it does not know", migrationEvent("UserMigration_Other" as never, "amal@mail.example", "the old passphrase"), "unknown-trigger-source"],
        ["a wrong password", migrationEvent("UserMigration_Authentication", "amal@mail.example", "guess"), "not-accepted-by-source"],
        ["a user the old pool does not have", migrationEvent("UserMigration_Authentication", "nobody@mail.example", "guess"), "not-accepted-by-source"],
        ["a reset for a user the old pool does not have", migrationEvent("UserMigration_ForgotPassword", "nobody@mail.example"), "not-in-source"],
        ["a user the old pool disabled (reset)", migrationEvent("UserMigration_ForgotPassword", "off@mail.example"), "disabled-in-source"],
        ["a user the old pool never confirmed (reset)", migrationEvent("UserMigration_ForgotPassword", "new@mail.example"), "not-confirmed-in-source"],
        ["a disabled user with the right password", migrationEvent("UserMigration_Authentication", "off@mail.example", "pw of a disabled user"), "not-accepted-by-source"],
        ["a reset for a user with no verified address or number (no code could reach them)", migrationEvent("UserMigration_ForgotPassword", "unproven@mail.example"), "no-verified-contact-for-reset"],
        ["a weak old password of a user no reset code could reach", migrationEvent("UserMigration_Authentication", "short-unproven@mail.example", "short pass"), "weak-password-and-no-verified-contact"],
    ];
    for (const [what, event, reason] of refusals) {
        it(`refuses ${what} as "not found" (the event untouched, so Cognito answers as for any wrong sign-in), logging only the reason`, async () => {
            const d = deps();
            const untouched = structuredClone(event);
            assert.deepStrictEqual(await userMigration(settings, d, oldPool())(event), untouched);
            assert.deepStrictEqual(d.logged.info, [{ trigger: "userMigration", action: "refused", reason }]);
            assert.ok(!JSON.stringify(d.logged).match(/mail\.example|guess|pw of/), "no name or password in the log");
        });
    }

    it("answers the generic message when the old pool cannot be asked (a client with a secret, throttling), logging the error's name only", async () => {
        const misconfigured = Object.assign(new Error("sourceClientId has a client secret"), { name: "MisconfiguredSourceClient" });
        const throttled = Object.assign(new Error("Rate exceeded for amal@mail.example"), { name: "TooManyRequestsException", $metadata: { httpStatusCode: 429 } });
        const cases: [Partial<SourcePoolCalls>, UserMigrationTriggerEvent, Record<string, unknown>][] = [
            [{ passwordAccepted: () => Promise.reject(misconfigured) }, migrationEvent("UserMigration_Authentication", "amal@mail.example", "the old passphrase"), { error: "MisconfiguredSourceClient" }],
            [{ user: () => Promise.reject(throttled) }, migrationEvent("UserMigration_ForgotPassword", "amal@mail.example"), { error: "TooManyRequestsException", httpStatusCode: 429 }],
        ];
        for (const [failing, event, logged] of cases) {
            const d = deps();
            await assert.rejects(guarded("userMigration", userMigration(settings, d, { ...oldPool(), ...failing }), d.log)(event), { message: genericMessage });
            assert.deepStrictEqual(d.logged.error, [{ trigger: "userMigration", ...logged }]);
            assert.doesNotMatch(JSON.stringify(d.logged), /mail\.example|passphrase/);
        }
    });

    it("reads the old pool's region from its id", () => {
        assert.strictEqual(regionOfPool("eu-west-1_OldPool"), "eu-west-1");
    });
});

describe("post authentication while users migrate: groups follow", () => {
    const signIn = (attributes: Record<string, string>) => ({ ...baseEvent("PostAuthentication_Authentication", "new-uuid"), request: { userAttributes: { sub: "s", ...attributes }, newDeviceUsed: false }, response: {} }) as unknown as PostAuthenticationTriggerEvent;
    /** What the migration trigger wrote on the user it created from amal's old account. */
    const migrated = { email: "amal@mail.example", email_verified: "true", "custom:migratedFrom": "eu-west-1_OldPool:a1b2-old" };
    const follow = { migrationSource: source, followGroups: ["editors", "retired-group", "readers"] };

    it("adds the old account's groups that may follow to a user the migration marked, and names a group it cannot add", async () => {
        const members = new Map<string, Set<string>>();
        const cognito = fakeCognito({ members });
        const d = deps(cognito);
        const add = cognito.addUserToGroup;
        cognito.addUserToGroup = async (pool, user, group) => {
            if (group === "retired-group") throw Object.assign(new Error("no such group"), { name: "ResourceNotFoundException" });
            return add(pool, user, group);
        };
        const admin = fakeSourcePool({ amal: { password: "x", user: amal, groups: ["admins", "editors", "retired-group"] } });
        await postAuthentication(follow, d, admin)(signIn(migrated));
        assert.deepStrictEqual([...members.keys()], ["editors"], "admins is not among the groups that may follow");
        assert.deepStrictEqual(d.logged.info.slice(1), [{ trigger: "postAuthentication", action: "group-followed", group: "editors" }]);
        assert.deepStrictEqual(d.logged.error, [{ trigger: "postAuthentication", action: "group-not-followed", group: "retired-group", error: "ResourceNotFoundException" }]);
    });

    it("gives nothing to an account someone else made with a migrated user's address: a self sign-up or a Google sign-in with the verified address, a forged or foreign mark, a linked identity", async () => {
        const cases: [string, Record<string, string>][] = [
            ["a fresh self sign-up with the admin's verified address", { email: "amal@mail.example", email_verified: "true" }],
            ["a Google account with the address", { email: "amal@mail.example", email_verified: "true", "cognito:user_status": "EXTERNAL_PROVIDER", identities: '[{"providerName":"Google"}]' }],
            ["a Google account that somehow carries the mark", { ...migrated, "cognito:user_status": "EXTERNAL_PROVIDER" }],
            ["a marked native account signing in through a linked identity", { ...migrated, identities: '[{"providerName":"Google","userId":"1"}]' }],
            ["a mark naming another pool", { ...migrated, "custom:migratedFrom": "eu-west-1_OtherPool:a1b2-old" }],
            ["a mark without a username", { ...migrated, "custom:migratedFrom": "eu-west-1_OldPool:" }],
            ["a mark that only starts like the pool id", { ...migrated, "custom:migratedFrom": "eu-west-1_OldPoolX:a1b2-old" }],
        ];
        for (const [what, attributes] of cases) {
            const cognito = fakeCognito({});
            const pool = oldPool();
            await postAuthentication(follow, deps(cognito), pool)(signIn(attributes));
            assert.deepStrictEqual(cognito.calls, [], what);
            assert.deepStrictEqual(pool.calls, [], what);
        }
    });

    it("does nothing for a marked user who already has groups, who was created long ago (an admin's removal stays), or whose old account is disabled or unconfirmed", async () => {
        const longAgo = { "new-uuid": new Date(Date.now() - 2 * 60 * 60 * 1000) };
        const cases: [Record<string, string>, Record<string, string[]>, Record<string, Date>?][] = [
            [migrated, { "new-uuid": ["readers"] }],
            [migrated, {}, longAgo],
            [{ ...migrated, "custom:migratedFrom": "eu-west-1_OldPool:off" }, {}],
            [{ ...migrated, "custom:migratedFrom": "eu-west-1_OldPool:new" }, {}],
        ];
        for (const [attributes, groups, createdAt] of cases) {
            const cognito = fakeCognito({ groups, createdAt });
            const pool = oldPool();
            await postAuthentication(follow, deps(cognito), pool)(signIn(attributes));
            assert.deepStrictEqual(cognito.calls.filter((c) => c.method === "addUserToGroup"), [], JSON.stringify(attributes));
            assert.ok(!pool.calls.includes("groupsOf"), JSON.stringify(attributes));
        }
    });

    it("reads the old account the mark names, not the one holding the address now", async () => {
        const members = new Map<string, Set<string>>();
        const cognito = fakeCognito({ members });
        const pool = fakeSourcePool({
            amal: { password: "x", user: amal, groups: ["readers"] },
            other: { password: "y", user: { ...amal, username: "other-old", attributes: { email: "amal@mail.example" } }, groups: ["editors"] },
        });
        await postAuthentication(follow, deps(cognito), pool)(signIn({ ...migrated, "custom:migratedFrom": "eu-west-1_OldPool:a1b2-old" }));
        assert.deepStrictEqual([...members.keys()], ["readers"]);
    });

    it("never fails the sign-in when this pool or the old pool cannot be read, and logs the error's name and status only", async () => {
        const throttled = Object.assign(new Error("Rate exceeded for amal@mail.example"), { name: "TooManyRequestsException", $metadata: { httpStatusCode: 429 } });
        const cases: [FakeScript, SourcePoolCalls][] = [
            [{ failing: { createdAt: throttled } }, oldPool()],
            [{}, { ...oldPool(), user: () => Promise.reject(throttled) }],
        ];
        for (const [script, pool] of cases) {
            const cognito = fakeCognito(script);
            const d = deps(cognito);
            const input = signIn(migrated);
            assert.deepStrictEqual(await postAuthentication(follow, d, pool)(structuredClone(input)), input);
            assert.deepStrictEqual(d.logged.error, [{ trigger: "postAuthentication", action: "groups-not-read", error: "TooManyRequestsException", httpStatusCode: 429 }]);
            assert.deepStrictEqual(cognito.calls.filter((c) => c.method === "addUserToGroup"), []);
            assert.doesNotMatch(JSON.stringify(d.logged), /mail\.example|a1b2/);
        }
    });

    it("without a migration source or groups that may follow, never calls the old pool", async () => {
        for (const settings of [{}, { migrationSource: source }, { migrationSource: source, followGroups: [] }]) {
            const pool = oldPool();
            await postAuthentication(settings, deps(), pool)(signIn(migrated));
            assert.deepStrictEqual(pool.calls, [], JSON.stringify(settings));
        }
    });
});
