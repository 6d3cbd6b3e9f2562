// The identity pool's classic (basic) flow: a client exchanges the pool's token for any role whose
// trust names the pool, picking the role itself. Refused, except in the one shape where there is
// nothing to pick: a guest-only pool (no sign-in provider) whose only role may call one narrow
// action, which is how CloudWatch RUM's console sets up a web monitor. That one is advice.
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { allows, grantsOf, parseDocument } from "./grants";
import { findRole, mappedAndGroupRoles, rolesInUse } from "./identity-roles";
import { onAwsShapes } from "./native-shapes";
import { trustsIdentityPool } from "./role-trust";
import { bool, firstSet, list, obj, resourcesOf, strings, text, types } from "./support";

type Props = Record<string, unknown>;

/** Whether any sign-in provider feeds the pool (users, social, OIDC, SAML, developer identities): then it is not guest-only. */
function hasSignInProvider(pool: Props): boolean {
    const logins = pool.supportedLoginProviders;
    return list(pool.cognitoIdentityProviders).length > 0
        || Object.keys(obj(logins) ?? {}).length > 0 || (typeof logins === "string" && !["", "{}"].includes(logins.trim()))
        || strings(firstSet(pool, "openidConnectProviderArns", "openIdConnectProviderArns")).length > 0
        || strings(pool.samlProviderArns).length > 0
        || text(pool.developerProviderName) !== undefined;
}

/** Every role ARN a client of this pool could obtain: the attachment's slots and mappings, and any role whose trust lets the pool's users in (an aud matching it, or none). */
function reachableRoles(resources: PolicyResource[], poolId: string): Set<string> {
    const arns = new Set<string>();
    for (const use of rolesInUse(resources)) if (use.poolId === poolId) arns.add(String(use.roleArn));
    for (const use of mappedAndGroupRoles(resources)) if (use.poolIds.includes(poolId)) arns.add(use.roleArn);
    for (const role of resourcesOf({ resources }, types.role)) {
        const trust = parseDocument(role.props.assumeRolePolicy);
        if (!("unreadable" in trust) && trustsIdentityPool(trust.statements, poolId)) arns.add(String(role.props.arn));
    }
    return arns;
}

/**
 * The one action a role may call, when that is all it may do (one named action, no wildcard, no
 * NotAction); else undefined. Where it may call it (a "*" resource) is the privilege rules' business:
 * with one action there is no role for a client to pick.
 */
function oneNarrowAction(resources: PolicyResource[], role: PolicyResource): string | undefined {
    const grants = grantsOf(resources, role);
    if (grants.some((g) => g.kind !== "statements")) return undefined;
    const statements = grants.flatMap((g) => (g.kind === "statements" ? allows(g.statements) : []));
    if (statements.some((s) => s.NotAction || s.NotResource)) return undefined;
    const actions = [...new Set(statements.flatMap((s) => s.Action ?? []))];
    return actions.length === 1 && !/[*?]/.test(actions[0]) ? actions[0] : undefined;
}

/** Identity pools with the classic flow on, each with the narrow guest-only shape when it has it. */
function classicFlowPools(resources: PolicyResource[]): { pool: PolicyResource; narrow?: { role: string; action: string } }[] {
    return resourcesOf({ resources }, types.identityPool).filter((p) => bool(p.props.allowClassicFlow) === true).map((pool) => {
        const props = pool.props as Props;
        const id = text(props.id);
        if (id === undefined || bool(props.allowUnauthenticatedIdentities) !== true || hasSignInProvider(props)) return { pool };
        const arns = [...reachableRoles(resources, id)];
        const role = arns.length === 1 ? findRole(resources, arns[0]) : undefined;
        const action = role === undefined ? undefined : oneNarrowAction(resources, role);
        return { pool, narrow: role && action ? { role: role.name, action } : undefined };
    });
}

export const classicFlow: StackValidationPolicy = {
    name: "cognito-classic-flow",
    description: "Identity pools must not allow the classic (basic) flow, which lets clients pick any role the pool may assume (a guest-only pool whose one role may call one narrow action is cognito-classic-flow-guest-only's advice).",
    remediationSteps: "Set allowClassicFlow to false (this project's IdentityPool always does).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        for (const { pool, narrow } of classicFlowPools(args.resources)) if (!narrow) report("The classic flow is allowed.", pool.urn);
    }),
};

export const classicFlowGuestOnly: StackValidationPolicy = {
    name: "cognito-classic-flow-guest-only",
    description: "The classic flow on a guest-only identity pool whose only role may call one narrow action (CloudWatch RUM's setup) hands out nothing a client could pick; the enhanced flow is still preferred.",
    remediationSteps: "Turn allowClassicFlow off and use the enhanced flow (GetId, then GetCredentialsForIdentity).",
    enforcementLevel: "advisory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        for (const { pool, narrow } of classicFlowPools(args.resources)) {
            if (narrow) report(`The classic flow is allowed on the guest-only identity pool ${pool.name}, whose only role ${narrow.role} may call ${narrow.action} alone; prefer the enhanced flow and turn the classic flow off.`, pool.urn);
        }
    }),
};
