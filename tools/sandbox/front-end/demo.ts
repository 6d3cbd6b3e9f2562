import type { SandboxContext } from "../context";
import type { HttpReply } from "../gateway";

export function demoPage(_ctx: SandboxContext): HttpReply {
    return { status: 404 };
}
