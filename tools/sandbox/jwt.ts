// The two JWT operations the gateway needs, on Node's crypto: read a token's claims, and sign new
// claims with RS256 under the emulator's key id (so its JWKS verifies them).
import { createSign, type KeyObject } from "crypto";

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/** The payload of a JWT (not verified: the gateway reads tokens the emulator just issued). */
export function jwtClaims(token: string): Record<string, any> {
    return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
}

export function signJwt(claims: Record<string, unknown>, privateKey: string | KeyObject, keyId: string): string {
    const unsigned = `${base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: keyId }))}.${base64url(JSON.stringify(claims))}`;
    return `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(privateKey).toString("base64url")}`;
}
