// Every grant of an IAM role, collected once: its inline policies, RolePolicy resources, managed
// policies attached by ARN (managedPolicyArns, RolePolicyAttachment, PolicyAttachment) and the
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
    /** A managed policy whose document is neither in this stack nor known here. */
    | { readonly kind: "external" }
);

/**
 * AWS managed policies are public, so what they grant is known without the stack defining them. Each
 * listed one, by name, with the actions it allows on every resource ("*"), counted as one Allow
 * statement. Only the service-wide grants that decide a finding are listed: a policy's narrower
 * statements (read-only lookups, condition-bound iam:PassRole) are left out, so a line never claims
 * more than the policy allows. Documents as published in the AWS Managed Policy Reference
 * (docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html). A policy not listed stays
 * "external" (cognito-role-outside-stack names it as advice).
 */
export const awsManagedPolicies: ReadonlyMap<string, readonly string[]> = new Map([
    // Counted as everything: PowerUserAccess allows every action but iam, organizations and account
    // ones; IAMFullAccess lets the role grant itself anything.
    ["AdministratorAccess", ["*"]],
    ["PowerUserAccess", ["*"]],
    ["IAMFullAccess", ["*"]],
    ["AmazonS3FullAccess", ["s3:*", "s3-object-lambda:*"]],
    ["AmazonDynamoDBFullAccess", ["dynamodb:*", "dax:*"]],
    ["AWSLambda_FullAccess", ["lambda:*"]],
    ["AmazonCognitoPowerUser", ["cognito-identity:*", "cognito-idp:*", "cognito-sync:*"]],
    ["AmazonSNSFullAccess", ["sns:*"]],
    ["AmazonSQSFullAccess", ["sqs:*"]],
    ["AmazonKinesisFullAccess", ["kinesis:*"]],
    ["AmazonSESFullAccess", ["ses:*"]],
    ["AWSAppSyncInvokeFullAccess", ["appsync:GraphQL", "appsync:GetGraphqlApi", "appsync:ListGraphqlApis", "appsync:ListApiKeys"]],
    // Under the service-role/ path.
    ["AWSLambdaRole", ["lambda:InvokeFunction"]],
    ["AWSLambdaBasicExecutionRole", ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]],
]);

/** The name of an AWS managed policy ARN (account "aws", any partition, any path); undefined for any other ARN. */
const awsManagedName = (arn: string) => /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];

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
    if (known !== undefined) return { source: `the AWS managed policy ${awsName}`, policyArn, kind: "statements", statements: [{ Effect: "Allow", Action: [...known], Resource: ["*"] }] };
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
    }
    return grants;
}

/** Case-insensitive IAM wildcard match (`*` any run, `?` one character). */
export function iamMatch(pattern: string, value: string): boolean {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${source}$`, "i").test(value);
}

/** "*" or "service:*". */
export const isFullWildcard = (action: string) => action === "*" || /^[^:*?]+:\*$/.test(action);
export const isPartialWildcard = (action: string) => !isFullWildcard(action) && /[*?]/.test(action);
