// TLS on the gateway's port, beside plain http: Amplify's redirect sign-in (signInWithRedirect)
// builds https://<domain> URLs whatever the domain, so the hosted UI must answer https too. The
// certificate is self-signed for 127.0.0.1 and localhost, made per data folder (P-256, one year) by
// the small DER writer below, with no openssl needed; a browser asks once to accept it.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { writePrivateFile } from "./private-files";

/** One DER element: tag, length, content. */
function der(tag: number, ...content: Buffer[]): Buffer {
    const body = Buffer.concat(content);
    const length = body.length < 0x80 ? Buffer.from([body.length]) : (() => {
        const bytes = Buffer.from(body.length.toString(16).padStart(body.length > 0xff ? 4 : 2, "0"), "hex");
        return Buffer.concat([Buffer.from([0x80 | bytes.length]), bytes]);
    })();
    return Buffer.concat([Buffer.from([tag]), length, body]);
}
const sequence = (...items: Buffer[]) => der(0x30, ...items);
const oid = (dotted: string) => {
    const [a, b, ...rest] = dotted.split(".").map(Number);
    const bytes = [40 * a + b];
    for (const n of rest) {
        const chunk = [n & 0x7f];
        for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift(0x80 | (v & 0x7f));
        bytes.push(...chunk);
    }
    return der(0x06, Buffer.from(bytes));
};
const utcTime = (date: Date) => der(0x17, Buffer.from(`${date.toISOString().replace(/[-:T]/g, "").slice(2, 14)}Z`));
const name = (commonName: string) => sequence(der(0x31, sequence(oid("2.5.4.3"), der(0x0c, Buffer.from(commonName)))));

/** A self-signed certificate (PEM) for 127.0.0.1 and localhost, and its key (PEM). */
function selfSignedCertificate(): { cert: string; key: string } {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const ecdsaWithSha256 = sequence(oid("1.2.840.10045.4.3.2"));
    const now = Date.now();
    const altNames = sequence(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from("localhost")));
    const extensions = der(0xa3, sequence(
        sequence(oid("2.5.29.17"), der(0x04, altNames)),
        sequence(oid("2.5.29.37"), der(0x04, sequence(oid("1.3.6.1.5.5.7.3.1")))),
    ));
    const tbs = sequence(
        der(0xa0, der(0x02, Buffer.from([2]))),
        der(0x02, Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
        ecdsaWithSha256,
        name("cognito-as-code sandbox"),
        sequence(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 365 * 86400_000))),
        name("cognito-as-code sandbox"),
        publicKey.export({ type: "spki", format: "der" }),
        extensions,
    );
    const signature = sign("sha256", tbs, privateKey);
    const certificate = sequence(tbs, ecdsaWithSha256, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
    const pem = `-----BEGIN CERTIFICATE-----\n${certificate.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
    return { cert: pem, key: privateKey.export({ type: "pkcs8", format: "pem" }) as string };
}

/** The data folder's certificate: read, or made on the first start (key 0600). */
export function certificateOf(dataDir: string): { cert: string; key: string } {
    const certFile = path.join(dataDir, "tls-cert.pem");
    const keyFile = path.join(dataDir, "tls-key.pem");
    if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
        const pair = { cert: fs.readFileSync(certFile, "utf8"), key: fs.readFileSync(keyFile, "utf8") };
        createPublicKey(createPrivateKey(pair.key)); // a damaged key is made again below
        return pair;
    }
    const pair = selfSignedCertificate();
    writePrivateFile(keyFile, pair.key);
    writePrivateFile(certFile, pair.cert);
    return pair;
}

/** A connection to the port goes to TLS when its first byte opens a TLS handshake (0x16), to plain http otherwise. */
export function splitByProtocol(plain: net.Server, secure: net.Server): net.Server {
    return net.createServer((socket) => {
        socket.once("data", (first) => {
            socket.pause();
            socket.unshift(first);
            (first[0] === 0x16 ? secure : plain).emit("connection", socket);
            process.nextTick(() => socket.resume());
        });
        socket.on("error", () => socket.destroy());
    });
}
