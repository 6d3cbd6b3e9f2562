// Rules on the identity pool and the roles it hands out: guests, what each role may do, where the
// roles live, and how rule-based role mapping picks them. Who may assume the roles: role-trust.ts;
// the classic flow: classic-flow.ts.
import type { PolicyConfigSchema, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { classicFlow, classicFlowGuestOnly } from "./classic-flow";
import { customWrites, writesCustom } from "./custom-attributes";
import { acceptedByName, acceptedManagedPoliciesSchema, allows, awsManagedName, grantsOf as collectGrants, iamMatch, isFullWildcard, isPartialWildcard, serviceReadProblem, serviceWideProblem, type Grant, type Statement as GrantStatement } from "./grants";
import { findRole, guestsOff, mappingRulesOf, roleMappingsOf, rolesByArn, rolesInUse, subject } from "./identity-roles";
import { onAwsShapes } from "./native-shapes";
import { namesAll, reachesAccount, resourcesBeyondNamed, shownResources } from "./reach";
import { hasResourceLevel } from "./no-resource-actions";
import { roleTrust } from "./role-trust";
import { triggerRoles } from "./triggers";
import { bool, clientTypes, forTypes, identityPoolTypes, obj, resourcesOf, settingsOf, text, types, type IdentityPoolProps } from "./support";

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

/** The guest role's findings for one grant, in the words the rule has always used. */
function guestProblems(grant: Grant): string[] {
    // An AWS managed policy is made for many uses and changes without notice; a customer policy of this stack is judged by what it says.
    if (grant.kind === "unreadable") return [`has ${grant.source}, which cannot be read: ${grant.reason}`];
    if (grant.policyArn !== undefined && (grant.kind !== "statements" || awsManagedName(grant.policyArn) !== undefined)) return [`has the managed policy ${grant.policyArn} attached`];
    if (grant.kind !== "statements") return [`has ${grant.source} attached`];
    return allows(grant.statements).flatMap((statement) => {
        const problems: string[] = [];
        const wildActions = (statement.Action ?? []).filter(isFullWildcard);
        if (wildActions.length) problems.push(`allows ${wildActions.join(", ")}`);
        if (statement.NotAction) problems.push(`allows every action but ${statement.NotAction.join(", ")} (NotAction)`);
        // An action IAM cannot scope (polly:SynthesizeSpeech, cognito-identity:GetId) must name "*".
        const wide = (statement.Resource ?? []).filter(namesAll);
        if (wide.length && (statement.NotAction || (statement.Action ?? []).some(hasResourceLevel))) problems.push(`allows actions on every resource (${shownResources(wide)})`);
        problems.push(...beyondKindProblems(statement));
        return problems;
    });
}

const guestSlots = (resources: PolicyResource[]) => rolesInUse(resources).filter((u) => u.slot === "unauthenticated");

export const guestRolePrivilege: StackValidationPolicy = {
    name: "cognito-guest-role-privilege",
    description: "The guest role must name its actions and resources: no \"*\" action (or service:*) and no \"*\" resource (except for actions IAM cannot scope), and no AWS managed policies or policies outside the stack.",
    remediationSteps: "List exact actions and resource ARNs in cognito:identityPool.guest.statements.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        for (const use of guestSlots(args.resources).filter((u) => guestsOff(args.resources, u.poolId) === undefined)) {
            const role = findRole(args.resources, use.roleArn);
            if (!role) continue; // reported by cognito-role-outside-stack
            for (const grant of collectGrants(args.resources, role)) {
                for (const problem of guestProblems(grant)) report(`The guest role ${role.name} ${problem}.`, role.urn);
            }
        }
    }),
};

export const unusedGuestRole: StackValidationPolicy = {
    name: "cognito-unused-guest-role",
    description: "A guest role attached to an identity pool that allows no guests is given to nobody; it becomes a live guest role, judged by cognito-guest-role-privilege, the day guests are turned on.",
    remediationSteps: "Remove the unauthenticated role from the role attachment (and the role itself if nothing else uses it), or keep its grants to what any stranger may do.",
    enforcementLevel: "advisory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        for (const use of guestSlots(args.resources)) {
            const off = guestsOff(args.resources, use.poolId);
            if (off === undefined) continue;
            const { pool, shown } = off;
            const role = findRole(args.resources, use.roleArn);
            const problems = role === undefined ? [] : collectGrants(args.resources, role).flatMap(guestProblems);
            const then = problems.length > 0 ? `once guests are turned on it becomes a mandatory finding: it ${problems.join("; ")}` : "once guests are turned on, anyone on the internet gets it";
            report(`The guest role ${role?.name ?? use.roleArn} is an unused guest role: the identity pool ${pool.name} does not allow guests (allowUnauthenticatedIdentities is ${shown}), so nobody is given it; ${then}. Remove it from the role attachment, and the role itself if nothing else uses it.`, role?.urn ?? use.attachment.urn);
        }
    }),
};

