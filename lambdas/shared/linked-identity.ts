// A native account that carries a linked federated identity can be entered through that provider
// without its password or MFA. Members of protected groups must not hold one: pre sign-up never
// links them, and token generation refuses them if they joined such a group after a link.

/** Whether the user is a native account (not a provider's own user) with a linked identity. */
export function isLinkedNativeUser(attributes: Readonly<Record<string, string | undefined>> | undefined, userName: string, providerNames: readonly string[]): boolean {
    const identities = attributes?.identities;
    if (!identities || identities === "[]") return false;
    const status = attributes?.["cognito:user_status"];
    // A provider's own user (Google_123...) is no native account: its only way in is that provider.
    const federatedOnly = status !== undefined
        ? status === "EXTERNAL_PROVIDER"
        : providerNames.some((name) => userName.toLowerCase().startsWith(`${name.toLowerCase()}_`));
    return !federatedOnly;
}
