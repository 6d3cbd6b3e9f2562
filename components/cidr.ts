// CIDR ranges as threat protection takes them: IPv4 or IPv6, with a prefix length. Pure.

export interface CidrRange {
    readonly version: 4 | 6;
    readonly prefixLength: number;
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
    if (isIpv6(address) && prefixLength <= 128) return { version: 6, prefixLength };
    return undefined;
}
