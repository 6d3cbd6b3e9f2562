// UserPool: every default in one object, the merge of args over it, and the combinations that
// cannot work. Pure functions: no resource is touched here.
import { getProject, getStack } from "@pulumi/pulumi";
import { awsFields, ruleProblem } from "../../config/aws-fields";
import type { UserPoolSettings } from "../../config/schema";
import type { PoolCapabilities } from "../app-clients/settings";
import { emailDomain, inDomainList, sameEmail } from "../../lambdas/shared/addresses";
import { parseCidr } from "./cidr";
import { defaultMessages } from "./messages";
import { ProblemList, quoted, type Problem } from "../shared/validation";

export const userPoolDefaults = {
    signInWith: ["email"] as const,
    caseSensitive: false,
    customAttributes: {},
    passwordPolicy: {
        minimumLength: 15, // NIST SP 800-63B rev 4, passwords used without a second factor
        requireLowercase: false, // NIST advises against composition rules
        requireUppercase: false,
        requireNumbers: false,
        requireSymbols: false,
        temporaryPasswordValidityDays: 7,
        passwordHistorySize: 0,
    },
    // Safe when used directly; the dev stage lowers MFA to OPTIONAL and lifts the deletion guards.
    mfa: { mode: "ON", totp: true, sms: false, email: false, ...defaultMessages.mfa },
    featurePlan: "ESSENTIALS",
    threatProtection: { mode: "OFF", blockedIpRanges: [] as string[], skippedIpRanges: [] as string[] },
    passwordless: { emailOtp: false, smsOtp: false },
    passkeyUserVerification: "preferred",
    accountRecovery: "email",
    selfSignUp: true,
    verificationMessage: { method: "code" },
    email: { sender: "cognito" },
    groups: [],
    /** Widest range threat protection may skip: anything wider exempts whole networks from risk checks. */
    widestSkippedRange: { 4: 16, 6: 48 },
    logDelivery: { userActivity: "OFF", notificationErrors: "ERROR", retentionDays: 90 },
    deletionProtection: "ACTIVE",
    protect: true,
    retainOnDelete: true,
} as const;

/** Settings with every default filled in. */
export interface ResolvedUserPoolSettings {
    readonly name?: string;
    readonly importId?: string;
    readonly signInWith: NonNullable<UserPoolSettings["signInWith"]>;
    readonly caseSensitive: boolean;
    readonly standardAttributes: NonNullable<UserPoolSettings["standardAttributes"]>;
    readonly customAttributes: NonNullable<UserPoolSettings["customAttributes"]>;
    readonly passwordPolicy: Required<NonNullable<UserPoolSettings["passwordPolicy"]>>;
    readonly mfa: Required<NonNullable<UserPoolSettings["mfa"]>>;
    readonly featurePlan: NonNullable<UserPoolSettings["featurePlan"]>;
    readonly threatProtection: Required<NonNullable<UserPoolSettings["threatProtection"]>>;
    readonly passwordless: { readonly emailOtp: boolean; readonly smsOtp: boolean; readonly passkeys?: { readonly relyingPartyId: string; readonly userVerification: "required" | "preferred" } };
    readonly accountRecovery: NonNullable<UserPoolSettings["accountRecovery"]>;
    readonly selfSignUp: boolean;
    readonly verificationMessage: { readonly method: "code" | "link"; readonly emailSubject: string; readonly emailMessage: string; readonly smsMessage: string };
    readonly invitationMessage: { readonly emailSubject: string; readonly emailMessage: string; readonly smsMessage: string };
    readonly email: NonNullable<UserPoolSettings["email"]>;
    readonly smsRegion?: string;
    readonly groups: NonNullable<UserPoolSettings["groups"]>;
    readonly logDelivery: Required<NonNullable<UserPoolSettings["logDelivery"]>>;
    readonly deletionProtection: "ACTIVE" | "INACTIVE";
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
}

