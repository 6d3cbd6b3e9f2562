// The trigger rules beyond every-rule.test.ts: how functions, roles and gates are found in shapes other
// programs write (aws-native functions and managed policies, qualified ARNs, a KMS key in lambdaConfig,
// several pools, a pool whose ARN is not known), and which grants count as reaching beyond the pool.
import * as assert from "assert";
import { roleOutsideStack } from "../../policy/rules/identity-pool";
import { triggerGroups } from "../../policy/rules/trigger-groups";
import { settingsVariable as packSettingsVariable, triggerRolePrivilege, triggerWiring } from "../../policy/rules/triggers";
import { settingsVariable } from "../../lambdas/shared/entry";
import { awsNativeTypes as N, awsTypes as T } from "../../policy/rules/type-tokens";
import { resource, violations } from "../support/policy";

const account = "123456789012";
const poolArn = (id: string) => `arn:aws:cognito-idp:eu-central-1:${account}:userpool/${id}`;
const fnArn = (name: string, acct = account) => `arn:aws:lambda:eu-central-1:${acct}:function:${name}`;
const roleArn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
/** A user pool with this lambdaConfig; its ARN unknown to the stack when `withArn` is false. */
const pool = (name: string, lambdaConfig: unknown, withArn = true) => resource(T.userPool, { name, lambdaConfig, ...(withArn && { arn: poolArn(`eu-central-1_${name}`) }) }, { name });
const fn = (name: string, props: Record<string, unknown> = {}) => resource(T.lambdaFunction, { name, arn: fnArn(name), role: roleArn(`${name}-role`), ...props }, { name });
const role = (name: string, props: Record<string, unknown> = {}) => resource(T.role, { name, arn: roleArn(name), ...props }, { name });
const rolePolicy = (roleName: string, policy: string) => resource(T.rolePolicy, { role: roleName, policy }, { name: `${roleName}-policy` });
const settings = (value: unknown) => ({ environment: { variables: { TRIGGER_SETTINGS: JSON.stringify(value) } } });

describe("the pack's view of the triggers", () => {
    it("reads each handler's settings from the variable the handlers read", () => {
        assert.strictEqual(packSettingsVariable, settingsVariable);
    });
});

