// The pool's users and clients as the user-pool API reads them: a client of the stack by id (with
// AWS's error for another), a user by name or alias, and a client's secret hash checked.
import { createHmac, timingSafeEqual } from "crypto";
import type { SandboxContext } from "../context";
import { CognitoError } from "../errors";
import type { EmulatorReply } from "../emulator";
import { sandboxClientOfRecord, type SandboxClient } from "../stack-model";
import type { EmulatorUser } from "../tokens/issuer";

export type Body = Record<string, any>;
export type Reply = EmulatorReply;

/** A client and the pool it belongs to. */
export interface PoolClient {
    readonly id: string;
    readonly poolId: string;
    readonly client: SandboxClient;
}

/**
 * The stack's client with this id, or another pool's client the emulator keeps (a migration source
 * sharing the data folder: the endpoint serves every pool, as AWS's does); AWS's error otherwise.
 */
export async function clientOf(ctx: SandboxContext, clientId: unknown): Promise<PoolClient> {
    if (typeof clientId === "string") {
        const client = ctx.clients.get(clientId);
        if (client) return { id: clientId, poolId: ctx.poolId, client };
        const record = await ctx.emulator.appClient(clientId);
        if (record) return { id: clientId, poolId: record.UserPoolId, client: sandboxClientOfRecord(record) };
    }
    throw new CognitoError("ResourceNotFoundException", `User pool client ${String(clientId)} does not exist.`);
}

/** An admin call names the pool: it must be the client's. */
export function checkPool(poolId: unknown, expected: string): void {
    if (poolId !== expected) throw new CognitoError("ResourceNotFoundException", `User pool ${String(poolId)} does not exist.`);
}

/** The user with this user name, alias (email) or sub, or undefined. */
export async function findUser(ctx: SandboxContext, poolId: string, name: unknown): Promise<EmulatorUser | undefined> {
    if (typeof name !== "string" || name === "") return undefined;
    const pool = await ctx.emulator.userPool(poolId);
    return (await pool.getUserByUsername(ctx.emulator.context, name)) ?? undefined;
}

/** A client with a secret gets SECRET_HASH = HMAC-SHA256(secret, username + client id), as Cognito checks it. */
export async function checkSecretHash(ctx: SandboxContext, clientId: string, username: unknown, secretHash: unknown): Promise<void> {
    const secret = (await ctx.emulator.appClient(clientId))?.ClientSecret;
    if (!secret) return;
    const expected = createHmac("sha256", secret).update(`${String(username ?? "")}${clientId}`).digest();
    const given = typeof secretHash === "string" ? Buffer.from(secretHash, "base64") : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new CognitoError("NotAuthorizedException", typeof secretHash === "string" ? `Unable to verify secret hash for client ${clientId}` : `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
    }
}

/** A client secret given as is (GetTokensFromRefreshToken, RevokeToken, the token endpoint). */
export async function checkClientSecret(ctx: SandboxContext, clientId: string, given: unknown): Promise<void> {
    const secret = (await ctx.emulator.appClient(clientId))?.ClientSecret;
    if (!secret) return;
    const a = Buffer.from(String(given ?? ""));
    const b = Buffer.from(secret);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new CognitoError("NotAuthorizedException", `Unable to verify secret for client ${clientId}`);
}
