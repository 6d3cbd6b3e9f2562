// Challenge sessions, held by the sandbox: each challenge it answers gets a session bound to the
// client, the user and the challenge, valid for the client's 3 minutes. The emulator's own sessions
// are random and bound to nothing (its RespondToAuthChallenge would set any user's password for any
// session), so a client never sees them: a response is accepted only for a session issued here.
import { randomBytes } from "crypto";
import { CognitoError } from "../errors";
import type { SrpState } from "./srp";

export interface ChallengeSession {
    readonly challenge: string;
    readonly clientId: string;
    readonly poolId: string;
    /** The pool's user name the challenge is for (a stand-in for a name no user has). */
    readonly username: string;
    /** The name the client signed in with (an email, for a pool that signs in with email). */
    readonly signInName: string;
    /** False when no user has the name: the challenge then ends in "Incorrect username or password.". */
    readonly userExists: boolean;
    readonly emulatorSession?: string;
    readonly srp?: SrpState;
}

const lifetimeMs = 3 * 60 * 1000;
/** Answers one session takes (a wrong MFA code, a refused new password) before it ends: codes are not to be guessed. */
export const maxAnswers = 5;

/** A session as held: when it expires, and how many answers it has had. */
type Held = ChallengeSession & { readonly expires: number; readonly answers?: number };

export class ChallengeSessions {
    private readonly sessions = new Map<string, Held>();

    open(session: ChallengeSession): string {
        const now = Date.now();
        for (const [id, held] of this.sessions) if (held.expires < now) this.sessions.delete(id);
        const id = randomBytes(96).toString("base64");
        this.sessions.set(id, { ...session, expires: now + lifetimeMs, answers: 0 });
        return id;
    }

    /** The session for this answer, ended here (restore puts it back); Cognito's errors for an unknown, expired or mismatched one. */
    take(id: unknown, clientId: unknown, challenge: unknown): ChallengeSession {
        const held = typeof id === "string" ? this.sessions.get(id) : undefined;
        if (!held || held.clientId !== clientId || held.challenge !== challenge) throw new CognitoError("NotAuthorizedException", "Invalid session for the user.");
        this.sessions.delete(id as string);
        if (held.expires < Date.now()) throw new CognitoError("NotAuthorizedException", "Invalid session for the user, session is expired.");
        return held;
    }

    /** A session for this challenge taken by a call that names no client (AssociateSoftwareToken, VerifySoftwareToken). */
    takeFor(id: unknown, challenge: string): ChallengeSession {
        const held = typeof id === "string" ? this.sessions.get(id) : undefined;
        return this.take(id, held?.clientId, challenge);
    }

    /**
     * Puts a taken session back (a wrong MFA code or a refused new password may be tried again within
     * it), with the time it had left, until its answers run out.
     */
    restore(id: unknown, session: ChallengeSession): void {
        const held = session as Held;
        const answers = (held.answers ?? 0) + 1;
        if (typeof id === "string" && answers < maxAnswers) this.sessions.set(id, { ...session, expires: held.expires ?? Date.now() + lifetimeMs, answers });
    }
}
