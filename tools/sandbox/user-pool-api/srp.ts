// The server side of Cognito's SRP sign-in (USER_SRP_AUTH, and USER_AUTH's PASSWORD_SRP): SRP-6a
// over the RFC 5054 3072-bit group with SHA-256, as Cognito runs it and its client libraries expect
// (amazon-cognito-identity-js, Amplify): x = H(salt | H(<pool id after "_"><user id>:<password>)),
// k = H(N | g), u = H(A | B), numbers as Cognito's padded hex, the key HKDF(S, u, "Caldera Derived
// Key"), and the client's proof an HMAC of <pool id after "_"><user id><secret block><timestamp>.
// The emulator keeps each password as typed, so the verifier is computed at each sign-in.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "crypto";

const N = BigInt(`0x${[
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
].join("")}`);
const g = 2n;

/** Cognito's hex of a (non-negative) number: even length, "00" first when the high bit is set. */
function paddedHex(n: bigint): string {
    let hex = n.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

const hashHex = (hex: string) => createHash("sha256").update(Buffer.from(hex, "hex")).digest("hex");
const k = BigInt(`0x${hashHex(paddedHex(N) + paddedHex(g))}`);

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
    let result = 1n;
    let b = base % modulus;
    for (let e = exponent; e > 0n; e >>= 1n) {
        if (e & 1n) result = (result * b) % modulus;
        b = (b * b) % modulus;
    }
    return result;
}

/** What the server keeps between the challenge and the client's proof. */
export interface SrpState {
    readonly poolName: string;
    readonly userIdForSrp: string;
    readonly A: bigint;
    readonly B: bigint;
    readonly b: bigint;
    readonly v: bigint;
    readonly secretBlock: string;
}

export interface SrpChallenge {
    readonly state: SrpState;
    /** The PASSWORD_VERIFIER challenge's SALT, SRP_B and SECRET_BLOCK. */
    readonly parameters: { readonly SALT: string; readonly SRP_B: string; readonly SECRET_BLOCK: string };
}

/** The client's SRP_A as a number, or undefined when it is not hex or is 0 mod N (which would make the key guessable). */
export function clientPublicValue(srpA: unknown): bigint | undefined {
    if (typeof srpA !== "string" || !/^[0-9a-fA-F]{1,2048}$/.test(srpA)) return undefined;
    const A = BigInt(`0x${srpA}`);
    return A % N === 0n ? undefined : A;
}

/**
 * The challenge for one sign-in. `salt` is the user's (stable, so it tells nothing), `password` the
 * one the user set: for a name no user has, any stand-in password makes a challenge just as plausible.
 */
export function srpChallenge(input: { poolId: string; userIdForSrp: string; password: string; salt: Buffer; A: bigint }): SrpChallenge {
    const poolName = input.poolId.split("_")[1] ?? "";
    const saltHex = input.salt.toString("hex");
    const identity = createHash("sha256").update(`${poolName}${input.userIdForSrp}:${input.password}`).digest("hex");
    const x = BigInt(`0x${hashHex(paddedHex(BigInt(`0x${saltHex}`)) + identity)}`);
    const v = modPow(g, x, N);
    let b: bigint;
    let B: bigint;
    do {
        b = BigInt(`0x${randomBytes(32).toString("hex")}`);
        B = (k * v + modPow(g, b, N)) % N;
    } while (B === 0n);
    const secretBlock = randomBytes(96).toString("base64");
    return {
        state: { poolName, userIdForSrp: input.userIdForSrp, A: input.A, B, b, v, secretBlock },
        parameters: { SALT: saltHex, SRP_B: B.toString(16), SECRET_BLOCK: secretBlock },
    };
}

/** `Tue Sep 25 00:09:40 UTC 2018`: the TIMESTAMP format the clients send (day not zero-padded). */
const timestampFormat = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}$/;

/** Whether the client's PASSWORD_CLAIM_SIGNATURE proves the password for this challenge. */
export function proofHolds(state: SrpState, responses: { PASSWORD_CLAIM_SECRET_BLOCK?: unknown; PASSWORD_CLAIM_SIGNATURE?: unknown; TIMESTAMP?: unknown }): boolean {
    const { PASSWORD_CLAIM_SECRET_BLOCK: block, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp } = responses;
    if (block !== state.secretBlock || typeof signature !== "string" || typeof timestamp !== "string" || !timestampFormat.test(timestamp)) return false;
    const u = BigInt(`0x${hashHex(paddedHex(state.A) + paddedHex(state.B))}`);
    if (u === 0n) return false;
    const S = modPow((state.A * modPow(state.v, u, N)) % N, state.b, N);
    const key = Buffer.from(hkdfSync("sha256", Buffer.from(paddedHex(S), "hex"), Buffer.from(paddedHex(u), "hex"), Buffer.from("Caldera Derived Key"), 16));
    const expected = createHmac("sha256", key).update(Buffer.concat([Buffer.from(state.poolName), Buffer.from(state.userIdForSrp), Buffer.from(state.secretBlock, "base64"), Buffer.from(timestamp)])).digest();
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
}
