// Rules that need several resources or the resource options: the pool's guards against deletion,
// threat protection with its risk configuration, and the trigger functions.
import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { forType, resourcesOf, settingsOf, types, type UserPoolProps } from "./support";

export const deletionProtection: StackValidationPolicy = {
    name: "cognito-deletion-protection",
    description: "The user pool holds every user: it must have deletion protection ACTIVE and be protected in Pulumi, so that neither a delete nor a replacement can remove it.",
    remediationSteps: "Set cognito:userPool.deletionProtection to ACTIVE and cognito:userPool.protect to true (the prod defaults).",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: (args, report) => {
        for (const pool of resourcesOf(args, types.userPool)) {
            const props = pool.props as UserPoolProps;
            if ((props.deletionProtection ?? "INACTIVE") !== "ACTIVE") report(`The user pool ${pool.name} has deletion protection ${props.deletionProtection ?? "INACTIVE"}.`, pool.urn);
            if (!pool.opts.protect) report(`The user pool ${pool.name} is not protected (resource option protect).`, pool.urn);
        }
    },
};

export const threatProtection: StackValidationPolicy = {
    name: "cognito-threat-protection",
    description: "Threat protection should be ENFORCED and block compromised credentials (Plus plan).",
    remediationSteps: "Set cognito:userPool.featurePlan to PLUS and threatProtection.mode to ENFORCED.",
    enforcementLevel: "advisory",
    configSchema: { properties: {} },
    validateStack: (args, report) => {
        const risks = resourcesOf(args, types.riskConfiguration);
        for (const pool of resourcesOf(args, types.userPool)) {
            const props = pool.props as UserPoolProps;
            const mode = props.userPoolAddOns?.advancedSecurityMode ?? "OFF";
            if (mode !== "ENFORCED") {
                report(`Threat protection of the user pool ${pool.name} is ${mode}, not ENFORCED.`, pool.urn);
                continue;
            }
            const blocking = risks.some((r) => r.props.userPoolId === props.id && r.props.clientId === undefined
                && (r.props.compromisedCredentialsRiskConfiguration as { actions?: { eventAction?: string } } | undefined)?.actions?.eventAction === "BLOCK");
            if (!blocking) report(`The user pool ${pool.name} does not block compromised credentials (no risk configuration with eventAction BLOCK).`, pool.urn);
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
    validateResource: forType<{ principal?: string; sourceArn?: string }>(types.lambdaPermission, (permission, _args, report) => {
        if (permission.principal !== "cognito-idp.amazonaws.com") return;
        if (permission.sourceArn === undefined) report("The permission has no sourceArn.");
        else if (!userPoolArn.test(permission.sourceArn)) report(`The sourceArn ${permission.sourceArn} is not a user pool ARN.`);
    }),
};

const timeoutSchema: PolicyConfigSchema = {
    properties: { maxSeconds: { type: "integer", minimum: 1, maximum: 900, default: 5, description: "Cognito waits this long for a trigger." } },
};

/** Every function ARN a pool's lambdaConfig names. */
function triggerArns(pool: UserPoolProps): string[] {
    const config = pool.lambdaConfig ?? {};
    const direct = Object.entries(config).filter(([, v]) => typeof v === "string").map(([, v]) => v as string);
    const nested = Object.values(config).map((v) => (v as { lambdaArn?: string } | undefined)?.lambdaArn).filter((v): v is string => typeof v === "string");
    return [...new Set([...direct, ...nested])];
}

export const triggerTimeout: StackValidationPolicy = {
    name: "cognito-trigger-timeout",
    description: "Functions wired as Cognito triggers should time out within 5 seconds: Cognito gives up after 5 and fails the user's request.",
    remediationSteps: "Set the function's timeout to 5 seconds (this project's triggers use 5).",
    enforcementLevel: "advisory",
    configSchema: timeoutSchema,
    validateStack: (args, report) => {
        const { maxSeconds } = settingsOf<{ maxSeconds: number }>(args, timeoutSchema);
        const wired = new Set(resourcesOf(args, types.userPool).flatMap((pool) => triggerArns(pool.props as UserPoolProps)));
        for (const fn of resourcesOf(args, types.lambdaFunction).filter((f) => wired.has(f.props.arn as string))) {
            const timeout = (fn.props.timeout as number | undefined) ?? 3;
            if (timeout > maxSeconds) report(`The trigger ${fn.name} times out after ${timeout} s; Cognito waits ${maxSeconds} s.`, fn.urn);
        }
    },
};

export const stackRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [deletionProtection, threatProtection, triggerPermission, triggerTimeout];
