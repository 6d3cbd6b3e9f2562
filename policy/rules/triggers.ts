// Rules on a user pool's Lambda triggers. They run on anonymous input (sign-up, sign-in, every
// password typed), so the pack judges who may invoke them, how long they run, what their roles may
// do, and what the pool's lambdaConfig wires in: another account's function, a migration function
// that is not the stack's own, or a group gate that sessions and refreshes skip.
import type { PolicyConfigSchema, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { acceptedByName, acceptedManagedPoliciesSchema, allows, grantsOf, iamMatch, isEveryAction, isFullWildcard, roleReferences, serviceReadProblem, serviceWideProblem, type Grant, type Statement } from "./grants";
import { harmlessOnEverything, namesAll, namesEveryPool, namesEverything, narrowedByCondition, reachesAccount, resourcesBeyondNamed, shownResources } from "./reach";
import { onAwsShapes } from "./native-shapes";
import { accountOf, field, forType, num, obj, objectOrJson, resourcesOf, resourcesOfTypes, settingsOf, strings, text, types, userPoolTypes } from "./support";

type Props = Record<string, unknown>;

/**
 * The variable this project's handlers read their settings from (lambdas/shared/entry.ts), as JSON.
 * Written out: the pack loads nothing outside policy/ (tests/policy/trigger-rules.test.ts compares).
 */
export const settingsVariable = "TRIGGER_SETTINGS";

/** A trigger wired into a pool: its lambdaConfig key and the function ARN it names. */
interface Wired {
    readonly key: string;
    readonly arn: string;
}

/** Every function a pool's lambdaConfig names: direct ARNs and the blocks' lambdaArn (token generation V2, custom senders); kmsKeyId is a key, not a function. */
export function wiredTriggers(pool: Props): Wired[] {
    const config = obj(pool.lambdaConfig) ?? {};
    return Object.entries(config).flatMap(([key, value]) => {
        if (key === "kmsKeyId") return [];
        const arn = text(value) ?? text(field(value, "lambdaArn"));
        return arn === undefined ? [] : [{ key, arn }];
    });
}

/** The function's name in an ARN (without a version or alias), or the value itself when it is a bare name. */
const functionName = (arn: string) => /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(arn)?.[1] ?? arn;

/**
 * The stack's function an ARN (or a bare function name, as a lambda.Permission may give) names: by ARN
 * when both are ARNs (a version or alias qualifier aside), else by name.
 */
export function functionFor(resources: PolicyResource[], arnOrName: string): PolicyResource | undefined {
    const unqualified = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+)/.exec(arnOrName)?.[1];
    return resourcesOf({ resources }, types.lambdaFunction).find((fn) => {
        const own = text(fn.props.arn);
        return own !== undefined && unqualified !== undefined ? own === unqualified : text(fn.props.name) === functionName(arnOrName);
    });
}

/** A function as findings name it: its name, else its resource name. */
export const shownFunction = (fn: PolicyResource) => text(fn.props.name) ?? fn.name;

/** A function's trigger settings, read as the handler reads them: TRIGGER_SETTINGS in its environment, as JSON. */
export const triggerSettingsOf = (fn: PolicyResource) => objectOrJson(field(fn.props, "environment", "variables", settingsVariable));

/** The group gate in a function's settings: client name -> the groups admitted (clients with no group left out). */
export function requiredGroupsOf(fn: PolicyResource): Map<string, string[]> {
    const gate = obj(triggerSettingsOf(fn)?.requiredGroups) ?? {};
    return new Map(Object.entries(gate).map(([client, groups]) => [client, strings(groups)] as [string, string[]]).filter(([, groups]) => groups.length > 0));
}

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

export const triggerTimeout: StackValidationPolicy = {
    name: "cognito-trigger-timeout",
    description: "Functions wired as Cognito triggers should time out within 5 seconds: Cognito gives up after 5 and fails the user's request.",
    remediationSteps: "Set the function's timeout to 5 seconds (this project's triggers use 5).",
    enforcementLevel: "advisory",
    configSchema: timeoutSchema,
    validateStack: onAwsShapes((args, report) => {
        const { maxSeconds } = settingsOf<{ maxSeconds: number }>(args, timeoutSchema);
        const wired = new Set(resourcesOfTypes(args, userPoolTypes).flatMap((pool) => wiredTriggers(pool.props as Props).map((w) => w.arn)));
        for (const fn of resourcesOf(args, types.lambdaFunction).filter((f) => { const arn = text(f.props.arn); return arn !== undefined && wired.has(arn); })) {
            const timeout = num(fn.props.timeout) ?? 3;
            if (timeout > maxSeconds) report(`The trigger ${fn.name} times out after ${timeout} s; Cognito waits ${maxSeconds} s.`, fn.urn);
        }
    }),
};

