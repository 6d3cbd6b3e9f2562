// The user pool and what belongs to it: SMS role, groups, threat protection, log delivery.
// The pool holds every user and password hash: by default it is protected, retained on delete and
// has deletion protection on; the dev stage turns these off explicitly (config/stage-defaults.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { TriggerSettings, UserPoolSettings } from "../../config/schema";
import { TriggerFunction } from "../triggers/function";
import { cognitoActionsFor, enabledTriggers, triggerDefinitions, triggerFunctionName, triggerProblems, type TriggerName } from "../triggers/settings";
import { userPoolInputs } from "./inputs";
import { resolveUserPoolSettings, sendsSms, userPoolProblems, type ResolvedUserPoolSettings } from "./settings";
import { assertValid } from "../shared/validation";

export interface UserPoolArgs extends UserPoolSettings {
    /** Tags on every taggable child. @default none */
    readonly tags?: Readonly<Record<string, string>>;
    /** Lambda triggers to turn on, with their settings. @default none */
    readonly triggers?: TriggerSettings;
    /**
     * The pool's identity providers (identityProviders in the stack config): `name` is the provider
     * name federated user names start with ("Google", "SignInWithApple", an OIDC or SAML name);
     * `linkToExistingUsers` opts that provider in to account linking by pre sign-up. A provider
     * left out is never linked. @default []
     */
    readonly federatedProviders?: readonly { readonly name: string; readonly linkToExistingUsers?: boolean }[];
}

interface SmsRole {
    readonly role: aws.iam.Role;
    /** Cognito presents it to assume the role. */
    readonly externalId: pulumi.Output<string>;
}

export class UserPool extends pulumi.ComponentResource {
    readonly settings: ResolvedUserPoolSettings;
    readonly pool: aws.cognito.UserPool;
    readonly smsRole?: aws.iam.Role;
    readonly groups: Readonly<Record<string, aws.cognito.UserGroup>>;
    readonly riskConfiguration?: aws.cognito.RiskConfiguration;
    readonly logGroup?: aws.cloudwatch.LogGroup;
    readonly logDelivery?: aws.cognito.LogDeliveryConfiguration;
    readonly triggers: Readonly<Partial<Record<TriggerName, TriggerFunction>>>;
    private readonly triggerSettings: Readonly<Partial<Record<TriggerName, unknown>>>;
    private accountIdOutput?: pulumi.Output<string>;

    readonly id: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    readonly issuerUrl: pulumi.Output<string>;
    readonly jwksUrl: pulumi.Output<string>;

    constructor(name: string, args: UserPoolArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = resolveUserPoolSettings(args);
        assertValid(`UserPool "${name}"`, [...userPoolProblems(settings), ...triggerProblems(args.triggers, settings)]);
        super("cognito-as-code:index:UserPool", name, {}, opts);
        this.settings = settings;
        const poolName = settings.name ?? `${pulumi.getProject()}-${pulumi.getStack()}`;

        const sms = sendsSms(settings) ? this.createSmsRole(name, poolName, args.tags) : undefined;
        this.smsRole = sms?.role;
        // Functions first, the pool next (it names them), permissions last (they name the pool):
        // no function depends on the pool, so there is no cycle.
        this.triggerSettings = enabledTriggers(args.triggers, { providers: args.federatedProviders ?? [], groups: settings.groups });
        this.triggers = this.createTriggerFunctions(name, poolName, args);
        this.pool = this.createPool(name, settings, poolName, sms, args.tags);
        this.grantTriggers(name);
        this.groups = this.createGroups(name, settings);
        this.riskConfiguration = this.createRiskConfiguration(name, settings);
        [this.logGroup, this.logDelivery] = this.createLogDelivery(name, settings, poolName, args.tags) ?? [];

        this.id = this.pool.id;
        this.arn = this.pool.arn;
        this.issuerUrl = pulumi.interpolate`https://${this.pool.endpoint}`;
        this.jwksUrl = pulumi.interpolate`https://${this.pool.endpoint}/.well-known/jwks.json`;
        this.registerOutputs({ id: this.id, arn: this.arn, issuerUrl: this.issuerUrl, jwksUrl: this.jwksUrl });
    }

    /** The account the stack deploys to, asked once. */
    private accountId(): pulumi.Output<string> {
        return (this.accountIdOutput ??= aws.getCallerIdentityOutput({}, { parent: this }).accountId);
    }

