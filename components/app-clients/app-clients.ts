// App clients (web, native, server) and the resource servers whose scopes they ask for.
// Safe by default: token revocation on, no user-existence leaks, SRP instead of plain passwords,
// short-lived access and ID tokens, refresh token rotation where the plan offers it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ClientSettings, ResourceServerSettings } from "../../config/schema";
import { appClientDefaults, appClientProblems, explicitAuthFlow, resolveClient, type PoolCapabilities, type ResolvedClient } from "./settings";
import { assertValid } from "../shared/validation";

export interface AppClientsArgs {
    readonly userPoolId: pulumi.Input<string>;
    readonly clients: readonly ClientSettings[];
    /** @default [] */
    readonly resourceServers?: readonly ResourceServerSettings[];
    /** Identity providers by name; clients that list one wait for it. @default {} */
    readonly identityProviders?: Readonly<Record<string, pulumi.Resource>>;
    /** Plan, passwordless factors and the pool's attributes (immutable, custom, mapped by each provider), which decide default and allowed writeAttributes. */
    readonly pool: PoolCapabilities;
}

/** A name usable in a resource name: https://api.example.com/v1 -> api-example-com-v1. */
export const slug = (text: string) => text.replace(/^[a-z]+:\/\//, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();

export class AppClients extends pulumi.ComponentResource {
    readonly clients: Readonly<Record<string, aws.cognito.UserPoolClient>>;
    readonly resolved: readonly ResolvedClient[];
    readonly resourceServers: Readonly<Record<string, aws.cognito.ResourceServer>>;
    readonly clientIds: Readonly<Record<string, pulumi.Output<string>>>;
    /** Ids of the clients people sign in with (web and native), for the domain and identity pool. */
    readonly userClientIds: Readonly<Record<string, pulumi.Output<string>>>;
    /** Secrets of server clients, marked secret. */
    readonly clientSecrets: Readonly<Record<string, pulumi.Output<string>>>;

    constructor(name: string, args: AppClientsArgs, opts?: pulumi.ComponentResourceOptions) {
        const providerNames = Object.keys(args.identityProviders ?? {});
        const servers = args.resourceServers ?? [];
        const resolved = args.clients.map((c) => resolveClient(c, providerNames, args.pool));
        assertValid(`AppClients "${name}"`, appClientProblems(resolved, servers, providerNames, args.pool));
        super("cognito-as-code:index:AppClients", name, {}, opts);
        this.resolved = resolved;

        this.resourceServers = Object.fromEntries(servers.map((server) => [server.identifier, new aws.cognito.ResourceServer(`${name}-rs-${slug(server.identifier)}`, {
            userPoolId: args.userPoolId,
            identifier: server.identifier,
            name: server.name,
            scopes: server.scopes.map((scope) => ({ scopeName: scope.name, scopeDescription: scope.description })),
        }, { parent: this })]));

        this.clients = Object.fromEntries(resolved.map((client) => [client.name, this.createClient(name, client, args)]));
        this.clientIds = Object.fromEntries(Object.entries(this.clients).map(([n, c]) => [n, c.id]));
        this.userClientIds = Object.fromEntries(resolved.filter((c) => c.kind !== "server").map((c) => [c.name, this.clients[c.name].id]));
        this.clientSecrets = Object.fromEntries(resolved.filter((c) => c.kind === "server").map((c) => [c.name, pulumi.secret(this.clients[c.name].clientSecret)]));
        this.registerOutputs({ clientIds: this.clientIds, clientSecrets: this.clientSecrets });
    }

    private createClient(name: string, client: ResolvedClient, args: AppClientsArgs): aws.cognito.UserPoolClient {
        const server = client.kind === "server";
        const dependsOn = [
            ...client.identityProviders.filter((p) => p !== "COGNITO").map((p) => args.identityProviders![p]),
            ...Object.entries(this.resourceServers).filter(([identifier]) => client.scopes.some((s) => s.startsWith(`${identifier}/`))).map(([, rs]) => rs),
        ];
        return new aws.cognito.UserPoolClient(`${name}-${client.name}`, {
            name: client.name,
            userPoolId: args.userPoolId,
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
            refreshTokenValidity: client.tokenValidity.refreshDays,
            tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
            authSessionValidity: appClientDefaults.authSessionValidityMinutes,
            enableTokenRevocation: true,
            preventUserExistenceErrors: "ENABLED",
            readAttributes: client.readAttributes && [...client.readAttributes],
            // Always sent: unset, Cognito lets users write every standard attribute (see resolveClient).
            writeAttributes: [...client.writeAttributes],
            refreshTokenRotation: client.refreshTokenRotation
                ? { feature: "ENABLED", retryGracePeriodSeconds: appClientDefaults.rotationGracePeriodSeconds }
                : undefined,
        }, { parent: this, dependsOn });
    }
}
