// Composition root: reads the stack config and wires the components. No logic lives here: each
// rule belongs to the component (or config module) whose name says it, and each derived fact
// (capabilities, immutable attributes, URLs) is read from the component that owns it.
import * as pulumi from "@pulumi/pulumi";
import { AppClients } from "./components/app-clients";
import { Domain } from "./components/domain";
import { IdentityPool, roleRuleClaims, untrustedClaims } from "./components/identity-pool";
import { identityProviderName, IdentityProviders } from "./components/identity-providers";
import { preflight } from "./components/preflight";
import type { StackTransforms } from "./components/stack-transforms";
import { Triggers } from "./components/triggers";
import { UserPool, userPoolName } from "./components/user-pool";
import { borrowedStage, securityWeakenings, settingsWithoutEffect } from "./components/weakenings";
import { readSecrets, readStackConfig, stackRegion } from "./config";

/** The stack, with an optional transform per component (Pulumi passes none): see components/stack-transforms.ts. */
export = async (transforms: StackTransforms = {}) => {
    const checked = readStackConfig();
    // The secrets of the providers that parsed; a missing one stops with Pulumi's own error.
    const secrets = readSecrets(checked.parsed);
    // Every problem of the stack file at once: its own and the combination checks'.
    const stack = preflight({ checked, secrets, baseDir: __dirname });
    const { config } = stack;
    const idps = config.identityProviders ?? [];
    const region = stackRegion();
    for (const weakening of [...securityWeakenings(stack, pulumi.getProject()), ...borrowedStage(config, pulumi.getStack(), pulumi.getProject())]) pulumi.log.warn(`security default weakened on purpose: ${weakening}`);
    for (const unused of [...checked.notices, ...settingsWithoutEffect(config, pulumi.getProject())]) pulumi.log.warn(`setting without effect: ${unused}`);
    // The stage's own name, not its defaults': a staging stack's resources say staging.
    const tags = { app: pulumi.getProject(), stage: config.stage };

    const triggers = config.triggers && new Triggers("main", {
        ...config.triggers,
        poolName: userPoolName(stack.pool),
        featurePlan: stack.pool.featurePlan,
        groups: stack.pool.groups,
        passwordPolicy: stack.pool.passwordPolicy,
        customAttributes: stack.pool.customAttributes,
        roleClaims: roleRuleClaims(config.identityPool),
        federatedProviders: idps.map((idp) => ({ name: identityProviderName(idp), linkToExistingUsers: idp.linkToExistingUsers })),
        tags,
        transform: transforms.triggers,
    });
    const userPool = new UserPool("main", { ...stack.pool, triggers, tags, transform: transforms.userPool });
    const providers = new IdentityProviders("idp", {
        userPoolId: userPool.id,
        providers: idps,
        secrets,
        poolAttributes: { immutable: userPool.immutableAttributes },
        baseDir: __dirname,
        transform: transforms.identityProviders,
    });
    const clients = new AppClients("clients", {
        userPoolId: userPool.id,
        clients: config.clients ?? [],
        resourceServers: config.resourceServers,
        identityProviders: providers.providers,
        pool: { ...userPool.capabilities, providerMappedAttributes: providers.mappedAttributes },
        triggers,
        transform: transforms.clients,
    });
    const domain = config.domain && new Domain("hosted", {
        ...config.domain,
        userPoolId: userPool.id,
        region,
        brandedClients: clients.userClientIds,
        baseDir: __dirname,
        transform: transforms.domain,
    });
    const identityPool = config.identityPool && new IdentityPool("identity", {
        ...config.identityPool,
        userPoolProviderName: userPool.pool.endpoint,
        availableClients: clients.userClientIds,
        untrustedClaims: untrustedClaims(clients.resolved, idps),
        tags,
        transform: transforms.identityPool,
    });

    return {
        userPoolId: userPool.id,
        userPoolArn: userPool.arn,
        issuerUrl: userPool.issuerUrl,
        jwksUrl: userPool.jwksUrl,
        clientIds: clients.clientIds,
        serverClientSecrets: pulumi.secret(clients.clientSecrets),
        ...(domain && {
            domain: domain.host,
            ...(domain.dnsRecord && { customDomainDnsRecord: domain.dnsRecord }),
            signInUrls: domain.signInUrls(clients),
            signOutUrls: domain.signOutUrls(clients),
            ...(idps.length > 0 && {
                identityProviderSetup: domain.providerRegistrations(idps.map((idp) => ({ name: identityProviderName(idp), type: idp.type })), userPool.id),
            }),
        }),
        ...(identityPool && {
            identityPoolId: identityPool.id,
            authenticatedRoleArn: identityPool.authenticatedRole.arn,
            ...(identityPool.guestRole && { guestRoleArn: identityPool.guestRole.arn }),
        }),
    };
};
