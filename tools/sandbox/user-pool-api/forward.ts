// An operation passed to the emulator, its trigger errors named as Cognito names them.
import type { SandboxContext } from "../context";
import type { Body, Reply } from "./pool";

/** The emulator's "<function name> failed with error ..." as Cognito words it: "<Trigger> failed with error ...". */
function triggerNamed(ctx: SandboxContext, body: Body): Body {
    if (body.__type !== "UserLambdaValidationException" || typeof body.message !== "string") return body;
    const fn = ctx.model.functions.find((f) => body.message.startsWith(`${f.name} failed with error `));
    if (!fn) return body;
    const trigger = fn.trigger.charAt(0).toUpperCase() + fn.trigger.slice(1);
    return { ...body, message: `${trigger}${body.message.slice(fn.name.length)}` };
}

export async function forward(ctx: SandboxContext, operation: string, body: Body): Promise<Reply> {
    const reply = await ctx.emulator.call(operation, body);
    return reply.status === 200 ? reply : { ...reply, body: triggerNamed(ctx, reply.body) };
}
