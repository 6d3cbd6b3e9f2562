// What a role may do, in a few words a reviewer reads at a glance: "S3 news-uploads: own prefix,
// read/write", "DynamoDB reading-lists: own items, read". The grants are the policy pack's
// (policy/rules/grants.ts: inline policies, role policies, managed policies); each Allow statement
// becomes facts (service, target, scope, access level), so that a change can say which fact is new.
import type { PolicyResource } from "@pulumi/policy";
import { allows, grantsOf, isFullWildcard, type Statement } from "../../policy/rules/grants";
import { namesAll } from "../../policy/rules/reach";
import { identityIdVariable } from "../../components/identity-pool/inputs";

/** One thing a role may do: a line groups the levels of one service, target and scope. */
export interface GrantFact {
    /** "S3 news-uploads", "DynamoDB reading-lists", "every service". */
    readonly target: string;
    /** "own prefix", "own items", "every object", "every resource", a path. */
    readonly scope: string;
    /** "read", "write", "permissions", "every action", "every action but ...". */
    readonly level: string;
}

export interface GrantSummary {
    /** One line per target and scope, levels joined: "S3 news-uploads: own prefix, read/write". */
    readonly lines: string[];
    /** One string per fact: what a change compares. */
    readonly facts: string[];
    /** Grants that cannot be judged here (unreadable, or a managed policy outside the stack). */
    readonly unknown: string[];
}

const serviceNames: Readonly<Record<string, string>> = {
    s3: "S3", dynamodb: "DynamoDB", lambda: "Lambda", "execute-api": "API Gateway", appsync: "AppSync", sns: "SNS", sqs: "SQS",
    kinesis: "Kinesis", firehose: "Firehose", mobiletargeting: "Pinpoint", geo: "Location", iot: "IoT", "cognito-identity": "Cognito identity",
    "cognito-idp": "Cognito user pools", "cognito-sync": "Cognito sync", ses: "SES", kms: "KMS", iam: "IAM", sts: "STS", logs: "CloudWatch Logs",
};

const serviceOf = (action: string) => (action.includes(":") ? action.split(":")[0].toLowerCase() : "*");

/** read, write, invoke or permissions, from the action's verb (a partial wildcard by its literal start). */
function levelOf(action: string): string {
    if (isFullWildcard(action)) return "every action";
    const name = action.slice(action.indexOf(":") + 1);
    if (/acl|policy|permission/i.test(name)) return "permissions";
    if (/^invoke/i.test(name)) return "invoke";
    if (/^(get|list|describe|query|scan|batchget|select|head|search|lookup|read|view|conditioncheck)/i.test(name)) return "read";
    return "write";
}

const mentionsIdentity = (value: unknown) => JSON.stringify(value ?? "").includes(identityIdVariable);

/** The values a statement's conditions test a key against (Null tests presence only, not the value). */
const conditionOn = (statement: Statement, key: string): unknown[] =>
    Object.entries(statement.Condition ?? {})
        .filter(([operator]) => operator.toLowerCase() !== "null")
        .flatMap(([, block]) => Object.entries(block).filter(([k]) => k.toLowerCase() === key).map(([, v]) => v));

/** Service target and scope of one resource of a statement. */
function where(service: string, resource: string, statement: Statement): { target: string; scope: string } {
    const label = serviceNames[service] ?? service;
    // "*" and patterns as wide ("arn:*", "arn:aws:s3:::*/*"), as the pack reads them.
    if (namesAll(resource)) return { target: service === "*" ? "every service" : label, scope: "every resource" };
    if (service === "s3") {
        const [bucket, ...rest] = resource.replace(/^arn:[^:]*:s3:::/, "").split("/");
        const key = rest.join("/");
        if (key === "") {
            const prefixes = conditionOn(statement, "s3:prefix");
            return { target: `S3 ${bucket}`, scope: prefixes.length === 0 ? "the bucket" : prefixes.every(mentionsIdentity) ? "own prefix" : `prefixes ${prefixes.flat().join(", ")}` };
        }
        if (key.includes(identityIdVariable)) return { target: `S3 ${bucket}`, scope: "own prefix" };
        return { target: `S3 ${bucket}`, scope: key === "*" ? "every object" : key };
    }
    if (service === "dynamodb") {
        const table = /:table\/([^/]+)(\/.*)?$/.exec(resource);
        const target = `DynamoDB ${table?.[1] ?? resource}`;
        const leading = conditionOn(statement, "dynamodb:leadingkeys");
        const index = table?.[2] ? ` ${table[2].slice(1)}` : "";
        return { target, scope: `${leading.length > 0 && leading.every(mentionsIdentity) ? "own items" : "every item"}${index}` };
    }
    const rest = resource.split(":").slice(5).join(":");
    return { target: label, scope: rest === "" ? resource : rest };
}

/** The facts of one Allow statement. */
function statementFacts(statement: Statement): GrantFact[] {
    const resources = statement.Resource ?? (statement.NotResource ? [`every resource but ${statement.NotResource.join(", ")}`] : ["*"]);
    if (statement.NotAction) {
        return resources.map((resource) => ({ target: "every service", scope: namesAll(resource) ? "every resource" : resource, level: `every action but ${statement.NotAction!.join(", ")}` }));
    }
    const facts: GrantFact[] = [];
    for (const action of statement.Action ?? []) {
        const service = serviceOf(action);
        for (const resource of resources) facts.push({ ...where(service, resource, statement), level: levelOf(action) });
    }
    return facts;
}

const levelOrder = ["read", "invoke", "write", "permissions"];

/** What a role may do, from every grant the pack finds for it. */
export function grantSummary(resources: PolicyResource[], role: PolicyResource): GrantSummary {
    const facts: GrantFact[] = [];
    const unknown: string[] = [];
    for (const grant of grantsOf(resources, role)) {
        if (grant.kind === "unreadable") unknown.push(`${grant.source} cannot be read: ${grant.reason}`);
        else if (grant.kind === "external") unknown.push(`${grant.source}, outside this stack`);
        else if (grant.kind === "awsManaged") unknown.push(`${grant.source}, not known here (on every resource)`);
        // A *FullAccess or *ReadOnly policy known by its name only: its whole service, everywhere.
        else if (grant.kind === "serviceWide") facts.push({ target: grant.source, scope: "every resource", level: "every action of its service" });
        else if (grant.kind === "serviceRead") facts.push({ target: grant.source, scope: "every resource", level: "read" });
        else for (const statement of allows(grant.statements)) facts.push(...statementFacts(statement));
    }
    const byPlace = new Map<string, Set<string>>();
    for (const f of facts) {
        const place = `${f.target}: ${f.scope}`;
        byPlace.set(place, (byPlace.get(place) ?? new Set()).add(f.level));
    }
    const rank = (level: string) => (levelOrder.includes(level) ? levelOrder.indexOf(level) : levelOrder.length);
    const lines = [...byPlace].map(([place, levels]) => `${place}, ${[...levels].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).join("/")}`);
    const factStrings = [...new Set(facts.map((f) => `${f.target}: ${f.scope}: ${f.level}`))];
    return { lines: lines.length || unknown.length ? lines : ["nothing"], facts: factStrings, unknown };
}
