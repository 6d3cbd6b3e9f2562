// Rules on the identity pool and the roles it hands out.
import type { PolicyConfigSchema, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allows, grantsOf as collectGrants, iamMatch, isFullWildcard, isPartialWildcard, parseDocument, type Grant, type Statement as GrantStatement } from "./grants";
import { onAwsShapes } from "./native-shapes";
import { asList, bool, clientTypes, forTypes, identityPoolTypes, list, obj, resourcesOf, settingsOf, strings, text, types, type IdentityPoolProps } from "./support";

const guestSchema: PolicyConfigSchema = {
    properties: { allowGuests: { type: "boolean", default: false, description: "This stage may give signed-out visitors AWS credentials." } },
};

export const guestAccess: ResourceValidationPolicy = {
    name: "cognito-guest-access",
    description: "Identity pools must not give signed-out visitors AWS credentials unless the stage allows it.",
    remediationSteps: "Set cognito:identityPool.allowGuests to false, or allow guests in this rule's config.",
    enforcementLevel: "mandatory",
    configSchema: guestSchema,
    validateResource: forTypes<IdentityPoolProps>(identityPoolTypes, (pool, args, report) => {
        const { allowGuests } = settingsOf<{ allowGuests: boolean }>(args, guestSchema);
        if (bool(pool.allowUnauthenticatedIdentities) === true && !allowGuests) report("Guests (unauthenticated identities) are allowed.");
    }),
};

export const classicFlow: ResourceValidationPolicy = {
    name: "cognito-classic-flow",
    description: "Identity pools must not allow the classic (basic) flow, which lets clients pick any role the pool may assume.",
    remediationSteps: "Set allowClassicFlow to false (this project's IdentityPool always does).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forTypes<IdentityPoolProps>(identityPoolTypes, (pool, _args, report) => {
        if (bool(pool.allowClassicFlow) === true) report("The classic flow is allowed.");
    }),
};

type Slot = "authenticated" | "unauthenticated";

/** Roles an identity pool hands out, by slot, from its role attachments. */
function rolesInUse(resources: PolicyResource[]): { poolId: string; slot: Slot; roleArn: string; attachment: PolicyResource }[] {
    return resourcesOf({ resources }, types.roleAttachment).flatMap((attachment) => {
        const roles = (obj(attachment.props.roles) ?? {}) as Partial<Record<Slot, string>>; // Terraform 0.11: a one-element list
        return (["authenticated", "unauthenticated"] as const)
            .filter((slot) => roles[slot] !== undefined)
            .map((slot) => ({ poolId: attachment.props.identityPoolId as string, slot, roleArn: roles[slot]!, attachment }));
    });
}

const findRole = (resources: PolicyResource[], arn: string) => resources.find((r) => r.type === types.role && r.props.arn === arn);

/** The identity pool of this id (an attachment without identityPoolId names none). */
const identityPoolOf = (resources: PolicyResource[], poolId: unknown) => (poolId === undefined ? undefined : resources.find((r) => r.type === types.identityPool && r.props.id === poolId));

/** The role ARNs an attachment's mapping rules name (aws-native roleArn, CloudFormation RoleARN), as written. */
const mappedRoleArns = (attachment: PolicyResource): unknown[] =>
    roleMappingsOf(attachment.props.roleMappings).flatMap(({ mapping }) => mappingRulesOf(mapping).map((rule) => obj(rule)?.roleArn ?? obj(rule)?.RoleARN));

/** How messages name a user group: its name, or the resource's. */
const groupLabel = (group: PolicyResource) => `group "${text(group.props.name) ?? group.name}"`;

const conditionValue = (value: unknown) => asList(value as string | string[]);

const amrKey = "cognito-identity.amazonaws.com:amr";
/** The operators that test amr (a list: "authenticated" plus the provider entries) as intended. */
const amrOperators = ["foranyvalue:stringlike", "foranyvalue:stringequals"];

