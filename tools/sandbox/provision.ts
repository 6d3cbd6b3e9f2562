// Creates the stack's user pool, groups and clients in the emulator, or finds them there when the
// sandbox keeps its data across runs (same pool name: reused, missing parts added).
import { CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, ListGroupsCommand, ListUserPoolClientsCommand, ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { SandboxModel } from "./stack-model";

export interface Provisioned {
    readonly userPoolId: string;
    /** Client name -> client id. */
    readonly clients: Readonly<Record<string, string>>;
}

/** An SDK client for the emulator (any credentials: it checks none). */
export function emulatorClient(endpoint: string, region: string): CognitoIdentityProviderClient {
    return new CognitoIdentityProviderClient({ endpoint, region, credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" }, maxAttempts: 1 });
}

export async function provision(cognito: CognitoIdentityProviderClient, model: SandboxModel): Promise<Provisioned> {
    const pools = (await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? [];
    const userPoolId = pools.find((p) => p.Name === model.poolName)?.Id ?? (await cognito.send(new CreateUserPoolCommand(model.pool as never))).UserPool!.Id!;

    const groups = new Set(((await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId }))).Groups ?? []).map((g) => g.GroupName));
    for (const group of model.groups.filter((g) => !groups.has(g.name))) {
        await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group.name, Description: group.description, Precedence: group.precedence }));
    }

    const existing = (await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }))).UserPoolClients ?? [];
    const clients: Record<string, string> = {};
    for (const client of model.clients) {
        clients[client.name] = existing.find((c) => c.ClientName === client.name)?.ClientId
            ?? (await cognito.send(new CreateUserPoolClientCommand({ ...(client.request as object), UserPoolId: userPoolId } as never))).UserPoolClient!.ClientId!;
    }
    return { userPoolId, clients };
}
