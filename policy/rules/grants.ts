// Every grant of an IAM role, collected once: its inline policies, RolePolicy resources, managed
// policies attached by ARN (managedPolicyArns, RolePolicyAttachment, PolicyAttachment) or naming the
// role themselves (aws-native ManagedPolicy's roles), and the
// documents of the aws:iam/policy:Policy resources those ARNs name, or the published grants of the
// AWS managed policies they name (awsManagedPolicies). Documents are read tolerantly
// (JSON string or object; Statement, Action, Resource as one value or a list); what cannot be read
// is returned as unreadable, never thrown. A value a preview cannot know is still thrown (the
// engine's UnknownValueError), so the server reports it as "can't run during preview".
import type { PolicyResource } from "@pulumi/policy";
import { awsTypes } from "./type-tokens";

export interface Statement {
    Sid?: string;
    Effect?: string;
    Principal?: unknown;
    Action?: string[];
    NotAction?: string[];
    Resource?: string[];
    NotResource?: string[];
    Condition?: Record<string, Record<string, unknown>>;
}

/** Where a grant comes from, in words ("inline policy \"x\"", "role policy r", "managed policy arn:..."). */
interface Origin {
    readonly source: string;
    /** Set when the grant reaches the role as a managed policy (by ARN). */
    readonly policyArn?: string;
}

export type Grant = Origin & (
    | { readonly kind: "statements"; readonly statements: Statement[] }
    | { readonly kind: "unreadable"; readonly reason: string }
    /**
     * An AWS managed policy known by its name only: a `*FullAccess`, `AdministratorAccess-*`,
     * `*PowerUser` or `*ReadWrite` policy not in awsManagedPolicies, which grants (nearly) every
     * action of its service on every resource; `by` is the name's pattern.
     */
    | { readonly kind: "serviceWide"; readonly by: string }
    /** An AWS managed `*ReadOnly` policy known by its name only: reads every resource of its service. */
    | { readonly kind: "serviceRead" }
    /** An AWS managed policy this pack knows nothing of: AWS managed policies name no resource of a stack. */
    | { readonly kind: "awsManaged" }
    /** A customer managed policy outside this stack: its document is unknown. */
    | { readonly kind: "external" }
);

const allowOnEverything = (...actions: string[]): Statement => ({ Effect: "Allow", Action: actions, Resource: ["*"] });

/**
 * AWS managed policies are public, so what they grant is known without the stack defining them. Each
 * listed one, by name, with the statements that decide a finding: the actions it allows on every
 * resource ("*"), or every action but some (NotAction). A policy's narrower statements (read-only
 * lookups, condition-bound iam:PassRole) are left out, so a line never claims more than the policy
 * allows. Documents as published in the AWS Managed Policy Reference
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html, e.g. AWSIoTFullAccess,
 * AmazonAthenaFullAccess, PowerUserAccess). Any other AWS managed policy whose name says it grants a
 * whole service (`*FullAccess`, `AdministratorAccess-*`, `*PowerUser`, `*ReadWrite`) or reads one
 * (`*ReadOnly`) is judged by that name (serviceWideName, serviceReadName); the rest are "awsManaged":
 * known to name no resource of the stack, and judged by each rule (refused on identity roles).
 */
