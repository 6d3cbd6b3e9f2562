// The stack's identity pool as the sandbox serves it, read from the planned resources: which of the
// stack's clients it takes tokens from, its roles, and the role mapping of each client (Token: the
// token's preferred role; Rules: the first rule whose claim matches), by client name (the plan's
// client ids are the mocks').
import { awsTypes } from "../../../policy/rules/type-tokens";
import type { PlannedResource } from "../../harness/run-stack";

export interface RoleRule {
    readonly claim: string;
    readonly matchType: string;
    readonly value: string;
    readonly roleArn: string;
}

export interface RoleMapping {
    readonly type: "Token" | "Rules";
    readonly ambiguousRoleResolution: "AuthenticatedRole" | "Deny";
    readonly rules: readonly RoleRule[];
}

export interface IdentityPoolModel {
    readonly name: string;
    readonly allowGuests: boolean;
    /** Names of the stack's clients whose ID tokens it takes. */
    readonly clients: readonly string[];
    readonly roles: { readonly authenticated?: string; readonly unauthenticated?: string };
    /** Client name -> its role mapping. */
    readonly mappings: Readonly<Record<string, RoleMapping>>;
}

export function identityPoolModel(resources: readonly PlannedResource[]): IdentityPoolModel | undefined {
    const pool = resources.find((r) => r.type === awsTypes.identityPool);
    if (!pool) return undefined;
    const clientName = new Map<string, string>();
    for (const client of resources.filter((r) => r.type === awsTypes.client)) {
        for (const id of [client.outputs?.id, `mockclient${client.name.replace(/[^A-Za-z0-9]/g, "").toLowerCase()}`]) if (typeof id === "string") clientName.set(id, client.inputs.name);
    }
    const nameOf = (clientId: unknown) => clientName.get(String(clientId));
    const attachment = resources.find((r) => r.type === awsTypes.roleAttachment)?.inputs ?? {};
    const mappings: Record<string, RoleMapping> = {};
    for (const mapping of attachment.roleMappings ?? []) {
        const name = nameOf(String(mapping.identityProvider ?? "").split(":").at(-1));
        if (!name) continue;
        mappings[name] = {
            type: mapping.type === "Rules" ? "Rules" : "Token",
            ambiguousRoleResolution: mapping.ambiguousRoleResolution === "Deny" ? "Deny" : "AuthenticatedRole",
            rules: (mapping.mappingRules ?? mapping.rulesConfiguration?.rules ?? []).map((r: Record<string, string>) => ({ claim: r.claim, matchType: r.matchType, value: r.value, roleArn: r.roleArn })),
        };
    }
    return {
        name: pool.inputs.identityPoolName,
        allowGuests: pool.inputs.allowUnauthenticatedIdentities === true,
        clients: (pool.inputs.cognitoIdentityProviders ?? []).map((p: { clientId: string }) => nameOf(p.clientId)).filter(Boolean),
        roles: { authenticated: attachment.roles?.authenticated, unauthenticated: attachment.roles?.unauthenticated },
        mappings,
    };
}
