// Rules on the identity pool and the roles it hands out.
import type { PolicyConfigSchema, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allows, grantsOf as collectGrants, grantTypes, iamMatch, isFullWildcard, isPartialWildcard, type Grant, type Statement as GrantStatement } from "./grants";
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

/** The guest role's finding for one grant, in the words the rule has always used. */
function guestProblems(grant: Grant): string[] {
    if (grant.policyArn !== undefined) return [`has the managed policy ${grant.policyArn} attached`];
    if (grant.kind === "unreadable") return [`has ${grant.source}, which cannot be read: ${grant.reason}`];
    if (grant.kind === "external") return [`has ${grant.source} attached`];
    return allows(grant.statements).flatMap((statement) => {
        const problems: string[] = [];
        const wildActions = (statement.Action ?? []).filter(isFullWildcard);
        if (wildActions.length) problems.push(`allows ${wildActions.join(", ")}`);
        if (statement.NotAction) problems.push(`allows every action but ${statement.NotAction.join(", ")} (NotAction)`);
        if ((statement.Resource ?? []).includes("*")) problems.push(`allows actions on every resource ("*")`);
        return problems;
    });
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
            for (const grant of collectGrants(args.resources, role)) {
                for (const problem of guestProblems(grant)) report(`The guest role ${role.name} ${problem}.`, role.urn);
            }
        }
    },
};

/** Where an identity pool hands a role out: a slot of a role attachment, a mapping rule, a user group. */
interface RoleUse {
    readonly roleArn: unknown;
    readonly slot: string;
    /** The resource that names the role (the attachment or the group). */
    readonly urn: string;
}

const listOf = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const objectOf = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Every role an identity pool can hand out: attachment slots, role-mapping rules, user groups. */
function everyRoleUse(resources: PolicyResource[]): RoleUse[] {
    const uses: RoleUse[] = [];
    for (const attachment of resources.filter((r) => r.type === grantTypes.roleAttachment)) {
        const roles = objectOf(attachment.props.roles);
        if (roles.authenticated !== undefined && roles.authenticated !== null) uses.push({ roleArn: roles.authenticated, slot: "authenticated", urn: attachment.urn });
        if (roles.unauthenticated !== undefined && roles.unauthenticated !== null) uses.push({ roleArn: roles.unauthenticated, slot: "guest", urn: attachment.urn });
        for (const mapping of listOf(attachment.props.roleMappings)) {
            for (const rule of listOf(objectOf(mapping).mappingRules)) {
                const roleArn = objectOf(rule).roleArn;
                if (roleArn !== undefined && roleArn !== null) uses.push({ roleArn, slot: "rule-mapped", urn: attachment.urn });
            }
        }
    }
    for (const group of resources.filter((r) => r.type === grantTypes.userGroup)) {
        const roleArn = group.props.roleArn;
        const name = typeof group.props.name === "string" ? group.props.name : group.name;
        if (roleArn !== undefined && roleArn !== null && roleArn !== "") uses.push({ roleArn, slot: `group "${name}"`, urn: group.urn });
    }
    return uses;
}

/** "The guest role x", or "The role x (authenticated, group "admins")" when it fills several slots. */
const subject = (slots: string[], name: string) => (slots.length === 1 ? `The ${slots[0]} role ${name}` : `The role ${name} (${slots.join(", ")})`);

const dynamoItemActions = ["GetItem", "Query", "BatchGetItem", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "Scan"].map((a) => `dynamodb:${a}`);
const s3AclActions = ["PutObjectAcl", "PutObjectVersionAcl", "PutBucketAcl", "GetObjectAcl", "GetObjectVersionAcl", "GetBucketAcl", "PutBucketPolicy", "DeleteBucketPolicy", "GetBucketPolicy", "GetBucketPolicyStatus"].map((a) => `s3:${a}`);

/** The listed actions a statement's actions cover (named or through a partial wildcard; full wildcards are reported as such). */
const covered = (actions: string[], list: string[]) => list.filter((known) => actions.some((a) => !isFullWildcard(a) && iamMatch(a, known)));

const hasConditionKey = (statement: GrantStatement, key: string) => Object.values(statement.Condition ?? {}).some((operator) => Object.keys(operator).some((k) => k.toLowerCase() === key.toLowerCase()));

