// What counts as this machine (loopback) in a callback or sign-out URL. The one definition: the
// policy pack's callback rule and the AppClients check (components/app-clients-settings.ts) both
// use it, so a URL the component lets through as "localhost" is one the prod policy refuses.
// Pure and dependency-free, so components may import it without pulling in the pack.

/**
 * Whether a URL's host names this machine: `localhost` (any case, trailing dots), any
 * `*.localhost` (RFC 6761), the whole 127.0.0.0/8, 0.0.0.0, and the IPv6 forms of the same
 * (`[::1]`, `[::]`, `[::ffff:127.x.x.x]`, `[::ffff:0.0.0.0]`), however they are spelled:
 * `127.1`, `2130706433`, `0x7f.1` and `[0:0::1]` are read the way a browser reads them.
 */
export function isLoopbackHost(hostname: string): boolean {
    const host = browserHost(hostname).replace(/\.+$/, "");
    if (host === "localhost" || host.endsWith(".localhost")) return true;
    const ipv4 = /^(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.exec(host);
    if (ipv4) return ipv4[1] === "127" || host === "0.0.0.0";
    if (host.startsWith("[") && host.endsWith("]")) return loopbackIpv6(host.slice(1, -1));
    return false;
}

/** Whether a parsed URL points at this machine; see isLoopbackHost. */
export function isLoopbackUrl(url: URL): boolean {
    return isLoopbackHost(url.hostname);
}

/**
 * The host as a browser would resolve it. The WHATWG parser only normalises hosts of special
 * schemes (http, https, ...), so a custom-scheme URL's host (newsapp://127.1/) is read as http's.
 */
function browserHost(hostname: string): string {
    try {
        return new URL(`http://${hostname}/`).hostname;
    } catch {
        return hostname.toLowerCase();
    }
}

/** `text` is a normalised IPv6 address (hex groups, at most one "::", no dotted quad). */
function loopbackIpv6(text: string): boolean {
    const groups = ipv6Groups(text);
    if (!groups || groups.slice(0, 5).some((g) => g !== 0)) return false;
    const [g5, g6, g7] = groups.slice(5);
    if (g5 === 0 && g6 === 0) return g7 === 1 || g7 === 0; // ::1 and :: (unspecified, reaches this machine)
    if (g5 === 0xffff) return g6 >> 8 === 127 || (g6 === 0 && g7 === 0); // ::ffff:127.x.x.x and ::ffff:0.0.0.0
    return false;
}

function ipv6Groups(text: string): number[] | undefined {
    const halves = text.split("::");
    if (halves.length > 2) return undefined;
    const parse = (half: string) => (half === "" ? [] : half.split(":").map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
    const head = parse(halves[0]);
    const tail = halves.length === 2 ? parse(halves[1]) : [];
    const missing = 8 - head.length - tail.length;
    if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
    const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
    return groups.some(Number.isNaN) ? undefined : groups;
}
