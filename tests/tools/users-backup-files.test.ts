// An export folder another local account prepared must not become a way into the users' personal
// data: a folder it owns or can write into is refused before any call (a planted cursor.json would be
// resumed, a planted users.jsonl link appended through), a link is never followed, and restore reads
// only a folder no one else could have changed (a planted users.jsonl would hand out groups).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runUsers } from "../../tools/users";
import { tempDirs } from "../support/temp-dirs";
import { newCursor, saveCursor } from "../../tools/users/backup/cursor";
import type { CognitoSender } from "../../tools/users/client";

const poolId = "eu-central-1_Files1234";
const tmpDir = tempDirs("backup-files-");

const noCalls: CognitoSender = { send: async (command) => assert.fail(`called ${command.constructor.name}`) };
const users = (argv: string[]) => runUsers([...argv, "--pool", poolId], { env: {}, root: tmpDir(), client: () => noCalls });
const fresh = "name a new folder (mktemp -d makes a private one), or one only you can write";
const otherUid = 4242;
const canChown = process.getuid?.() === 0;

describe("npm run users -- export and restore: folders another account could have prepared", () => {
    it("refuses a folder group or others can write, for export and for restore, before any call", async () => {
        const open = path.join(tmpDir(), "open");
        fs.mkdirSync(open);
        fs.chmodSync(open, 0o777);
        const refusal = `users: ${open} can be written by other accounts (mode 777), which could have put files in it; ${fresh}\n`;
        assert.deepStrictEqual(await users(["export", open]), { code: 1, stdout: "", stderr: refusal });
        assert.deepStrictEqual(await users(["restore", open]), { code: 1, stdout: "", stderr: refusal });
        fs.chmodSync(open, 0o770);
        assert.match((await users(["export", open])).stderr, /can be written by other accounts \(mode 770\)/);
    });

    it("refuses a folder in a parent every account may write without the sticky bit (another could swap it), and takes one under /tmp (sticky)", async () => {
        const shared = path.join(tmpDir(), "shared");
        fs.mkdirSync(shared);
        fs.chmodSync(shared, 0o777);
        const inside = path.join(shared, "export");
        const refusal = `users: ${shared}, which holds ${inside}, can be written by every account without the sticky bit (mode 777), so another account could put a folder of its own in its place; ${fresh}\n`;
        assert.deepStrictEqual(await users(["export", inside]), { code: 1, stdout: "", stderr: refusal }, "a folder not made yet");
        assert.deepStrictEqual(await users(["restore", path.join(inside)]), { code: 1, stdout: "", stderr: refusal });
        // Reached through a link from a private folder to a private one inside the shared folder: where the link leads is checked too.
        const home = path.join(tmpDir(), "home");
        fs.mkdirSync(home, { mode: 0o700 });
        fs.mkdirSync(path.join(shared, "mine"), { mode: 0o700 });
        fs.symlinkSync(path.join(shared, "mine"), path.join(home, "exports"));
        const throughLink = path.join(home, "exports", "export");
        assert.deepStrictEqual(await users(["export", throughLink]), { code: 1, stdout: "", stderr: refusal.replace(`holds ${inside}`, `holds ${throughLink}`) }, "a link into a shared folder");
        fs.chmodSync(shared, 0o1777);
        assert.doesNotMatch((await users(["export", path.join(shared, "other")])).stderr, /sticky/, "with the sticky bit, as /tmp has it, nobody can rename what is not theirs");
    });

    it("refuses a folder another account owns, even with a cursor that would resume an export into its files", async function () {
        if (!canChown) this.skip(); // only root can give a folder to another account; CI runs as root
        const planted = path.join(tmpDir(), "planted");
        fs.mkdirSync(planted, { mode: 0o700 });
        saveCursor(planted, newCursor(poolId, "eu-central-1", true, new Date()));
        fs.writeFileSync(path.join(planted, "users.jsonl"), "");
        fs.chownSync(planted, otherUid, otherUid);
        for (const file of fs.readdirSync(planted)) fs.chownSync(path.join(planted, file), otherUid, otherUid);
        const refusal = `users: ${planted} belongs to another account (uid ${otherUid}), which could have put files in it; ${fresh}\n`;
        assert.deepStrictEqual(await users(["export", planted]), { code: 1, stdout: "", stderr: refusal });
        assert.deepStrictEqual(await users(["restore", planted]), { code: 1, stdout: "", stderr: refusal });
        assert.strictEqual(fs.statSync(planted).mode & 0o777, 0o700, "left as it was: not narrowed, not taken over");
    });

    it("refuses a folder in a parent another account owns (it may rename what the parent holds), also through a link", async function () {
        if (!canChown) this.skip(); // only root can give a folder to another account; CI runs as root
        const theirs = path.join(tmpDir(), "theirs");
        fs.mkdirSync(theirs, { mode: 0o755 });
        fs.chownSync(theirs, otherUid, otherUid);
        const inside = path.join(theirs, "export");
        const refusal = (shown: string) => `users: ${theirs}, which holds ${shown}, belongs to another account (uid ${otherUid}), which could put a folder of its own in its place; ${fresh}\n`;
        assert.deepStrictEqual(await users(["export", inside]), { code: 1, stdout: "", stderr: refusal(inside) });
        const home = path.join(tmpDir(), "home");
        fs.mkdirSync(home, { mode: 0o700 });
        fs.mkdirSync(path.join(theirs, "mine"), { mode: 0o700 });
        fs.symlinkSync(path.join(theirs, "mine"), path.join(home, "exports"));
        const throughLink = path.join(home, "exports", "export");
        assert.deepStrictEqual(await users(["export", throughLink]), { code: 1, stdout: "", stderr: refusal(throughLink) });
    });

    it("refuses a folder that is a symbolic link", async () => {
        const target = tmpDir();
        const link = path.join(tmpDir(), "link");
        fs.symlinkSync(target, link);
        assert.deepStrictEqual(await users(["export", link]), { code: 1, stdout: "", stderr: `users: ${link} is a symbolic link; ${fresh}\n` });
    });

    it("never appends through a link planted as users.jsonl, nor reads an export file through one", async () => {
        const folder = path.join(tmpDir(), "own");
        fs.mkdirSync(folder, { mode: 0o700 });
        saveCursor(folder, newCursor(poolId, "eu-central-1", true, new Date()));
        const elsewhere = path.join(tmpDir(), "readable-by-someone-else.jsonl");
        fs.writeFileSync(elsewhere, "");
        fs.symlinkSync(elsewhere, path.join(folder, "users.jsonl"));
        assert.deepStrictEqual(await users(["export", folder]), { code: 1, stdout: "", stderr: `users: ${path.join(folder, "users.jsonl")} is a symbolic link, which is never followed; export again into a new folder\n` });
        assert.strictEqual(fs.readFileSync(elsewhere, "utf8"), "");

        const restored = path.join(tmpDir(), "restored");
        fs.mkdirSync(restored, { mode: 0o700 });
        fs.symlinkSync(elsewhere, path.join(restored, "manifest.json"));
        assert.deepStrictEqual(await users(["restore", restored]), { code: 1, stdout: "", stderr: `users: ${path.join(restored, "manifest.json")} is a symbolic link, which is never followed; export again into a new folder\n` });
    });

    it("refuses a hard link planted as an export file (it would be written through to another file)", async () => {
        const folder = path.join(tmpDir(), "hard");
        fs.mkdirSync(folder, { mode: 0o700 });
        saveCursor(folder, newCursor(poolId, "eu-central-1", true, new Date()));
        const elsewhere = path.join(folder, "..", "elsewhere.jsonl");
        fs.writeFileSync(elsewhere, "");
        fs.linkSync(elsewhere, path.join(folder, "users.jsonl"));
        assert.deepStrictEqual(await users(["export", folder]), { code: 1, stdout: "", stderr: `users: ${path.join(folder, "users.jsonl")} is not a plain file of its own (2 links); export again into a new folder\n` });
    });
});
