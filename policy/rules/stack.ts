// Rules that need several resources or the resource options: the pool's guards against deletion,
// and threat protection with its risk configuration. The trigger functions: triggers.ts.
import type { StackValidationPolicy } from "@pulumi/policy";
import { clientTypes, enumValue, field, num, poolIdOf, resourcesOf, resourcesOfTypes, strings, text, types, userPoolTypes } from "./support";

type Props = Record<string, unknown>;

export const deletionProtection: StackValidationPolicy = {
    name: "cognito-deletion-protection",
    description: "The user pool holds every user: it must have deletion protection ACTIVE and be protected in Pulumi, so that neither a delete nor a replacement can remove it.",
    remediationSteps: "Set cognito:userPool.deletionProtection to ACTIVE and cognito:userPool.protect to true (the prod defaults).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: (args, report) => {
        for (const pool of resourcesOfTypes(args, userPoolTypes)) {
            const setting = enumValue((pool.props as Props).deletionProtection) ?? "INACTIVE";
            if (setting !== "ACTIVE") report(`The user pool ${pool.name} has deletion protection ${setting}.`, pool.urn);
            if (!pool.opts.protect) report(`The user pool ${pool.name} is not protected (resource option protect).`, pool.urn);
        }
    },
};

/** Whether a CIDR range is very wide: /0, IPv4 shorter than /16, IPv6 shorter than /48. */
export function wideRange(range: string): boolean {
    const [address, prefixText] = range.split("/");
    const prefix = prefixText === undefined ? undefined : num(prefixText);
    if (prefix === undefined) return false; // a single address
    if (prefix <= 0) return true;
    return address.includes(":") ? prefix < 48 : prefix < 16;
}

/** Custom authentication in use: the pool has its challenge trigger, or a client of the pool allows the flow. */
function customAuthInUse(pool: Props, poolId: string | undefined, clients: Props[]): boolean {
    if (text(field(pool, "lambdaConfig", "defineAuthChallenge")) !== undefined) return true;
    return clients.some((c) => poolId !== undefined && text(c.userPoolId) === poolId
        && strings(c.explicitAuthFlows).some((f) => ["ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"].includes(f.toUpperCase())));
}

export const threatProtection: StackValidationPolicy = {
    name: "cognito-threat-protection",
    description: "Threat protection should be ENFORCED (custom authentication too, where used), block compromised credentials and high-risk sign-ins, and skip no wide IP ranges (Plus plan).",
    remediationSteps: "Set cognito:userPool.featurePlan to PLUS and threatProtection.mode to ENFORCED; in the risk configuration block compromised credentials and account takeover at high risk; skip only narrow, known ranges.",
    enforcementLevel: "advisory",
    configSchema: { properties: {} },
    validateStack: (args, report) => {
        const risks = resourcesOf(args, types.riskConfiguration);
        const clients = resourcesOfTypes(args, clientTypes).map((c) => c.props as Props);
        for (const pool of resourcesOfTypes(args, userPoolTypes)) {
            const props = pool.props as Props;
            const mode = enumValue(field(props, "userPoolAddOns", "advancedSecurityMode")) ?? "OFF";
            if (mode !== "ENFORCED") {
                report(`Threat protection of the user pool ${pool.name} is ${mode}, not ENFORCED.`, pool.urn);
                continue;
            }
            const id = poolIdOf(props);
            const customMode = enumValue(field(props, "userPoolAddOns", "advancedSecurityAdditionalFlows", "customAuthMode"));
            if (customMode !== "ENFORCED" && customAuthInUse(props, id, clients)) {
                report(`The user pool ${pool.name} uses custom authentication, but threat protection does not enforce on it (advancedSecurityAdditionalFlows.customAuthMode is ${customMode ?? "not set"}, not ENFORCED).`, pool.urn);
            }
            // A risk configuration without a client (clientId unset or "") applies to the whole pool.
            const poolWide = risks.map((r) => r.props as Props).filter((r) => id !== undefined && text(r.userPoolId) === id && text(r.clientId) === undefined);
            const blocking = poolWide.some((r) => enumValue(field(r, "compromisedCredentialsRiskConfiguration", "actions", "eventAction")) === "BLOCK");
            if (!blocking) report(`The user pool ${pool.name} does not block compromised credentials (no risk configuration with eventAction BLOCK).`, pool.urn);
        }
        for (const risk of risks) {
            // Set for the pool or one client (which then overrides the pool's for that client).
            const high = enumValue(field(risk.props, "accountTakeoverRiskConfiguration", "actions", "highAction", "eventAction"));
            const where = text((risk.props as Props).clientId) === undefined ? "" : ` (client ${text((risk.props as Props).clientId)})`;
            if (high !== undefined && high !== "BLOCK") report(`The risk configuration ${risk.name}${where} lets high-risk sign-ins through (account-takeover highAction is ${high}, not BLOCK).`, risk.urn);
            const exceptions = field(risk.props, "riskExceptionConfiguration");
            const skipped = strings(field(exceptions, "skippedIpRangeLists") ?? field(exceptions, "skippedIpRangeList"));
            const wide = skipped.filter(wideRange);
            if (wide.length > 0) report(`The risk configuration ${risk.name} skips threat protection for ${wide.join(", ")}: ranges wider than /16 (IPv4) or /48 (IPv6) exempt far too many sign-ins.`, risk.urn);
        }
    },
};

export const stackRules: StackValidationPolicy[] = [deletionProtection, threatProtection];
