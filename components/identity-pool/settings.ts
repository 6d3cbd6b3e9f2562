// IdentityPool: defaults, the actions the per-user grants accept, and the checks of its settings
// (grants, free statements, role mapping), plus what the stack weakened on purpose. Pure.
import { getProject, getStack } from "@pulumi/pulumi";
import { awsFields, ruleProblem } from "../../config/aws-fields";
import { standardAttributeNames, type IdentityPoolSettings } from "../../config/schema";
import { allowedValues, ProblemList, quoted, type Problem } from "../shared/validation";

export const identityPoolDefaults = {
    allowGuests: false,
    s3UserPrefixActions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
    dynamoUserItemsActions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
    /** A token without a role claim gets the authenticated role, as without role mapping. */
    tokenAmbiguousRoleResolution: "AuthenticatedRole",
    /** A user no rule matches gets nothing: falling back would hand them a role nobody chose. */
    rulesAmbiguousRoleResolution: "Deny",
    matchType: "Equals",
} as const;

/**
 * Actions the per-user grants accept. Object and item actions only: the resource pins the user's
 * own prefix or items, and any other action there (an ACL, a bucket policy, a Scan, PartiQL)
 * reaches past it or ignores the condition.
 */
export const userGrantActions = {
    s3UserPrefix: [
        "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:AbortMultipartUpload",
        "s3:ListMultipartUploadParts", "s3:GetObjectTagging", "s3:PutObjectTagging", "s3:DeleteObjectTagging", "s3:GetObjectAttributes",
    ],
    dynamoUserItems: [
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
        "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
    ],
} as const;

export function identityPoolProblems(settings: IdentityPoolSettings, availableClients: readonly string[], untrustedClaims: Readonly<Record<string, string>>): Problem[] {
    const p = new ProblemList();
    (settings.clients ?? []).forEach((client, i) => p.check(availableClients.includes(client), `clients[${i}]`,
        `got ${JSON.stringify(client)}; allowed: a web or native client of this stack: ${allowedValues(availableClients, "declare a web or native client in clients")}`));
    p.check((settings.clients ?? availableClients).length > 0, "clients", "the identity pool needs at least one web or native client to trust");
    const guests = settings.allowGuests ?? identityPoolDefaults.allowGuests;
    p.check(guests || !settings.guest?.statements?.length, "guest.statements", "guest permissions are given but allowGuests is false; set allowGuests: true or remove them");
    const bucket = settings.authenticated?.s3UserPrefix?.bucket;
    if (bucket !== undefined) p.check(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket), "authenticated.s3UserPrefix.bucket", `got ${JSON.stringify(bucket)}; allowed: an S3 bucket name`);
    checkUserGrantActions(p, "authenticated.s3UserPrefix.actions", settings.authenticated?.s3UserPrefix?.actions, userGrantActions.s3UserPrefix, "object-level actions on the user's prefix");
    checkUserGrantActions(p, "authenticated.dynamoUserItems.actions", settings.authenticated?.dynamoUserItems?.actions, userGrantActions.dynamoUserItems, "item-level actions on the user's items");
    checkStatements(p, "authenticated.statements", settings.authenticated?.statements);
    checkStatements(p, "guest.statements", settings.guest?.statements);
    checkRoleMapping(p, settings.roleMapping, untrustedClaims);
    checkName(p, settings);
    return p.problems;
}

/**
 * The identity pool's name in AWS: as given, else "<project>_<stack>" with every character but
 * letters, digits, '_' and spaces turned into '_' (the characters identity pool names first allowed).
 */
export function identityPoolName(settings: Pick<IdentityPoolSettings, "name">): string {
    return settings.name ?? `${getProject()}_${getStack()}`.replace(/[^\w ]/g, "_");
}

/** The name Cognito gets: as given (the stack config's schema checks it too), or the default, which a long project and stack name make too long. */
function checkName(p: ProblemList, settings: IdentityPoolSettings): void {
    const name = identityPoolName(settings);
    const problem = ruleProblem(awsFields.identityPoolName, name);
    if (problem) p.add("name", settings.name === undefined ? `is not set, and the default "<project>_<stack>" ${JSON.stringify(name)} is refused by Cognito: ${problem}; set name` : `got ${JSON.stringify(name)}; ${problem}`);
}

