import type { SandboxContext } from "../context";

export function identityPoolOperation(_ctx: SandboxContext, _operation: string, _body: Record<string, any>): Promise<{ status: number; body: Record<string, any> }> | undefined {
    return undefined;
}
