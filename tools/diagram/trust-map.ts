// The stack's trust map, from its planned resources (the ones the policy pack reads): who signs in
// through which identity provider to which app client, which clients are gated to which groups,
// which clients and groups reach which identity-pool role and what that role may do, whether guests
// get one, which triggers run on the pool, and the hosted sign-in domain. Each node carries the
// facts whose appearance would give someone more (a flow, a callback, a grant), so that two maps
// can say what a change widens, and the plan's warnings on the element they concern.
import type { PolicyResource } from "@pulumi/policy";
import type { PlannedResource } from "../harness/run-program";
import { identityProviderName } from "../../components/identity-providers/settings";
import { roleMappingsOf, mappingRulesOf } from "../../policy/rules/identity-pool";
import { awsTypes } from "../../policy/rules/type-tokens";
import { bool, clientTypes, enumValue, field, hasSecret, identityPoolTypes, list, mfaFactorsOf, mfaModeOf, num, obj, poolIdOf, strings, text, userPoolTypes } from "../../policy/rules/support";
import { signInOf } from "../print-plan";
import { grantSummary } from "./grant-summary";
import { poolTriggers, settingsLines, slotTitle, triggerDecisions, triggerFacts, type TriggerDecisions } from "./triggers";
import { arnName, awsName, stackView, type StackView } from "./stack-view";
import { placeWarning, type PlacedWarning, type StackLists, type WarningTarget } from "./warnings";

export type NodeKind = "pool" | "trigger" | "domain" | "provider" | "client" | "group" | "identityPool" | "guests" | "role";

export interface MapNode {
    /** Stable across two plans of one stack: kind and name ("client:web"). */
    readonly key: string;
    readonly kind: NodeKind;
    readonly title: string;
    readonly lines: readonly string[];
    /** What, newly present, gives someone more: a change that adds one widens. */
    readonly facts: readonly string[];
    /** The plan's warnings about this element, in a few words. */
    readonly warnings: readonly string[];
    /** The resources the node stands for (a change that replaces one replaces the node). */
    readonly urns: readonly string[];
}

export interface MapEdge {
    readonly from: string;
    readonly to: string;
    readonly label: string;
    /** access: a way in or a grant (a new one widens); context: where things are (a sign-in page). */
    readonly kind: "access" | "context";
}

export interface TrustMap {
    readonly stack: string;
    readonly nodes: readonly MapNode[];
    readonly edges: readonly MapEdge[];
    /** Warnings with nothing drawn to carry them (a stack without a user pool). */
    readonly unplaced: readonly string[];
}

/** What the map is drawn from: a plan (tools/harness/run-stack.ts) has all of it. */
export interface MapSource {
    readonly stack: string;
    readonly region?: string;
    readonly resources: readonly PlannedResource[];
    readonly warnings: readonly string[];
    /** The checked stack config, to name what a warning's index points at; read loosely (a base ref's may be older). */
    readonly config?: unknown;
}

/** The pool's own users: the provider name clients use for them. */
const cognitoProvider = "COGNITO";
const standardScopes = ["openid", "email", "profile", "phone"];
const authFlowNames: Readonly<Record<string, string>> = {
    ALLOW_USER_SRP_AUTH: "SRP", ALLOW_REFRESH_TOKEN_AUTH: "refresh", ALLOW_USER_PASSWORD_AUTH: "password sent", ALLOW_ADMIN_USER_PASSWORD_AUTH: "admin password",
    ALLOW_USER_AUTH: "choice-based", ALLOW_CUSTOM_AUTH: "custom auth", USER_PASSWORD_AUTH: "password sent", ADMIN_NO_SRP_AUTH: "admin password", CUSTOM_AUTH_FLOW_ONLY: "custom auth",
};
/** Auth flows a person signs in with (refresh only continues a session). */
const userAuthFlows = Object.keys(authFlowNames).filter((f) => f !== "ALLOW_REFRESH_TOKEN_AUTH");
const oauthFlowNames: Readonly<Record<string, string>> = { code: "code flow", implicit: "implicit grant", client_credentials: "client credentials" };

interface Draft {
    key: string;
    kind: NodeKind;
    title: string;
    lines: string[];
    facts: string[];
    warnings: string[];
    urns: string[];
}

