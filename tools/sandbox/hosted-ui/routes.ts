import type * as http from "http";
import type { SandboxContext } from "../context";
import type { HttpReply } from "../gateway";

export async function hostedUi(_ctx: SandboxContext, _request: http.IncomingMessage, _url: URL, _raw: Buffer): Promise<HttpReply | undefined> {
    return undefined;
}