export function resolveUserPoolSettings(args: UserPoolSettings): ResolvedUserPoolSettings {
    const d = userPoolDefaults;
    const signInWith = args.signInWith ?? [...d.signInWith];
    const method = args.verificationMessage?.method ?? d.verificationMessage.method;
    const verificationDefaults = method === "link"
        ? { emailSubject: defaultMessages.verification.linkEmailSubject, emailMessage: defaultMessages.verification.linkEmailMessage }
        : { emailSubject: defaultMessages.verification.emailSubject, emailMessage: defaultMessages.verification.emailMessage };
    return {
        name: args.name,
        importId: args.importId,
        signInWith,
        caseSensitive: args.caseSensitive ?? d.caseSensitive,
        standardAttributes: args.standardAttributes ?? defaultStandardAttributes(signInWith),
        customAttributes: args.customAttributes ?? d.customAttributes,
        passwordPolicy: { ...d.passwordPolicy, ...args.passwordPolicy },
        mfa: { ...d.mfa, ...args.mfa },
        featurePlan: args.featurePlan ?? d.featurePlan,
        threatProtection: { ...d.threatProtection, ...args.threatProtection },
        passwordless: {
            emailOtp: args.passwordless?.emailOtp ?? d.passwordless.emailOtp,
            smsOtp: args.passwordless?.smsOtp ?? d.passwordless.smsOtp,
            passkeys: args.passwordless?.passkeys && {
                relyingPartyId: args.passwordless.passkeys.relyingPartyId,
                userVerification: args.passwordless.passkeys.userVerification ?? d.passkeyUserVerification,
            },
        },
        accountRecovery: args.accountRecovery ?? d.accountRecovery,
        selfSignUp: args.selfSignUp ?? d.selfSignUp,
        verificationMessage: { method, smsMessage: defaultMessages.verification.smsMessage, ...verificationDefaults, ...args.verificationMessage },
        invitationMessage: { ...defaultMessages.invitation, ...args.invitationMessage },
        email: args.email ?? d.email,
        smsRegion: args.smsRegion,
        groups: args.groups ?? [],
        logDelivery: { ...d.logDelivery, ...args.logDelivery },
        deletionProtection: args.deletionProtection ?? d.deletionProtection,
        protect: args.protect ?? d.protect,
        retainOnDelete: args.retainOnDelete ?? d.retainOnDelete,
    };
}

/** Email sign-in needs a required email; phone sign-in a required phone number. */
function defaultStandardAttributes(signInWith: readonly string[]): NonNullable<UserPoolSettings["standardAttributes"]> {
    const attributes: NonNullable<UserPoolSettings["standardAttributes"]> = {};
    if (signInWith.includes("email")) attributes.email = { required: true, mutable: true };
    if (signInWith.includes("phone")) attributes.phone_number = { required: true, mutable: true };
    return attributes;
}

/** Whether the pool sends any SMS, and so needs the SNS role. */
export function sendsSms(s: ResolvedUserPoolSettings): boolean {
    return (s.mfa.mode !== "OFF" && s.mfa.sms) || s.passwordless.smsOtp || s.signInWith.includes("phone") || s.accountRecovery.includes("phone");
}

export function usesEmail(s: ResolvedUserPoolSettings): boolean {
    return s.signInWith.includes("email") || s.standardAttributes.email !== undefined;
}

export function usesPhone(s: ResolvedUserPoolSettings): boolean {
    return s.signInWith.includes("phone") || s.standardAttributes.phone_number !== undefined;
}

const cidrExample = "allowed: a CIDR range such as 203.0.113.0/24 or 2001:db8::/48";

/** Blocked ranges only need to be ranges; a skipped range turns risk checks off, so it must be narrow. */
function checkIpRanges(p: ProblemList, s: ResolvedUserPoolSettings): void {
    s.threatProtection.blockedIpRanges.forEach((range, i) =>
        p.check(parseCidr(range) !== undefined, `threatProtection.blockedIpRanges[${i}]`, `got ${JSON.stringify(range)}; ${cidrExample}`));
    const widest = userPoolDefaults.widestSkippedRange;
    s.threatProtection.skippedIpRanges.forEach((range, i) => {
        const field = `threatProtection.skippedIpRanges[${i}]`;
        const parsed = parseCidr(range);
        if (!parsed) return p.add(field, `got ${JSON.stringify(range)}; ${cidrExample}`);
        // An IPv6 range over IPv4 space (::ffff:0:0/96, 64:ff9b::/96) is judged as the IPv4 range it is.
        const overIpv4 = parsed.prefixLength >= widest[parsed.version] && parsed.ipv4PrefixLength !== undefined;
        const [version, length] = overIpv4 ? [4 as const, parsed.ipv4PrefixLength!] : [parsed.version, parsed.prefixLength];
        p.check(length >= widest[version], field,
            `got ${JSON.stringify(range)}; skipping threat protection for ${version === parsed.version ? `a /${length}` : `IPv4 space as wide as a /${length}`} exempts ${length === 0 ? "the whole internet" : "whole networks"}; allowed: /${widest[4]} or narrower for IPv4, /${widest[6]} or narrower for IPv6 (your office or test runners)`);
    });
}

