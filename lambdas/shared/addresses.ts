// Email domains compared the way mail is delivered, in one place for every comparison the handlers
// make (the deny and allow lists, auto-confirmed domains, account linking). Without it,
// "a@mailinator.com." (the root's trailing dot), "a@MAILINATOR.com" or "a@ｍａｉｌｉｎａｔｏｒ.com"
// (full-width letters, which IDNA maps to ASCII) reach the same mailbox as "a@mailinator.com" but
// pass a list that names it.
import { domainToASCII } from "url";

/** Characters no domain has, which a URL host parser would strip or decode instead ("b.com/x", "b.com%2e"). */
const notInADomain = /[\s/\\?#%:@[\]\u0000-\u001f\u007f]/;
const label = "(?!-)[a-z0-9-]{1,63}(?<!-)";
const asciiDomain = new RegExp(`^${label}(\\.${label})*$`);

/**
 * The domain as DNS knows it: IDNA (UTS #46) to ASCII, so Unicode becomes punycode, case is folded
 * and full-width dots are dots; one trailing dot (the root) dropped. Undefined for anything that is
 * not a domain name, so that a caller can refuse it rather than let it pass a list.
 */
export function normalizedDomain(domain: string): string | undefined {
    if (notInADomain.test(domain)) return undefined;
    const ascii = domainToASCII(domain);
    const bare = ascii.endsWith(".") ? ascii.slice(0, -1) : ascii;
    return asciiDomain.test(bare) ? bare : undefined;
}

/** The normalized domain of an address; undefined without an "@" or with no valid domain after it. */
export function emailDomain(email: string | undefined): string | undefined {
    const at = email?.lastIndexOf("@") ?? -1;
    return at > 0 ? normalizedDomain(email!.slice(at + 1)) : undefined;
}

/** Whether a normalized domain is one of the list's, or a subdomain of one. */
export function inDomainList(domain: string, list: readonly string[]): boolean {
    return list.some((entry) => {
        const listed = normalizedDomain(entry);
        return listed !== undefined && (domain === listed || domain.endsWith(`.${listed}`));
    });
}

/**
 * The same address: the local part ignoring the case of ASCII letters only (no plus-address
 * stripping, no Unicode case mapping, which folds look-alikes such as the Kelvin sign into "k"),
 * the domain normalized. Two addresses whose domain is not a valid domain are never the same.
 */
export function sameEmail(a: string, b: string): boolean {
    const local = (s: string) => s.slice(0, s.lastIndexOf("@")).replace(/[A-Z]/g, (c) => c.toLowerCase());
    const domainA = emailDomain(a);
    return domainA !== undefined && domainA === emailDomain(b) && local(a) === local(b);
}