class MapBuilder {
    readonly nodes = new Map<string, Draft>();
    readonly edges: MapEdge[] = [];

    node(kind: NodeKind, name: string, title: string, init: Partial<Omit<Draft, "key" | "kind" | "title">> = {}): Draft {
        const key = `${kind}:${name}`;
        const existing = this.nodes.get(key);
        if (existing) {
            existing.lines.push(...(init.lines ?? []).filter((l) => !existing.lines.includes(l)));
            existing.facts.push(...(init.facts ?? []));
            existing.urns.push(...(init.urns ?? []));
            return existing;
        }
        const draft = { key, kind, title, lines: [...(init.lines ?? [])], facts: [...(init.facts ?? [])], warnings: [], urns: [...(init.urns ?? [])] };
        this.nodes.set(key, draft);
        return draft;
    }

    edge(from: Draft, to: Draft, label: string, kind: MapEdge["kind"] = "access"): void {
        if (!this.edges.some((e) => e.from === from.key && e.to === to.key && e.label === label)) this.edges.push({ from: from.key, to: to.key, label, kind });
    }
}

export function trustMap(source: MapSource): TrustMap {
    const view = stackView(source.resources);
    const map = new MapBuilder();
    const functions = view.ofTypes([awsTypes.lambdaFunction]);
    const pools = view.ofTypes(userPoolTypes);
    const triggers = pools.flatMap((pool) => poolTriggers(pool, functions).map((t) => ({ pool, trigger: t })));
    const decisions = triggerDecisions(triggers.map((t) => t.trigger));

    for (const pool of pools) drawPool(map, view, pool, triggers.filter((t) => t.pool === pool).map((t) => t.trigger));
    const region = source.region ?? poolIdOf(pools[0]?.props ?? {})?.split("_")[0];
    for (const domain of view.ofTypes([awsTypes.domain])) drawDomain(map, domain, region);
    for (const provider of view.ofTypes([awsTypes.identityProvider])) drawProvider(map, provider, decisions);
    const clients = view.ofTypes(clientTypes).map((client) => drawClient(map, client, decisions));
    for (const group of view.ofTypes([awsTypes.group])) drawGroup(map, group, decisions);
    drawGates(map, decisions);
    drawIdentityPools(map, view, clients);

    const unplaced = placeWarnings(map, source.warnings, stackLists(source.config), view);
    return { stack: source.stack, nodes: [...map.nodes.values()].sort(compareNodes), edges: [...map.edges].sort(byEdge), unplaced };
}

const kindOrder: readonly NodeKind[] = ["pool", "trigger", "domain", "provider", "client", "group", "identityPool", "guests", "role"];

/** Nodes by kind, the pool's own users first among providers, then by title: the same stack draws the same text. */
export function compareNodes(a: Pick<MapNode, "kind" | "key" | "title">, b: Pick<MapNode, "kind" | "key" | "title">): number {
    const own = (n: Pick<MapNode, "key">) => Number(n.key === `provider:${cognitoProvider}`);
    return kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || own(b) - own(a) || a.title.localeCompare(b.title) || a.key.localeCompare(b.key);
}

const byEdge = (a: MapEdge, b: MapEdge) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.label.localeCompare(b.label);

function drawPool(map: MapBuilder, view: StackView, pool: PolicyResource, triggers: ReturnType<typeof poolTriggers>): void {
    const props = pool.props;
    const options = view.planned(pool)?.options;
    const mfa = mfaModeOf(props);
    const factors = mfaFactorsOf(props);
    const factorNames = [factors.totp && "TOTP", factors.sms && "SMS", factors.email && "email"].filter(Boolean);
    const selfSignUp = bool(field(props, "adminCreateUserConfig", "allowAdminCreateUserOnly")) !== true;
    const kept = [options?.protect && "protect", options?.retainOnDelete && "retainOnDelete", enumValue(props.deletionProtection) === "ACTIVE" && "deletion protection"].filter(Boolean);
    const name = awsName(pool);
    map.node("pool", pool.name, `User pool ${name}`, {
        lines: [
            `sign-in: ${signInOf(props)}`,
            `MFA ${mfa}${mfa !== "OFF" && factorNames.length ? ` (${factorNames.join(", ")})` : ""}`,
            selfSignUp ? "anyone may sign up" : "only administrators create users",
            kept.length ? `kept by ${kept.join(", ")}` : "not protected from deletion",
        ],
        facts: [...(selfSignUp ? ["anyone may sign up"] : []), ...(mfa !== "ON" ? [`MFA ${mfa}`] : [])],
        urns: [pool.urn],
    });
    map.node("provider", cognitoProvider, cognitoProvider, { lines: [`own users of ${name}`] });
    for (const trigger of triggers) {
        const version = trigger.version ? ` (${trigger.version.replace(/_0$/, "")})` : "";
        const lines = settingsLines(trigger);
        map.node("trigger", trigger.slot, `${slotTitle(trigger.slot)}${version}`, {
            lines: lines.length ? lines : [trigger.resource ? `function ${trigger.functionName}` : `function ${trigger.functionName}, outside this stack`],
            facts: triggerFacts(trigger),
            urns: trigger.resource ? [trigger.resource.urn] : [],
        });
    }
}