const sesFrom = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

/**
 * Why SES would refuse to send as `from` with this identity, or undefined when it covers it: an
 * address identity sends as that address only; a domain identity as any address of the domain or
 * of a subdomain (SES: a verified domain covers its subdomains).
 */
function sesIdentityMismatch(from: string, identityArn: string | undefined): string | undefined {
    const identity = /^arn:[\w-]+:ses:[\w-]*:\d*:identity\/(.+)$/.exec(identityArn ?? "")?.[1];
    if (!identity) return undefined; // the ARN's own check names it
    const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
    if (identity.includes("@")) {
        return sameEmail(address, identity) ? undefined : `got ${JSON.stringify(from)}, but email.sesIdentityArn verifies the address ${JSON.stringify(identity)} only; allowed: ${JSON.stringify(identity)}, or an identity for the domain of ${JSON.stringify(address)}`;
    }
    const sender = emailDomain(address);
    const covered = sender !== undefined && inDomainList(sender, [identity]);
    return covered ? undefined : `got ${JSON.stringify(from)}, whose domain ${JSON.stringify(sender ?? address)} the SES identity ${JSON.stringify(identity)} (email.sesIdentityArn) does not cover; allowed: an address at ${identity} or one of its subdomains, or the identity of ${JSON.stringify(sender ?? address)}`;
}

/** Where the stack file's stage defaults filled a value the file left out: a problem with it then says so. */
export interface StageOrigin {
    readonly stage: string;
    readonly stageDefaults: string;
    /** The userPool fields filled (mfa.mode, ...). */
    readonly filled: ReadonlySet<string>;
}

