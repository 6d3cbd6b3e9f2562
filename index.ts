// Composition root: reads the stack config and wires the components. No logic lives here: each
// rule belongs to the component (or config module) whose name says it.
import * as pulumi from "@pulumi/pulumi";
import { AppClients } from "./components/app-clients";
import { Domain } from "./components/domain";
import { hostedUrls, signInUrl, signOutUrl } from "./components/domain/urls";
import { IdentityPool } from "./components/identity-pool";
import { identityProviderName, IdentityProviders } from "./components/identity-providers";
import { immutableAttributes, poolCapabilities, preflight } from "./components/preflight";
import { untrustedClaims } from "./components/identity-pool/untrusted-claims";
import { UserPool } from "./components/user-pool";
import { securityWeakenings, settingsWithoutEffect } from "./components/weakenings";
import { readSecrets, readStackConfig, stackRegion } from "./config";

export = async () => {
    const config = readStackConfig();
    const secrets = readSecrets(config);
    const region = stackRegion();
    preflight({ config, secrets, baseDir: __dirname, namespace: pulumi.getProject(), source: `Pulumi.${pulumi.getStack()}.yaml` });
    for (const weakening of securityWeakenings(config, pulumi.getProject())) pulumi.log.warn(`security default weakened on purpose: ${weakening}`);
    for (const unused of settingsWithoutEffect(config, pulumi.getProject())) pulumi.log.warn(`setting without effect: ${unused}`);
    const tags = { app: pulumi.getProject(), stage: config.stage };

    const userPool = new UserPool("main", {
        ...config.userPool,
        triggers: config.triggers,
        federatedProviders: (config.identityProviders ?? []).map((idp) => ({ name: identityProviderName(idp), linkToExistingUsers: idp.linkToExistingUsers })),
        tags,
    });
    const providers = new IdentityProviders("idp", {
        userPoolId: userPool.id,
        providers: config.identityProviders ?? [],
        secrets,
        poolAttributes: { immutable: immutableAttributes(userPool.settings) },
        baseDir: __dirname,
    });
    const clients = new AppClients("clients", {
        userPoolId: userPool.id,
        clients: config.clients ?? [],
        resourceServers: config.resourceServers,
        identityProviders: providers.providers,
        pool: poolCapabilities(userPool.settings, config.identityProviders),
    });
    const domain = config.domain && new Domain("hosted", {
        userPoolId: userPool.id,
        region,
        settings: config.domain,
        brandedClients: clients.userClientIds,
        baseDir: __dirname,
    });
    const identityPool = config.identityPool && new IdentityPool("identity", {
        settings: config.identityPool,
        userPoolProviderName: userPool.pool.endpoint,
        availableClients: clients.userClientIds,
        untrustedClaims: untrustedClaims(clients.resolved, config.identityProviders),
        tags,
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
            signInUrls: hostedUrls(domain.baseUrl, clients.resolved, clients.clientIds, signInUrl),
            signOutUrls: hostedUrls(domain.baseUrl, clients.resolved, clients.clientIds, signOutUrl),
        }),
        ...(identityPool && {
            identityPoolId: identityPool.id,
            authenticatedRoleArn: identityPool.authenticatedRole.arn,
            ...(identityPool.guestRole && { guestRoleArn: identityPool.guestRole.arn }),
        }),
    };
};