// IAM compares action names case-insensitively: "S3:GetObjectAcl" is s3:GetObjectAcl.
function checkUserGrantActions(p: ProblemList, field: string, actions: readonly string[] | undefined, allowed: readonly string[], what: string): void {
    const known = allowed.map((a) => a.toLowerCase());
    (actions ?? []).forEach((action, i) => p.check(known.includes(action.toLowerCase()), `${field}[${i}]`, `got ${JSON.stringify(action)}; allowed: ${what}: ${quoted(allowed)}`));
}

type FreeStatement = NonNullable<NonNullable<IdentityPoolSettings["authenticated"]>["statements"]>[number];

/**
 * Why an action of a free-form statement needs allowWildcards, or undefined. Partial wildcards
 * count too: s3:Put* includes s3:PutBucketPolicy, and every pattern grows with the actions AWS
 * adds later, so only exact names pass without the opt-in.
 */
function wildcardActionProblem(action: string): string | undefined {
    if (!/[*?]/.test(action)) return undefined;
    const colon = action.indexOf(":");
    const service = colon < 0 ? action : action.slice(0, colon);
    const name = colon < 0 ? "*" : action.slice(colon + 1);
    const everyName = /^[*?]*\*[*?]*$/.test(name);
    if (/[*?]/.test(service)) return everyName ? "it covers every action of every service" : "its service is a wildcard, so it reaches every service";
    if (everyName) return `it covers every action of ${service.toLowerCase()}`;
    return "a partial wildcard also covers actions nobody listed (s3:Put* includes s3:PutBucketPolicy) and ones AWS adds later";
}

const wild = /[*?]/;

/**
 * Why a resource of a free-form statement needs allowWildcards, or undefined. Refused: "*", a
 * wildcard service, region or account, every resource of a service, every resource of one type
 * (table/*, function:*, role/*), and any wildcard in an S3 bucket name (bucket ARNs name no
 * account, so news-* also matches other accounts' buckets). A path below a named resource
 * (news-public/*, table/lists/index/*) is fine.
 */
function wildcardResourceProblem(resource: string): string | undefined {
    if (/^[*?]+$/.test(resource)) return "it reaches every resource";
    const parts = resource.split(":");
    if (parts.length < 6) return wild.test(resource) ? "it reaches every resource" : undefined;
    const [, , service, region, account] = parts;
    if (wild.test(service)) return "its service is a wildcard, so it reaches every service's resources";
    const rest = parts.slice(5).join(":");
    if (/^[*?/:]*$/.test(rest)) return `it reaches every ${service} resource`;
    if (wild.test(region) || wild.test(account)) return "its region or account is a wildcard, so it reaches resources of other regions or accounts";
    if (service === "s3" && wild.test(rest.split("/")[0])) return "a wildcard in a bucket name also matches other accounts' buckets";
    const [type, name = ""] = rest.split(/[/:]/);
    if (resourceTypes.includes(type) && wild.test(name)) return `it reaches every ${type} of ${service} in the account`;
    return undefined;
}

/** ARN resource types whose next segment names the resource (table/<name>, function:<name>, ...). */
const resourceTypes = [
    "table", "function", "role", "user", "group", "policy", "instance-profile", "key", "alias", "secret", "parameter", "log-group",
    "stateMachine", "rule", "event-bus", "stream", "deliverystream", "repository", "identitypool", "userpool", "cluster", "db", "index", "collection",
];

function checkStatements(p: ProblemList, field: string, statements: readonly FreeStatement[] | undefined): void {
    (statements ?? []).forEach((statement, i) => {
        if (statement.allowWildcards) return;
        const optIn = "or set allowWildcards: true on this statement";
        statement.actions.forEach((action, j) => {
            const why = wildcardActionProblem(action);
            if (why) p.add(`${field}[${i}].actions[${j}]`, `got ${JSON.stringify(action)}; ${why}; allowed: exact action names such as "s3:GetObject", ${optIn}`);
        });
        statement.resources.forEach((resource, j) => {
            const why = wildcardResourceProblem(resource);
            if (why) p.add(`${field}[${i}].resources[${j}]`, `got ${JSON.stringify(resource)}; ${why}; allowed: ARNs of the resources meant, ${optIn}`);
        });
    });
}

const looseMatchTypes = ["Contains", "StartsWith", "NotEqual"];

