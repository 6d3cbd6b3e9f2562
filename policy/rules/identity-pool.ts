// Rules on the identity pool and the roles it hands out.
import type { PolicyConfigSchema, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { asList, forType, policyDocument, resourcesOf, settingsOf, types, type IdentityPoolProps } from "./support";

const guestSchema: PolicyConfigSchema = {
    properties: { allowGuests: { type: "boolean", default: false, description: "This stage may give signed-out visitors AWS credentials." } },
};

export const guestAccess: ResourceValidationPolicy = {
    name: "cognito-guest-access",
    description: "Identity pools must not give signed-out visitors AWS credentials unless the stage allows it.",
    remediationSteps: "Set cognito:identityPool.allowGuests to false, or allow guests in this rule's config.",
    enforcementLevel: "mandatory",
    configSchema: guestSchema,
    validateResource: forType<IdentityPoolProps>(types.identityPool, (pool, args, report) => {
        const { allowGuests } = settingsOf<{ allowGuests: boolean }>(args, guestSchema);
        if (pool.allowUnauthenticatedIdentities === true && !allowGuests) report("Guests (unauthenticated identities) are allowed.");
    }),
};

export const classicFlow: ResourceValidationPolicy = {
    name: "cognito-classic-flow",
    description: "Identity pools must not allow the classic (basic) flow, which lets clients pick any role the pool may assume.",
    remediationSteps: "Set allowClassicFlow to false (this project's IdentityPool always does).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forType<IdentityPoolProps>(types.identityPool, (pool, _args, report) => {
        if (pool.allowClassicFlow === true) report("The classic flow is allowed.");
    }),
};

type Slot = "authenticated" | "unauthenticated";

interface Statement {
    Effect?: string;
    Principal?: unknown;
    Action?: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
}

/** Roles an identity pool hands out, by slot, from its role attachments. */
function rolesInUse(resources: PolicyResource[]): { poolId: string; slot: Slot; roleArn: string; attachment: PolicyResource }[] {
    return resourcesOf({ resources }, types.roleAttachment).flatMap((attachment) => {
        const roles = (attachment.props.roles ?? {}) as Partial<Record<Slot, string>>;
        return (["authenticated", "unauthenticated"] as const)
            .filter((slot) => roles[slot] !== undefined)
            .map((slot) => ({ poolId: attachment.props.identityPoolId as string, slot, roleArn: roles[slot]!, attachment }));
    });
}

const findRole = (resources: PolicyResource[], arn: string) => resources.find((r) => r.type === types.role && r.props.arn === arn);

const conditionValue = (value: unknown) => asList(value as string | string[]);

/** Why a role's trust is wrong for this pool and slot, one line per problem. */
export function trustProblems(trust: { Statement?: unknown }, poolId: string, slot: Slot): string[] {
    const problems: string[] = [];
    const statements = asList(trust.Statement as Statement | Statement[]).filter((s) => s.Effect === "Allow");
    for (const s of statements) {
        const principal = s.Principal as { Federated?: string | string[] } | string | undefined;
        const federated = typeof principal === "object" ? asList(principal.Federated) : [];
        if (federated.length !== 1 || federated[0] !== "cognito-identity.amazonaws.com" || Object.keys(principal as object).length !== 1) {
            problems.push(`trusts ${JSON.stringify(principal)}, not cognito-identity.amazonaws.com alone`);
            continue;
        }
        const aud = conditionValue(s.Condition?.StringEquals?.["cognito-identity.amazonaws.com:aud"]);
        if (aud.length !== 1 || aud[0] !== poolId) problems.push(`does not require aud = ${poolId} (has ${JSON.stringify(aud)})`);
        const amr = conditionValue(s.Condition?.["ForAnyValue:StringLike"]?.["cognito-identity.amazonaws.com:amr"]);
        if (amr.length !== 1 || amr[0] !== slot) problems.push(`does not require amr = ${slot} (has ${JSON.stringify(amr)})`);
    }
    if (statements.length === 0) problems.push("has no Allow statement");
    return problems;
}

export const roleTrust: StackValidationPolicy = {
    name: "cognito-role-trust",
    description: "Every role an identity pool hands out must trust cognito-identity.amazonaws.com only, for that pool (aud) and its own slot (amr): the signed-in role never accepts unauthenticated identities.",
    remediationSteps: "Give the role a trust policy with StringEquals cognito-identity.amazonaws.com:aud = <pool id> and ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = authenticated (or unauthenticated for the guest role).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: (args, report) => {
        for (const use of rolesInUse(args.resources)) {
            const role = findRole(args.resources, use.roleArn);
            if (!role) {
                report(`The ${use.slot} role ${use.roleArn} is not in this stack, so its trust cannot be checked.`, use.attachment.urn);
                continue;
            }
            for (const problem of trustProblems(policyDocument(role.props.assumeRolePolicy), use.poolId, use.slot)) {
                report(`The ${use.slot} role ${role.name} ${problem}.`, role.urn);
            }
        }
    },
};

/** Statements of every inline policy of a role (its RolePolicy resources and inlinePolicies). */
function grantsOf(resources: PolicyResource[], role: PolicyResource): Statement[] {
    const attached = resources.filter((r) => r.type === types.rolePolicy && (r.props.role === role.props.id || r.props.role === role.props.name));
    const documents = [...attached.map((r) => r.props.policy), ...asList(role.props.inlinePolicies as { policy?: unknown }[]).map((p) => p.policy)];
    return documents.flatMap((d) => asList(policyDocument(d).Statement as Statement | Statement[]));
}

export const guestRolePrivilege: StackValidationPolicy = {
    name: "cognito-guest-role-privilege",
    description: "The guest role must name its actions and resources: no \"*\" action (or service:*) and no \"*\" resource, and no managed policies.",
    remediationSteps: "List exact actions and resource ARNs in cognito:identityPool.guest.statements.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: (args, report) => {
        for (const use of rolesInUse(args.resources).filter((u) => u.slot === "unauthenticated")) {
            const role = findRole(args.resources, use.roleArn);
            if (!role) continue; // reported by cognito-role-trust
            for (const statement of grantsOf(args.resources, role).filter((s) => s.Effect !== "Deny")) {
                const wildActions = asList(statement.Action).filter((a) => a === "*" || a.endsWith(":*"));
                const wildResources = asList(statement.Resource).filter((r) => r === "*");
                if (wildActions.length) report(`The guest role ${role.name} allows ${wildActions.join(", ")}.`, role.urn);
                if (wildResources.length) report(`The guest role ${role.name} allows actions on every resource ("*").`, role.urn);
            }
            const managed = args.resources.filter((r) => r.type === types.rolePolicyAttachment && (r.props.role === role.props.name || r.props.role === role.props.id));
            for (const attachment of managed) report(`The guest role ${role.name} has the managed policy ${attachment.props.policyArn} attached.`, role.urn);
        }
    },
};

export const identityPoolRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [guestAccess, classicFlow, roleTrust, guestRolePrivilege];
