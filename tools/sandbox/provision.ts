// Creates the stack's user pool, groups and clients in the emulator, or finds them there when the
// sandbox keeps its data across runs (same pool name: reused, missing parts added, clients updated
// to the stack's settings with their ids kept).
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Emulator } from "./emulator";
import type { SandboxModel } from "./stack-model";

export interface Provisioned {
    readonly userPoolId: string;
    /** Client name -> client id. */
    readonly clients: Readonly<Record<string, string>>;
}

/** An SDK client for an endpoint that checks no credentials (the sandbox's), with no retries. */
export function emulatorClient(endpoint: string, region: string): CognitoIdentityProviderClient {
    return new CognitoIdentityProviderClient({ endpoint, region, credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" }, maxAttempts: 1 });
}

async function call(emulator: Emulator, operation: string, body: Record<string, unknown>): Promise<Record<string, any>> {
    const reply = await emulator.call(operation, body);
    if (reply.status !== 200) throw new Error(`The emulator refused ${operation}: ${reply.body.__type}: ${reply.body.message}`);
    return reply.body;
}

export async function provision(emulator: Emulator, model: SandboxModel): Promise<Provisioned> {
    const pools: { Id: string; Name: string }[] = (await call(emulator, "ListUserPools", { MaxResults: 60 })).UserPools ?? [];
    const userPoolId = pools.find((p) => p.Name === model.poolName)?.Id ?? (await call(emulator, "CreateUserPool", model.pool)).UserPool.Id;

    const groups = new Set(((await call(emulator, "ListGroups", { UserPoolId: userPoolId })).Groups ?? []).map((g: { GroupName: string }) => g.GroupName));
    for (const group of model.groups.filter((g) => !groups.has(g.name))) {
        await call(emulator, "CreateGroup", { UserPoolId: userPoolId, GroupName: group.name, Description: group.description, Precedence: group.precedence, RoleArn: group.roleArn });
    }

    const existing: { ClientId: string; ClientName: string }[] = (await call(emulator, "ListUserPoolClients", { UserPoolId: userPoolId, MaxResults: 60 })).UserPoolClients ?? [];
    const clients: Record<string, string> = {};
    for (const client of model.clients) {
        const id = existing.find((c) => c.ClientName === client.name)?.ClientId;
        const { GenerateSecret, ...settings } = client.request;
        clients[client.name] = id
            ? (await call(emulator, "UpdateUserPoolClient", { ...settings, UserPoolId: userPoolId, ClientId: id })).UserPoolClient.ClientId
            : (await call(emulator, "CreateUserPoolClient", { ...client.request, UserPoolId: userPoolId })).UserPoolClient.ClientId;
    }
    return { userPoolId, clients };
}
