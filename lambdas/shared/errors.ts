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

type Handler<E> = (event: E) => Promise<E>;

/** Wraps a handler so that no internal error text or stack trace reaches the user. */
export function guarded<E>(trigger: string, handler: Handler<E>, log: Logger): Handler<E> {
    return async (event) => {
        try {
            return await handler(event);
        } catch (error) {
            if (error instanceof UserFacingError) throw error;
            const { name, message } = error instanceof Error ? error : { name: typeof error, message: String(error) };
            log.error({ trigger, error: name, message });
            throw new Error(genericMessage);
        }
    };
}