/** Why a role's trust statements are wrong for one of these pools and the slot, one line per problem. */
function trustProblems(trust: GrantStatement[], poolIds: string[], slot: Slot): string[] {
    const problems: string[] = [];
    const statements = trust.filter((s) => s.Effect === "Allow");
    for (const s of statements) {
        const principal = s.Principal as { Federated?: string | string[] } | string | undefined;
        const federated = typeof principal === "object" && principal !== null ? asList(principal.Federated) : [];
        if (federated.length !== 1 || federated[0] !== "cognito-identity.amazonaws.com" || Object.keys(principal as object).length !== 1) {
            problems.push(`trusts ${JSON.stringify(principal)}, not cognito-identity.amazonaws.com alone`);
            continue;
        }
        const aud = conditionValue(obj(s.Condition?.StringEquals)?.["cognito-identity.amazonaws.com:aud"]);
        if (aud.length !== 1 || !poolIds.includes(aud[0])) problems.push(`does not require aud = ${poolIds.join(" or ")} (has ${JSON.stringify(aud)})`);
        // amr wherever it is, under whichever operator: a wrong operator is named, not reported as "missing".
        const amr = Object.entries(obj(s.Condition) ?? {}).flatMap(([operator, block]) =>
            Object.entries(obj(block) ?? {}).filter(([key]) => key.toLowerCase() === amrKey).map(([, value]) => ({ operator, values: conditionValue(value) })));
        const right = amr.filter((a) => amrOperators.includes(a.operator.toLowerCase()));
        for (const wrong of amr.filter((a) => !right.includes(a))) {
            problems.push(`tests amr with ${wrong.operator} ${JSON.stringify(wrong.values)}, which does not test it as intended (amr is a list of values): require ForAnyValue:StringLike ${amrKey} = ${slot}`);
        }
        const values = right.flatMap((a) => a.values);
        if ((right.length > 0 || amr.length === 0) && (values.length !== 1 || values[0] !== slot)) problems.push(`does not require amr = ${slot} (has ${JSON.stringify(values)})`);
    }
    if (statements.length === 0) problems.push("has no Allow statement");
    return problems;
}

/** trustProblems of a role's trust policy; a policy that cannot be read (not JSON, odd shapes) is one problem that says so. */
function roleTrustProblems(role: PolicyResource, poolIds: string[], slot: Slot): string[] {
    const trust = parseDocument(role.props.assumeRolePolicy);
    if ("unreadable" in trust) return [`has a trust policy that cannot be read (${trust.unreadable}); check it by hand`];
    return trustProblems(trust.statements, poolIds, slot);
}

/** Roles an identity pool hands out beyond its attachment slots: rule-mapped roles and user group roles (both for signed-in users). */
function mappedAndGroupRoles(resources: PolicyResource[]): { label: string; poolIds: string[]; roleArn: string; urn: string }[] {
    const attachments = resourcesOf({ resources }, types.roleAttachment);
    const uses: { label: string; poolIds: string[]; roleArn: string; urn: string }[] = [];
    for (const attachment of attachments) {
        const poolId = attachment.props.identityPoolId as string;
        for (const roleArn of mappedRoleArns(attachment).map(text)) {
            if (roleArn !== undefined) uses.push({ label: "rule-mapped", poolIds: [poolId], roleArn, urn: attachment.urn });
        }
    }
    // A group's role reaches users through the identity pools whose role mappings name its user pool; when
    // none names it, through any identity pool of the stack. Without an identity pool here, it is not this rule's business.
    const allPools = [...new Set(attachments.map((a) => a.props.identityPoolId as string))];
    for (const group of resourcesOf({ resources }, types.group)) {
        const roleArn = text(group.props.roleArn);
        if (roleArn === undefined || allPools.length === 0) continue;
        const userPoolId = text(group.props.userPoolId);
        const naming = userPoolId === undefined ? [] : attachments.filter((a) => roleMappingsOf(a.props.roleMappings).some(({ mapping }) => (text(mapping.identityProvider) ?? "").includes(userPoolId)));
        uses.push({ label: groupLabel(group), poolIds: naming.length > 0 ? [...new Set(naming.map((a) => a.props.identityPoolId as string))] : allPools, roleArn, urn: group.urn });
    }
    return uses;
}