function drawDomain(map: MapBuilder, domain: PolicyResource, region: string | undefined): void {
    const name = text(domain.props.domain) ?? domain.name;
    const custom = name.includes(".");
    const host = custom ? name : `${name}.auth.${region ?? "<region>"}.amazoncognito.com`;
    const version = num(domain.props.managedLoginVersion);
    map.node("domain", name, "Hosted sign-in", {
        lines: [`https://${host}/login`, `${custom ? "custom domain" : "prefix domain"}${version === 2 ? ", managed login" : version === 1 ? ", classic hosted UI" : ""}`],
        urns: [domain.urn],
    });
}

function drawProvider(map: MapBuilder, provider: PolicyResource, decisions: TriggerDecisions): void {
    const name = awsName(provider, "providerName");
    const type = text(provider.props.providerType) ?? "";
    const details = obj(provider.props.providerDetails) ?? {};
    const issuer = text(details.oidc_issuer) ?? text(details.MetadataURL);
    const links = decisions.linkingProviders.includes(name);
    const protectedNote = decisions.protectedGroups.length ? ` (never ${decisions.protectedGroups.join(", ")})` : "";
    const node = map.node("provider", name, name, {
        lines: [...(type && type !== name ? [type] : []), ...(issuer ? [issuer] : []), ...(links ? [`links sign-ups into native accounts${protectedNote}`] : [])],
        facts: links ? ["links sign-ups into native accounts"] : [],
        urns: [provider.urn],
    });
    if (links) map.edge(node, map.node("provider", cognitoProvider, cognitoProvider), "joins accounts with its verified address");
}

interface DrawnClient {
    readonly id?: string;
    readonly node: Draft;
}

function drawClient(map: MapBuilder, client: PolicyResource, decisions: TriggerDecisions): DrawnClient {
    const props = client.props;
    const name = awsName(client);
    const oauth = strings(props.allowedOauthFlows);
    const auth = strings(props.explicitAuthFlows).map((f) => f.toUpperCase());
    const scopes = strings(props.allowedOauthScopes).filter((s) => !standardScopes.includes(s));
    const callbacks = strings(props.callbackUrls);
    const gate = decisions.requiredGroups.get(name);
    const forPeople = auth.some((f) => userAuthFlows.includes(f)) || oauth.some((f) => f !== "client_credentials");
    const flows = [...oauth.map((f) => oauthFlowNames[f] ?? f), ...auth.map((f) => authFlowNames[f] ?? f)];
    const node = map.node("client", name, `client ${name}`, {
        lines: [
            [...flows, hasSecret(props) ? "secret" : "no secret"].join(" · "),
            ...(scopes.length ? [`scopes: ${scopes.join(", ")}`] : []),
            ...callbacks.slice(0, 3).map((url) => `returns to ${url}`),
            ...(callbacks.length > 3 ? [`and ${callbacks.length - 3} more callback URLs`] : []),
            ...(forPeople ? [gate ? `only members of ${gate.join(", ")}` : "any user of the pool"] : []),
        ],
        facts: [
            ...flows.map((f) => `flow ${f}`),
            ...scopes.map((s) => `scope ${s}`),
            ...callbacks.map((url) => `returns to ${url}`),
            ...(forPeople ? (gate ? gate.map((g) => `members of ${g}`) : ["any user of the pool"]) : []),
        ],
        urns: [client.urn],
    });
    const providers = strings(props.supportedIdentityProviders);
    for (const provider of providers) {
        const from = map.nodes.get(`provider:${provider}`) ?? map.node("provider", provider, provider, { lines: ["not in this stack"] });
        map.edge(from, node, "");
    }
    if (!providers.includes(cognitoProvider) && auth.some((f) => userAuthFlows.includes(f))) map.edge(map.node("provider", cognitoProvider, cognitoProvider), node, "");
    const domain = [...map.nodes.values()].find((n) => n.kind === "domain");
    if (domain && oauth.some((f) => f === "code" || f === "implicit")) map.edge(domain, node, "sign-in page", "context");
    return { id: text(props.id) ?? text(props.clientId), node };
}

