// A native account that carries a linked federated identity can be entered through that provider
// without its password or MFA. Members of protected groups must not hold one: pre sign-up never
// links them, and token generation refuses them if they joined such a group after a link.

/** "Google_1234" -> { provider: "Google", id: "1234" }; longest configured name first, any case. */
export function federatedIdentity(userName: string, providerNames: readonly string[]): { provider: string; id: string } | undefined {
    const lower = userName.toLowerCase();
    const provider = [...providerNames].sort((a, b) => b.length - a.length).find((name) => lower.startsWith(`${name.toLowerCase()}_`));
    return provider ? { provider, id: userName.slice(provider.length + 1) } : undefined;
}

/** Whether the user is a native account (not a provider's own user) with a linked identity. */
export function isLinkedNativeUser(attributes: Readonly<Record<string, string | undefined>> | undefined, userName: string, providerNames: readonly string[]): boolean {
    const identities = attributes?.identities;
    if (!identities || identities === "[]") return false;
    const status = attributes?.["cognito:user_status"];
    // A provider's own user (Google_123...) is no native account: its only way in is that provider.
    const federatedOnly = status !== undefined
        ? status === "EXTERNAL_PROVIDER"
        : federatedIdentity(userName, providerNames) !== undefined;
    return !federatedOnly;
}