export const roleTrust: StackValidationPolicy = {
    name: "cognito-role-trust",
    description: "Every role an identity pool hands out (authenticated, guest, rule-mapped, group roles) must trust cognito-identity.amazonaws.com only, for that pool (aud) and its own slot (amr): the signed-in roles never accept unauthenticated identities.",
    remediationSteps: "Give the role a trust policy with StringEquals cognito-identity.amazonaws.com:aud = <pool id> and ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = authenticated (or unauthenticated for the guest role).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        const uses = rolesInUse(args.resources);
        for (const use of uses) {
            const role = findRole(args.resources, use.roleArn);
            if (!role) continue; // cognito-role-outside-stack says so, as advice: nothing is known to be wrong

            for (const problem of roleTrustProblems(role, [use.poolId], use.slot)) {
                report(`The ${use.slot} role ${role.name} ${problem}.`, role.urn);
            }
        }
        // Rule-mapped and group roles need the same trust as the authenticated role; one already checked as such is not checked again.
        const checked = new Set(uses.filter((u) => u.slot === "authenticated").map((u) => `${u.poolId} ${u.roleArn}`));
        for (const use of mappedAndGroupRoles(args.resources)) {
            const key = use.poolIds.map((p) => `${p} ${use.roleArn}`);
            if (key.every((k) => checked.has(k))) continue;
            key.forEach((k) => checked.add(k));
            const role = findRole(args.resources, use.roleArn);
            if (!role) continue; // see cognito-role-outside-stack

            for (const problem of roleTrustProblems(role, use.poolIds, "authenticated")) {
                report(`The ${use.label} role ${role.name} ${problem}.`, role.urn);
            }
        }
    }),
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
    description: "The guest role must name its actions and resources: no \"*\" action (or service:*) and no \"*\" resource, and no managed policies. A guest role of a pool that allows no guests is reported once as unused.",
    remediationSteps: "List exact actions and resource ARNs in cognito:identityPool.guest.statements.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        for (const use of rolesInUse(args.resources).filter((u) => u.slot === "unauthenticated")) {
            const role = findRole(args.resources, use.roleArn);
            // A pool that allows no guests never hands this role out: say so once, instead of judging grants nobody can use.
            const pool = identityPoolOf(args.resources, use.poolId);
            const guests = pool?.props.allowUnauthenticatedIdentities;
            // Only true (in any spelling) allows guests: unset and what makes no sense read as AWS's default, false (as cognito-guest-access reads it).
            if (pool && bool(guests) !== true) {
                const shown = guests === undefined || guests === null ? "unset" : typeof guests === "string" ? guests : JSON.stringify(guests);
                report(`The guest role ${role?.name ?? use.roleArn} is an unused guest role: the identity pool ${pool.name} does not allow guests (allowUnauthenticatedIdentities is ${shown}), so nobody is given it. Remove it from the role attachment, and the role itself if nothing else uses it.`, role?.urn ?? use.attachment.urn);
                continue;
            }
            if (!role) continue; // reported by cognito-role-trust
            for (const grant of collectGrants(args.resources, role)) {
                for (const problem of guestProblems(grant)) report(`The guest role ${role.name} ${problem}.`, role.urn);
            }
        }
    }),
};

/** Where an identity pool hands a role out: a slot of a role attachment, a mapping rule, a user group. */
interface RoleUse {
    readonly roleArn: unknown;
    readonly slot: string;
    /** The resource that names the role (the attachment or the group). */
    readonly urn: string;
}

/** Every role an identity pool can hand out: attachment slots, role-mapping rules, user groups. */
function everyRoleUse(resources: PolicyResource[]): RoleUse[] {
    const uses: RoleUse[] = [];
    for (const attachment of resources.filter((r) => r.type === types.roleAttachment)) {
        // Terraform 0.11 wrote the roles map as a one-element list.
        const roles = obj(attachment.props.roles) ?? {};
        // A guest role nobody is given (the pool allows no guests) is cognito-guest-role-privilege's "unused" finding, not a live role.
        const pool = identityPoolOf(resources, attachment.props.identityPoolId);
        const guestsOff = pool !== undefined && bool(pool.props.allowUnauthenticatedIdentities) !== true;
        if (roles.authenticated !== undefined && roles.authenticated !== null) uses.push({ roleArn: roles.authenticated, slot: "authenticated", urn: attachment.urn });
        if (roles.unauthenticated !== undefined && roles.unauthenticated !== null && !guestsOff) uses.push({ roleArn: roles.unauthenticated, slot: "guest", urn: attachment.urn });
        for (const roleArn of mappedRoleArns(attachment)) {
            if (roleArn !== undefined && roleArn !== null) uses.push({ roleArn, slot: "rule-mapped", urn: attachment.urn });
        }
    }
    for (const group of resources.filter((r) => r.type === types.group)) {
        const roleArn = group.props.roleArn;
        if (roleArn !== undefined && roleArn !== null && roleArn !== "") uses.push({ roleArn, slot: groupLabel(group), urn: group.urn });
    }
    return uses;
}