export function userPoolProblems(s: ResolvedUserPoolSettings, origin?: StageOrigin): Problem[] {
    const p = new ProblemList();
    // "mfa.mode "ON"" read alone blames a line the stack file never wrote: say where it came from.
    const mfaMode = origin?.filled.has("mfa.mode")
        ? `mfa.mode ${JSON.stringify(s.mfa.mode)} (stageDefaults ${JSON.stringify(origin.stageDefaults)} gives it: the stack file does not set userPool.mfa.mode)`
        : `mfa.mode ${JSON.stringify(s.mfa.mode)}`;
    const sesSending = s.email.sender === "ses";
    const belowEssentials = s.featurePlan === "LITE";

    p.check(!s.signInWith.includes("preferred_username") || s.signInWith.includes("username"), "signInWith",
        `got ${quoted(s.signInWith)}; "preferred_username" is an alias of a username, so it needs "username" in the list too`);

    if (s.mfa.mode !== "OFF") {
        p.check(s.mfa.totp || s.mfa.sms || s.mfa.email, "mfa", `${mfaMode} but no factor is on; allowed: at least one of totp, sms, email set to true`);
        if (s.mfa.sms) p.check(s.mfa.smsMessage.includes("{####}"), "mfa.smsMessage", `got ${JSON.stringify(s.mfa.smsMessage)}; must contain the code placeholder {####}`);
        if (s.mfa.email) p.check(s.mfa.emailMessage.includes("{####}"), "mfa.emailMessage", `got ${JSON.stringify(s.mfa.emailMessage)}; must contain the code placeholder {####}`);
    }
    if (s.mfa.email) {
        p.check(sesSending, "mfa.email", `email MFA needs email.sender "ses" (got ${JSON.stringify(s.email.sender)})`);
        p.check(!belowEssentials, "mfa.email", `email MFA needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`);
    }
    if (s.mfa.sms || s.passwordless.smsOtp) p.check(usesPhone(s), s.mfa.sms ? "mfa.sms" : "passwordless.smsOtp", `codes by SMS need a phone number: add "phone" to signInWith or declare standardAttributes.phone_number`);

    p.check(s.threatProtection.mode === "OFF" || s.featurePlan === "PLUS", "threatProtection.mode",
        `got ${JSON.stringify(s.threatProtection.mode)} on featurePlan ${JSON.stringify(s.featurePlan)}; threat protection needs featurePlan "PLUS", or set mode "OFF"`);
    checkIpRanges(p, s);

    const passwordless = s.passwordless.emailOtp || s.passwordless.smsOtp || s.passwordless.passkeys !== undefined;
    if (passwordless) {
        p.check(!belowEssentials, "passwordless", `passwordless sign-in needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`);
        p.check(s.mfa.mode !== "ON", "passwordless", `passwordless sign-in is not offered to users with MFA, so it cannot work with ${mfaMode}; set userPool.mfa.mode "OPTIONAL" (a weakening, warned)${origin?.filled.has("mfa.mode") && origin.stageDefaults === "prod" && origin.stage !== "prod" ? `, or stageDefaults "dev" for a test stage` : ""}, or turn passwordless off`);
    }
    if (s.passwordless.emailOtp) p.check(sesSending, "passwordless.emailOtp", `email one-time codes need email.sender "ses" (got ${JSON.stringify(s.email.sender)})`);
    if (s.passwordless.passkeys) {
        p.check(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(s.passwordless.passkeys.relyingPartyId), "passwordless.passkeys.relyingPartyId",
            `got ${JSON.stringify(s.passwordless.passkeys.relyingPartyId)}; allowed: a lowercase domain name such as auth.example.com`);
    }
    p.check(s.passwordPolicy.passwordHistorySize === 0 || !belowEssentials, "passwordPolicy.passwordHistorySize", `password history needs featurePlan "ESSENTIALS" or "PLUS" (got "LITE")`);
    p.check(s.logDelivery.userActivity === "OFF" || s.featurePlan === "PLUS", "logDelivery.userActivity",
        `got ${JSON.stringify(s.logDelivery.userActivity)} on featurePlan ${JSON.stringify(s.featurePlan)}; user activity logs need featurePlan "PLUS"`);

    if (s.accountRecovery.includes("email")) p.check(usesEmail(s), "accountRecovery", `got ${JSON.stringify(s.accountRecovery)} but users have no email: add "email" to signInWith or declare standardAttributes.email`);
    // AWS does not let a user whose MFA is by email reset the password by email: they would be stuck.
    if (s.mfa.mode !== "OFF" && s.mfa.email) p.check(s.accountRecovery !== "email", "accountRecovery",
        `got "email" while mfa.email is on; Cognito refuses email recovery to users with email MFA, so they could never reset their password; allowed: "email_then_phone", "phone_then_email" (with a phone number), "admin_only", or turn mfa.email off`);
    if (s.accountRecovery.includes("phone")) p.check(usesPhone(s), "accountRecovery", `got ${JSON.stringify(s.accountRecovery)} but users have no phone number: add "phone" to signInWith or declare standardAttributes.phone_number`);

    if (s.email.sender === "ses") {
        p.check(sesFrom.test(s.email.from), "email.from", `got ${JSON.stringify(s.email.from)}; allowed: an address, optionally with a name: "News <no-reply@example.com>"`);
        const uncovered = sesFrom.test(s.email.from) ? sesIdentityMismatch(s.email.from, s.email.sesIdentityArn) : undefined;
        if (uncovered) p.add("email.from", uncovered);
    }

    checkMessages(p, s);
    checkAttributes(p, s);
    checkDerivedNames(p, s);

    const groupNames = s.groups.map((g) => g.name);
    groupNames.forEach((name, i) => p.check(groupNames.indexOf(name) === i, `groups[${i}].name`, `got ${JSON.stringify(name)} twice; group names must be unique`));
    return p.problems;
}

