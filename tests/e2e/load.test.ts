// Load: many self sign-ups, confirmations and sign-ins at once through the sandbox, with every
// trigger running, lose no user and run post confirmation once per user.
import * as assert from "assert";
import { ListUsersCommand, ListUsersInGroupCommand } from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt, rejectsWith, sandboxPerFile, uniqueEmail, type TestUser } from "./support";

const cycles = 200;
const concurrency = 10;

describe("e2e: load", () => {
    const e2e = sandboxPerFile();

    it(`${cycles} sign-up, confirm and sign-in cycles, ${concurrency} at a time: no error, every user listed, one post confirmation each`, async function () {
        this.timeout(120_000);
        const emails = Array.from({ length: cycles }, (_, i) => uniqueEmail(`load${i}`));
        const made: TestUser[] = [];
        const failures: string[] = [];
        const invocationsBefore = e2e.sandbox.invocations.length;

        let next = 0;
        const worker = async () => {
            while (next < emails.length) {
                const email = emails[next++];
                try {
                    const user = await e2e.signUpAndConfirm({ email });
                    const tokens = await e2e.signIn(email);
                    assert.strictEqual(decodeJwt(tokens.IdToken!).payload.sub, user.username, `${email}: the ID token is another user's`);
                    made.push(user);
                } catch (error) {
                    failures.push(`${email}: ${(error as Error).name}: ${(error as Error).message}`);
                }
            }
        };
        const started = performance.now();
        await Promise.all(Array.from({ length: concurrency }, worker));
        const seconds = (performance.now() - started) / 1000;
        console.log(`      ${cycles} cycles (sign-up, confirm, sign-in), ${concurrency} at a time: ${seconds.toFixed(1)} s, ${(cycles / seconds).toFixed(1)} cycles/s`);

        assert.deepStrictEqual(failures, []);
        assert.strictEqual(made.length, cycles);

        // Every user listed, page by page (60 at most per page, as Cognito pages); this file's sandbox has no other user.
        const { users, pages } = await e2e.allUsers();
        assert.deepStrictEqual([users.length, pages], [cycles, Math.ceil(cycles / 60)]);
        await rejectsWith(e2e.cognito.send(new ListUsersCommand({ UserPoolId: e2e.poolId, Limit: 61 })), "InvalidParameterException",
            "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
        const listed = new Map(users.map((u) => [u.Username, u]));
        assert.strictEqual(listed.size, users.length, "a user was listed twice");
        const lost = made.filter((u) => listed.get(u.username)?.UserStatus !== "CONFIRMED" || listed.get(u.username)?.Attributes?.find((a) => a.Name === "email")?.Value !== u.email);
        assert.deepStrictEqual(lost.map((u) => u.email), [], "users missing from ListUsers, unconfirmed or with another email");

        // One post confirmation per user: as many successful invocations as users, and every user in the
        // default group (which only post confirmation adds them to), so none ran twice for one user.
        const postConfirmations = e2e.ofTrigger(e2e.sandbox.invocations.slice(invocationsBefore), "postConfirmation");
        assert.deepStrictEqual(postConfirmations.map((i) => `${i.triggerSource} ${i.outcome}`), Array(cycles).fill("PostConfirmation_ConfirmSignUp ok"));
        const readers = new Set<string>();
        let token: string | undefined;
        do {
            const page = await e2e.cognito.send(new ListUsersInGroupCommand({ UserPoolId: e2e.poolId, GroupName: "readers", NextToken: token }));
            page.Users?.forEach((u) => readers.add(u.Username!));
            token = page.NextToken;
        } while (token);
        assert.deepStrictEqual(made.filter((u) => !readers.has(u.username)).map((u) => u.email), [], "confirmed users outside the default group");
    });
});