// ---- what a trigger's role may do ---------------------------------------------------------------

/** A Cognito user pool admin action ("cognito-idp:Admin...") the action covers, named or through a wildcard. */
const coversCognitoAdmin = (action: string) => /^cognito-idp:admin/i.test(action) || iamMatch(action, "cognito-idp:AdminCreateUser");

/** What one Allow statement of a trigger's role grants beyond its own pool, one line per finding. */
function triggerStatementProblems(s: Statement): string[] {
    const problems: string[] = [];
    const actions = s.Action ?? [];
    const resources = s.Resource ?? [];
    const notResource = s.NotResource !== undefined ? [`every resource but ${s.NotResource.join(", ")}`] : undefined;
    // What reaches beyond the resources it names, for this action: "*", "arn:*", "table/*", and for a service holding data, code or rights "table*", "role*".
    const beyond = (action: string) => notResource ?? resources.filter((r) => namesEverything(r) || resourcesBeyondNamed(action, [r]).length > 0);
    const union = (lists: string[][]) => [...new Set(lists.flat())];
    const every = actions.filter(isEveryAction);
    if (every.length > 0) problems.push(`allows every action (${shownResources(every)})`);
    if (s.NotAction) problems.push(`allows every action but ${s.NotAction.join(", ")} (NotAction)`);
    const serviceWide = actions.filter((a) => !isEveryAction(a) && isFullWildcard(a) && beyond(a).length > 0);
    if (serviceWide.length > 0) problems.push(`allows ${serviceWide.join(", ")} on every resource (${shownResources(union(serviceWide.map(beyond)))})`);
    // Any other call on every resource but a function's housekeeping (logs, SMS), and a call of a service holding data, code or rights
    // (s3:GetObject, iam:PassRole, cognito-idp:UpdateUserPool) on every resource of a kind (table*), unless a condition picks which
    // (a tag, a KMS alias); Cognito admin calls are said below, by the pools they reach.
    const reach = (a: string) => union([reachesAccount(a) ? beyond(a) : [], harmlessOnEverything(a) ? [] : notResource ?? resources.filter(namesAll)]);
    const account = actions.filter((a) => !isFullWildcard(a) && !coversCognitoAdmin(a) && !narrowedByCondition(s, a) && reach(a).length > 0);
    if (account.length > 0) problems.push(`allows ${account.join(", ")} on every resource (${shownResources(union(account.map(reach)))}): the data, code or rights of the whole account`);
    // Cognito admin calls (create, confirm, add to group, set password) on every pool of the account; a service-wide grant already said so.
    const admin = actions.filter((a) => !isEveryAction(a) && coversCognitoAdmin(a) && !serviceWide.includes(a));
    const pools = notResource ?? resources.filter(namesEveryPool);
    if (admin.length > 0 && pools.length > 0) problems.push(`allows ${admin.join(", ")} on every user pool (${shownResources(pools)})`);
    return problems;
}

function grantProblems(grant: Grant, accepted: unknown): string[] {
    // A customer policy outside the stack: cognito-role-outside-stack names it.
    if (grant.kind === "external" || acceptedByName(grant, accepted)) return [];
    // Fail closed: an AWS managed policy names no resource of this stack, and its actions are not known here.
    if (grant.kind === "awsManaged") return ["is not one this pack knows; AWS managed policies grant on every resource (\"*\"), so it is refused until judged: give the role a policy of this stack naming its own resources, or accept it by name (allowAwsManagedPolicies)"];
    if (grant.kind === "unreadable") return [`cannot be read (${grant.reason}); check it by hand`];
    if (grant.kind === "serviceWide") return [serviceWideProblem(grant.by)];
    if (grant.kind === "serviceRead") return [serviceReadProblem];
    return allows(grant.statements).flatMap(triggerStatementProblems);
}

