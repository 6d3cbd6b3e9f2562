// Where an identity pool's roles come from: the slots of its role attachments, its role-mapping
// rules (in every shape other programs write them) and user group roles. Every identity-pool rule
// reads roles through these, so each finds the same roles the same way.
import type { PolicyResource } from "@pulumi/policy";
import { bool, list, obj, resourcesOf, text, types } from "./support";

export type Slot = "authenticated" | "unauthenticated";

/** Roles an identity pool hands out, by slot, from its role attachments. */
export function rolesInUse(resources: PolicyResource[]): { poolId: string; slot: Slot; roleArn: string; attachment: PolicyResource }[] {
    return resourcesOf({ resources }, types.roleAttachment).flatMap((attachment) => {
        const roles = (obj(attachment.props.roles) ?? {}) as Partial<Record<Slot, string>>; // Terraform 0.11: a one-element list
        return (["authenticated", "unauthenticated"] as const)
            .filter((slot) => roles[slot] !== undefined)
            .map((slot) => ({ poolId: attachment.props.identityPoolId as string, slot, roleArn: roles[slot]!, attachment }));
    });
}

export const findRole = (resources: PolicyResource[], arn: string) => resources.find((r) => r.type === types.role && r.props.arn === arn);

/** The identity pool of this id (an attachment without identityPoolId names none). */
export const identityPoolOf = (resources: PolicyResource[], poolId: unknown) => (poolId === undefined ? undefined : resources.find((r) => r.type === types.identityPool && r.props.id === poolId));

/** The role ARNs an attachment's mapping rules name (aws-native roleArn, CloudFormation RoleARN), as written. */
const mappedRoleArns = (attachment: PolicyResource): unknown[] =>
    roleMappingsOf(attachment.props.roleMappings).flatMap(({ mapping }) => mappingRulesOf(mapping).map((rule) => obj(rule)?.roleArn ?? obj(rule)?.RoleARN));

/** How messages name a user group: its name, or the resource's. */
const groupLabel = (group: PolicyResource) => `group "${text(group.props.name) ?? group.name}"`;

/** Roles an identity pool hands out beyond its attachment slots: rule-mapped roles and user group roles (both for signed-in users). */
export function mappedAndGroupRoles(resources: PolicyResource[]): { label: string; poolIds: string[]; roleArn: string; urn: string }[] {
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

/** Where an identity pool hands a role out: a slot of a role attachment, a mapping rule, a user group. */
interface RoleUse {
    readonly roleArn: unknown;
    readonly slot: string;
    /** The resource that names the role (the attachment or the group). */
    readonly urn: string;
}

/** The identity pool a guest slot belongs to, when it allows no guests (nobody is given the role), with the setting as written. */
export function guestsOff(resources: PolicyResource[], poolId: unknown): { pool: PolicyResource; shown: string } | undefined {
    const pool = identityPoolOf(resources, poolId);
    const guests = pool?.props.allowUnauthenticatedIdentities;
    // Only true (in any spelling) allows guests: unset and what makes no sense read as AWS's default, false (as cognito-guest-access reads it).
    if (pool === undefined || bool(guests) === true) return undefined;
    return { pool, shown: guests === undefined || guests === null ? "unset" : typeof guests === "string" ? guests : JSON.stringify(guests) };
}

/** Every role an identity pool can hand out: attachment slots, role-mapping rules, user groups. */
function everyRoleUse(resources: PolicyResource[]): RoleUse[] {
    const uses: RoleUse[] = [];
    for (const attachment of resources.filter((r) => r.type === types.roleAttachment)) {
        // Terraform 0.11 wrote the roles map as a one-element list.
        const roles = obj(attachment.props.roles) ?? {};
        // A guest role nobody is given (the pool allows no guests) is cognito-unused-guest-role's finding, not a live role.
        const noGuests = guestsOff(resources, attachment.props.identityPoolId) !== undefined;
        if (roles.authenticated !== undefined && roles.authenticated !== null) uses.push({ roleArn: roles.authenticated, slot: "authenticated", urn: attachment.urn });
        if (roles.unauthenticated !== undefined && roles.unauthenticated !== null && !noGuests) uses.push({ roleArn: roles.unauthenticated, slot: "guest", urn: attachment.urn });
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

/** One entry per role ARN an identity pool hands out, with every slot it fills, in the order found. */
export function rolesByArn(resources: PolicyResource[]): Map<string, { slots: string[]; urn: string }> {
    const byArn = new Map<string, { slots: string[]; urn: string }>();
    for (const use of everyRoleUse(resources)) {
        const key = typeof use.roleArn === "string" ? use.roleArn : JSON.stringify(use.roleArn);
        const entry = byArn.get(key) ?? byArn.set(key, { slots: [], urn: use.urn }).get(key)!;
        if (!entry.slots.includes(use.slot)) entry.slots.push(use.slot);
    }
    return byArn;
}

/** "The guest role x", or "The role x (authenticated, group "admins")" when it fills several slots. */
export const subject = (slots: string[], name: string) => (slots.length === 1 ? `The ${slots[0]} role ${name}` : `The role ${name} (${slots.join(", ")})`);

