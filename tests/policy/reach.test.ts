// How far a role's statement reaches, as the trigger and identity role rules judge it: wildcards
// written every way an attacker (or a hurried author) might, beside the least-privilege statements
// real apps write, which must keep passing.
import * as assert from "assert";
import { identityRolePrivilege } from "../../policy/rules/identity-pool";
import { triggerRolePrivilege } from "../../policy/rules/triggers";
import { awsTypes as T } from "../../policy/rules/type-tokens";
import { resource, violations } from "../support/policy";

const account = "123456789012";
const at = (service: string, rest: string) => `arn:aws:${service}:eu-central-1:${account}:${rest}`;
const poolArn = at("cognito-idp", "userpool/eu-central-1_p");
const fnArn = (name: string) => at("lambda", `function:${name}`);
const roleArn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
const doc = (statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const allow = (Action: string | string[], Resource: string | string[], Condition?: unknown) => ({ Effect: "Allow", Action, Resource, ...(Condition !== undefined && { Condition }) });

/** A pre sign-up trigger whose role has this one statement. */
const triggerStack = (statement: unknown) => [
    resource(T.userPool, { name: "p", arn: poolArn, lambdaConfig: { preSignUp: fnArn("signup") } }, { name: "p" }),
    resource(T.lambdaFunction, { name: "signup", arn: fnArn("signup"), role: roleArn("signup-role") }, { name: "signup" }),
    resource(T.role, { name: "signup-role", arn: roleArn("signup-role") }, { name: "signup-role" }),
    resource(T.rolePolicy, { role: "signup-role", policy: doc(statement) }, { name: "grants" }),
];
/** An identity pool's signed-in role with this one statement. */
const identityStack = (statement: unknown) => [
    resource(T.role, { name: "auth", arn: roleArn("auth") }, { name: "auth" }),
    resource(T.roleAttachment, { identityPoolId: "eu-central-1:1111", roles: { authenticated: roleArn("auth") } }, { name: "roles" }),
    resource(T.rolePolicy, { role: "auth", policy: doc(statement) }, { name: "grants" }),
];

const everywhere: [string, unknown][] = [
    ["every function through a seven-part ARN", allow("lambda:InvokeFunction", "arn:*:*:*:*:*:*")],
    ["every secret through arn:aws:secretsmanager:*:*:*:*", allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:*:*")],
    ["function* (no colon before the wildcard)", allow("lambda:InvokeFunction", at("lambda", "function*"))],
    ["parameter*", allow("ssm:GetParameter", at("ssm", "parameter*"))],
    ["secret:*-* (every secret's ARN ends in -xxxxxx)", allow("secretsmanager:GetSecretValue", at("secretsmanager", "secret:*-*"))],
    ["role* for handing out rights", allow(["iam:PassRole", "iam:PutRolePolicy"], `arn:aws:iam::${account}:role*`)],
    ["table*", allow("dynamodb:Scan", at("dynamodb", "table*"))],
    ["every index of every table", allow("dynamodb:Query", at("dynamodb", "table/*/index/*"))],
    ["every object's old versions", allow("s3:GetObjectVersion", "*")],
    ["commands on every instance", allow("ssm:SendCommand", "*")],
    ["PartiQL writes", allow("dynamodb:PartiQLUpdate", "*")],
    ["writing every secret", allow("secretsmanager:PutSecretValue", "*")],
    ["removing roles' boundaries and policies", allow(["iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy"], "*")],
    ["data keys of every KMS key", allow("kms:GenerateDataKey", "*")],
    ["invoking rights on every function", allow("lambda:AddPermission", "*")],
    ["any identity pool's roles", allow("cognito-identity:SetIdentityPoolRoles", "*")],
    ["rewiring any user pool, or adding it a client", allow(["cognito-idp:UpdateUserPool", "cognito-idp:CreateUserPoolClient"], "*")],
    ["every object, in capitals", allow("s3:GetObject", "ARN:AWS:S3:::*/*")],
    ["every API of the account, and servers started", allow(["execute-api:Invoke", "ec2:RunInstances"], "*")],
    ["every log of the account read", allow("logs:FilterLogEvents", "*")],
    ["X-Ray calls through a wildcard (xray:PutResourcePolicy among them)", allow("xray:Put*", "*")],
    ["every secret, \"narrowed\" by a wildcard secret id", allow("secretsmanager:GetSecretValue", "*", { StringLike: { "secretsmanager:SecretId": "*" } })],
    ["every S3 object, \"narrowed\" by a KMS alias (which picks keys, not objects)", allow(["kms:Decrypt", "s3:GetObject"], "*", { StringEquals: { "kms:RequestAlias": "alias/news" } })],
];

const leastPrivilege: [string, unknown][] = [
    ["its own pool", allow(["cognito-idp:AdminAddUserToGroup", "cognito-idp:ListUsers"], poolArn)],
    ["its own log group, and creating it", allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], [at("logs", "log-group:/aws/lambda/signup:*"), at("logs", "*")])],
    ["a KMS key by its ARN", allow("kms:Decrypt", at("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"))],
    ["any KMS key, chosen by its alias", allow("kms:Decrypt", "*", { StringEquals: { "kms:RequestAlias": "alias/news" } })],
    ["secrets chosen by a tag", allow("secretsmanager:GetSecretValue", "*", { StringEquals: { "aws:ResourceTag/app": "news" } })],
    ["e-mail from its own identity", allow(["ses:SendEmail", "ses:SendRawEmail"], at("ses", "identity/example.com"))],
    ["SMS to any phone number (SNS needs \"*\")", allow("sns:Publish", "*")],
    ["secrets under its own path", allow("secretsmanager:GetSecretValue", at("secretsmanager", "secret:news/prod/captcha-*"))],
    ["parameters under its own path", allow(["ssm:GetParameter", "ssm:GetParametersByPath"], at("ssm", "parameter/news/prod/*"))],
    ["passing one role", allow("iam:PassRole", roleArn("signup-worker"))],
    ["one queue, one function", allow(["sqs:SendMessage", "lambda:InvokeFunction"], [at("sqs", "signups"), fnArn("welcome")])],
    ["one bucket's objects", allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::news-uploads/*")],
    ["X-Ray, metrics, network interfaces, its account's id", allow(["xray:PutTraceSegments", "cloudwatch:PutMetricData", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "sts:GetCallerIdentity"], "*")],
];

describe("how far a statement reaches (cognito-trigger-role-privilege, cognito-identity-role-privilege)", () => {
    for (const [what, statement] of everywhere) {
        it(`refuses ${what} in a trigger's role and in an identity pool's role`, async () => {
            const trigger = await violations(triggerRolePrivilege, triggerStack(statement));
            assert.strictEqual(trigger.length, 1, `trigger role: ${JSON.stringify(trigger)}`);
            assert.match(trigger[0], /^mandatory: The trigger role signup-role \(preSignUp signup\): role policy grants allows .* on every (resource|user pool) \(/);
            const identity = await violations(identityRolePrivilege, identityStack(statement));
            assert.ok(identity.some((line) => / on every resource( of a kind)? \(/.test(line)), `identity role: ${JSON.stringify(identity)}`);
        });
    }

    it("passes the statements least-privilege triggers are written with", async () => {
        for (const [what, statement] of leastPrivilege) assert.deepStrictEqual(await violations(triggerRolePrivilege, triggerStack(statement)), [], what);
    });

    it("passes an identity role's own items, own prefix and the events RUM and Pinpoint send to \"*\" or every app monitor", async () => {
        const sub = "${cognito-identity.amazonaws.com:sub}";
        for (const statement of [
            allow(["dynamodb:GetItem", "dynamodb:Query"], [at("dynamodb", "table/Notes"), at("dynamodb", "table/Notes/index/*")], { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [sub] } }),
            allow(["s3:GetObject", "s3:PutObject"], `arn:aws:s3:::news-uploads/private/${sub}/*`),
            allow("mobiletargeting:PutEvents", "*"),
            allow("rum:PutRumEvents", at("rum", "appmonitor/*")),
        ]) assert.deepStrictEqual(await violations(identityRolePrivilege, identityStack(statement)), [], JSON.stringify(statement));
    });

    it("names the reaching resources once, however many actions reach them", async () => {
        assert.deepStrictEqual(await violations(triggerRolePrivilege, triggerStack(allow(["s3:GetObject", "iam:PassRole", "logs:PutLogEvents"], ["arn:*", "arn:aws:s3:::news-uploads/*", `arn:aws:iam::${account}:role/*`]))), [
            `mandatory: The trigger role signup-role (preSignUp signup): role policy grants allows s3:GetObject, iam:PassRole on every resource (arn:*, arn:aws:iam::${account}:role/*): the data, code or rights of the whole account.`,
        ]);
    });
});
