// How far an IAM statement's resources reach beyond what they name. A pattern is judged by whether
// it matches a probe: an ARN, in the pattern's own partition, region and account, of a resource no
// stack names. "*", "arn:*", "arn:aws:*:*:*:*", "table*", "secret:*-*" and "role*" all match one;
// a table, a bucket prefix, a secret path or a role by name do not. Wildcards span colons and
// slashes here, as they may in IAM, so a pattern is never judged narrower than it is.
import { iamMatch, type Statement } from "./grants";
import { hasResourceLevel } from "./no-resource-actions";

/** The probe for this pattern: the template with the pattern's own partition, region and account where it names them without a wildcard. */
function probeFor(pattern: string, template: string): string {
    const parts = pattern.split(":");
    const literal = (i: number, fallback: string) => (parts[i] !== undefined && parts[i] !== "" && !/[*?]/.test(parts[i]) ? parts[i] : fallback);
    return template.replace("{p}", literal(1, "aws")).replace(/\{r\}/g, literal(3, "eu-west-3")).replace("{a}", literal(4, "000000000000"));
}

const matchesProbe = (pattern: string, templates: readonly string[]) => templates.some((template) => iamMatch(pattern, probeFor(pattern, template)));

/** Wildcards and slashes alone: "*", "**", or every object of every bucket. */
const allMatching = (part: string) => /^[*?/]+$/.test(part) && part.includes("*");

/** A resource of a service no stack names, with a type before a slash or a colon. */
const anyServiceProbes = ["arn:{p}:zq9probe:{r}:{a}:zq9probe/Zq9Probe", "arn:{p}:zq9probe:{r}:{a}:zq9probe:Zq9Probe"];

/**
 * A resource as wide as "*": wildcards alone, an ARN whose service or resource part is all
 * wildcards ("arn:*", "arn:*:*:*:*:*:*", "arn:aws:*:*:*:*", "arn:aws:s3:::*").
 */
export function namesAll(resource: string): boolean {
    if (allMatching(resource) || matchesProbe(resource, anyServiceProbes)) return true;
    const parts = resource.split(":");
    return parts.length >= 6 && parts[0] === "arn" && allMatching(parts.slice(5).join(":"));
}

/** Every resource of one type ("table/*", "function:*", "secret:*"); in S3 "name/*" is one bucket's objects, not a type. */
function namesEveryOfType(resource: string): boolean {
    const parts = resource.split(":");
    return parts.length >= 6 && parts[0] === "arn" && parts[2] !== "s3" && /^[A-Za-z-]+[/:][*?]*\*[*?]*$/.test(parts.slice(5).join(":"));
}

/** A resource that names everything of a service, or every resource of one type. */
export const namesEverything = (resource: string) => namesAll(resource) || namesEveryOfType(resource);

/**
 * Services whose resources hold data, code or rights, each with probes for its kinds of resource.
 * SNS (an SMS to a phone number needs "*") and SES (sending, judged by its identity) are not here.
 */
const sensitive: Readonly<Record<string, readonly string[]>> = {
    s3: ["arn:{p}:s3:::zq9-probe/zq9-probe", "arn:{p}:s3:::zq9-probe"],
    "s3-object-lambda": ["arn:{p}:s3-object-lambda:{r}:{a}:accesspoint/zq9-probe"],
    dynamodb: ["arn:{p}:dynamodb:{r}:{a}:table/Zq9Probe", "arn:{p}:dynamodb:{r}:{a}:table/Zq9Probe/index/Zq9Probe", "arn:{p}:dynamodb:{r}:{a}:table/Zq9Probe/stream/Zq9Probe"],
    secretsmanager: ["arn:{p}:secretsmanager:{r}:{a}:secret:Zq9Probe-AbC123"],
    ssm: ["arn:{p}:ssm:{r}:{a}:parameter/Zq9Probe", "arn:{p}:ssm:{r}:{a}:document/Zq9Probe", "arn:{p}:ec2:{r}:{a}:instance/i-0zq9probe"],
    kms: ["arn:{p}:kms:{r}:{a}:key/zq9-probe", "arn:{p}:kms:{r}:{a}:alias/zq9-probe"],
    lambda: ["arn:{p}:lambda:{r}:{a}:function:Zq9Probe"],
    iam: ["arn:{p}:iam::{a}:role/Zq9Probe", "arn:{p}:iam::{a}:user/Zq9Probe", "arn:{p}:iam::{a}:group/Zq9Probe", "arn:{p}:iam::{a}:policy/Zq9Probe"],
    sts: ["arn:{p}:iam::{a}:role/Zq9Probe"],
    "cognito-idp": ["arn:{p}:cognito-idp:{r}:{a}:userpool/{r}_Zq9Probe"],
    "cognito-identity": ["arn:{p}:cognito-identity:{r}:{a}:identitypool/{r}:zq9probe"],
    sqs: ["arn:{p}:sqs:{r}:{a}:Zq9Probe"],
    rds: ["arn:{p}:rds:{r}:{a}:cluster:zq9-probe", "arn:{p}:rds:{r}:{a}:db:zq9-probe"],
    "rds-data": ["arn:{p}:rds:{r}:{a}:cluster:zq9-probe"],
    states: ["arn:{p}:states:{r}:{a}:stateMachine:Zq9Probe"],
    kinesis: ["arn:{p}:kinesis:{r}:{a}:stream/Zq9Probe"],
};