function drawGroup(map: MapBuilder, group: PolicyResource, decisions: TriggerDecisions): void {
    const name = awsName(group);
    const precedence = num(group.props.precedence);
    map.node("group", name, `group ${name}`, {
        lines: [
            ...(precedence !== undefined ? [`precedence ${precedence}`] : []),
            ...(decisions.protectedGroups.includes(name) ? ["never linked to a provider"] : []),
            ...(decisions.defaultGroup === name ? ["every new user joins"] : []),
        ],
        urns: [group.urn],
    });
}

function drawGates(map: MapBuilder, decisions: TriggerDecisions): void {
    for (const [clientName, groups] of decisions.requiredGroups) {
        const client = map.nodes.get(`client:${clientName}`);
        if (!client) continue;
        for (const group of groups) map.edge(client, map.nodes.get(`group:${group}`) ?? map.node("group", group, `group ${group}`, { lines: ["not in this stack"] }), "only members");
    }
}

function roleNode(map: MapBuilder, view: StackView, arn: string): Draft {
    const role = view.ofTypes([awsTypes.role]).find((r) => r.props.arn === arn);
    const name = role ? awsName(role) : arnName(arn);
    const key = `role:${name}`;
    if (map.nodes.has(key)) return map.nodes.get(key)!;
    if (!role) return map.node("role", name, `role ${name}`, { lines: ["outside this stack: its grants are not known here"], facts: [`role ${arn}`] });
    const summary = grantSummary(view.resources, role);
    return map.node("role", name, `role ${name}`, { lines: [...summary.lines, ...summary.unknown.map((u) => `? ${u}`)], facts: [...summary.facts, ...summary.unknown], urns: [role.urn] });
}