export const awsManagedPolicies: ReadonlyMap<string, readonly Statement[]> = new Map([
    ["AdministratorAccess", [allowOnEverything("*")]],
    // Every action but IAM, Organizations and Account ones; a few of those (service-linked roles, listing roles) are granted again.
    ["PowerUserAccess", [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: ["*"] },
        allowOnEverything("iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization", "account:ListRegions", "account:GetAccountInformation")]],
    // The role may then grant itself anything.
    ["IAMFullAccess", [allowOnEverything("iam:*")]],
    ["AmazonS3FullAccess", [allowOnEverything("s3:*", "s3-object-lambda:*")]],
    ["AmazonDynamoDBFullAccess", [allowOnEverything("dynamodb:*", "dax:*")]],
    ["AWSLambda_FullAccess", [allowOnEverything("lambda:*")]],
    ["AmazonCognitoPowerUser", [allowOnEverything("cognito-identity:*", "cognito-idp:*", "cognito-sync:*")]],
    ["AmazonCognitoReadOnly", [allowOnEverything("cognito-identity:Describe*", "cognito-identity:Get*", "cognito-identity:List*", "cognito-idp:Describe*", "cognito-idp:AdminGet*", "cognito-idp:AdminList*", "cognito-idp:List*", "cognito-idp:Get*", "cognito-sync:Describe*", "cognito-sync:Get*", "cognito-sync:List*")]],
    ["AmazonSNSFullAccess", [allowOnEverything("sns:*")]],
    ["AmazonSQSFullAccess", [allowOnEverything("sqs:*")]],
    ["AmazonKinesisFullAccess", [allowOnEverything("kinesis:*")]],
    ["AmazonSESFullAccess", [allowOnEverything("ses:*")]],
    ["AWSIoTFullAccess", [allowOnEverything("iot:*", "iotjobsdata:*")]],
    ["AWSIoTDataAccess", [allowOnEverything("iot:Connect", "iot:Publish", "iot:Subscribe", "iot:Receive", "iot:GetThingShadow", "iot:UpdateThingShadow", "iot:DeleteThingShadow", "iot:ListNamedShadowsForThing")]],
    ["AmazonAthenaFullAccess", [allowOnEverything("athena:*")]],
    ["AmazonBedrockFullAccess", [allowOnEverything("bedrock:*")]],
    ["AWSAppSyncInvokeFullAccess", [allowOnEverything("appsync:GraphQL", "appsync:GetGraphqlApi", "appsync:ListGraphqlApis", "appsync:ListApiKeys")]],
    // Reads every object, item, secret value's metadata and log of the account. Its document lists
    // hundreds of services; these are the reads that decide a finding.
    ["ReadOnlyAccess", [allowOnEverything("s3:Get*", "s3:List*", "dynamodb:Get*", "dynamodb:Query", "dynamodb:Scan", "logs:Get*", "lambda:Get*", "ssm:Get*")]],
    ["AmazonS3ReadOnlyAccess", [allowOnEverything("s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*")]],
    ["AmazonDynamoDBReadOnlyAccess", [allowOnEverything("dynamodb:BatchGetItem", "dynamodb:Describe*", "dynamodb:List*", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect", "dax:GetItem", "dax:BatchGetItem", "dax:Query", "dax:Scan")]],
    // Every Secrets Manager action on every secret, and Lambda functions it may create for rotation.
    ["SecretsManagerReadWrite", [allowOnEverything("secretsmanager:*", "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet", "tag:GetResources")]],
    // Lambda's execution policies, common on trigger roles: logs, network interfaces, and (AWSLambdaExecute) every bucket's objects.
    ["AWSLambdaExecute", [{ Effect: "Allow", Action: ["logs:*"], Resource: ["arn:aws:logs:*:*:*"] }, { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::*"] }]],
    ["AWSLambdaVPCAccessExecutionRole", [allowOnEverything("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses")]],
    // OpenSearch's access to Cognito: client management and admin sign-in on every pool.
    ["AmazonESCognitoAccess", [allowOnEverything("cognito-idp:DescribeUserPool", "cognito-idp:CreateUserPoolClient", "cognito-idp:DeleteUserPoolClient", "cognito-idp:UpdateUserPoolClient", "cognito-idp:DescribeUserPoolClient", "cognito-idp:AdminInitiateAuth", "cognito-idp:AdminUserGlobalSignOut", "cognito-idp:ListUserPoolClients", "cognito-identity:DescribeIdentityPool", "cognito-identity:UpdateIdentityPool", "cognito-identity:SetIdentityPoolRoles", "cognito-identity:GetIdentityPoolRoles")]],
    // Traces only: actions X-Ray cannot scope to a resource.
    ["AWSXRayDaemonWriteAccess", [allowOnEverything("xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries")]],
    // Under the service-role/ path.
    ["AWSLambdaRole", [allowOnEverything("lambda:InvokeFunction")]],
    ["AWSLambdaBasicExecutionRole", [allowOnEverything("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents")]],
]);

/**
 * AWS managed policies whose name promises a whole service, by the pattern that says so:
 * `...FullAccess` (also `_FullAccess`, `FullAccess_v2`, `FullAccessV2`), `AdministratorAccess-<service>`
 * (AdministratorAccess-Amplify), `...PowerUser` (AWSCodeCommitPowerUser) and `...ReadWrite`.
 */
function serviceWideName(name: string): string | undefined {
    if (/FullAccess(?:_?v\d+)?$/i.test(name)) return "*FullAccess";
    if (/^AdministratorAccess-/.test(name)) return "AdministratorAccess-*";
    if (/PowerUser(?:Access)?$/i.test(name)) return "*PowerUser";
    if (/ReadWrite(?:Access)?$/i.test(name)) return "*ReadWrite";
    return undefined;
}

/** What a serviceWide grant allows, in the words every rule uses. */
export const serviceWideProblem = (by: string) => `grants every action of its service on every resource (an AWS managed ${by} policy)`;
/** What a serviceRead grant allows. */
export const serviceReadProblem = "reads every resource of its service (an AWS managed *ReadOnly policy)";

/**
 * Whether a stage accepts this grant by its AWS managed policy's name: only a policy the pack does
 * not know (awsManaged) or judges by its name alone (serviceRead). A listed policy whose document
 * the pack knows (AdministratorAccess) is still judged by what it grants.
 */
export function acceptedByName(grant: Grant, names: unknown): boolean {
    if (grant.kind !== "awsManaged" && grant.kind !== "serviceRead") return false;
    const name = grant.policyArn === undefined ? undefined : awsManagedName(grant.policyArn);
    return name !== undefined && Array.isArray(names) && names.includes(name);
}

/** A config property: AWS managed policies (by name) a stage accepts although the pack cannot judge them. */
export const acceptedManagedPoliciesSchema = {
    type: "array", items: { type: "string" }, default: [],
    description: "AWS managed policies (by name) this stage accepts on such a role although the pack does not know them, or judges them by their name alone (*ReadOnly); a policy whose document the pack knows is judged whatever this says.",
} as const;

/** AWS managed policies whose name promises reading a whole service: `...ReadOnlyAccess`, `...ReadOnly`. */
const serviceReadName = (name: string) => /ReadOnly(?:Access)?(?:_?v\d+)?$/i.test(name);

/** The name of an AWS managed policy ARN (account "aws", any partition, any path); undefined for any other ARN. */
export const awsManagedName = (arn: string) => /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A property that holds one entry or a list of them, as a list; unset is []. */
const entries = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** A string or a list of strings, as a list; undefined when it is neither. */
function stringList(value: unknown): string[] | undefined {
    if (typeof value === "string") return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return [...value];
    return undefined;
}

export type ParsedDocument = { readonly statements: Statement[] } | { readonly unreadable: string };

/** An IAM document (JSON string or object) as a list of statements, or why it cannot be read. */
export function parseDocument(value: unknown): ParsedDocument {
    if (value === undefined || value === null || value === "") return { statements: [] };
    let document: unknown = value;
    if (typeof value === "string") {
        try {
            document = JSON.parse(value);
        } catch {
            return { unreadable: "not valid JSON" }; // the parser's own words differ between Node versions
        }
    }
    if (!isObject(document)) return { unreadable: "not a JSON object" };
    const raw = document.Statement;
    if (raw === undefined) return { statements: [] };
    const list = Array.isArray(raw) ? raw : [raw];
    const statements: Statement[] = [];
    for (const [i, s] of list.entries()) {
        if (!isObject(s)) return { unreadable: `statement ${i + 1} is not an object` };
        const statement: Statement = { Effect: typeof s.Effect === "string" ? s.Effect : undefined, Sid: typeof s.Sid === "string" ? s.Sid : undefined, Principal: s.Principal };
        for (const key of ["Action", "NotAction", "Resource", "NotResource"] as const) {
            if (s[key] === undefined) continue;
            const values = stringList(s[key]);
            if (!values) return { unreadable: `${key} of statement ${i + 1} is neither a string nor a list of strings` };
            statement[key] = values;
        }
        if (s.Condition !== undefined) {
            if (!isObject(s.Condition) || !Object.values(s.Condition).every(isObject)) return { unreadable: `Condition of statement ${i + 1} is not an object of objects` };
            statement.Condition = s.Condition as Statement["Condition"];
        }
        if (s.Effect !== undefined && typeof s.Effect !== "string") return { unreadable: `Effect of statement ${i + 1} is not a string` };
        statements.push(statement);
    }
    return { statements };
}

/** The statements that allow something (anything but an explicit Deny). */
export const allows = (statements: Statement[]) => statements.filter((s) => s.Effect !== "Deny");

const roleNameFromArn = (arn: unknown) => (typeof arn === "string" ? /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1] : undefined);

/** Every way a resource may name this role: name, id, ARN, the name in the ARN. */
export function roleReferences(role: PolicyResource): Set<string> {
    const props = role.props as Record<string, unknown>;
    const refs = [props.name, props.id, props.arn, roleNameFromArn(props.arn)].filter((v): v is string => typeof v === "string" && v !== "");
    return new Set(refs);
}

function fromDocument(origin: Origin, document: unknown): Grant {
    const parsed = parseDocument(document);
    return "unreadable" in parsed ? { ...origin, kind: "unreadable", reason: parsed.unreadable } : { ...origin, kind: "statements", statements: parsed.statements };
}

/** What a managed policy ARN grants: a known AWS managed policy, a Policy of this stack, or unknown. */
function fromManagedArn(resources: PolicyResource[], policyArn: unknown, via: string): Grant {
    if (typeof policyArn !== "string" || policyArn === "") return { source: via, kind: "unreadable", reason: `its policy ARN is ${JSON.stringify(policyArn) ?? "missing"}` };
    const awsName = awsManagedName(policyArn);
    const known = awsName === undefined ? undefined : awsManagedPolicies.get(awsName);
    if (known !== undefined) return { source: `the AWS managed policy ${awsName}`, policyArn, kind: "statements", statements: known.map((s) => ({ ...s })) };
    if (awsName !== undefined) {
        const source = `the AWS managed policy ${awsName}`;
        const by = serviceWideName(awsName);
        if (by !== undefined) return { source, policyArn, kind: "serviceWide", by };
        return serviceReadName(awsName) ? { source, policyArn, kind: "serviceRead" } : { source, policyArn, kind: "awsManaged" };
    }
    const policy = resources.find((r) => r.type === awsTypes.policy && r.props.arn === policyArn);
    if (policy) return fromDocument({ source: `policy ${policy.name}`, policyArn }, policy.props.policy);
    return { source: `managed policy ${policyArn}`, policyArn, kind: "external" };
}

/** Every grant of one role, in order: inline policies, RolePolicy resources, then managed policies. */
export function grantsOf(resources: PolicyResource[], role: PolicyResource): Grant[] {
    const refs = roleReferences(role);
    const names = (value: unknown) => (stringList(value) ?? []).some((v) => refs.has(v));
    const grants: Grant[] = [];

    for (const entry of entries(role.props.inlinePolicies)) {
        if (entry === null || entry === undefined) continue; // Terraform's [null]
        if (!isObject(entry)) {
            grants.push({ source: "an inline policy", kind: "unreadable", reason: "the entry is not an object" });
            continue;
        }
        const name = typeof entry.name === "string" && entry.name !== "" ? entry.name : undefined;
        if (name === undefined && (entry.policy === undefined || entry.policy === null || entry.policy === "")) continue; // Terraform's { name: "", policy: "" }
        grants.push(fromDocument({ source: name === undefined ? "an unnamed inline policy" : `inline policy "${name}"` }, entry.policy));
    }

    for (const r of resources) {
        if (r.type === awsTypes.rolePolicy && names(r.props.role)) grants.push(fromDocument({ source: `role policy ${r.name}` }, r.props.policy));
    }

    for (const arn of entries(role.props.managedPolicyArns)) {
        grants.push(fromManagedArn(resources, arn, "a managed policy ARN of the role"));
    }
    for (const r of resources) {
        if (r.type === awsTypes.rolePolicyAttachment && names(r.props.role)) grants.push(fromManagedArn(resources, r.props.policyArn, `policy attachment ${r.name}`));
        if (r.type === awsTypes.policyAttachment && names(r.props.roles)) grants.push(fromManagedArn(resources, r.props.policyArn, `policy attachment ${r.name}`));
        // A policy that names its roles itself (CloudFormation's AWS::IAM::ManagedPolicy, as native-shapes.ts presents it).
        if (r.type === awsTypes.policy && names(r.props.roles)) grants.push(fromDocument({ source: `policy ${r.name}`, policyArn: typeof r.props.arn === "string" ? r.props.arn : undefined }, r.props.policy));
    }
    // One policy attached two ways (the role's managedPolicyArns and an attachment, or a policy naming its roles) grants once.
    const seen = new Set<string>();
    return grants.filter((grant) => grant.policyArn === undefined || (!seen.has(grant.policyArn) && Boolean(seen.add(grant.policyArn))));
}

/** Case-insensitive IAM wildcard match (`*` any run, `?` one character). */
export function iamMatch(pattern: string, value: string): boolean {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${source}$`, "i").test(value);
}

/** Wildcards alone ("*", "**", "?*"): as much as "*" matches. */
const onlyWildcards = (text: string) => /^[*?]+$/.test(text) && text.includes("*");

/** Every action of every service: "*", "**", "*:*". */
export const isEveryAction = (action: string) => action.split(":").length <= 2 && action.split(":").every(onlyWildcards);

/** Every action of a service (or of every service its name's wildcard matches): "*", "service:*", "iam:**", "i*:*". */
export const isFullWildcard = (action: string) => isEveryAction(action) || /^[^:]+:[*?]*\*[*?]*$/.test(action);
export const isPartialWildcard = (action: string) => !isFullWildcard(action) && /[*?]/.test(action);
