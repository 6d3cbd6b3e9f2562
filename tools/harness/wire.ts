// How Pulumi marks a secret value on the wire (and in what the mocks receive): an object carrying
// this signature beside its value. Known here once, for the harness, the policy check and the tests.
export const secretSignature = "4dabf18193072939515e22adb298388d";

export function isWireSecret(value: unknown): boolean {
    return !!value && typeof value === "object" && secretSignature in value && "value" in value;
}

/** The plain value behind every secret marker, at any depth. */
export function unwrapSecrets<T = any>(value: unknown): T {
    if (Array.isArray(value)) return value.map((v) => unwrapSecrets(v)) as T;
    if (isWireSecret(value)) return unwrapSecrets((value as { value: unknown }).value);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)])) as T;
    return value as T;
}
