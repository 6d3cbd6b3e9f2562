// What a trigger's user may read. Cognito shows the message of a thrown error to the person
// signing in, so only UserFacingError text reaches them; anything else is logged and replaced.
import type { Logger } from "./log";

export class UserFacingError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UserFacingError";
    }
}

export const genericMessage = "Something went wrong, please try again later. | حدث خطأ، يرجى المحاولة لاحقاً.";

/** The refusal of a client to users outside its required groups, at sign-in and at every token issue. */
export const notAllowedMessage = "You are not allowed to sign in to this app. | لا يُسمح لك بتسجيل الدخول إلى هذا التطبيق.";

/**
 * What may be logged of an error: its name and the SDK's HTTP status. Never its message: AWS
 * messages can quote what was sent (an email address, a user name).
 */
export function loggableError(error: unknown): { error: string; httpStatusCode?: number } {
    const name = error instanceof Error ? error.name : typeof error;
    const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
    return { error: name, ...(typeof status === "number" && { httpStatusCode: status }) };
}

type Handler<E> = (event: E) => Promise<E>;

/** Wraps a handler so that no internal error text or stack trace reaches the user (or the log). */
export function guarded<E>(trigger: string, handler: Handler<E>, log: Logger): Handler<E> {
    return async (event) => {
        try {
            return await handler(event);
        } catch (error) {
            if (error instanceof UserFacingError) throw error;
            log.error({ trigger, ...loggableError(error) });
            throw new Error(genericMessage);
        }
    };
}
