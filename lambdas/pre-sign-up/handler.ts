// Pre sign-up: email-domain allow and deny lists, auto-confirmation for listed domains, and one
// account per person: a federated sign-up whose verified email belongs to a native user is linked
// to that user instead of becoming a second account.
import type { PreSignUpTriggerEvent } from "aws-lambda";
import { lambdaEntry, type Dependencies } from "../shared/entry";
import { UserFacingError } from "../shared/errors";

export interface PreSignUpSettings {
    /** Only these email domains (and their subdomains) may sign up; empty: any. */
    readonly allowedEmailDomains: readonly string[];
    readonly deniedEmailDomains: readonly string[];
    /** Self sign-ups from these domains are confirmed and their email verified without a code. */
    readonly autoConfirmEmailDomains: readonly string[];
    readonly linkFederatedUsers: boolean;
    /** Identity provider names of the pool, to read the provider from a federated user name. */
    readonly providerNames: readonly string[];
}

export const refusedDomainMessage = "Sign-up with this email address is not allowed. | التسجيل بعنوان البريد هذا غير مسموح.";

const inDomainList = (domain: string, list: readonly string[]) => list.some((d) => domain === d || domain.endsWith(`.${d}`));

export function emailDomain(email: string | undefined): string | undefined {
    const at = email?.lastIndexOf("@") ?? -1;
    return at > 0 ? email!.slice(at + 1).toLowerCase() : undefined;
}

/** "Google_1234" -> { provider: "Google", id: "1234" }; longest configured name first, any case. */
export function federatedIdentity(userName: string, providerNames: readonly string[]): { provider: string; id: string } | undefined {
    const lower = userName.toLowerCase();
    const provider = [...providerNames].sort((a, b) => b.length - a.length).find((name) => lower.startsWith(`${name.toLowerCase()}_`));
    return provider ? { provider, id: userName.slice(provider.length + 1) } : undefined;
}

export function preSignUp(settings: PreSignUpSettings, { cognito, log }: Dependencies) {
    return async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
        const attributes = event.request?.userAttributes ?? {};
        const domain = emailDomain(attributes.email);
        if (event.triggerSource !== "PreSignUp_AdminCreateUser") {
            const allowed = settings.allowedEmailDomains.length === 0 || (domain !== undefined && inDomainList(domain, settings.allowedEmailDomains));
            const denied = domain !== undefined && inDomainList(domain, settings.deniedEmailDomains);
            if (!allowed || denied) throw new UserFacingError(refusedDomainMessage);
        }
        if (event.triggerSource === "PreSignUp_SignUp" && domain !== undefined && inDomainList(domain, settings.autoConfirmEmailDomains)) {
            event.response = { ...event.response, autoConfirmUser: true, autoVerifyEmail: true };
        }
        if (event.triggerSource === "PreSignUp_ExternalProvider" && settings.linkFederatedUsers && attributes.email && attributes.email_verified === "true") {
            const identity = federatedIdentity(event.userName, settings.providerNames);
            if (!identity) return event;
            const users = await cognito.usersWithEmail(event.userPoolId, attributes.email);
            const native = users.find((u) => u.status !== "EXTERNAL_PROVIDER" && u.emailVerified);
            if (native) {
                await cognito.linkProviderUser(event.userPoolId, native.username, identity.provider, identity.id);
                log.info({ trigger: "preSignUp", action: "linked", provider: identity.provider });
            }
        }
        return event;
    };
}

export const handler = lambdaEntry("preSignUp", preSignUp);
