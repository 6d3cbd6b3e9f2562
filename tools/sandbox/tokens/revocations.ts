// What ends a token before its expiry, kept in the data folder (so a kept folder keeps it across
// restarts): revoked sign-in sessions (RevokeToken revokes an `origin_jti` and every token that
// carries it), global sign-outs (every sign-in session of the user, and any token of theirs issued
// before it), and refresh tokens rotated out (valid until their client's grace period ends). Written
// behind (at most every 100 ms, and at stop), as sign-ins add sessions.
import * as fs from "fs";
import * as path from "path";
import { writePrivateFile } from "../private-files";

interface Stored {
    /** origin_jti -> when its refresh token would have expired (epoch seconds), to forget it then. */
    revoked: Record<string, number>;
    /** `<poolId>|<sub>` -> epoch seconds of the user's last global sign-out. */
    signedOut: Record<string, number>;
    /** refresh token jti -> epoch milliseconds its grace period ends, and when to forget it. */
    rotated: Record<string, { graceEnds: number; expires: number }>;
    /** `<poolId>|<sub>` -> the user's sign-in sessions: origin_jti -> when they expire (epoch seconds). */
    sessions: Record<string, Record<string, number>>;
}

const empty = (): Stored => ({ revoked: {}, signedOut: {}, rotated: {}, sessions: {} });

export class Revocations {
    private readonly file: string;
    private readonly stored: Stored;
    private dirty = false;
    private timer?: NodeJS.Timeout;

    constructor(dataDir: string) {
        this.file = path.join(dataDir, "revocations.json");
        this.stored = fs.existsSync(this.file) ? { ...empty(), ...JSON.parse(fs.readFileSync(this.file, "utf8")) } : empty();
        this.forgetExpired();
    }

    revoke(originJti: string, expires: number): void {
        this.stored.revoked[originJti] = expires;
        this.save();
    }

    isRevoked(originJti: unknown): boolean {
        return typeof originJti === "string" && originJti in this.stored.revoked;
    }

    /** A new sign-in session of the user (so a global sign-out can end it). */
    session(poolId: string, sub: string, originJti: string, expires: number): void {
        (this.stored.sessions[`${poolId}|${sub}`] ??= {})[originJti] = expires;
        this.save();
    }

    signOut(poolId: string, sub: string): void {
        const user = `${poolId}|${sub}`;
        for (const [originJti, expires] of Object.entries(this.stored.sessions[user] ?? {})) this.stored.revoked[originJti] = expires;
        delete this.stored.sessions[user];
        this.stored.signedOut[user] = Math.floor(Date.now() / 1000);
        this.save();
    }

    /** Issued (iat, epoch seconds) before the user's last global sign-out (tokens without a session id). */
    isSignedOut(poolId: string, sub: unknown, issuedAt: unknown): boolean {
        const at = this.stored.signedOut[`${poolId}|${String(sub)}`];
        return at !== undefined && (typeof issuedAt !== "number" || issuedAt < at);
    }

    rotate(jti: string, graceSeconds: number, expires: number): void {
        this.stored.rotated[jti] ??= { graceEnds: Date.now() + graceSeconds * 1000, expires };
        this.save();
    }

    /** Rotated out and past its grace period. */
    isRotatedOut(jti: unknown): boolean {
        const entry = typeof jti === "string" ? this.stored.rotated[jti] : undefined;
        return entry !== undefined && Date.now() >= entry.graceEnds;
    }

    /** Writes what is not written yet. */
    flush(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
        if (this.dirty) writePrivateFile(this.file, JSON.stringify(this.stored));
        this.dirty = false;
    }

    private forgetExpired(): void {
        const now = Math.floor(Date.now() / 1000);
        for (const sessions of Object.values(this.stored.sessions)) for (const [jti, expires] of Object.entries(sessions)) if (expires < now) delete sessions[jti];
        for (const [jti, expires] of Object.entries(this.stored.revoked)) if (expires < now) delete this.stored.revoked[jti];
        for (const [jti, entry] of Object.entries(this.stored.rotated)) if (entry.expires < now) delete this.stored.rotated[jti];
    }

    private save(): void {
        this.dirty = true;
        this.timer ??= setTimeout(() => this.flush(), 100);
    }
}