// ---- role mappings, in the shapes other programs write them ------------------------------------

const mappingKeys = ["type", "mappingRules", "ambiguousRoleResolution", "identityProvider", "rulesConfiguration"];

/**
 * The role mappings of an attachment: a list, Terraform's object or one-element list, or CloudFormation's
 * map keyed by provider ({ "<provider>": { type, ... } }). Each with the name a message gives it.
 */
export function roleMappingsOf(value: unknown): { name: string; mapping: Record<string, unknown> }[] {
    const single = obj(value);
    const entries: [string | undefined, unknown][] =
        !Array.isArray(value) && single !== undefined && !Object.keys(single).some((k) => mappingKeys.includes(k))
            ? Object.entries(single) // keyed by provider
            : list(value).map((m) => [undefined, m]);
    return entries.flatMap(([key, m], i) => {
        const mapping = obj(m);
        if (mapping === undefined) return [];
        const provider = text(mapping.identityProvider) ?? key;
        return [{ name: provider === undefined ? `role mapping ${i + 1}` : `role mapping for ${provider}`, mapping }];
    });
}

/** A mapping's rules (mappingRules, or CloudFormation's rulesConfiguration.rules); one rule stands for a list of one. */
export const mappingRulesOf = (mapping: Record<string, unknown>): unknown[] => list(mapping.mappingRules ?? obj(mapping.rulesConfiguration)?.rules);

/** An enum value reduced to its letters, upper case: "starts_with" and "StartsWith" are STARTSWITH. */
const letters = (value: unknown) => text(value)?.replace(/[^a-z]/gi, "").toUpperCase();

/** Who besides the backend controls a claim: clients that let users write it, providers that map it. */
function claimWriters(resources: PolicyResource[], claim: string): string[] {
    const writers: string[] = [];
    const wanted = claim.toLowerCase();
    if (wanted.startsWith("custom:")) {
        for (const client of resources.filter((r) => clientTypes.includes(r.type))) {
            const value = client.props.writeAttributes;
            const writes = strings(value).map((a) => a.toLowerCase());
            if (writes.length === 0) writers.push(`users through client ${client.name} (writeAttributes unset: every attribute is writable)`);
            else if (writes.includes(wanted)) writers.push(`users through client ${client.name} (in its writeAttributes)`);
        }
    }
    for (const provider of resources.filter((r) => r.type === types.identityProvider)) {
        const mapped = Object.keys(obj(provider.props.attributeMapping) ?? {}).map((k) => k.toLowerCase());
        if (mapped.includes(wanted)) writers.push(`identity provider ${text(provider.props.providerName) ?? provider.name} (attributeMapping)`);
    }
    return writers;
}

const looseMatchTypes: Record<string, string> = { CONTAINS: "Contains", STARTSWITH: "StartsWith", NOTEQUAL: "NotEqual" };