/** What is wrong with one Allow statement, one line per finding. */
export function statementProblems(statement: GrantStatement, allowStarResourceActions: string[]): string[] {
    const problems: string[] = [];
    const actions = statement.Action ?? [];
    const full = actions.filter(isFullWildcard);
    const partial = actions.filter(isPartialWildcard);
    if (full.length) problems.push(`allows the wildcard action(s) ${full.join(", ")}`);
    if (partial.length) problems.push(`allows the partial wildcard action(s) ${partial.join(", ")}`);
    if (statement.NotAction) problems.push(`uses NotAction, allowing every action but ${statement.NotAction.join(", ")}`);
    if (statement.NotResource) problems.push(`uses NotResource, allowing every resource but ${statement.NotResource.join(", ")}`);
    if ((statement.Resource ?? []).includes("*")) {
        const outside = statement.NotAction ? ["every action but " + statement.NotAction.join(", ")] : actions.filter((a) => !allowStarResourceActions.some((allowed) => iamMatch(allowed, a)));
        if (outside.length) problems.push(`allows ${outside.join(", ")} on every resource ("*")`);
    }
    const dynamo = covered(actions, dynamoItemActions);
    const keyed = dynamo.filter((a) => a !== "dynamodb:Scan");
    if (keyed.length && !hasConditionKey(statement, "dynamodb:LeadingKeys")) problems.push(`allows ${keyed.join(", ")} without a dynamodb:LeadingKeys condition`);
    if (dynamo.includes("dynamodb:Scan")) problems.push("allows dynamodb:Scan, which reads every item of a table");
    const acl = covered(actions, s3AclActions);
    if (acl.length) problems.push(`allows the S3 ACL or bucket-policy action(s) ${acl.join(", ")}`);
    return problems;
}

const defaultStarResourceActions = ["mobiletargeting:PutEvents", "mobileanalytics:PutEvents", "cognito-identity:GetId", "cognito-identity:GetCredentialsForIdentity"];

const identityRoleSchema: PolicyConfigSchema = {
    properties: {
        allowStarResourceActions: {
            type: "array", items: { type: "string" }, default: defaultStarResourceActions,
            description: "Actions a role handed out by an identity pool may allow on every resource (\"*\"); IAM wildcards allowed, case-insensitive.",
        },
    },
};

export const identityRolePrivilege: StackValidationPolicy = {
    name: "cognito-identity-role-privilege",
    description: "Every role an identity pool can hand out (authenticated, guest, rule-mapped, group roles) must grant least privilege: no wildcard or NotAction, no \"*\" resource beyond a short allow-list, DynamoDB item access only under dynamodb:LeadingKeys and never Scan, no S3 ACL or bucket-policy actions.",
    remediationSteps: "Name exact actions and resource ARNs in the role's policies; scope DynamoDB item access with a dynamodb:LeadingKeys condition on ${cognito-identity.amazonaws.com:sub}; keep roles the pack must judge in this stack.",
    enforcementLevel: "mandatory",
    configSchema: identityRoleSchema,
    validateStack: (args, report) => {
        const { allowStarResourceActions } = settingsOf<{ allowStarResourceActions: string[] }>(args, identityRoleSchema);
        const allowList = Array.isArray(allowStarResourceActions) ? allowStarResourceActions.filter((a) => typeof a === "string") : defaultStarResourceActions;
        // One entry per role ARN, with every slot it fills, in the order they were found.
        const byArn = new Map<string, { slots: string[]; urn: string }>();
        for (const use of everyRoleUse(args.resources)) {
            const key = typeof use.roleArn === "string" ? use.roleArn : JSON.stringify(use.roleArn);
            const entry = byArn.get(key) ?? byArn.set(key, { slots: [], urn: use.urn }).get(key)!;
            if (!entry.slots.includes(use.slot)) entry.slots.push(use.slot);
        }
        for (const [arn, { slots, urn }] of byArn) {
            const role = args.resources.find((r) => r.type === grantTypes.role && r.props.arn === arn);
            if (!role) {
                report(`${subject(slots, arn)} is outside this stack and cannot be checked.`, urn);
                continue;
            }
            const who = subject(slots, role.name);
            for (const grant of collectGrants(args.resources, role)) {
                if (grant.kind === "unreadable") report(`${who}: ${grant.source} cannot be read (${grant.reason}); check it by hand.`, role.urn);
                else if (grant.kind === "external") report(`${who}: ${grant.source} is outside this stack and cannot be checked.`, role.urn);
                else for (const statement of allows(grant.statements)) {
                    for (const problem of statementProblems(statement, allowList)) report(`${who}: ${grant.source} ${problem}.`, role.urn);
                }
            }
        }
    },
};

export const identityPoolRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [guestAccess, classicFlow, roleTrust, guestRolePrivilege, identityRolePrivilege];
