// The AWS credentials part of the trust map: each identity pool, the clients whose users it trusts,
// the role each kind of user gets (signed in, guests, a role-mapping rule, a group's preferred
// role) and what each role may do. The role attachment's mappings decide who still gets the
// authenticated role: a mapping applies to one client, and one that denies when it picks no role
// leaves that client's users without it.
import type { PolicyResource } from "@pulumi/policy";
import { mappingRulesOf, roleMappingsOf } from "../../policy/rules/identity-roles";
import { awsTypes } from "../../policy/rules/type-tokens";
import { bool, enumValue, identityPoolTypes, list, obj, text } from "../../policy/rules/support";
import { grantSummary } from "./grant-summary";
import type { Draft, MapBuilder } from "./map-model";
import { arnName, awsName, type StackView } from "./stack-view";

/** A client drawn on the map, with the id an identity pool names it by. */
export interface DrawnClient {
    readonly id?: string;
    readonly node: Draft;
}

/** The role of this ARN: drawn once, with what it may do when the stack holds it. */
function roleNode(map: MapBuilder, view: StackView, arn: string): Draft {
    const role = view.ofTypes([awsTypes.role]).find((r) => r.props.arn === arn);
    const name = role ? awsName(role) : arnName(arn);
    const existing = map.nodes.get(`role:${name}`);
    if (existing) return existing;
    if (!role) return map.node("role", name, `role ${name}`, { lines: ["outside this stack: its grants are not known here"], facts: [`role ${arn}`] });
    const summary = grantSummary(view.resources, role);
    return map.node("role", name, `role ${name}`, { lines: [...summary.lines, ...summary.unknown.map((u) => `? ${u}`)], facts: [...summary.facts, ...summary.unknown], urns: [role.urn] });
}

interface Mapping {
    readonly type: "TOKEN" | "RULES";
    /** The client the mapping applies to (the part of its provider after the pool). */
    readonly clientId?: string;
    /** Whether a user it gives no role still gets the authenticated role. */
    readonly fallsBack: boolean;
    readonly rules: Record<string, unknown>[];
}

function mappingsOf(attachment: PolicyResource | undefined): Mapping[] {
    if (!attachment) return [];
    return roleMappingsOf(attachment.props.roleMappings).map(({ mapping }) => {
        const rules = mappingRulesOf(mapping).map((r) => obj(r) ?? {});
        return {
            type: enumValue(mapping.type) === "TOKEN" || (enumValue(mapping.type) === undefined && rules.length === 0) ? "TOKEN" : "RULES",
            clientId: text(mapping.identityProvider)?.split(":").pop(),
            fallsBack: enumValue(mapping.ambiguousRoleResolution)?.replace(/[^A-Z]/g, "") === "AUTHENTICATEDROLE",
            rules,
        };
    });
}

const ruleText = (rule: Record<string, unknown>) => `${text(rule.claim) ?? text(rule.Claim) ?? "?"} ${text(rule.matchType) ?? text(rule.MatchType) ?? "Equals"} ${text(rule.value) ?? text(rule.Value) ?? "?"}`;

/** Draws every identity pool; says whether any hands group roles out through tokens. */
export function drawIdentityPools(map: MapBuilder, view: StackView, clients: readonly DrawnClient[]): { tokenMapping: boolean } {
    const attachments = view.ofTypes([awsTypes.roleAttachment]);
    let tokenMapping = false;
    for (const pool of view.ofTypes(identityPoolTypes)) {
        const props = pool.props;
        const guests = bool(props.allowUnauthenticatedIdentities) === true;
        const classic = bool(props.allowClassicFlow) === true;
        const id = text(props.id);
        const attachment = attachments.find((a) => id !== undefined && text(a.props.identityPoolId) === id);
        const mappings = mappingsOf(attachment);
        tokenMapping ||= mappings.some((m) => m.type === "TOKEN");
        const logins = Object.keys(obj(props.supportedLoginProviders) ?? {});
        const clientIds = list(props.cognitoIdentityProviders).map((entry) => text(obj(entry)?.clientId)).filter((c): c is string => c !== undefined);
        // Users of a client no mapping covers, or whose mapping falls back, get the authenticated role.
        const fallback = clientIds.filter((c) => mappings.every((m) => m.clientId !== c) || mappings.some((m) => m.clientId === c && m.fallsBack));
        const node = map.node("identityPool", pool.name, `Identity pool ${awsName(pool, "identityPoolName")}`, {
            lines: [
                guests ? "guests get credentials" : "no guests",
                ...(classic ? ["classic flow: clients pick any role"] : []),
                ...(mappings.some((m) => m.type === "TOKEN") ? ["group roles from tokens (cognito:preferred_role)"] : []),
                ...(mappings.some((m) => m.type === "RULES") ? ["roles from rules on claims"] : []),
                ...(mappings.length > 0 && fallback.length < clientIds.length ? ["no role picked: denied"] : []),
                ...logins.map((l) => `also trusts ${l} directly`),
            ],
            facts: [...(guests ? ["guests get credentials"] : []), ...(classic ? ["classic flow"] : []), ...logins.map((l) => `trusts ${l}`)],
            urns: [pool.urn],
            parts: attachment ? [{ urn: attachment.urn, what: "role attachment" }] : [],
        });
        for (const clientId of clientIds) {
            const client = clients.find((c) => c.id === clientId)?.node ?? map.node("client", clientId, `client ${clientId}`, { lines: ["not in this stack"] });
            map.edge(client, node, "AWS credentials");
        }
        const roles = obj(attachment?.props.roles) ?? {};
        const signedIn = text(roles.authenticated);
        if (signedIn && (fallback.length > 0 || logins.length > 0)) map.edge(node, roleNode(map, view, signedIn), mappings.length ? "signed-in users without a mapped role" : "signed-in users");
        const guestRole = text(roles.unauthenticated);
        if (guests) {
            map.edge(map.node("guests", pool.name, "Signed-out visitors", { lines: ["anyone on the internet"] }), node, "guest credentials");
            if (guestRole) map.edge(node, roleNode(map, view, guestRole), "guests");
        }
        for (const rule of mappings.flatMap((m) => m.rules)) {
            const arn = text(rule.roleArn) ?? text(rule.RoleARN);
            if (arn) map.edge(node, roleNode(map, view, arn), ruleText(rule));
        }
    }
    // A group's role reaches its members only through a token role mapping.
    for (const group of view.ofTypes([awsTypes.group])) {
        const arn = text(group.props.roleArn);
        const node = map.nodes.get(`group:${awsName(group)}`);
        if (arn && node) map.edge(node, roleNode(map, view, arn), tokenMapping ? "preferred role" : "role unused: no token role mapping", tokenMapping ? "access" : "context");
    }
    return { tokenMapping };
}