/** The sensitive services an action belongs to: "s3:GetObject" to s3, "*:Get*" and "*" to every one. */
function sensitiveServicesOf(action: string): string[] {
    const service = action.includes(":") ? action.slice(0, action.indexOf(":")) : action;
    return Object.keys(sensitive).filter((name) => iamMatch(service, name));
}

/**
 * Calls of those services that IAM cannot scope to a resource (a policy must say "*"), which return
 * names or settings of the account, not contents. From the Service Authorization Reference pages of
 * each service (list_<service>.html).
 */
const accountMetadataCalls = [
    "s3:ListAllMyBuckets", "s3:GetAccountPublicAccessBlock", "kms:ListKeys", "kms:ListAliases", "kms:GenerateRandom", "sts:GetCallerIdentity",
    "dynamodb:ListTables", "dynamodb:DescribeLimits", "dynamodb:DescribeEndpoints", "lambda:ListFunctions", "lambda:GetAccountSettings", "sqs:ListQueues",
    "secretsmanager:ListSecrets", "secretsmanager:GetRandomPassword", "ssm:DescribeParameters", "cognito-idp:ListUserPools", "cognito-identity:ListIdentityPools",
    "states:ListStateMachines", "kinesis:ListStreams",
];

/**
 * What a function's role may do on every resource, whatever the function: its logs, the network
 * interfaces of a function in a VPC, SMS to any phone number (SNS needs "*") and e-mail (SES).
 */
const functionHousekeeping = [
    "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
    "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:Describe*", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
    "sns:Publish", "ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail",
];

/** A call that is harmless on every resource: one IAM cannot scope, one of the account metadata calls, or a function's housekeeping. */
export const harmlessOnEverything = (action: string) =>
    !hasResourceLevel(action) || [...accountMetadataCalls, ...functionHousekeeping].some((call) => iamMatch(call, action));

/**
 * Whether this action, where it reaches every resource, reaches the account's data, code or rights:
 * any action of a sensitive service (named, or through a wildcard), but the calls IAM cannot scope.
 */
export function reachesAccount(action: string): boolean {
    if (sensitiveServicesOf(action).length === 0) return false;
    return /[*?]/.test(action) || !harmlessOnEverything(action);
}

/**
 * The resources that reach, for this action, beyond resources they name: as wide as "*", or every
 * resource of a kind of a sensitive service the action belongs to ("table*", "secret:*-*", "role*").
 */
export function resourcesBeyondNamed(action: string, resources: readonly string[]): string[] {
    const services = sensitiveServicesOf(action);
    return resources.filter((r) => namesAll(r) || services.some((service) => matchesProbe(r, sensitive[service])) || (services.length > 0 && namesEveryOfType(r)));
}

/** A resource that names user pools beyond one: a pattern matching a pool no stack names, or a cognito-idp ARN with a wildcard in its pool id. */
export const namesEveryPool = (resource: string) =>
    matchesProbe(resource, sensitive["cognito-idp"]) || (/^arn:[^:]*:cognito-idp:/i.test(resource) && /[*?]/.test(resource.split(":").slice(5).join(":")));

/**
 * Whether condition values fix what they match: present, and with no wildcard and no policy variable
 * ("${aws:username}", replaced by the caller's own value).
 */
export const pinned = (values: readonly string[]) => values.length > 0 && values.every((v) => v.trim() !== "" && !/[*?]|\$\{/.test(v));

/** Condition keys that choose which resources a statement reaches (a tag, a KMS alias, a secret's id), with the service whose actions they narrow ("aws" for all). */
function narrowingService(key: string): string | undefined {
    if (/^aws:ResourceTag\//i.test(key)) return "aws";
    const tag = /^([\w-]+):ResourceTag\//i.exec(key);
    if (tag) return tag[1].toLowerCase();
    if (/^kms:(RequestAlias|ResourceAliases)$/i.test(key)) return "kms";
    if (/^secretsmanager:SecretId$/i.test(key)) return "secretsmanager";
    return undefined;
}

/**
 * Whether a condition narrows which resources this action of the statement reaches: a key of the
 * action's service (or aws:ResourceTag) under an operator the caller cannot leave out (StringEquals,
 * StringLike, ArnEquals, ArnLike; ForAnyValue of them), with fixed values (a wildcard picks nothing).
 */
export function narrowedByCondition(statement: Statement, action: string): boolean {
    const service = action.includes(":") ? action.slice(0, action.indexOf(":")).toLowerCase() : "*";
    return Object.entries(statement.Condition ?? {}).some(([operator, block]) =>
        /^(ForAnyValue:)?(StringEquals|StringLike|ArnEquals|ArnLike)$/i.test(operator) && Object.entries(block ?? {}).some(([key, value]) => {
            const narrows = narrowingService(key);
            const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
            return (narrows === "aws" || narrows === service) && pinned(values);
        }));
}

/** Resources (or actions) as a finding shows them: "*" quoted. */
export const shownResources = (resources: readonly string[]) => resources.map((r) => (r === "*" ? `"*"` : r)).join(", ");
