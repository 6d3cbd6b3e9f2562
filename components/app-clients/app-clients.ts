// App clients (web, native, server) and the resource servers whose scopes they ask for.
// Deep imports: the package index would load all 300 service modules of @pulumi/aws.
import * as cognito from "@pulumi/aws/cognito";
import * as pulumi from "@pulumi/pulumi";
import type { ClientSettings, ResourceServerSettings } from "../../config/schema";
import { CognitoComponent, type Transform } from "../shared/component";
import { assertValid } from "../shared/validation";
import { untrustedAttributes } from "../identity-pool/untrusted-claims";
import { migrationMarkProblems } from "../triggers/migration";
import { triggerClientProblems } from "../triggers/settings";
import type { Triggers } from "../triggers/triggers";
import { userPoolClientInputs } from "./inputs";
import { appClientProblems, resolveClient, resourceServerScopes, userWritableAttributes, type PoolCapabilities, type ResolvedClient } from "./settings";

export interface AppClientsArgs {
    /** The user pool's id. Required. */
    readonly userPoolId: pulumi.Input<string>;
    /** The app clients. Required. */
    readonly clients: readonly ClientSettings[];
    /** APIs whose scopes clients ask for. @default [] */
    readonly resourceServers?: readonly ResourceServerSettings[];
    /** Identity providers by name; clients that list one wait for it. @default {} */
    readonly identityProviders?: Readonly<Record<string, pulumi.Resource>>;
    /** Plan, passwordless factors and the pool's attributes (immutable, custom, mapped by each provider), which decide default and allowed writeAttributes (UserPool.capabilities). Required. */
    readonly pool: PoolCapabilities;
    /** The pool's triggers: every client they name must be one of these. @default none */
    readonly triggers?: Pick<Triggers, "settings" | "marksMigratedUsers">;
    /** Changes the args of a child before it is created: a warned escape hatch, still judged by the policy pack. @default none */
    readonly transform?: AppClientsTransforms;
}

/** The children a transform can change. */
export interface AppClientsTransforms {
    readonly resourceServer?: Transform<cognito.ResourceServerArgs>;
    readonly client?: Transform<cognito.UserPoolClientArgs>;
}

/** A name usable in a resource name: https://api.example.com/v1 -> api-example-com-v1. */
export const slug = (text: string) => text.replace(/^[a-z]+:\/\//, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();

/**
 * App clients and resource servers. Web clients use the code flow with PKCE and no secret, native
 * clients custom-scheme callbacks, server clients a secret and client_credentials.
 *
 * @example
 * const clients = new AppClients("clients", {
 *     userPoolId: pool.id,
 *     pool: pool.capabilities,
 *     clients: [{ name: "web", kind: "web", callbackUrls: ["https://news.example.com/auth/callback"] }],
 * });
 */
export class AppClients extends CognitoComponent<AppClientsTransforms> {
    /** The clients, by name. */
    readonly clients: Readonly<Record<string, cognito.UserPoolClient>>;
    /** Each client's settings with every default filled in, in the order given. */
    readonly resolved: readonly ResolvedClient[];
    /** The resource servers, by identifier. */
    readonly resourceServers: Readonly<Record<string, cognito.ResourceServer>>;
    /** Every client's id, by name. */
    readonly clientIds: Readonly<Record<string, pulumi.Output<string>>>;
    /** Ids of the clients people sign in with (web and native), for the domain and identity pool. */
    readonly userClientIds: Readonly<Record<string, pulumi.Output<string>>>;
    /** Secrets of server clients, marked secret. */
    readonly clientSecrets: Readonly<Record<string, pulumi.Output<string>>>;

    constructor(name: string, args: AppClientsArgs, opts?: pulumi.ComponentResourceOptions) {
        const providerNames = Object.keys(args.identityProviders ?? {});
        const servers = args.resourceServers ?? [];
        const resolved = args.clients.map((c) => resolveClient(c, providerNames, args.pool));
        assertValid(`AppClients "${name}"`, [
            ...appClientProblems(resolved, servers, providerNames, args.pool),
            ...triggerClientProblems(args.triggers?.settings, resolved.map((c) => c.name), resourceServerScopes(servers)),
            ...migrationMarkProblems(args.triggers?.marksMigratedUsers === true, untrustedAttributes(userWritableAttributes(resolved), args.pool.providerMappedAttributes ?? {})),
        ]);
        super("AppClients", name, args.transform, opts);
        this.resolved = resolved;

        this.resourceServers = Object.fromEntries(servers.map((server) => [server.identifier, this.create("resourceServer", cognito.ResourceServer, `${name}-rs-${slug(server.identifier)}`, {
            userPoolId: args.userPoolId,
            identifier: server.identifier,
            name: server.name,
            scopes: server.scopes.map((scope) => ({ scopeName: scope.name, scopeDescription: scope.description })),
        })]));

        this.clients = Object.fromEntries(resolved.map((client) => {
            // A client waits for the providers it offers and the resource servers whose scopes it asks.
            const dependsOn = [
                ...client.identityProviders.filter((p) => p !== "COGNITO").map((p) => args.identityProviders![p]),
                ...Object.entries(this.resourceServers).filter(([identifier]) => client.scopes.some((s) => s.startsWith(`${identifier}/`))).map(([, rs]) => rs),
            ];
            return [client.name, this.create("client", cognito.UserPoolClient, `${name}-${client.name}`, userPoolClientInputs(client, args.userPoolId), { dependsOn })];
        }));
        this.clientIds = Object.fromEntries(Object.entries(this.clients).map(([n, c]) => [n, c.id]));
        this.userClientIds = Object.fromEntries(resolved.filter((c) => c.kind !== "server").map((c) => [c.name, this.clients[c.name].id]));
        this.clientSecrets = Object.fromEntries(resolved.filter((c) => c.kind === "server").map((c) => [c.name, pulumi.secret(this.clients[c.name].clientSecret)]));
        this.registerOutputs({ clientIds: this.clientIds, clientSecrets: this.clientSecrets });
    }
}