function checkMessages(p: ProblemList, s: ResolvedUserPoolSettings): void {
    const v = s.verificationMessage;
    if (v.method === "code") {
        p.check(v.emailMessage.includes("{####}"), "verificationMessage.emailMessage", `got ${JSON.stringify(v.emailMessage)}; a code message must contain {####}`);
    } else {
        p.check(/\{##[^#]+##\}/.test(v.emailMessage), "verificationMessage.emailMessage", `got ${JSON.stringify(v.emailMessage)}; a link message must contain {##link text##}`);
    }
    p.check(v.smsMessage.includes("{####}"), "verificationMessage.smsMessage", `got ${JSON.stringify(v.smsMessage)}; must contain {####}`);
    const inv = s.invitationMessage;
    for (const field of ["emailMessage", "smsMessage"] as const) {
        p.check(inv[field].includes("{username}") && inv[field].includes("{####}"), `invitationMessage.${field}`,
            `got ${JSON.stringify(inv[field])}; must contain both {username} and {####} (the temporary password)`);
    }
}

function checkAttributes(p: ProblemList, s: ResolvedUserPoolSettings): void {
    for (const [name, attribute] of Object.entries(s.customAttributes)) {
        if (attribute.type === "String") {
            const min = attribute.minLength ?? 0;
            const max = attribute.maxLength ?? 2048;
            p.check(min <= max, `customAttributes.${name}`, `minLength ${min} is above maxLength ${max}`);
        }
        if (attribute.type === "Number") p.check(attribute.min <= attribute.max, `customAttributes.${name}`, `min ${attribute.min} is above max ${attribute.max}`);
    }
    if (s.signInWith.includes("email")) {
        p.check(s.standardAttributes.email?.required !== false, "standardAttributes.email.required", `got false while users sign in with email; allowed: true`);
    }
}

/**
 * Names and texts made from the pool's name, held to AWS's rules: the default name (a long project
 * and stack name can pass 128 characters) and the SMS role's description (IAM takes fewer
 * characters than a pool name may hold). Reported on `name`, the key that fixes them.
 */
function checkDerivedNames(p: ProblemList, s: ResolvedUserPoolSettings): void {
    const name = userPoolName(s);
    const given = s.name !== undefined;
    const nameProblem = ruleProblem(awsFields.userPoolName, name);
    if (nameProblem) p.add("name", given ? `got ${JSON.stringify(name)}; ${nameProblem}` : `is not set, and the default "<project>-<stack>" ${JSON.stringify(name)} is refused by Cognito: ${nameProblem}; set name`);
    const description = ruleProblem(awsFields.roleDescription, smsRoleDescription(name));
    if (!nameProblem && sendsSms(s) && description) p.add("name", `got ${JSON.stringify(name)}, which the SMS role's description repeats, and IAM refuses it there: ${description}`);
}

/** The description of the role Cognito sends SMS as. */
export function smsRoleDescription(poolName: string): string {
    return `Lets the Cognito user pool ${poolName} send SMS`;
}

/**
 * The log group Cognito delivers the pool's logs to: "vended logs" groups only, named after the pool.
 * A pool name may hold characters CloudWatch refuses in a log group name (a space, + = , @): those
 * become '-', as in the trigger function names. No deployed name changes: AWS refused such names.
 */
export function poolLogGroupName(poolName: string): string {
    return `/aws/vendedlogs/cognito/${poolName.replace(/[^A-Za-z0-9._\-/#]/g, "-")}`;
}

/** The pool's name in AWS: as given, else "<project>-<stack>". */
export function userPoolName(s: Pick<ResolvedUserPoolSettings, "name">): string {
    return s.name ?? `${getProject()}-${getStack()}`;
}

/** Attributes a provider must not map onto: immutable ones break every sign-in after the first. */
export function immutableAttributes(pool: ResolvedUserPoolSettings): string[] {
    return [
        ...Object.entries(pool.standardAttributes).filter(([, a]) => a?.mutable === false).map(([n]) => n),
        ...Object.entries(pool.customAttributes).filter(([, a]) => a.mutable === false).map(([n]) => `custom:${n}`),
    ];
}

/** What app clients depend on: the plan, passwordless factors, and which attributes exist and may change. */
export function poolCapabilities(pool: ResolvedUserPoolSettings): PoolCapabilities {
    const { emailOtp, smsOtp, passkeys } = pool.passwordless;
    return {
        featurePlan: pool.featurePlan,
        passwordless: emailOtp || smsOtp || passkeys !== undefined,
        immutableAttributes: immutableAttributes(pool),
        customAttributes: Object.keys(pool.customAttributes),
    };
}
