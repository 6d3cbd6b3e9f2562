// One trigger's Lambda function: its bundled code, a log group with a retention period, and an
// execution role that may only write to that log group (Cognito permissions are added by UserPool
// once the pool exists, scoped to its ARN).
// Deep imports: the package index would load all 300 service modules of @pulumi/aws.
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as lambda from "@pulumi/aws/lambda";
import * as pulumi from "@pulumi/pulumi";
import { CognitoComponent, type Transform } from "../shared/component";
import { bundleTrigger, type Bundle } from "./bundle";
import { triggerDefaults, triggerDefinitions, triggerEnvironment, type TriggerName } from "./settings";

export interface TriggerFunctionArgs {
    /** Which trigger: its handler (lambdas/<folder>/handler.ts) and memory. Required. */
    readonly trigger: TriggerName;
    /** The Lambda function's name (Triggers uses `<pool name>-<trigger folder>`). Required. */
    readonly functionName: string;
    /** What the handler reads from TRIGGER_SETTINGS. Required. */
    readonly settings: unknown;
    /** Days the function's logs are kept. @default 30 */
    readonly logRetentionDays?: number;
    /** Tags on every taggable child. @default none */
    readonly tags?: Readonly<Record<string, string>>;
    /** Changes the args of a child before it is created: a warned escape hatch. @default none */
    readonly transform?: TriggerFunctionTransforms;
}

/** The children a transform can change. */
export interface TriggerFunctionTransforms {
    readonly logGroup?: Transform<cloudwatch.LogGroupArgs>;
    readonly role?: Transform<iam.RoleArgs>;
    readonly logsPolicy?: Transform<iam.RolePolicyArgs>;
    readonly function?: Transform<lambda.FunctionArgs>;
}

/**
 * One trigger's Lambda function, with its log group and an execution role that may only write
 * there. Triggers builds one per trigger turned on; UserPool then lets Cognito invoke it.
 *
 * @example
 * const audit = new TriggerFunction("audit", { trigger: "postAuthentication", functionName: "news-prod-post-authentication", settings: {} });
 */
export class TriggerFunction extends CognitoComponent<TriggerFunctionTransforms> {
    /** The Lambda function. */
    readonly function: lambda.Function;
    /** The function's execution role. */
    readonly role: iam.Role;
    /** The function's log group, /aws/lambda/<function name>. */
    readonly logGroup: cloudwatch.LogGroup;
    /** The function's ARN. */
    readonly arn: pulumi.Output<string>;
    /** The bundled handler the function runs. */
    readonly bundle: Bundle;

    constructor(name: string, args: TriggerFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("TriggerFunction", name, args.transform, opts);
        const definition = triggerDefinitions[args.trigger];
        this.logGroup = this.create("logGroup", cloudwatch.LogGroup, `${name}-logs`, {
            name: `/aws/lambda/${args.functionName}`,
            retentionInDays: args.logRetentionDays ?? triggerDefaults.logRetentionDays,
            tags: args.tags,
        });
        this.role = this.create("role", iam.Role, `${name}-role`, {
            description: `Runs the ${args.trigger} trigger ${args.functionName}`,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            tags: args.tags,
        });
        const logsPolicy = this.create("logsPolicy", iam.RolePolicy, `${name}-logs-policy`, {
            role: this.role.id,
            policy: this.logGroup.arn.apply((arn) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${arn}:*` }],
            })),
        });
        const bundle = (this.bundle = bundleTrigger(definition.folder));
        this.function = this.create("function", lambda.Function, `${name}-function`, {
            name: args.functionName,
            description: `Cognito ${args.trigger} trigger`,
            runtime: triggerDefaults.runtime,
            architectures: [triggerDefaults.architecture],
            handler: "index.handler",
            timeout: triggerDefaults.timeoutSeconds,
            memorySize: definition.memoryMb,
            role: this.role.arn,
            code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.FileAsset(bundle.file) }),
            environment: { variables: triggerEnvironment(args.settings) },
            loggingConfig: { logFormat: "Text", logGroup: this.logGroup.name },
            tags: args.tags,
        }, { dependsOn: [logsPolicy] });
        this.arn = this.function.arn;
        this.registerOutputs({ arn: this.arn });
    }
}
