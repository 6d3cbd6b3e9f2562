// The user pool and what belongs to it: SMS role, groups, threat protection, log delivery.
// The pool holds every user and password hash: by default it is protected, retained on delete and
// has deletion protection on; the dev stage turns these off explicitly (config/stage-defaults.ts).
// Deep imports: the package index would load all 300 service modules of @pulumi/aws.
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as cognito from "@pulumi/aws/cognito";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as iam from "@pulumi/aws/iam";
import * as lambda from "@pulumi/aws/lambda";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { UserPoolSettings } from "../../config/schema";
import type { PoolCapabilities } from "../app-clients/settings";
import { CognitoComponent, type Transform } from "../shared/component";
import { assertValid, type Problem } from "../shared/validation";
import type { Triggers } from "../triggers/triggers";
import { triggerDefinitions, triggerProblems, type TriggerName } from "../triggers/settings";
import { userPoolInputs } from "./inputs";
import { immutableAttributes, poolCapabilities, poolLogGroupName, resolveUserPoolSettings, sendsSms, smsRoleDescription, userPoolName, userPoolProblems, type ResolvedUserPoolSettings } from "./settings";

export interface UserPoolArgs extends UserPoolSettings {
    /** Tags on every taggable child. @default none */
    readonly tags?: Readonly<Record<string, string>>;
    /** The Lambda triggers to wire in (build them first, named after this pool). @default none */
    readonly triggers?: Triggers;
    /** Changes the args of a child before it is created: a warned escape hatch, still judged by the policy pack. @default none */
    readonly transform?: UserPoolTransforms;
}

/** The children a transform can change. */
export interface UserPoolTransforms {
    readonly pool?: Transform<cognito.UserPoolArgs>;
    readonly smsRole?: Transform<iam.RoleArgs>;
    readonly smsPolicy?: Transform<iam.RolePolicyArgs>;
    readonly group?: Transform<cognito.UserGroupArgs>;
    readonly riskConfiguration?: Transform<cognito.RiskConfigurationArgs>;
    readonly logGroup?: Transform<cloudwatch.LogGroupArgs>;
    readonly logDelivery?: Transform<cognito.LogDeliveryConfigurationArgs>;
    /** Each trigger's lambda.Permission. */
    readonly invokePermission?: Transform<lambda.PermissionArgs>;
    /** Each trigger role's policy on this pool. */
    readonly triggerPolicy?: Transform<iam.RolePolicyArgs>;
}

interface SmsRole {
    readonly role: iam.Role;
    /** Cognito presents it to assume the role. */
    readonly externalId: pulumi.Output<string>;
}

/** `protect` and `retainOnDelete` given both as args and as resource options, differently: which one means it? */
function guardOptionConflicts(args: UserPoolArgs, opts: pulumi.ComponentResourceOptions | undefined): Problem[] {
    return (["protect", "retainOnDelete"] as const).flatMap((option) => {
        const given = args[option];
        const asOption = opts?.[option];
        return given !== undefined && asOption !== undefined && given !== asOption
            ? [{ field: option, message: `got ${given} in the args and ${asOption} in the resource options ({ ${option}: ${asOption} }); say it once: the args' ${option} is the pool's` }]
            : [];
    });
}

/**
 * The user pool and what belongs to it: the SMS role (when the pool sends SMS), groups, threat
 * protection and log delivery. Used directly, it takes the safe defaults (MFA "ON", deletion
 * protection, protect and retainOnDelete on); the dev stage of the stack config lowers them.
 *
 * @example
 * const pool = new UserPool("main", { name: "news-prod", groups: [{ name: "readers" }] });
 * export const issuerUrl = pool.issuerUrl;
 */
export class UserPool extends CognitoComponent<UserPoolTransforms> {
    /** The args with every default filled in. */
    readonly settings: ResolvedUserPoolSettings;
    /** The pool's name in AWS. */
    readonly name: string;
    /** The Cognito user pool. */
    readonly pool: cognito.UserPool;
    /** The role Cognito sends SMS as; only when the pool sends SMS. */
    readonly smsRole?: iam.Role;
    /** The pool's groups, by name. */
    readonly groups: Readonly<Record<string, cognito.UserGroup>>;
    /** Threat protection's actions and IP exceptions; only when threatProtection.mode is not "OFF". */
    readonly riskConfiguration?: cognito.RiskConfiguration;
    /** The log group logs are delivered to; only when some log delivery is on. */
    readonly logGroup?: cloudwatch.LogGroup;
    /** What the pool logs, and where; only when some log delivery is on. */
    readonly logDelivery?: cognito.LogDeliveryConfiguration;
    private accountIdOutput?: pulumi.Output<string>;

    /** The pool's id, for example eu-central-1_AbCdEf123. */
    readonly id: pulumi.Output<string>;
    /** The pool's ARN. */
    readonly arn: pulumi.Output<string>;
    /** The issuer of the pool's tokens: https://cognito-idp.<region>.amazonaws.com/<pool id>. */
    readonly issuerUrl: pulumi.Output<string>;
    /** Where the keys that sign the pool's tokens are published. */
    readonly jwksUrl: pulumi.Output<string>;

