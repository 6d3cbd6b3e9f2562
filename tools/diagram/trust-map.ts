// The stack's trust map, from its planned resources (the ones the policy pack reads): who signs in
// through which identity provider to which app client, which clients are gated to which groups,
// which clients and groups reach which identity-pool role and what that role may do, whether guests
// get one, which triggers run on the pool, and the hosted sign-in domain. Each node carries the
// facts whose appearance would give someone more (a flow, a callback, a grant), so that two maps
// can say what a change widens, and the plan's warnings on the element they concern.
import type { PolicyResource } from "@pulumi/policy";
import type { PlannedResource } from "../harness/run-program";
import { awsTypes } from "../../policy/rules/type-tokens";
import { bool, clientTypes, enumValue, field, firstSet, hasSecret, mfaFactorsOf, mfaModeOf, num, obj, poolIdOf, strings, text, userPoolTypes } from "../../policy/rules/support";
import { signInOf } from "../print-plan";
import { drawIdentityPools, type DrawnClient } from "./identity-pools";
import { byEdge, cognitoProvider, compareNodes, MapBuilder, type TrustMap } from "./map-model";
import { poolTriggers, settingsLines, slotTitle, triggerDecisions, triggerFacts, type TriggerDecisions } from "./triggers";
import { awsName, stackView, type StackView } from "./stack-view";
import { signInLinkLines } from "./sign-in-links";
import { markWarnings } from "./warnings";

export { compareNodes, type MapEdge, type MapNode, type NodeKind, type TrustMap } from "./map-model";

/** What the map is drawn from: a plan (tools/harness/run-stack.ts) has all of it. */
export interface MapSource {
    readonly stack: string;
    readonly region?: string;
    readonly resources: readonly PlannedResource[];
    readonly warnings: readonly string[];
    /** The checked stack config, to name what a warning's index points at; read loosely (a base ref's may be older). */
    readonly config?: unknown;
    /** The stack's outputs, for the sign-in links it hands out; read loosely (none on a first preview). */
    readonly outputs?: unknown;
}

const standardScopes = ["openid", "email", "profile", "phone"];
const authFlowNames: Readonly<Record<string, string>> = {
    ALLOW_USER_SRP_AUTH: "SRP", ALLOW_REFRESH_TOKEN_AUTH: "refresh", ALLOW_USER_PASSWORD_AUTH: "password sent", ALLOW_ADMIN_USER_PASSWORD_AUTH: "admin password",
    ALLOW_USER_AUTH: "choice-based", ALLOW_CUSTOM_AUTH: "custom auth", USER_PASSWORD_AUTH: "password sent", ADMIN_NO_SRP_AUTH: "admin password", CUSTOM_AUTH_FLOW_ONLY: "custom auth",
};
/** Auth flows a person signs in with (refresh only continues a session). */
const userAuthFlows = Object.keys(authFlowNames).filter((f) => f !== "ALLOW_REFRESH_TOKEN_AUTH");
const oauthFlowNames: Readonly<Record<string, string>> = { code: "code flow", implicit: "implicit grant", client_credentials: "client credentials" };

export function trustMap(source: MapSource): TrustMap {
    const view = stackView(source.resources);
    const map = new MapBuilder();
    const functions = view.ofTypes([awsTypes.lambdaFunction]);
    const pools = view.ofTypes(userPoolTypes);
    const triggers = pools.flatMap((pool) => poolTriggers(pool, functions).map((t) => ({ pool, trigger: t })));
    const decisions = triggerDecisions(triggers.map((t) => t.trigger));

    for (const pool of pools) drawPool(map, view, pool, triggers.filter((t) => t.pool === pool).map((t) => t.trigger));
    const region = source.region ?? poolIdOf(pools[0]?.props ?? {})?.split("_")[0];
    for (const domain of view.ofTypes([awsTypes.domain])) drawDomain(map, domain, region, source.outputs);
    for (const provider of view.ofTypes([awsTypes.identityProvider])) drawProvider(map, provider, decisions);
    const clients = view.ofTypes(clientTypes).map((client) => drawClient(map, client, decisions));
    for (const group of view.ofTypes([awsTypes.group])) drawGroup(map, group, decisions);
    drawGates(map, decisions);
    drawIdentityPools(map, view, clients);

    const unplaced = markWarnings(map, source.warnings, source.config, view);
    return { stack: source.stack, nodes: [...map.nodes.values()].sort(compareNodes), edges: [...map.edges].sort(byEdge), unplaced };
}

function drawPool(map: MapBuilder, view: StackView, pool: PolicyResource, triggers: ReturnType<typeof poolTriggers>): void {
    const props = pool.props;
    const options = view.planned(pool)?.options;
    const mfa = mfaModeOf(props);
    const factors = mfaFactorsOf(props);
    const factorNames = [factors.totp && "TOTP", factors.sms && "SMS", factors.email && "email"].filter(Boolean);
    const selfSignUp = bool(field(props, "adminCreateUserConfig", "allowAdminCreateUserOnly")) !== true;
    const kept = [options?.protect && "protect", options?.retainOnDelete && "retainOnDelete", enumValue(props.deletionProtection) === "ACTIVE" && "deletion protection"].filter(Boolean);
    const name = awsName(pool, "name", "userPoolName");
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

function drawDomain(map: MapBuilder, domain: PolicyResource, region: string | undefined, outputs: unknown): void {
    const name = text(domain.props.domain) ?? domain.name;
    const custom = name.includes(".");
    const host = custom ? name : `${name}.auth.${region ?? "<region>"}.amazoncognito.com`;
    const version = num(domain.props.managedLoginVersion);
    map.node("domain", name, "Hosted sign-in", {
        lines: [
            `https://${host}/login`,
            `${custom ? "custom domain" : "prefix domain"}${version === 2 ? ", managed login" : version === 1 ? ", classic hosted UI" : ""}`,
            ...signInLinkLines(outputs, host),
        ],
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

function drawClient(map: MapBuilder, client: PolicyResource, decisions: TriggerDecisions): DrawnClient {
    const props = client.props;
    // aws: and aws-native spellings (CloudFormation's AllowedOAuthFlows, ClientName).
    const name = awsName(client, "name", "clientName");
    const oauth = strings(firstSet(props, "allowedOauthFlows", "allowedOAuthFlows"));
    const auth = strings(props.explicitAuthFlows).map((f) => f.toUpperCase());
    const scopes = strings(firstSet(props, "allowedOauthScopes", "allowedOAuthScopes")).filter((s) => !standardScopes.includes(s));
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