    /**
     * Cognito sends SMS through SNS as this role, for pools of this account only, and only when it
     * presents the external id: random, so knowing the pool's name is not enough.
     */
    private createSmsRole(name: string, poolName: string, tags?: Record<string, string>): SmsRole {
        const externalId = new random.RandomUuid(`${name}-sms-external-id`, {}, { parent: this }).result;
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const role = new aws.iam.Role(`${name}-sms-role`, {
            description: `Lets the Cognito user pool ${poolName} send SMS`,
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
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-sms-publish`, {
            role: role.id,
            // SMS to phone numbers has no resource ARN to scope to.
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sns:Publish", Resource: "*" }] }),
        }, { parent: this });
        return { role, externalId };
    }

    private createTriggerFunctions(name: string, poolName: string, args: UserPoolArgs): Partial<Record<TriggerName, TriggerFunction>> {
        return Object.fromEntries(Object.entries(this.triggerSettings).map(([trigger, settings]) => [trigger, new TriggerFunction(`${name}-${triggerDefinitions[trigger as TriggerName].folder}`, {
            trigger: trigger as TriggerName,
            functionName: triggerFunctionName(poolName, trigger as TriggerName),
            settings,
            logRetentionDays: args.triggers?.logRetentionDays,
            tags: args.tags,
        }, { parent: this })]));
    }

    private lambdaConfig(featurePlan: string): aws.types.input.cognito.UserPoolLambdaConfig | undefined {
        const arn = (trigger: TriggerName) => this.triggers[trigger]?.arn;
        if (Object.keys(this.triggers).length === 0) return undefined;
        const preToken = arn("preTokenGeneration");
        return {
            preSignUp: arn("preSignUp"),
            postConfirmation: arn("postConfirmation"),
            preAuthentication: arn("preAuthentication"),
            postAuthentication: arn("postAuthentication"),
            customMessage: arn("customMessage"),
            // The V2 event carries groups and scopes (Essentials and Plus); Lite has V1 only, enough for
            // the client gate. Both fields name the same function so that a refresh reads back what was written.
            preTokenGeneration: preToken,
            preTokenGenerationConfig: preToken && { lambdaArn: preToken, lambdaVersion: featurePlan === "LITE" ? "V1_0" : "V2_0" },
        };
    }

    /** Cognito may invoke each function for this pool of this account only; each role may call this pool only. */
    private grantTriggers(name: string): void {
        for (const [trigger, fn] of Object.entries(this.triggers) as [TriggerName, TriggerFunction][]) {
            const prefix = `${name}-${triggerDefinitions[trigger].folder}`;
            new aws.lambda.Permission(`${prefix}-invoke`, {
                action: "lambda:InvokeFunction",
                function: fn.function.name,
                principal: "cognito-idp.amazonaws.com",
                sourceArn: this.pool.arn,
                sourceAccount: this.accountId(),
            }, { parent: this });
            const actions = cognitoActionsFor(trigger, this.triggerSettings[trigger]);
            if (actions.length === 0) continue;
            new aws.iam.RolePolicy(`${prefix}-cognito-policy`, {
                role: fn.role.id,
                policy: this.pool.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [...actions], Resource: arn }] })),
            }, { parent: this });
        }
    }

    private createPool(name: string, s: ResolvedUserPoolSettings, poolName: string, sms: SmsRole | undefined, tags?: Record<string, string>): aws.cognito.UserPool {
        const smsRole = sms && { arn: sms.role.arn, externalId: sms.externalId };
        return new aws.cognito.UserPool(`${name}-pool`, userPoolInputs(s, { poolName, smsRole, tags, lambdaConfig: this.lambdaConfig(s.featurePlan) }), {
            parent: this,
            protect: s.protect,
            retainOnDelete: s.retainOnDelete,
            import: s.importId,
        });
    }

    private createGroups(name: string, s: ResolvedUserPoolSettings): Record<string, aws.cognito.UserGroup> {
        return Object.fromEntries(s.groups.map((group) => [group.name, new aws.cognito.UserGroup(`${name}-group-${group.name}`, {
            userPoolId: this.pool.id,
            name: group.name,
            description: group.description,
            precedence: group.precedence,
            roleArn: group.roleArn,
        }, { parent: this })]));
    }

    /** Blocks compromised credentials and high-risk sign-ins; asks for MFA at medium risk. */
    private createRiskConfiguration(name: string, s: ResolvedUserPoolSettings): aws.cognito.RiskConfiguration | undefined {
        if (s.threatProtection.mode === "OFF") return undefined;
        const ses = s.email.sender === "ses" ? s.email : undefined;
        const notify = ses !== undefined; // notifications need an SES identity to send from
        const { blockedIpRanges, skippedIpRanges } = s.threatProtection;
        return new aws.cognito.RiskConfiguration(`${name}-risk`, {
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
        }, { parent: this });
    }

    private createLogDelivery(name: string, s: ResolvedUserPoolSettings, poolName: string, tags?: Record<string, string>): [aws.cloudwatch.LogGroup, aws.cognito.LogDeliveryConfiguration] | undefined {
        const { userActivity, notificationErrors, retentionDays } = s.logDelivery;
        if (userActivity === "OFF" && notificationErrors === "OFF") return undefined;
        // Cognito delivers to "vended logs" groups only.
        const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
            name: `/aws/vendedlogs/cognito/${poolName}`,
            retentionInDays: retentionDays,
            tags,
        }, { parent: this });
        const destination = { cloudWatchLogsConfiguration: { logGroupArn: logGroup.arn } };
        const delivery = new aws.cognito.LogDeliveryConfiguration(`${name}-log-delivery`, {
            userPoolId: this.pool.id,
            logConfigurations: [
                ...(notificationErrors !== "OFF" ? [{ eventSource: "userNotification", logLevel: notificationErrors, ...destination }] : []),
                ...(userActivity !== "OFF" ? [{ eventSource: "userAuthEvents", logLevel: userActivity, ...destination }] : []),
            ],
        }, { parent: this });
        return [logGroup, delivery];
    }
}