    constructor(name: string, args: UserPoolArgs, opts?: pulumi.ComponentResourceOptions) {
        // Pulumi's own options on the component reach the pool when the args leave them out: the
        // pool's own option would otherwise override an inherited `protect: false` without a word.
        const settings = resolveUserPoolSettings({ ...args, protect: args.protect ?? opts?.protect, retainOnDelete: args.retainOnDelete ?? opts?.retainOnDelete });
        assertValid(`UserPool "${name}"`, [...guardOptionConflicts(args, opts), ...userPoolProblems(settings), ...(args.triggers ? triggersFitProblems(args.triggers, settings) : [])]);
        super("UserPool", name, args.transform, opts);
        this.settings = settings;
        const poolName = (this.name = userPoolName(settings));

        const sms = sendsSms(settings) ? this.createSmsRole(name, poolName, args.tags) : undefined;
        this.smsRole = sms?.role;
        // Functions first (the Triggers component), the pool next (it names them), permissions last
        // (they name the pool): no function depends on the pool, so there is no cycle.
        this.pool = this.createPool(name, settings, poolName, sms, args.triggers, args.tags);
        if (args.triggers) this.grantTriggers(name, args.triggers);
        this.groups = this.createGroups(name, settings);
        this.riskConfiguration = this.createRiskConfiguration(name, settings);
        [this.logGroup, this.logDelivery] = this.createLogDelivery(name, settings, poolName, args.tags) ?? [];

        this.id = this.pool.id;
        this.arn = this.pool.arn;
        this.issuerUrl = pulumi.interpolate`https://${this.pool.endpoint}`;
        this.jwksUrl = pulumi.interpolate`https://${this.pool.endpoint}/.well-known/jwks.json`;
        this.registerOutputs({ id: this.id, arn: this.arn, issuerUrl: this.issuerUrl, jwksUrl: this.jwksUrl });
    }

    /** What app clients depend on: the plan, passwordless factors, which attributes exist and may change. */
    get capabilities(): PoolCapabilities {
        return poolCapabilities(this.settings);
    }

    /** Attributes nobody may change after sign-up (identity providers may not map onto them). */
    get immutableAttributes(): string[] {
        return immutableAttributes(this.settings);
    }

    /** The account the stack deploys to, asked once. */
    private accountId(): pulumi.Output<string> {
        return (this.accountIdOutput ??= getCallerIdentityOutput({}, { parent: this }).accountId);
    }

