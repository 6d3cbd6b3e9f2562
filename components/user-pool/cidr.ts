// CIDR ranges as threat protection takes them: IPv4 or IPv6, with a prefix length. Pure.

export interface CidrRange {
    readonly version: 4 | 6;
    readonly prefixLength: number;
    /**
     * For an IPv6 range over IPv4 space (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96): the IPv4
     * prefix length it amounts to (0 when it covers that whole space).
     */
    readonly ipv4PrefixLength?: number;
}

/** IPv6 prefixes whose last 32 bits are an IPv4 address. */
const ipv4Embeddings = [0xffffn << 32n, 0x64ff9bn << 96n];

function ipv6Value(address: string): bigint {
    const [head, tail = ""] = address.split("::");
    const groups = (half: string) => (half === "" ? [] : half.split(":")).flatMap((g) => (isIpv4(g) ? (() => {
        const [a, b, c, d] = g.split(".").map(Number);
        return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    })() : [g]));
    const h = groups(head);
    const t = address.includes("::") ? groups(tail) : [];
    const all = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
    return all.reduce((value, g) => (value << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** The IPv4 prefix length an IPv6 range amounts to, if it overlaps an IPv4 embedding. */
function embeddedIpv4Prefix(address: string, prefixLength: number): number | undefined {
    const value = ipv6Value(address);
    const mask = (bits: number) => (bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(128 - bits));
    for (const embedding of ipv4Embeddings) {
        const shared = Math.min(prefixLength, 96);
        if ((value & mask(shared)) === (embedding & mask(shared))) return Math.max(prefixLength - 96, 0);
    }
    return undefined;
}

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIpv4(address: string): boolean {
    const m = ipv4.exec(address);
    return !!m && m.slice(1, 5).every((octet) => Number(octet) <= 255 && String(Number(octet)) === octet);
}

function isIpv6(address: string): boolean {
    const halves = address.split("::");
    if (halves.length > 2) return false;
    const groups = (half: string) => (half === "" ? [] : half.split(":"));
    const all = halves.flatMap(groups);
    // An embedded IPv4 tail (::ffff:192.0.2.1) counts as two groups.
    const tail = all.length && isIpv4(all[all.length - 1]) ? 1 : 0;
    const hex = all.slice(0, all.length - tail);
    if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
    const count = hex.length + tail * 2;
    return halves.length === 2 ? count < 8 : count === 8;
}

/** The range's version and prefix length, or undefined when it is not a CIDR range. */
export function parseCidr(range: string): CidrRange | undefined {
    const slash = range.lastIndexOf("/");
    if (slash < 0 || !/^\d{1,3}$/.test(range.slice(slash + 1))) return undefined;
    const address = range.slice(0, slash);
    const prefixLength = Number(range.slice(slash + 1));
    if (isIpv4(address) && prefixLength <= 32) return { version: 4, prefixLength };
    if (isIpv6(address) && prefixLength <= 128) {
        const ipv4PrefixLength = embeddedIpv4Prefix(address, prefixLength);
        return { version: 6, prefixLength, ...(ipv4PrefixLength !== undefined && { ipv4PrefixLength }) };
    }
    return undefined;
}