export const roleMapping: StackValidationPolicy = {
    name: "cognito-role-mapping",
    description: "Rule-based role mapping must pick roles only from claims users and identity providers cannot set, match them with Equals, and Deny a user no rule matches.",
    remediationSteps: "Map on claims only the backend sets (e.g. cognito:groups, or a custom attribute no client can write and no provider maps); use matchType Equals; set ambiguousRoleResolution to Deny for Rules mappings.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        for (const attachment of resourcesOf(args, types.roleAttachment)) {
            for (const { name, mapping } of roleMappingsOf(attachment.props.roleMappings)) {
                const rules = mappingRulesOf(mapping);
                const type = letters(mapping.type) ?? (rules.length > 0 ? "RULES" : undefined);
                if (type !== "RULES") continue; // Token mapping: AuthenticatedRole is its normal fallback
                const ambiguous = letters(mapping.ambiguousRoleResolution);
                if (ambiguous !== "DENY") {
                    const now = text(mapping.ambiguousRoleResolution) === undefined ? "not set" : `${text(mapping.ambiguousRoleResolution)}`;
                    report(`The ${name}: ambiguousRoleResolution is ${now}, not Deny, so a user no rule matches still gets a role.`, attachment.urn);
                }
                rules.forEach((raw, i) => {
                    const rule = obj(raw);
                    if (rule === undefined) {
                        report(`The ${name}: rule ${i + 1} is ${JSON.stringify(raw)}, not a mapping rule; check it by hand.`, attachment.urn);
                        return;
                    }
                    const claim = text(rule.claim);
                    const writers = claim === undefined ? [] : claimWriters(args.resources, claim);
                    if (writers.length > 0) report(`The ${name}: rule ${i + 1} picks a role from the claim ${claim}, which is set by ${writers.join(", ")}; whoever sets it chooses the role.`, attachment.urn);
                    const loose = looseMatchTypes[letters(rule.matchType) ?? ""];
                    if (loose !== undefined) report(`The ${name}: rule ${i + 1} matches ${claim ?? "its claim"} with ${loose}, which also matches values nobody meant; use Equals.`, attachment.urn);
                });
            }
        }
    }),
};

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
    validateStack: onAwsShapes((args, report) => {
        const { allowStarResourceActions } = settingsOf<{ allowStarResourceActions: string[] }>(args, identityRoleSchema);
        const allowList = Array.isArray(allowStarResourceActions) ? allowStarResourceActions.filter((a) => typeof a === "string") : defaultStarResourceActions;
        for (const [arn, { slots }] of rolesByArn(args.resources)) {
            const role = findRole(args.resources, arn);
            if (!role) continue; // see cognito-role-outside-stack
            const who = subject(slots, role.name);
            for (const grant of collectGrants(args.resources, role)) {
                if (grant.kind === "unreadable") report(`${who}: ${grant.source} cannot be read (${grant.reason}); check it by hand.`, role.urn);
                else if (grant.kind === "external") continue; // see cognito-role-outside-stack
                else for (const statement of allows(grant.statements)) {
                    for (const problem of statementProblems(statement, allowList)) report(`${who}: ${grant.source} ${problem}.`, role.urn);
                }
            }
        }
    }),
};

/** One entry per role ARN an identity pool hands out, with every slot it fills, in the order found. */
function rolesByArn(resources: PolicyResource[]): Map<string, { slots: string[]; urn: string }> {
    const byArn = new Map<string, { slots: string[]; urn: string }>();
    for (const use of everyRoleUse(resources)) {
        const key = typeof use.roleArn === "string" ? use.roleArn : JSON.stringify(use.roleArn);
        const entry = byArn.get(key) ?? byArn.set(key, { slots: [], urn: use.urn }).get(key)!;
        if (!entry.slots.includes(use.slot)) entry.slots.push(use.slot);
    }
    return byArn;
}

/**
 * Roles, and policies of roles, that live outside the stack: nothing is known to be wrong with
 * them, but no rule can judge their trust or grants. Advice, so that a role shared with other
 * stacks does not block a deploy while still being named.
 */
export const roleOutsideStack: StackValidationPolicy = {
    name: "cognito-role-outside-stack",
    description: "Roles an identity pool hands out, and the managed policies they carry, should be in the stack, where the pack can judge their trust and grants.",
    remediationSteps: "Define the role (and its policies) in this stack, or check its trust (aud, amr) and grants by hand.",
    enforcementLevel: "advisory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        for (const [arn, { slots, urn }] of rolesByArn(args.resources)) {
            const role = findRole(args.resources, arn);
            if (!role) {
                report(`${subject(slots, arn)} is outside this stack, so its trust and grants cannot be checked.`, urn);
                continue;
            }
            for (const grant of collectGrants(args.resources, role)) {
                if (grant.kind === "external") report(`${subject(slots, role.name)}: ${grant.source} is outside this stack and cannot be checked.`, role.urn);
            }
        }
    }),
};

export const identityPoolRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [guestAccess, classicFlow, roleTrust, guestRolePrivilege, identityRolePrivilege, roleOutsideStack, roleMapping];