describe("cognito-trigger-role-privilege, in other programs' shapes", () => {
    it("counts every resource of a service (arn:aws:s3:::*, table/*, function:*) as service-wide, and a named bucket as not", async () => {
        const grants = doc({ Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::*", "arn:aws:s3:::uploads/*"] }, { Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb:*:*:table/*" },
            { Effect: "Allow", Action: "lambda:*", Resource: `arn:aws:lambda:eu-central-1:${account}:function:*` }, { Effect: "Allow", Action: "sqs:*", Resource: `arn:aws:sqs:eu-central-1:${account}:signups` });
        assert.deepStrictEqual(await violations(triggerRolePrivilege, [pool("p", { preSignUp: fnArn("signup") }), fn("signup"), role("signup-role"), rolePolicy("signup-role", grants)]), [
            "mandatory: The trigger role signup-role (preSignUp signup): role policy signup-role-policy allows s3:* on every resource (arn:aws:s3:::*).",
            "mandatory: The trigger role signup-role (preSignUp signup): role policy signup-role-policy allows dynamodb:* on every resource (arn:aws:dynamodb:*:*:table/*).",
            `mandatory: The trigger role signup-role (preSignUp signup): role policy signup-role-policy allows lambda:* on every resource (arn:aws:lambda:eu-central-1:${account}:function:*).`,
        ]);
    });

    it("counts data calls on every resource (named or through a wildcard, on \"*\", \"**\" or \"?*\"), AmazonS3ReadOnlyAccess and AWSLambdaExecute, a *ReadOnly policy by its name, and an AWS managed policy it does not know; not logs, X-Ray or network interfaces", async () => {
        const grants = doc({ Effect: "Allow", Action: ["s3:Get*", "dynamodb:GetItem"], Resource: "*" }, { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:eu-central-1:123456789012:secret:**" },
            { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::?*" }, { Effect: "Allow", Action: ["ec2:Describe*", "xray:PutTraceSegments", "logs:CreateLogStream"], Resource: "*" });
        const attach = (name: string) => resource(T.rolePolicyAttachment, { role: "signup-role", policyArn: `arn:aws:iam::aws:policy/${name}` }, { name });
        const stack = [pool("p", { preSignUp: fnArn("signup") }), fn("signup"), role("signup-role"), rolePolicy("signup-role", grants),
            ...["AmazonS3ReadOnlyAccess", "service-role/AWSLambdaExecute", "AmazonSQSReadOnlyAccess", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaVPCAccessExecutionRole", "AmazonPersonalizeInvoke"].map(attach)];
        const who = "mandatory: The trigger role signup-role (preSignUp signup):";
        const everyData = "the data, code or rights of the whole account";
        const expected = [
            `${who} role policy signup-role-policy allows s3:Get*, dynamodb:GetItem on every resource ("*"): ${everyData}.`,
            `${who} role policy signup-role-policy allows secretsmanager:GetSecretValue on every resource (arn:aws:secretsmanager:eu-central-1:123456789012:secret:**): ${everyData}.`,
            `${who} role policy signup-role-policy allows s3:GetObject on every resource (arn:aws:s3:::?*): ${everyData}.`,
            `${who} the AWS managed policy AmazonS3ReadOnlyAccess allows s3:Get*, s3:List*, s3:Describe*, s3-object-lambda:Get*, s3-object-lambda:List* on every resource ("*"): ${everyData}.`,
            `${who} the AWS managed policy AWSLambdaExecute allows logs:* on every resource (arn:aws:logs:*:*:*).`,
            `${who} the AWS managed policy AWSLambdaExecute allows s3:GetObject, s3:PutObject on every resource (arn:aws:s3:::*): ${everyData}.`,
            `${who} the AWS managed policy AmazonSQSReadOnlyAccess reads every resource of its service (an AWS managed *ReadOnly policy).`,
            `${who} the AWS managed policy AmazonPersonalizeInvoke is not one this pack knows; AWS managed policies grant on every resource ("*"), so it is refused until judged: give the role a policy of this stack naming its own resources, or accept it by name (allowAwsManagedPolicies).`,
        ];
        assert.deepStrictEqual(await violations(triggerRolePrivilege, stack), expected, "X-Ray's daemon policy, VPC access and logs name no data");
        // Accepted by name: the unknown policy and the one judged by its name; AWSLambdaExecute, whose document is known, still judged.
        assert.deepStrictEqual(await violations(triggerRolePrivilege, stack, { allowAwsManagedPolicies: ["AmazonPersonalizeInvoke", "AmazonSQSReadOnlyAccess", "AWSLambdaExecute"] }), expected.filter((l) => !/AmazonPersonalizeInvoke|AmazonSQSReadOnlyAccess/.test(l)));
        assert.deepStrictEqual(await violations(roleOutsideStack, stack), [], "what the trigger rule judges is not said again as advice");
    });

    it("sees every action and every resource however the wildcards are written (iam:**, i*:*, arn:*, arn:aws:*:*:*:*), and rights handed out (iam:PutRolePolicy, iam:PassRole)", async () => {
        const grants = doc({ Effect: "Allow", Action: ["**", "iam:**", "i*:*"], Resource: "arn:*" },
            { Effect: "Allow", Action: "cognito-idp:AdminAddUserToGroup", Resource: ["arn:aws:cognito-idp:*", "arn:aws:*:*:*:*", poolArn("eu-central-1_p")] },
            { Effect: "Allow", Action: ["s3:GetObject", "iam:PutRolePolicy", "iam:PassRole"], Resource: ["arn:aws:s3:::uploads/*", "arn:*:*"] },
            { Effect: "Allow", Action: ["s3:GetObject", "iam:PassRole", "cognito-idp:AdminGetUser"], Resource: ["arn:aws:s3:::uploads/*", roleArn("signup-worker"), poolArn("eu-central-1_p")] });
        const who = "mandatory: The trigger role signup-role (preSignUp signup): role policy signup-role-policy";
        assert.deepStrictEqual(await violations(triggerRolePrivilege, [pool("p", { preSignUp: fnArn("signup") }), fn("signup"), role("signup-role"), rolePolicy("signup-role", grants)]), [
            `${who} allows every action (**).`,
            `${who} allows iam:**, i*:* on every resource (arn:*).`,
            `${who} allows cognito-idp:AdminAddUserToGroup on every user pool (arn:aws:cognito-idp:*, arn:aws:*:*:*:*).`,
            `${who} allows s3:GetObject, iam:PutRolePolicy, iam:PassRole on every resource (arn:*:*): the data, code or rights of the whole account.`,
        ], "one bucket, one role and its own pool pass");
    });

    it("names a customer policy outside the stack on a trigger role as advice", async () => {
        const stack = [pool("p", { preSignUp: fnArn("signup") }), fn("signup"), role("signup-role"), resource(T.rolePolicyAttachment, { role: "signup-role", policyArn: `arn:aws:iam::${account}:policy/shared-lambda` }, { name: "shared" })];
        assert.deepStrictEqual(await violations(roleOutsideStack, stack), [`advisory: The trigger role signup-role (preSignUp signup): managed policy arn:aws:iam::${account}:policy/shared-lambda is outside this stack and cannot be checked.`]);
        assert.deepStrictEqual(await violations(triggerRolePrivilege, stack), []);
    });

    it("judges Cognito admin calls by the pools they reach: every pool of an account or region, not the pool's own", async () => {
        const grants = (Resource: unknown) => doc({ Effect: "Allow", Action: ["cognito-idp:AdminGetUser", "cognito-idp:ListUsers"], Resource });
        const stack = (Resource: unknown) => [pool("p", { postConfirmation: fnArn("confirm") }), fn("confirm"), role("confirm-role"), rolePolicy("confirm-role", grants(Resource))];
        assert.deepStrictEqual(await violations(triggerRolePrivilege, stack(poolArn("eu-central-1_p"))), [], "its own pool");
        assert.deepStrictEqual(await violations(triggerRolePrivilege, stack(`arn:aws:cognito-idp:*:${account}:userpool/eu-central-1_*`)), [
            `mandatory: The trigger role confirm-role (postConfirmation confirm): role policy confirm-role-policy allows cognito-idp:AdminGetUser on every user pool (arn:aws:cognito-idp:*:${account}:userpool/eu-central-1_*).`,
        ]);
        assert.deepStrictEqual(await violations(triggerRolePrivilege, stack({ not: "a resource" })), [
            "mandatory: The trigger role confirm-role (postConfirmation confirm): role policy confirm-role-policy cannot be read (Resource of statement 1 is neither a string nor a list of strings); check it by hand.",
        ]);
    });

    it("names each role once with every trigger that runs as it, through a qualified ARN, and leaves a KMS key and functions outside the stack alone", async () => {
        const shared = role("shared", { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonCognitoPowerUser"] });
        const lambdaConfig = { preSignUp: `${fnArn("a")}:live`, customMessage: fnArn("b"), customEmailSender: { lambdaArn: fnArn("b"), lambdaVersion: "V1_0" }, kmsKeyId: `arn:aws:kms:eu-central-1:${account}:key/1`, postAuthentication: fnArn("elsewhere") };
        assert.deepStrictEqual(await violations(triggerRolePrivilege, [pool("p", lambdaConfig), fn("a", { role: roleArn("shared") }), fn("b", { role: roleArn("shared") }), shared]), [
            `mandatory: The trigger role shared (preSignUp a, customMessage b, customEmailSender b): the AWS managed policy AmazonCognitoPowerUser allows cognito-identity:*, cognito-idp:*, cognito-sync:* on every resource ("*").`,
        ]);
    });

    it("reads aws-native functions and CloudFormation's managed policies that name their roles", async () => {
        const nativeFn = resource(N.lambdaFunction, { functionName: "native", arn: fnArn("native"), role: roleArn("native-role") }, { name: "native" });
        const nativeRole = resource(N.role, { roleName: "native-role", arn: roleArn("native-role") }, { name: "native-role" });
        const managed = resource(N.managedPolicy, { managedPolicyName: "wide", roles: ["native-role"], policyDocument: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }, { name: "wide", outputs: { managedPolicyName: "wide", roles: ["native-role"], policyDocument: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, policyArn: `arn:aws:iam::${account}:policy/wide` } });
        assert.deepStrictEqual(await violations(triggerRolePrivilege, [pool("p", { preTokenGeneration: fnArn("native") }), nativeFn, nativeRole, managed]), [
            `mandatory: The trigger role native-role (preTokenGeneration native): policy wide allows every action ("*").`,
        ]);
    });

    it("leaves roles no pool's trigger runs as to the other rules", async () => {
        assert.deepStrictEqual(await violations(triggerRolePrivilege, [pool("p", {}), fn("api", { role: roleArn("api-role") }), role("api-role", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] })]), []);
    });
});

describe("cognito-trigger-wiring, in other programs' shapes", () => {
    it("tells another account from the pool's by the pool's ARN, else by the one account of the stack's functions and roles", async () => {
        const foreign = { preSignUp: fnArn("x", "999999999999") };
        const line = (pool: string, own: string) => `mandatory: The user pool ${pool} runs its preSignUp trigger in the account 999999999999 (${fnArn("x", "999999999999")}), not the pool's own ${own}: whoever controls that account sees and decides every preSignUp event.`;
        assert.deepStrictEqual(await violations(triggerWiring, [pool("p", foreign)]), [line("p", account)]);
        assert.deepStrictEqual(await violations(triggerWiring, [pool("q", foreign, false), fn("own")]), [line("q", account)], "no pool ARN: the stack's account");
        assert.deepStrictEqual(await violations(triggerWiring, [pool("r", foreign, false)]), [], "no account to compare with: nothing claimed");
        assert.deepStrictEqual(await violations(triggerWiring, [pool("s", { preSignUp: fnArn("own"), kmsKeyId: "arn:aws:kms:eu-central-1:999999999999:key/1" }), fn("own")]), [], "a KMS key is no function");
    });

    it("judges each pool with its own functions", async () => {
        const gate = fn("gate", settings({ requiredGroups: { admin: ["admins"] } }));
        const token = fn("token", settings({ requiredGroups: { admin: ["admins"] } }));
        assert.deepStrictEqual(await violations(triggerWiring, [pool("gated", { preAuthentication: fnArn("gate"), preTokenGeneration: fnArn("token") }), pool("other", { preAuthentication: fnArn("gate") }), gate, token]), [
            "mandatory: The user pool other's preAuthentication function gate lets only some groups into clients (admin: admins), but the pool has no pre token generation function: Cognito skips pre authentication for a reused hosted UI session and at every refresh, so only token generation can hold the gate.",
        ]);
    });

    it("finds a gate left in a function the pool may still invoke (its lambda.Permission) though lambdaConfig no longer names it", async () => {
        const token = fn("token", settings({ requiredGroups: { admin: ["admins"] } }));
        const permission = resource(T.lambdaPermission, { function: "token", principal: "cognito-idp.amazonaws.com", sourceArn: poolArn("eu-central-1_p") }, { name: "token-invoke" });
        assert.deepStrictEqual(await violations(triggerWiring, [pool("p", { preSignUp: fnArn("signup") }), fn("signup"), token, permission]), [
            "mandatory: The user pool p's function (which lambdaConfig does not name, though the pool may invoke it) token lets only some groups into clients (admin: admins), but the pool has no pre token generation function: Cognito skips pre authentication for a reused hosted UI session and at every refresh, so only token generation can hold the gate.",
        ]);
        const otherPool = resource(T.lambdaPermission, { function: "token", principal: "cognito-idp.amazonaws.com", sourceArn: poolArn("eu-central-1_other") }, { name: "token-invoke" });
        assert.deepStrictEqual(await violations(triggerWiring, [pool("p", {}), token, otherPool]), [], "a permission for another pool");
    });

    it("takes the V1 token trigger when there is no V2 block, and the stack's own migration function by a qualified ARN", async () => {
        const gate = fn("gate", settings({ requiredGroups: { admin: ["admins"] } }));
        const token = fn("token", settings({ requiredGroups: { admin: ["admins"] } }));
        assert.deepStrictEqual(await violations(triggerWiring, [pool("p", { preAuthentication: fnArn("gate"), preTokenGeneration: fnArn("token"), userMigration: `${fnArn("migrate")}:3` }), gate, token, fn("migrate")]), []);
    });
});

describe("cognito-trigger-groups, with several pools whose ids are not known yet (a first preview)", () => {
    const withSettings = (name: string, value: unknown) => fn(name, settings(value));
    const group = (name: string, precedence: number) => resource(T.group, { name, precedence }, { name });
    const stack = (defaultGroup: string) => [
        pool("staff", {}, false), group("staff-admins", 0),
        pool("readers", { preSignUp: fnArn("signup"), postConfirmation: fnArn("confirm"), preTokenGeneration: fnArn("token") }, false), group("admins", 0), group("members", 5),
        withSettings("signup", { linkingProviders: ["Google"], protectedGroups: ["admins"] }), withSettings("confirm", { defaultGroup }), withSettings("token", { protectedGroups: ["admins"] }),
    ];

    it("does not ask a pool to protect a group that may be another pool's", async () => {
        assert.deepStrictEqual(await violations(triggerGroups, stack("members")), []);
    });

    it("judges the default group by its name, erring towards a finding", async () => {
        assert.deepStrictEqual(await violations(triggerGroups, stack("staff-admins")), [
            "mandatory: The user pool readers's post confirmation function confirm puts every new account in the group staff-admins, which has precedence 0, which marks the groups that carry power: anyone who signs up, or signs in with a provider for the first time, gets its rights.",
        ]);
    });
});
