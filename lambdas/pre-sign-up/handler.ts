// Pre sign-up: email-domain allow and deny lists, auto-confirmation for listed domains, and one
// account per person where the stack opted in: a federated sign-up through a linking provider
// whose verified email is exactly that of one confirmed, enabled, verified native user outside
// the protected groups is linked to that user instead of becoming a second account.
import type { PreSignUpTriggerEvent } from "aws-lambda";
import { emailDomain, inDomainList, sameEmail } from "../shared/addresses";
import type { CognitoCalls, NativeUser } from "../shared/cognito";
import { lambdaEntry, type Dependencies } from "../shared/entry";
import { UserFacingError } from "../shared/errors";
import { federatedIdentity } from "../shared/linked-identity";

export interface PreSignUpSettings {
    /** Only these email domains (and their subdomains) may sign up; empty: any. */
    readonly allowedEmailDomains: readonly string[];
    readonly deniedEmailDomains: readonly string[];
    /** Self sign-ups from these domains are confirmed without a code; their email stays unverified. */
    readonly autoConfirmEmailDomains: readonly string[];
    /** Identity provider names of the pool, to read the provider from a federated user name. */
    readonly providerNames: readonly string[];
    /** Providers whose sign-ups may be linked to native users (linkToExistingUsers); empty: none. */
    readonly linkingProviders: readonly string[];
    /** Native users in these groups are never linked. */
    readonly protectedGroups: readonly string[];
}

export const refusedDomainMessage = "Sign-up with this email address is not allowed. | التسجيل بعنوان البريد هذا غير مسموح.";

type LinkDecision = { readonly link: NativeUser } | { readonly reason: string };

/** Whether the native users found for the address allow a link, and if not, why (no personal data). */
async function linkTarget(settings: PreSignUpSettings, cognito: CognitoCalls, userPoolId: string, email: string): Promise<LinkDecision> {
    const users = await cognito.usersWithEmail(userPoolId, email);
    const candidates = users.filter((u) => u.status !== "EXTERNAL_PROVIDER" && u.email !== undefined && sameEmail(u.email, email));
    if (candidates.length === 0) return { reason: "no-native-user" };
    if (candidates.length > 1) return { reason: "several-native-users" };
    const [native] = candidates;
    if (native.status !== "CONFIRMED") return { reason: "native-user-unconfirmed" };
    if (!native.enabled) return { reason: "native-user-disabled" };
    if (!native.emailVerified) return { reason: "native-email-unverified" };
    if (settings.protectedGroups.length > 0) {
        const groups = await cognito.groupsOf(userPoolId, native.username);
        if (groups.some((g) => settings.protectedGroups.includes(g))) return { reason: "native-user-protected" };
    }
    return { link: native };
}

async function linkFederatedUser(settings: PreSignUpSettings, { cognito, log }: Dependencies, event: PreSignUpTriggerEvent): Promise<void> {
    const attributes = event.request?.userAttributes ?? {};
    const identity = federatedIdentity(String(event.userName ?? ""), settings.providerNames);
    const notLinked = (reason: string) => log.info({ trigger: "preSignUp", action: "not-linked", ...(identity && { provider: identity.provider }), reason });
    if (!identity) return notLinked("unknown-provider");
    if (!settings.linkingProviders.includes(identity.provider)) return notLinked("provider-not-linking");
    if (typeof attributes.email !== "string" || !attributes.email) return notLinked("no-email");
    if (attributes.email_verified !== "true") return notLinked("email-unverified-by-provider");
    const decision = await linkTarget(settings, cognito, event.userPoolId, attributes.email);
    if ("reason" in decision) return notLinked(decision.reason);
    await cognito.linkProviderUser(event.userPoolId, decision.link.username, identity.provider, identity.id);
    log.info({ trigger: "preSignUp", action: "linked", provider: identity.provider });
}

export function preSignUp(settings: PreSignUpSettings, deps: Dependencies) {
    return async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
        const attributes = event.request?.userAttributes ?? {};
        const domain = emailDomain(attributes.email);
        if (event.triggerSource !== "PreSignUp_AdminCreateUser") {
            const allowed = settings.allowedEmailDomains.length === 0 || (domain !== undefined && inDomainList(domain, settings.allowedEmailDomains));
            const denied = domain !== undefined && inDomainList(domain, settings.deniedEmailDomains);
            // An address whose domain cannot be read cannot be judged by a list: refused, never let through.
            const unreadable = attributes.email !== undefined && domain === undefined && settings.deniedEmailDomains.length > 0;
            if (!allowed || denied || unreadable) throw new UserFacingError(refusedDomainMessage);
        }
        if (event.triggerSource === "PreSignUp_SignUp" && domain !== undefined && inDomainList(domain, settings.autoConfirmEmailDomains)) {
            // Confirmed without a code, but nobody proved the address: it stays unverified, so such
            // an account can never become a link target.
            event.response = { ...event.response, autoConfirmUser: true, autoVerifyEmail: false };
        }
        if (event.triggerSource === "PreSignUp_ExternalProvider") await linkFederatedUser(settings, deps, event);
        return event;
    };
}

export const handler = lambdaEntry("preSignUp", preSignUp);