function checkRoleMapping(p: ProblemList, mapping: IdentityPoolSettings["roleMapping"], untrustedClaims: Readonly<Record<string, string>>): void {
    if (mapping?.type !== "rules") return;
    const trusted = mapping.trustedClaims ?? [];
    mapping.rules.forEach((rule, i) => {
        const why = untrustedClaims[rule.claim];
        p.check(why === undefined || trusted.includes(rule.claim), `roleMapping.rules[${i}].claim`,
            `got ${JSON.stringify(rule.claim)}: ${why}, so a user could choose their own role; allowed: a claim users cannot write and identity providers do not map (such as "cognito:groups"), or list it in roleMapping.trustedClaims`);
        const matchType = rule.matchType ?? identityPoolDefaults.matchType;
        p.check(!looseMatchTypes.includes(matchType) || mapping.allowLooseMatches === true, `roleMapping.rules[${i}].matchType`,
            `got ${JSON.stringify(matchType)}; loose matches take values nobody meant (Contains "admin" matches "notadmin"); allowed: "Equals", or set roleMapping.allowLooseMatches: true`);
    });
    const claims = mapping.rules.map((r) => r.claim);
    trusted.forEach((claim, j) => p.check(claims.includes(claim), `roleMapping.trustedClaims[${j}]`,
        `got ${JSON.stringify(claim)}, which no rule uses; allowed: a claim of roleMapping.rules: ${quoted([...new Set(claims)])}`));
}

/** The claims role-mapping rules choose AWS roles by: the claims this stack trusts for authorization. */
export function roleRuleClaims(settings: IdentityPoolSettings | undefined): string[] {
    return settings?.roleMapping?.type === "rules" ? [...new Set(settings.roleMapping.rules.map((r) => r.claim))] : [];
}

/**
 * What the component assumes users control when it is not told (IdentityPoolArgs.untrustedClaims):
 * every custom attribute and every standard attribute a rule names, since clients let users write
 * the pool's mutable standard attributes by default.
 */
export function assumedUntrustedClaims(settings: IdentityPoolSettings): Record<string, string> {
    const claims = roleRuleClaims(settings);
    const standard: readonly string[] = standardAttributeNames;
    return Object.fromEntries(claims.flatMap((claim) =>
        claim.startsWith("custom:") ? [[claim, "users may write custom attributes (untrustedClaims was not given)"]]
            : standard.includes(claim) ? [[claim, "users may write standard attributes by default (untrustedClaims was not given)"]]
                : []));
}

/** Security defaults this identity pool turns down on purpose, by field (relative to the identityPool key): for the weakening warnings. */
export function identityPoolWeakenings(settings: IdentityPoolSettings): Problem[] {
    const found: Problem[] = [];
    for (const [field, statements] of [["authenticated.statements", settings.authenticated?.statements], ["guest.statements", settings.guest?.statements]] as const) {
        (statements ?? []).forEach((statement, i) => {
            if (!statement.allowWildcards) return;
            const wild = [...statement.actions.filter((a) => wildcardActionProblem(a)), ...statement.resources.filter((r) => wildcardResourceProblem(r))];
            found.push({ field: `${field}[${i}].allowWildcards`, message: `is true: this statement may grant wildcard actions and resources (${wild.length ? `it uses ${quoted(wild)}` : "it uses none; remove allowWildcards"})` });
        });
    }
    const mapping = settings.roleMapping;
    if (mapping?.type === "rules") {
        if (mapping.allowLooseMatches) {
            const loose = mapping.rules.flatMap((r, i) => (looseMatchTypes.includes(r.matchType ?? identityPoolDefaults.matchType) ? [`rules[${i}] (${r.matchType})`] : []));
            found.push({ field: "roleMapping.allowLooseMatches", message: `is true: rules may choose a role by Contains, StartsWith or NotEqual (${loose.length ? `used by ${loose.join(", ")}` : "no rule uses one; remove allowLooseMatches"})` });
        }
        (mapping.trustedClaims ?? []).forEach((claim, j) => found.push({ field: `roleMapping.trustedClaims[${j}]`, message: `trusts ${JSON.stringify(claim)} to choose a role, though users or identity providers may set it` }));
        if (mapping.ambiguousRoleResolution === "AuthenticatedRole") {
            found.push({ field: "roleMapping.ambiguousRoleResolution", message: `is "AuthenticatedRole": a user no rule matches still gets the authenticated role (the default for rules is "Deny")` });
        }
    }
    return found;
}
