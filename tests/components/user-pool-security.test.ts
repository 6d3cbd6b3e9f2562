import * as assert from "assert";
import { parseCidr } from "../../components/user-pool/cidr";
import { resolveUserPoolSettings, userPoolProblems } from "../../components/user-pool/settings";
import type { UserPoolSettings } from "../../config/schema";

const problems = (settings: UserPoolSettings) => userPoolProblems(resolveUserPoolSettings(settings)).map((p) => `${p.field}: ${p.message}`);
const plus = (skippedIpRanges: string[]): UserPoolSettings => ({ featurePlan: "PLUS", threatProtection: { mode: "ENFORCED", skippedIpRanges } });

describe("UserPool security checks", () => {
    describe("threat protection skipped ranges", () => {
        it("refuses the whole internet and very wide ranges, IPv4 and IPv6", () => {
            assert.deepStrictEqual(problems(plus(["0.0.0.0/0", "::/0", "10.0.0.0/8", "2001:db8::/32"])), [
                `threatProtection.skippedIpRanges[0]: got "0.0.0.0/0"; skipping threat protection for a /0 exempts the whole internet; allowed: /16 or narrower for IPv4, /48 or narrower for IPv6 (your office or test runners)`,
                `threatProtection.skippedIpRanges[1]: got "::/0"; skipping threat protection for a /0 exempts the whole internet; allowed: /16 or narrower for IPv4, /48 or narrower for IPv6 (your office or test runners)`,
                `threatProtection.skippedIpRanges[2]: got "10.0.0.0/8"; skipping threat protection for a /8 exempts whole networks; allowed: /16 or narrower for IPv4, /48 or narrower for IPv6 (your office or test runners)`,
                `threatProtection.skippedIpRanges[3]: got "2001:db8::/32"; skipping threat protection for a /32 exempts whole networks; allowed: /16 or narrower for IPv4, /48 or narrower for IPv6 (your office or test runners)`,
            ]);
        });

        it("judges an IPv6 range over IPv4 space (IPv4-mapped, NAT64) as the IPv4 range it covers", () => {
            const wide = (range: string, length: number) => `threatProtection.skippedIpRanges[0]: got "${range}"; skipping threat protection for IPv4 space as wide as a /${length} exempts ${length === 0 ? "the whole internet" : "whole networks"}; allowed: /16 or narrower for IPv4, /48 or narrower for IPv6 (your office or test runners)`;
            for (const [range, length] of [["::ffff:0:0/96", 0], ["64:ff9b::/96", 0], ["::ffff:10.0.0.0/104", 8], ["::/64", 0]] as const) {
                assert.deepStrictEqual(problems(plus([range])), [wide(range, length)], range);
            }
            assert.deepStrictEqual(problems(plus(["::ffff:203.0.113.0/120", "64:ff9b::cb00:7100/120"])), []);
        });

        it("accepts an office range or a single address", () => {
            assert.deepStrictEqual(problems(plus(["203.0.113.0/24", "198.51.100.7/32", "10.1.0.0/16", "2001:db8:1234::/48", "2001:db8::1/128"])), []);
        });

        it("refuses what is not a CIDR range, and leaves wide blocked ranges alone", () => {
            assert.deepStrictEqual(problems({ featurePlan: "PLUS", threatProtection: { mode: "AUDIT", blockedIpRanges: ["10.0.0.0/33", "0.0.0.0/0"], skippedIpRanges: ["office"] } }), [
                `threatProtection.blockedIpRanges[0]: got "10.0.0.0/33"; allowed: a CIDR range such as 203.0.113.0/24 or 2001:db8::/48`,
                `threatProtection.skippedIpRanges[0]: got "office"; allowed: a CIDR range such as 203.0.113.0/24 or 2001:db8::/48`,
            ]);
        });

        it("parses IPv4 and IPv6 ranges strictly", () => {
            assert.deepStrictEqual(parseCidr("::ffff:192.0.2.0/120"), { version: 6, prefixLength: 120, ipv4PrefixLength: 24 });
            assert.deepStrictEqual(parseCidr("2001:db8::/48"), { version: 6, prefixLength: 48 });
            assert.deepStrictEqual(["1.2.3/24", "256.1.1.1/8", "01.2.3.4/8", "1::2::3/64", "1:2:3:4:5:6:7:8:9/64", "2001:db8::/129", "10.0.0.0"].map(parseCidr), Array(7).fill(undefined));
        });
    });

    describe("account recovery", () => {
        it("refuses email as the only recovery method while email MFA is on", () => {
            const ses = { sender: "ses", from: "no-reply@news.example.com", sesIdentityArn: "arn:aws:ses:eu-central-1:123456789012:identity/news.example.com" } as const;
            assert.deepStrictEqual(problems({ mfa: { mode: "ON", totp: true, email: true }, email: ses, accountRecovery: "email" }), [
                `accountRecovery: got "email" while mfa.email is on; Cognito refuses email recovery to users with email MFA, so they could never reset their password; allowed: "email_then_phone", "phone_then_email" (with a phone number), "admin_only", or turn mfa.email off`,
            ]);
            assert.deepStrictEqual(problems({ mfa: { mode: "ON", totp: true, email: true }, email: ses, accountRecovery: "admin_only" }), []);
            assert.deepStrictEqual(problems({ mfa: { mode: "ON", totp: true }, accountRecovery: "email" }), []);
        });
    });
});