// ---- role mappings, in the shapes other programs write them ------------------------------------

/** An enum value reduced to its letters, upper case: "starts_with" and "StartsWith" are STARTSWITH. */
const letters = (value: unknown) => text(value)?.replace(/[^a-z]/gi, "").toUpperCase();

/** Who besides the backend controls a claim: clients that let users write it, providers that map it. */
function claimWriters(resources: PolicyResource[], claim: string): string[] {
    const writers: string[] = [];
    const wanted = claim.toLowerCase();
    if (wanted.startsWith("custom:")) {
        for (const client of resources.filter((r) => clientTypes.includes(r.type))) {
            const how = writesCustom(customWrites(resources, client.props), wanted);
            if (how === "unset") writers.push(`users through client ${client.name} (writeAttributes unset: every attribute is writable)`);
            else if (how === "listed") writers.push(`users through client ${client.name} (in its writeAttributes)`);
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

const dynamoItemActions = ["GetItem", "Query", "BatchGetItem", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "Scan"].map((a) => `dynamodb:${a}`);
const s3AclActions = ["PutObjectAcl", "PutObjectVersionAcl", "PutBucketAcl", "GetObjectAcl", "GetObjectVersionAcl", "GetBucketAcl", "PutBucketPolicy", "DeleteBucketPolicy", "GetBucketPolicy", "GetBucketPolicyStatus"].map((a) => `s3:${a}`);

/** The listed actions a statement's actions cover (named or through a partial wildcard; full wildcards are reported as such). */
const covered = (actions: string[], list: string[]) => list.filter((known) => actions.some((a) => !isFullWildcard(a) && iamMatch(a, known)));

const hasConditionKey = (statement: GrantStatement, key: string) => Object.values(statement.Condition ?? {}).some((operator) => Object.keys(operator).some((k) => k.toLowerCase() === key.toLowerCase()));

/**
 * Calls of services holding data, code or rights on every resource of a kind ("secret:*", "table*",
 * "role*"); patterns as wide as "*" are said by the "*" finding.
 */
function beyondKindProblems(statement: GrantStatement): string[] {
    const narrower = (statement.Resource ?? []).filter((r) => !namesAll(r));
    const reaching = (statement.Action ?? []).filter(reachesAccount).map((action) => ({ action, reached: resourcesBeyondNamed(action, narrower) })).filter((r) => r.reached.length > 0);
    const reached = [...new Set(reaching.flatMap((r) => r.reached))];
    return reaching.length ? [`allows ${reaching.map((r) => r.action).join(", ")} on every resource of a kind (${shownResources(reached)})`] : [];
}

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
    // "*", and patterns as wide ("arn:*", "arn:aws:s3:::*/*"); every resource of a type ("secret:*") for data, code and rights calls.
    const wide = (statement.Resource ?? []).filter(namesAll);
    if (wide.length) {
        // Actions IAM cannot scope to a resource must name "*" (no-resource-actions.ts); the allow-list adds the stage's own.
        const outside = statement.NotAction ? ["every action but " + statement.NotAction.join(", ")] : actions.filter((a) => hasResourceLevel(a) && !allowStarResourceActions.some((allowed) => iamMatch(allowed, a)));
        if (outside.length) problems.push(`allows ${outside.join(", ")} on every resource (${shownResources(wide)})`);
    }
    problems.push(...beyondKindProblems(statement));
    const dynamo = covered(actions, dynamoItemActions);
    const keyed = dynamo.filter((a) => a !== "dynamodb:Scan");
    if (keyed.length && !hasConditionKey(statement, "dynamodb:LeadingKeys")) problems.push(`allows ${keyed.join(", ")} without a dynamodb:LeadingKeys condition`);
    if (dynamo.includes("dynamodb:Scan")) problems.push("allows dynamodb:Scan, which reads every item of a table");
    const acl = covered(actions, s3AclActions);
    if (acl.length) problems.push(`allows the S3 ACL or bucket-policy action(s) ${acl.join(", ")}`);
    return problems;
}

/** Beyond the actions IAM cannot scope (no-resource-actions.ts): Pinpoint events, scoped to an app yet sent to "*" by most SDK setups. */
const defaultStarResourceActions = ["mobiletargeting:PutEvents"];

const identityRoleSchema: PolicyConfigSchema = {
    properties: {
        allowStarResourceActions: {
            type: "array", items: { type: "string" }, default: defaultStarResourceActions,
            description: "Actions a role handed out by an identity pool may allow on every resource (\"*\"); IAM wildcards allowed, case-insensitive.",
        },
        allowAwsManagedPolicies: acceptedManagedPoliciesSchema,
    },
};

export const identityRolePrivilege: StackValidationPolicy = {
    name: "cognito-identity-role-privilege",
    description: "Every role an identity pool can hand out (authenticated, guest, rule-mapped, group roles) must grant least privilege: no wildcard or NotAction, no \"*\" resource beyond a short allow-list, DynamoDB item access only under dynamodb:LeadingKeys and never Scan, no S3 ACL or bucket-policy actions.",
    remediationSteps: "Name exact actions and resource ARNs in the role's policies; scope DynamoDB item access with a dynamodb:LeadingKeys condition on ${cognito-identity.amazonaws.com:sub}; keep roles the pack must judge in this stack.",
    enforcementLevel: "mandatory",
    configSchema: identityRoleSchema,
    validateStack: onAwsShapes((args, report) => {
        const { allowStarResourceActions, allowAwsManagedPolicies } = settingsOf<{ allowStarResourceActions: string[]; allowAwsManagedPolicies: string[] }>(args, identityRoleSchema);
        const allowList = Array.isArray(allowStarResourceActions) ? allowStarResourceActions.filter((a) => typeof a === "string") : defaultStarResourceActions;
        for (const [arn, { slots }] of rolesByArn(args.resources)) {
            const role = findRole(args.resources, arn);
            if (!role) continue; // see cognito-role-outside-stack
            const who = subject(slots, role.name);
            for (const grant of collectGrants(args.resources, role)) {
                if (grant.kind === "unreadable") report(`${who}: ${grant.source} cannot be read (${grant.reason}); check it by hand.`, role.urn);
                else if (grant.kind === "external") continue; // see cognito-role-outside-stack
                else if (grant.kind === "serviceWide") report(`${who}: ${grant.source} ${serviceWideProblem(grant.by)}.`, role.urn);
                else if (acceptedByName(grant, allowAwsManagedPolicies)) continue;
                else if (grant.kind === "serviceRead") report(`${who}: ${grant.source} ${serviceReadProblem}.`, role.urn);
                // Fail closed: an AWS managed policy names no resource of this stack, and its actions are not known here.
                else if (grant.kind === "awsManaged") report(`${who}: ${grant.source} is not one this pack knows; AWS managed policies grant on every resource ("*"), so it is refused until judged: use a policy of this stack naming the role's own resources, or accept it by name (allowAwsManagedPolicies).`, role.urn);
                else for (const statement of allows(grant.statements)) {
                    for (const problem of statementProblems(statement, allowList)) report(`${who}: ${grant.source} ${problem}.`, role.urn);
                }
            }
        }
    }),
};

/**
 * Roles, and policies of roles, that live outside the stack: nothing is known to be wrong with
 * them, but no rule can judge their trust or grants. Advice, so that a role shared with other
 * stacks does not block a deploy while still being named. Trigger roles too: a customer policy of
 * another stack on a function that reads anonymous input (an unknown AWS managed policy there is
 * cognito-trigger-role-privilege's refusal).
 */
export const roleOutsideStack: StackValidationPolicy = {
    name: "cognito-role-outside-stack",
    description: "Roles an identity pool hands out, and the customer managed policies they and the triggers' roles carry, should be in the stack, where the pack can judge their trust and grants.",
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
        for (const [role, uses] of triggerRoles(args.resources)) {
            for (const grant of collectGrants(args.resources, role)) {
                if (grant.kind === "external") report(`The trigger role ${role.name} (${uses.join(", ")}): ${grant.source} is outside this stack and cannot be checked.`, role.urn);
            }
        }
    }),
};

export const identityPoolRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [guestAccess, classicFlow, classicFlowGuestOnly, roleTrust, guestRolePrivilege, unusedGuestRole, identityRolePrivilege, roleOutsideStack, roleMapping];