function drawIdentityPools(map: MapBuilder, view: StackView, clients: readonly DrawnClient[]): void {
    const attachments = view.ofTypes([awsTypes.roleAttachment]);
    let tokenMapping = false;
    for (const pool of view.ofTypes(identityPoolTypes)) {
        const props = pool.props;
        const guests = bool(props.allowUnauthenticatedIdentities) === true;
        const classic = bool(props.allowClassicFlow) === true;
        const id = text(props.id);
        const attachment = attachments.find((a) => id !== undefined && text(a.props.identityPoolId) === id);
        const mappings = attachment ? roleMappingsOf(attachment.props.roleMappings) : [];
        const mappingTypes = [...new Set(mappings.map(({ mapping }) => enumValue(mapping.type) ?? (mappingRulesOf(mapping).length ? "RULES" : "TOKEN")))];
        tokenMapping ||= mappingTypes.includes("TOKEN");
        const logins = Object.keys(obj(props.supportedLoginProviders) ?? {});
        const node = map.node("identityPool", pool.name, `Identity pool ${awsName(pool, "identityPoolName")}`, {
            lines: [
                guests ? "guests get credentials" : "no guests",
                ...(classic ? ["classic flow: clients pick any role"] : []),
                ...(mappingTypes.includes("TOKEN") ? ["group roles from tokens (cognito:preferred_role)"] : []),
                ...(mappingTypes.includes("RULES") ? ["roles from rules on claims"] : []),
                ...logins.map((l) => `also trusts ${l} directly`),
            ],
            facts: [...(guests ? ["guests get credentials"] : []), ...(classic ? ["classic flow"] : []), ...logins.map((l) => `trusts ${l}`)],
            urns: [pool.urn, ...(attachment ? [attachment.urn] : [])],
        });
        for (const entry of list(props.cognitoIdentityProviders)) {
            const clientId = text(obj(entry)?.clientId);
            const client = clients.find((c) => c.id !== undefined && c.id === clientId)?.node ?? (clientId ? map.node("client", clientId, `client ${clientId}`, { lines: ["not in this stack"] }) : undefined);
            if (client) map.edge(client, node, "AWS credentials");
        }
        const roles = obj(attachment?.props.roles) ?? {};
        const signedIn = text(roles.authenticated);
        if (signedIn) map.edge(node, roleNode(map, view, signedIn), "signed-in users");
        const guestRole = text(roles.unauthenticated);
        if (guests) {
            const visitors = map.node("guests", pool.name, "Signed-out visitors", { lines: ["anyone on the internet"] });
            map.edge(visitors, node, "guest credentials");
            if (guestRole) map.edge(node, roleNode(map, view, guestRole), "guests");
        }
        for (const { mapping } of mappings) {
            const ambiguous = text(mapping.ambiguousRoleResolution);
            mappingRulesOf(mapping).forEach((raw) => {
                const rule = obj(raw) ?? {};
                const arn = text(rule.roleArn) ?? text(rule.RoleARN);
                if (arn) map.edge(node, roleNode(map, view, arn), `${text(rule.claim) ?? text(rule.Claim)} ${text(rule.matchType) ?? text(rule.MatchType) ?? "Equals"} ${text(rule.value) ?? text(rule.Value)}`);
            });
            if (ambiguous && enumValue(ambiguous) === "AUTHENTICATEDROLE" && signedIn && mappingRulesOf(mapping).length) map.edge(node, roleNode(map, view, signedIn), "no rule matches");
        }
    }
    // A group's role reaches its members only through a token role mapping.
    for (const group of view.ofTypes([awsTypes.group])) {
        const arn = text(group.props.roleArn);
        const node = map.nodes.get(`group:${awsName(group)}`);
        if (arn && node) map.edge(node, roleNode(map, view, arn), tokenMapping ? "preferred role" : "role unused: no token role mapping", tokenMapping ? "access" : "context");
    }
}

/** The names a warning's index points at, read loosely from the stack config. */
function stackLists(config: unknown): StackLists {
    const c = obj(config) ?? {};
    const names = (items: unknown, name: (item: Record<string, unknown>) => string | undefined) => list(items).map((i) => name(obj(i) ?? {}) ?? "");
    return {
        clients: names(c.clients, (i) => text(i.name)),
        providers: names(c.identityProviders, (i) => {
            try {
                return identityProviderName(i as never);
            } catch {
                return text(i.name);
            }
        }),
        groups: names(field(c, "userPool", "groups"), (i) => text(i.name)),
    };
}

function placeWarnings(map: MapBuilder, warnings: readonly string[], lists: StackLists, view: StackView): string[] {
    const nodes = [...map.nodes.values()];
    const pool = nodes.find((n) => n.kind === "pool");
    const unplaced: string[] = [];
    const find = (target: WarningTarget): Draft | undefined => {
        switch (target.kind) {
            case "client": case "provider": case "group": case "trigger":
                return map.nodes.get(`${target.kind}:${target.name}`);
            case "resource": {
                const urns = view.resources.filter((r) => r.name === target.name).map((r) => r.urn);
                return nodes.find((n) => n.urns.some((u) => urns.includes(u)));
            }
            case "role": {
                const identityPool = nodes.find((n) => n.kind === "identityPool");
                const edge = map.edges.find((e) => e.from === identityPool?.key && e.label === (target.slot === "guest" ? "guests" : "signed-in users"));
                return edge && map.nodes.get(edge.to);
            }
            case "guests":
                return nodes.find((n) => n.kind === "guests") ?? nodes.find((n) => n.kind === "identityPool");
            default:
                return nodes.find((n) => n.kind === target.kind);
        }
    };
    for (const warning of warnings) {
        const placed: PlacedWarning = placeWarning(warning, lists);
        const node = find(placed.target) ?? pool;
        if (node) node.warnings.push(placed.short);
        else unplaced.push(warning);
    }
    return unplaced;
}