    /**
     * Cognito sends SMS through SNS as this role, for pools of this account only, and only when it
     * presents the external id: random, so knowing the pool's name is not enough.
     */
    private createSmsRole(name: string, poolName: string, tags?: Record<string, string>): SmsRole {
        const externalId = new random.RandomUuid(`${name}-sms-external-id`, {}, { parent: this }).result; // a secret-like value, not an AWS setting: no transform
        const region = getRegionOutput({}, { parent: this }).region;
        const role = this.create("smsRole", iam.Role, `${name}-sms-role`, {
            description: smsRoleDescription(poolName),
            assumeRolePolicy: pulumi.all([externalId, this.accountId(), region]).apply(([id, account, region]) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "cognito-idp.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "sts:ExternalId": id, "aws:SourceAccount": account },
                        // Any pool of this account and region: the pool's own ARN would be a cycle (the pool names this role).
                        ArnLike: { "aws:SourceArn": `arn:aws:cognito-idp:${region}:${account}:userpool/*` },
                    },
                }],
            })),
            tags,
        });
        this.create("smsPolicy", iam.RolePolicy, `${name}-sms-publish`, {
            role: role.id,
            // SMS to phone numbers has no resource ARN to scope to.
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sns:Publish", Resource: "*" }] }),
        });
        return { role, externalId };
    }

    /** Cognito may invoke each function for this pool of this account only; each role may call this pool only. */
    private grantTriggers(name: string, triggers: Triggers): void {
        for (const [trigger, fn] of Object.entries(triggers.functions) as [TriggerName, NonNullable<Triggers["functions"][TriggerName]>][]) {
            const prefix = `${name}-${triggerDefinitions[trigger].folder}`;
            this.create("invokePermission", lambda.Permission, `${prefix}-invoke`, {
                action: "lambda:InvokeFunction",
                function: fn.function.name,
                principal: "cognito-idp.amazonaws.com",
                sourceArn: this.pool.arn,
                sourceAccount: this.accountId(),
            });
            const source = triggers.sourcePoolActions[trigger];
            if (source) {
                // The pool users migrate from: of this account, in the region its id names, and nothing else of it.
                this.create("triggerPolicy", iam.RolePolicy, `${prefix}-source-pool-policy`, {
                    role: fn.role.id,
                    policy: pulumi.all([this.pool.arn, this.accountId()]).apply(([arn, account]) => JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Action: [...source.actions], Resource: `arn:${arn.split(":")[1]}:cognito-idp:${source.userPoolId.split("_")[0]}:${account}:userpool/${source.userPoolId}` }],
                    })),
                });
            }
            const actions = triggers.cognitoActions[trigger];
            if (!actions) continue;
            this.create("triggerPolicy", iam.RolePolicy, `${prefix}-cognito-policy`, {
                role: fn.role.id,
                policy: this.pool.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [...actions], Resource: arn }] })),
            });
        }
    }

    private createPool(name: string, s: ResolvedUserPoolSettings, poolName: string, sms: SmsRole | undefined, triggers: Triggers | undefined, tags?: Record<string, string>): cognito.UserPool {
        const smsRole = sms && { arn: sms.role.arn, externalId: sms.externalId };
        return this.create("pool", cognito.UserPool, `${name}-pool`, userPoolInputs(s, { poolName, smsRole, tags, lambdaConfig: triggers?.lambdaConfig }), {
            protect: s.protect,
            retainOnDelete: s.retainOnDelete,
            import: s.importId,
        });
    }

    private createGroups(name: string, s: ResolvedUserPoolSettings): Record<string, cognito.UserGroup> {
        return Object.fromEntries(s.groups.map((group) => [group.name, this.create("group", cognito.UserGroup, `${name}-group-${group.name}`, {
            userPoolId: this.pool.id,
            name: group.name,
            description: group.description,
            precedence: group.precedence,
            roleArn: group.roleArn,
        })]));
    }

    /** Blocks compromised credentials and high-risk sign-ins; asks for MFA at medium risk. */
    private createRiskConfiguration(name: string, s: ResolvedUserPoolSettings): cognito.RiskConfiguration | undefined {
        if (s.threatProtection.mode === "OFF") return undefined;
        const ses = s.email.sender === "ses" ? s.email : undefined;
        const notify = ses !== undefined; // notifications need an SES identity to send from
        const { blockedIpRanges, skippedIpRanges } = s.threatProtection;
        return this.create("riskConfiguration", cognito.RiskConfiguration, `${name}-risk`, {
            userPoolId: this.pool.id,
            compromisedCredentialsRiskConfiguration: {
                eventFilters: ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"],
                actions: { eventAction: "BLOCK" },
            },
            accountTakeoverRiskConfiguration: {
                actions: {
                    highAction: { eventAction: "BLOCK", notify },
                    mediumAction: { eventAction: "MFA_IF_CONFIGURED", notify },
                    lowAction: { eventAction: "NO_ACTION", notify: false },
                },
                notifyConfiguration: ses && { sourceArn: ses.sesIdentityArn, from: ses.from, replyTo: ses.replyTo },
            },
            riskExceptionConfiguration: blockedIpRanges.length || skippedIpRanges.length
                ? { blockedIpRangeLists: blockedIpRanges.length ? blockedIpRanges : undefined, skippedIpRangeLists: skippedIpRanges.length ? skippedIpRanges : undefined }
                : undefined,
        });
    }

    private createLogDelivery(name: string, s: ResolvedUserPoolSettings, poolName: string, tags?: Record<string, string>): [cloudwatch.LogGroup, cognito.LogDeliveryConfiguration] | undefined {
        const { userActivity, notificationErrors, retentionDays } = s.logDelivery;
        if (userActivity === "OFF" && notificationErrors === "OFF") return undefined;
        const logGroup = this.create("logGroup", cloudwatch.LogGroup, `${name}-logs`, {
            name: poolLogGroupName(poolName),
            retentionInDays: retentionDays,
            tags,
        });
        const destination = { cloudWatchLogsConfiguration: { logGroupArn: logGroup.arn } };
        const delivery = this.create("logDelivery", cognito.LogDeliveryConfiguration, `${name}-log-delivery`, {
            userPoolId: this.pool.id,
            logConfigurations: [
                ...(notificationErrors !== "OFF" ? [{ eventSource: "userNotification", logLevel: notificationErrors, ...destination }] : []),
                ...(userActivity !== "OFF" ? [{ eventSource: "userAuthEvents", logLevel: userActivity, ...destination }] : []),
            ],
        });
        return [logGroup, delivery];
    }
}

/** Triggers built for another pool would be named, versioned or grouped wrongly: they must fit this one. */
function triggersFitProblems(triggers: Triggers, settings: ResolvedUserPoolSettings): Problem[] {
    const problems = [...triggerProblems(triggers.settings, settings)];
    const poolName = userPoolName(settings);
    if (triggers.poolName !== poolName) problems.push({ field: "triggers", message: `were built for the pool ${JSON.stringify(triggers.poolName)}, but this pool is ${JSON.stringify(poolName)}; give Triggers poolName ${JSON.stringify(poolName)}` });
    if (triggers.featurePlan !== settings.featurePlan) problems.push({ field: "triggers", message: `were built for featurePlan ${JSON.stringify(triggers.featurePlan)}, but this pool's is ${JSON.stringify(settings.featurePlan)}; give Triggers the pool's featurePlan` });
    return problems;
}