/** Each role a pool's trigger functions run as, once, with the triggers that run as it ("preSignUp news-prod-pre-sign-up"). */
export function triggerRoles(resources: PolicyResource[]): Map<PolicyResource, string[]> {
    const roles = new Map<PolicyResource, string[]>();
    for (const pool of resourcesOfTypes({ resources }, userPoolTypes)) {
        for (const { key, arn } of wiredTriggers(pool.props as Props)) {
            const fn = functionFor(resources, arn);
            const roleArn = fn === undefined ? undefined : text(fn.props.role);
            if (fn === undefined || roleArn === undefined) continue; // a function outside the stack: its role cannot be read
            const roleName = /:role\/(?:.*\/)?([^/]+)$/.exec(roleArn)?.[1];
            const role = resourcesOf({ resources }, types.role).find((r) => { const refs = roleReferences(r); return refs.has(roleArn) || (roleName !== undefined && refs.has(roleName)); });
            if (role === undefined) continue;
            const uses = roles.get(role) ?? roles.set(role, []).get(role)!;
            const use = `${key} ${shownFunction(fn)}`;
            if (!uses.includes(use)) uses.push(use);
        }
    }
    return roles;
}

const triggerRoleSchema: PolicyConfigSchema = { properties: { allowAwsManagedPolicies: acceptedManagedPoliciesSchema } };

export const triggerRolePrivilege: StackValidationPolicy = {
    name: "cognito-trigger-role-privilege",
    description: "A trigger function handles anonymous input (sign-up, sign-in), so the role it runs as must not hold account-wide rights: no AdministratorAccess, PowerUserAccess, AmazonCognitoPowerUser, *FullAccess or *ReadOnly, no AWS managed policy the pack does not know, no \"*\" or NotAction, no service:* or data calls (s3:GetObject, secretsmanager:GetSecretValue, lambda:InvokeFunction) on every resource, no cognito-idp:Admin* on every user pool.",
    remediationSteps: "Give each trigger role only the calls its handler makes, on its own pool's ARN (this project's triggers do), and its own log group.",
    enforcementLevel: "mandatory",
    configSchema: triggerRoleSchema,
    validateStack: onAwsShapes((args, report) => {
        const { allowAwsManagedPolicies } = settingsOf<{ allowAwsManagedPolicies: string[] }>(args, triggerRoleSchema);
        for (const [role, uses] of triggerRoles(args.resources)) {
            for (const grant of grantsOf(args.resources, role)) {
                for (const problem of grantProblems(grant, allowAwsManagedPolicies)) report(`The trigger role ${role.name} (${uses.join(", ")}): ${grant.source} ${problem}.`, role.urn);
            }
        }
    }),
};

// ---- what lambdaConfig wires in -----------------------------------------------------------------

/** The one account the stack's own functions and roles live in, for a pool whose ARN is not known; undefined when they name none or several. */
function stackAccount(resources: PolicyResource[]): string | undefined {
    const accounts = new Set(resources.filter((r) => r.type === types.lambdaFunction || r.type === types.role).map((r) => accountOf(text(r.props.arn))).filter((a) => a !== undefined));
    return accounts.size === 1 ? [...accounts][0] : undefined;
}

/** The pool's token-generation function: the V2 block's lambdaArn, else the V1 ARN. */
export const tokenTriggerOf = (pool: Props) => text(field(pool, "lambdaConfig", "preTokenGenerationConfig", "lambdaArn")) ?? text(field(pool, "lambdaConfig", "preTokenGeneration"));

/** Why the token-generation gate does not hold what another trigger's gate requires, or undefined when it does. */
function gateProblem(resources: PolicyResource[], tokenArn: string | undefined, gate: Map<string, string[]>): string | undefined {
    if (tokenArn === undefined) return "the pool has no pre token generation function";
    const tokenFn = functionFor(resources, tokenArn);
    if (tokenFn === undefined) return `its pre token generation function ${tokenArn} is not in this stack, so its gate cannot be confirmed`;
    const tokenGate = requiredGroupsOf(tokenFn);
    const gaps = [...gate].flatMap(([client, groups]) => {
        const admitted = tokenGate.get(client);
        if (admitted === undefined) return [`client ${client} is not gated there`];
        const extra = admitted.filter((g) => !groups.includes(g));
        return extra.length > 0 ? [`client ${client} also admits ${extra.join(", ")} there`] : [];
    });
    return gaps.length > 0 ? `its pre token generation function ${text(tokenFn.props.name) ?? tokenFn.name} does not carry the same gate (${gaps.join("; ")})` : undefined;
}

