// Rules that need several resources or the resource options: the pool's guards against deletion,
// threat protection with its risk configuration, and the trigger functions.
import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { clientTypes, enumValue, field, forType, num, obj, poolIdOf, resourcesOf, resourcesOfTypes, settingsOf, strings, text, types, userPoolTypes } from "./support";

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

const userPoolArn = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+_[0-9a-zA-Z]+$/;

export const triggerPermission: ResourceValidationPolicy = {
    name: "cognito-trigger-permission",
    description: "A Lambda permission for cognito-idp.amazonaws.com must name the user pool (sourceArn), or any pool in any account could invoke the function.",
    remediationSteps: "Set sourceArn to the pool's ARN (this project's UserPool does).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: forType<Props>(types.lambdaPermission, (permission, _args, report) => {
        if (text(permission.principal)?.toLowerCase() !== "cognito-idp.amazonaws.com") return;
        const sourceArn = text(permission.sourceArn);
        if (sourceArn === undefined) report("The permission has no sourceArn.");
        else if (!userPoolArn.test(sourceArn)) report(`The sourceArn ${sourceArn} is not a user pool ARN.`);
    }),
};

const timeoutSchema: PolicyConfigSchema = {
    properties: { maxSeconds: { type: "integer", minimum: 1, maximum: 900, default: 5, description: "Cognito waits this long for a trigger." } },
};

/** Every function ARN a pool's lambdaConfig names (direct, or as a block's lambdaArn). */
function triggerArns(pool: Props): string[] {
    const config = obj(pool.lambdaConfig) ?? {};
    const direct = Object.values(config).map(text);
    const nested = Object.values(config).map((v) => text(field(v, "lambdaArn")));
    return [...new Set([...direct, ...nested].filter((v): v is string => v !== undefined))];
}

export const triggerTimeout: StackValidationPolicy = {
    name: "cognito-trigger-timeout",
    description: "Functions wired as Cognito triggers should time out within 5 seconds: Cognito gives up after 5 and fails the user's request.",
    remediationSteps: "Set the function's timeout to 5 seconds (this project's triggers use 5).",
    enforcementLevel: "advisory",
    configSchema: timeoutSchema,
    validateStack: (args, report) => {
        const { maxSeconds } = settingsOf<{ maxSeconds: number }>(args, timeoutSchema);
        const wired = new Set(resourcesOfTypes(args, userPoolTypes).flatMap((pool) => triggerArns(pool.props as Props)));
        for (const fn of resourcesOf(args, types.lambdaFunction).filter((f) => { const arn = text(f.props.arn); return arn !== undefined && wired.has(arn); })) {
            const timeout = num(fn.props.timeout) ?? 3;
            if (timeout > maxSeconds) report(`The trigger ${fn.name} times out after ${timeout} s; Cognito waits ${maxSeconds} s.`, fn.urn);
        }
    },
};

export const stackRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [deletionProtection, threatProtection, triggerPermission, triggerTimeout];
