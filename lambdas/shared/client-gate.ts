// Clients only members of some groups may use, refused by pre token generation at every token issue
// (sign-in, a reused hosted UI session, a refresh after groups changed). Never earlier: pre
// authentication runs before the password is checked, so a refusal there would tell anyone with
// the client id which addresses have an account.
import type { CognitoCalls } from "./cognito";
import { notAllowedMessage, UserFacingError } from "./errors";

/** Client name -> groups; a user must be in at least one to get in (or get tokens) through that client. */
export type RequiredGroups = Readonly<Record<string, readonly string[]>>;

/** A client id Cognito sent but the pool's listing lacks: refused as an internal error (fail closed). */
class UnknownClientError extends Error {
    constructor() {
        super("the client is not in the pool's client listing");
        this.name = "UnknownClientError";
    }
}

/** The calling client's name, asked at most once per event and only when a caller needs it. */
export function clientNameOnce(cognito: CognitoCalls, userPoolId: string, clientId: string): () => Promise<string> {
    let name: Promise<string> | undefined;
    return () => (name ??= cognito.clientName(userPoolId, clientId).then((n) => {
        if (n === undefined) throw new UnknownClientError();
        return n;
    }));
}

/** Throws the user-facing refusal when the client requires groups the user is in none of. */
export async function checkClientGate(requiredGroups: RequiredGroups, clientName: () => Promise<string>, groups: () => Promise<readonly string[]>): Promise<void> {
    if (Object.keys(requiredGroups).length === 0) return;
    const name = await clientName();
    const required = Object.hasOwn(requiredGroups, name) ? requiredGroups[name] : undefined;
    if (!required) return;
    const member = await groups();
    if (!required.some((group) => member.includes(group))) throw new UserFacingError(notAllowedMessage);
}