/**
 * The stack's functions that serve a pool, each once: those its lambdaConfig names ("preAuthentication
 * function"), then those it may invoke (a lambda.Permission for cognito-idp with the pool's ARN as
 * sourceArn) that lambdaConfig no longer names: a gate left in such a function is a gate nobody runs.
 */
function poolFunctions(resources: PolicyResource[], pool: Props, wired: Wired[]): { fn: PolicyResource; role: string }[] {
    const found: { fn: PolicyResource; role: string }[] = [];
    const add = (fn: PolicyResource | undefined, role: string) => {
        if (fn !== undefined && !found.some((f) => f.fn === fn)) found.push({ fn, role });
    };
    for (const { key, arn } of wired) add(functionFor(resources, arn), `${key} function`);
    const permissions = resourcesOf({ resources }, types.lambdaPermission).filter((p) => text(p.props.principal)?.toLowerCase() === "cognito-idp.amazonaws.com");
    const poolArn = permissions.length > 0 ? text(pool.arn) : undefined;
    for (const permission of permissions.filter((p) => poolArn !== undefined && text(p.props.sourceArn) === poolArn)) {
        const named = text(permission.props.function);
        add(named === undefined ? undefined : functionFor(resources, named), "function (which lambdaConfig does not name, though the pool may invoke it)");
    }
    return found;
}

const describeGate = (gate: Map<string, string[]>) => [...gate].map(([client, groups]) => `${client}: ${groups.join(", ")}`).join("; ");

export const triggerWiring: StackValidationPolicy = {
    name: "cognito-trigger-wiring",
    description: "A pool's lambdaConfig must wire in the stack's own functions: none in another account, a user migration function of this stack (it receives every password typed for an unknown user), and a token-generation gate for every client a trigger gates by group (sessions and refreshes skip pre authentication).",
    remediationSteps: "Point lambdaConfig at this stack's functions; keep triggers.preAuthentication.requiredGroups, which this project's pre token generation function enforces at every token issue.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateStack: onAwsShapes((args, report) => {
        for (const pool of resourcesOfTypes(args, userPoolTypes)) {
            const props = pool.props as Props;
            const wired = wiredTriggers(props);
            const foreign = wired.filter((w) => accountOf(w.arn) !== undefined);
            const poolAccount = foreign.length > 0 ? accountOf(text(props.arn)) ?? stackAccount(args.resources) : undefined;
            for (const { key, arn } of foreign) {
                const account = accountOf(arn);
                if (poolAccount !== undefined && account !== poolAccount) report(`The user pool ${pool.name} runs its ${key} trigger in the account ${account} (${arn}), not the pool's own ${poolAccount}: whoever controls that account sees and decides every ${key} event.`, pool.urn);
            }
            for (const { arn } of wired.filter((w) => w.key === "userMigration")) {
                if (functionFor(args.resources, arn) === undefined) report(`The user pool ${pool.name} sends every password typed for an unknown user to the user migration function ${arn}, which is not a function of this stack.`, pool.urn);
            }
            const tokenArn = tokenTriggerOf(props);
            const tokenFn = tokenArn === undefined ? undefined : functionFor(args.resources, tokenArn);
            for (const { fn, role } of poolFunctions(args.resources, props, wired)) {
                const gate = fn === tokenFn ? new Map<string, string[]>() : requiredGroupsOf(fn);
                if (gate.size === 0) continue;
                const problem = gateProblem(args.resources, tokenArn, gate);
                if (problem !== undefined) report(`The user pool ${pool.name}'s ${role} ${shownFunction(fn)} lets only some groups into clients (${describeGate(gate)}), but ${problem}: Cognito skips pre authentication for a reused hosted UI session and at every refresh, so only token generation can hold the gate.`, pool.urn);
            }
        }
    }),
};

export const triggerRules: (ResourceValidationPolicy | StackValidationPolicy)[] = [triggerPermission, triggerTimeout, triggerRolePrivilege, triggerWiring];
