// A Cognito error as the API sends it: status 400, the type in a header and in the body. The
// emulator's own errors (cognito-local's CognitoError, with a `code`) are read the same way.

export class CognitoError extends Error {
    constructor(readonly type: string, message: string) {
        super(message);
    }
}

/** The AWS error type and message of an error the emulator or the sandbox threw; undefined for a crash. */
export function cognitoErrorOf(error: unknown): { type: string; message: string } | undefined {
    if (error instanceof CognitoError) return { type: error.type, message: error.message };
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    const { CognitoError: EmulatorError } = require("cognito-local/lib/errors");
    if (error instanceof EmulatorError && typeof code === "string") return { type: code, message: String(message) };
    return undefined;
}

/** What every failed password proof answers, whoever the name belongs to (the clients prevent user existence errors). */
export const incorrectSignIn = () => new CognitoError("NotAuthorizedException", "Incorrect username or password.");
