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

export class ChallengeSessions {
    private readonly sessions = new Map<string, ChallengeSession & { expires: number }>();

    open(session: ChallengeSession): string {
        const now = Date.now();
        for (const [id, held] of this.sessions) if (held.expires < now) this.sessions.delete(id);
        const id = randomBytes(96).toString("base64");
        this.sessions.set(id, { ...session, expires: now + lifetimeMs });
        return id;
    }

    /** The session for this answer, ended here; Cognito's errors for an unknown, expired or mismatched one. */
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

    /** Puts a taken session back (a wrong MFA code or a refused new password may be tried again within it). */
    restore(id: unknown, session: ChallengeSession): void {
        if (typeof id === "string") this.sessions.set(id, { ...session, expires: Date.now() + lifetimeMs });
    }
}
