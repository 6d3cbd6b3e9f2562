// Turns a resolved client into the inputs of aws.cognito.UserPoolClient. Safe by default: token
// revocation on, no user-existence leaks, SRP instead of plain passwords, short-lived tokens,
// refresh token rotation where the plan offers it. Pure: the pool id is passed in.
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { appClientDefaults, explicitAuthFlow, minutesPerDay, type ResolvedClient } from "./settings";

export function userPoolClientInputs(client: ResolvedClient, userPoolId: pulumi.Input<string>): aws.cognito.UserPoolClientArgs {
    const server = client.kind === "server";
    return {
        name: client.name,
        userPoolId,
        generateSecret: server,
        allowedOauthFlowsUserPoolClient: true,
        allowedOauthFlows: server ? ["client_credentials"] : ["code", ...(client.allowImplicitGrant ? ["implicit"] : [])],
        allowedOauthScopes: [...client.scopes],
        callbackUrls: server ? undefined : [...client.callbackUrls],
        logoutUrls: server || client.logoutUrls.length === 0 ? undefined : [...client.logoutUrls],
        supportedIdentityProviders: server ? undefined : [...client.identityProviders],
        explicitAuthFlows: client.authFlows.map((flow) => explicitAuthFlow[flow]),
        accessTokenValidity: client.tokenValidity.accessMinutes,
        idTokenValidity: client.tokenValidity.idMinutes,
        // Whole days in days, as every stack wrote them before minutes were allowed: no diff for them.
        ...(client.tokenValidity.refreshMinutes % minutesPerDay === 0
            ? { refreshTokenValidity: client.tokenValidity.refreshMinutes / minutesPerDay, tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" } }
            : { refreshTokenValidity: client.tokenValidity.refreshMinutes, tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "minutes" } }),
        authSessionValidity: appClientDefaults.authSessionValidityMinutes,
        enableTokenRevocation: true,
        preventUserExistenceErrors: "ENABLED",
        readAttributes: client.readAttributes && [...client.readAttributes],
        writeAttributes: [...client.writeAttributes],
        refreshTokenRotation: client.refreshTokenRotation
            ? { feature: "ENABLED", retryGracePeriodSeconds: appClientDefaults.rotationGracePeriodSeconds }
            : undefined,
    };
}
