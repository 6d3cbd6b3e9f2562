// The key every token the sandbox hands out is signed with: an RSA key made for each data folder
// (kept there, readable by its owner only), never cognito-local's, whose private half is published
// in its npm package. The JWKS serves its public half; a token is trusted only if it verifies here.
import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { writePrivateFile } from "./private-files";

export interface SigningKey {
    readonly kid: string;
    /** The public half as a JWKS entry. */
    readonly jwk: Record<string, string>;
    /** A JWT (RS256) of these claims. */
    sign(claims: Record<string, unknown>): string;
    /** A secret of this data folder for another use (`label` keeps uses apart), derived from the private key. */
    secret(label: string): Buffer;
    /** The claims of a JWT this key signed (RS256, this kid); undefined for anything else. Expiry is the caller's. */
    verify(token: unknown): Record<string, any> | undefined;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

function parse(part: string | undefined): Record<string, any> | undefined {
    try {
        const value = JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
        return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
    } catch {
        return undefined;
    }
}

function keyOf(privateKey: KeyObject): SigningKey {
    const publicJwk = createPublicKey(privateKey).export({ format: "jwk" }) as { n: string; e: string };
    // RFC 7638 thumbprint: stable for the key, different for every data folder.
    const kid = createHash("sha256").update(JSON.stringify({ e: publicJwk.e, kty: "RSA", n: publicJwk.n })).digest("base64url");
    const publicKey = createPublicKey(privateKey);
    const root = createHash("sha256").update(privateKey.export({ type: "pkcs8", format: "der" })).digest();
    return {
        secret: (label) => createHmac("sha256", root).update(label).digest(),
        kid,
        jwk: { kty: "RSA", alg: "RS256", use: "sig", kid, n: publicJwk.n, e: publicJwk.e },
        sign: (claims) => signJwt(claims, privateKey, kid),
        verify(token) {
            if (typeof token !== "string") return undefined;
            const parts = token.split(".");
            if (parts.length !== 3) return undefined;
            const header = parse(parts[0]);
            if (header?.alg !== "RS256" || header.kid !== kid) return undefined;
            const signed = verify("RSA-SHA256", Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, Buffer.from(parts[2], "base64url"));
            return signed ? parse(parts[1]) : undefined;
        },
    };
}

/** The data folder's key: read from `signing-key.pem`, or made and written there (0600) on the first start. */
export function signingKeyOf(dataDir: string): SigningKey {
    const file = path.join(dataDir, "signing-key.pem");
    if (fs.existsSync(file)) return keyOf(createPrivateKey(fs.readFileSync(file)));
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    writePrivateFile(file, privateKey.export({ type: "pkcs8", format: "pem" }));
    return keyOf(privateKey);
}

/** A JWT (RS256) of these claims signed with any key: the sandbox's, or (in tests) one it must refuse. */
export function signJwt(claims: Record<string, unknown>, privateKey: KeyObject | string, kid: string): string {
    const unsigned = `${base64url(JSON.stringify({ kid, alg: "RS256" }))}.${base64url(JSON.stringify(claims))}`;
    return `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), privateKey).toString("base64url")}`;
}
