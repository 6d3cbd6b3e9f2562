// Rules on how exposed a user pool is to the internet: self sign-up that yields AWS credentials,
// identity providers trusted on e-mail addresses (account takeover through linking), and the
// missing WAF web ACL. Written for Cognito code nobody here wrote: odd shapes read as what they mean.
import type { PolicyConfigSchema, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { allows, grantsOf, roleReferences } from "./grants";
import { onAwsShapes } from "./native-shapes";
import { functionFor, triggerSettingsOf, wiredTriggers } from "./triggers";
import { bool, clientTypes, enumValue, field, list, obj, objectOrJson, poolIdOf, resourcesOf, resourcesOfTypes, settingsOf, strings, text, types, userPoolTypes } from "./support";

type Props = Record<string, unknown>;

export const webAclAssociationType = "aws:wafv2/webAclAssociation:WebAclAssociation";

/** The ids of a pool's app clients in this stack (aws `id`, aws-native `clientId`). */
function clientIdsOf(resources: PolicyResource[], poolId: string | undefined): string[] {
    if (poolId === undefined) return [];
    return resourcesOfTypes({ resources }, clientTypes)
        .filter((c) => text((c.props as Props).userPoolId) === poolId)
        .flatMap((c) => [text((c.props as Props).id), text((c.props as Props).clientId)])
        .filter((v): v is string => v !== undefined);
}

/** Whether an identity pool trusts a user pool: one of its providers names a client of the pool (or the pool), or it cannot be told. */
function trusts(identityPool: Props, poolId: string | undefined, clientIds: string[]): boolean {
    const providers = list(identityPool.cognitoIdentityProviders).map((p) => obj(p)).filter((p): p is Props => p !== undefined);
    if (providers.length === 0) return false;
    if (poolId === undefined) return true; // matching cannot be made
    return providers.some((p) => {
        const clientId = text(p.clientId);
        const providerName = text(p.providerName);
        if (clientId === undefined && providerName === undefined) return true;
        return (clientId !== undefined && clientIds.includes(clientId)) || (providerName !== undefined && providerName.endsWith(`/${poolId}`));
    });
}

/** What an identity pool's authenticated role grants, in words; undefined when it grants nothing (or is not in the stack). */
function authenticatedGrants(resources: PolicyResource[], identityPool: PolicyResource): { role: string; sources: string[] } | undefined {
    const id = text((identityPool.props as Props).id);
    for (const attachment of resourcesOf({ resources }, types.roleAttachment)) {
        if (id === undefined || text(attachment.props.identityPoolId) !== id) continue;
        const roleArn = text(field(attachment.props, "roles", "authenticated"));
        if (roleArn === undefined) continue;
        const role = resources.find((r) => r.type === types.role && roleReferences(r).has(roleArn));
        if (role === undefined) continue;
        // A policy that cannot be read may grant anything: named, with why, rather than read as granting nothing.
        const sources = grantsOf(resources, role)
            .filter((g) => g.kind !== "statements" || allows(g.statements).length > 0)
            .map((g) => (g.kind === "unreadable" ? `${g.source} (which cannot be read: ${g.reason})` : g.source));
        if (sources.length > 0) return { role: role.name, sources };
    }
    return undefined;
}

export const selfSignUpWithAwsRights: StackValidationPolicy = {
    name: "cognito-self-signup-with-aws-rights",
    description: "A user pool that lets anyone sign up should not feed an identity pool whose authenticated role grants anything: anyone on the internet gets AWS credentials by signing up.",
    remediationSteps: "Set adminCreateUserConfig.allowAdminCreateUserOnly to true (cognito:userPool.allowSelfSignUp false), or keep the authenticated role's grants to what any stranger may do.",
    enforcementLevel: "advisory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        const identityPools = resourcesOf(args, types.identityPool);
        // What each identity pool's authenticated role grants, worked out once however many user pools it trusts.
        const grantsByPool = new Map<PolicyResource, ReturnType<typeof authenticatedGrants>>();
        const grantsFor = (identityPool: PolicyResource) => {
            if (!grantsByPool.has(identityPool)) grantsByPool.set(identityPool, authenticatedGrants(args.resources, identityPool));
            return grantsByPool.get(identityPool);
        };
        for (const pool of resourcesOfTypes(args, userPoolTypes)) {
            const props = pool.props as Props;
            if (bool(field(props, "adminCreateUserConfig", "allowAdminCreateUserOnly")) === true) continue;
            const poolId = poolIdOf(props);
            const clientIds = clientIdsOf(args.resources, poolId);
            for (const identityPool of identityPools) {
                if (!trusts(identityPool.props as Props, poolId, clientIds)) continue;
                const granted = grantsFor(identityPool);
                if (granted === undefined) continue;
                report(`The user pool ${pool.name} lets anyone sign up (adminCreateUserConfig.allowAdminCreateUserOnly is not true), and the identity pool ${identityPool.name} gives its signed-in users the role ${granted.role}, which is granted by ${granted.sources.join(", ")}: anyone on the internet gets AWS credentials by signing up.`, pool.urn);
            }
        }
    }),
};

const emailTrustSchema: PolicyConfigSchema = {
    properties: { allowAutoConfirm: { type: "boolean", default: false, description: "This stage may auto-confirm sign-ups from listed e-mail domains." } },
};

const federatedTypes = ["OIDC", "SAML"];
/** Social providers' names, which are also their types; Google and Sign in with Apple verify the addresses they assert. */
const socialNames = ["GOOGLE", "FACEBOOK", "LOGINWITHAMAZON", "SIGNINWITHAPPLE"];
const unverifyingSocial = ["FACEBOOK", "LOGINWITHAMAZON"];

