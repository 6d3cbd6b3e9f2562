// A native account that carries a linked federated identity can be entered through that provider
// without its password or MFA. Members of protected groups must not hold one: pre sign-up never
// links them, and token generation refuses them if they joined such a group after a link.

/** "Google_1234" -> { provider: "Google", id: "1234" }; longest configured name first, any case. */
export function federatedIdentity(userName: string, providerNames: readonly string[]): { provider: string; id: string } | undefined {
    const lower = userName.toLowerCase();
    const provider = [...providerNames].sort((a, b) => b.length - a.length).find((name) => lower.startsWith(`${name.toLowerCase()}_`));
    return provider ? { provider, id: userName.slice(provider.length + 1) } : undefined;
}

/** Whether the user's attributes name a linked or own federated identity (anything but none or "[]", so a value not understood counts). */
const hasIdentities = (attributes: Readonly<Record<string, string | undefined>> | undefined) => attributes?.identities !== undefined && attributes.identities !== "[]";

/** Whether an account can be entered through an identity provider: a provider's own user, or a native one with a linked identity. */
export const enteredThroughProvider = (attributes: Readonly<Record<string, string | undefined>>) =>
    attributes["cognito:user_status"] === "EXTERNAL_PROVIDER" || hasIdentities(attributes);

/** Whether the user is a native account (not a provider's own user) with a linked identity. */
export function isLinkedNativeUser(attributes: Readonly<Record<string, string | undefined>> | undefined, userName: string, providerNames: readonly string[]): boolean {
    if (!hasIdentities(attributes)) return false;
    const status = attributes?.["cognito:user_status"];
    // A provider's own user (Google_123...) is no native account: its only way in is that provider.
    const federatedOnly = status !== undefined
        ? status === "EXTERNAL_PROVIDER"
        : federatedIdentity(userName, providerNames) !== undefined;
    return !federatedOnly;
}