/** Why a provider's addresses are not known to be verified, for linking; undefined when they are (Google, Apple, an OIDC or SAML provider mapping email_verified). */
function unverifiedAddresses(kind: string, provider: PolicyResource | undefined): string | undefined {
    if (unverifyingSocial.includes(kind)) return "which does not verify the addresses it asserts";
    if (!federatedTypes.includes(kind)) return undefined;
    const mapping = objectOrJson(provider?.props.attributeMapping) ?? {};
    return Object.keys(mapping).some((k) => k.trim().toLowerCase() === "email_verified") ? undefined : "whose attributeMapping maps no email_verified, so nothing says it verified an address";
}

export const providerEmailTrust: StackValidationPolicy = {
    name: "cognito-provider-email-trust",
    description: "The pool must not take an OIDC or SAML provider's word on e-mail addresses (email_verified mapped), and the pre sign-up trigger must not link accounts for a provider that does not verify them (Facebook, Login with Amazon, an OIDC or SAML provider without a mapped email_verified): anyone who controls the provider's answer takes over the matching account. Auto-confirmed sign-up domains only where the stage allows them.",
    remediationSteps: "Remove email_verified from the provider's attributeMapping; set linkToExistingUsers only for providers that verify addresses (Google, Apple); keep triggers.preSignUp.autoConfirmEmailDomains empty in stages that do not allow it.",
    enforcementLevel: "mandatory",
    configSchema: emailTrustSchema,
    validateStack: onAwsShapes((args, report) => {
        const { allowAutoConfirm } = settingsOf<{ allowAutoConfirm: boolean }>(args, emailTrustSchema);
        const providers = resourcesOf(args, types.identityProvider);
        const typeOf = (p: PolicyResource) => enumValue((p.props as Props).providerType);
        for (const provider of providers) {
            const kind = typeOf(provider);
            if (kind === undefined || !federatedTypes.includes(kind)) continue;
            const mapping = objectOrJson((provider.props as Props).attributeMapping) ?? {};
            const key = Object.keys(mapping).find((k) => k.trim().toLowerCase() === "email_verified");
            if (key !== undefined) report(`The ${kind} identity provider ${text((provider.props as Props).providerName) ?? provider.name} maps email_verified (to ${JSON.stringify(mapping[key])}): the pool trusts the provider's word on addresses, which lets whoever controls its directory take over accounts through linking.`, provider.urn);
        }
        // Pre sign-up functions: wired as one by a pool, or carrying its settings (linkingProviders).
        const wired = new Set(resourcesOfTypes(args, userPoolTypes).flatMap((pool) => wiredTriggers(pool.props as Props).filter((w) => w.key === "preSignUp").map((w) => functionFor(args.resources, w.arn))));
        for (const fn of resourcesOf(args, types.lambdaFunction)) {
            const settings = triggerSettingsOf(fn);
            if (settings === undefined || !(wired.has(fn) || "linkingProviders" in settings)) continue;
            for (const name of strings(settings.linkingProviders)) {
                const provider = providers.find((p) => text((p.props as Props).providerName) === name);
                // A social provider's name is its type (Facebook, LoginWithAmazon), whether or not the provider is in this stack.
                const kind = provider === undefined ? (socialNames.includes(name.toUpperCase()) ? name.toUpperCase() : undefined) : typeOf(provider);
                // Fail closed: a provider of another program (or a misspelt name) cannot be judged.
                if (provider === undefined && kind === undefined) {
                    report(`The pre sign-up trigger ${fn.name} links accounts for the provider ${name}, which is not an identity provider of this stack nor a social provider's name, so whether it verifies the addresses it asserts cannot be judged: define the provider in this stack, or stop linking it.`, fn.urn);
                    continue;
                }
                const why = kind === undefined ? undefined : unverifiedAddresses(kind, provider);
                if (why !== undefined) report(`The pre sign-up trigger ${fn.name} links accounts for the ${kind} provider ${name}, ${why}: it joins a sign-up to the existing account with the address the provider asserts, so whoever registers that address there takes over the account.`, fn.urn);
            }
            const domains = strings(settings.autoConfirmEmailDomains);
            if (domains.length > 0 && !allowAutoConfirm) report(`The pre sign-up trigger ${fn.name} auto-confirms sign-ups from ${domains.join(", ")}, which this stage does not allow (allowAutoConfirm is false): those accounts skip proof that their owner holds the address.`, fn.urn);
        }
    }),
};

export const webAcl: StackValidationPolicy = {
    name: "cognito-web-acl",
    description: "A user pool should have a WAF web ACL associated (rate limits and bot rules in front of sign-up and sign-in).",
    remediationSteps: "Associate an aws.wafv2.WebAcl with the pool: aws.wafv2.WebAclAssociation with resourceArn set to the pool's ARN.",
    enforcementLevel: "advisory",
    configSchema: { properties: {} },
    validateStack: (args, report) => {
        const associated = new Set(resourcesOf(args, webAclAssociationType).map((a) => text(a.props.resourceArn)).filter((v): v is string => v !== undefined));
        for (const pool of resourcesOfTypes(args, userPoolTypes)) {
            const arn = text((pool.props as Props).arn);
            if (arn === undefined || !associated.has(arn)) report(`The user pool ${pool.name} has no WAF web ACL (no ${webAclAssociationType} with resourceArn ${arn ?? "set to its ARN"}).`, pool.urn);
        }
    },
};

export const poolExposureRules: StackValidationPolicy[] = [selfSignUpWithAwsRights, providerEmailTrust, webAcl];
