// The shared grant collection (policy/rules/grants.ts) and the rules over roles an identity pool hands out.
import * as assert from "assert";
import type { PolicyResource } from "@pulumi/policy";
import { grantsOf, parseDocument } from "../../policy/rules/grants";
import { awsNativeTypes, awsTypes } from "../../policy/rules/type-tokens";
import { guestRolePrivilege, identityRolePrivilege, roleOutsideStack } from "../../policy/rules/identity-pool";
import { resource, unknown, violations } from "../support/policy";

const arn = (name: string) => `arn:aws:iam::1:role/${name}`;
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const role = (name: string, extra: Record<string, unknown> = {}) => resource(awsTypes.role, extra, { name, outputs: { arn: arn(name), id: name, name, ...extra } });
const rolePolicy = (roleRef: string, policy: unknown, name?: string) => resource(awsTypes.rolePolicy, { role: roleRef, policy }, { name });
const attachment = (roles: Record<string, unknown>, roleMappings?: unknown) => resource(awsTypes.roleAttachment, { identityPoolId: "eu-central-1:1111", roles, ...(roleMappings !== undefined && { roleMappings }) }, { name: "roles" });
const group = (name: string, roleArn: string) => resource(awsTypes.group, { name, roleArn }, { name: `group-${name}` });
const named = { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::bucket/private/${cognito-identity.amazonaws.com:sub}/*"] };

/** The stack's resources as a stack rule sees them (outputs as props). */
const asStack = (resources: ReturnType<typeof resource>[]) => resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.outputs }) as unknown as PolicyResource);
const summary = (resources: ReturnType<typeof resource>[], roleName: string) => {
    const stack = asStack(resources);
    return grantsOf(stack, stack.find((r) => r.name === roleName)!).map((g) => `${g.source}: ${g.kind === "statements" ? JSON.stringify(g.statements) : g.kind === "unreadable" ? `unreadable (${g.reason})` : "external"}`);
};

describe("grant collection (grants.ts)", () => {
    it("collects inline policies, role policies (by name, id or ARN), attachments, managedPolicyArns and the stack's own Policy documents", () => {
        const own = resource(awsTypes.policy, {}, { name: "own", outputs: { arn: "arn:aws:iam::1:policy/own", policy: { Statement: { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:eu-central-1:1:q" } } } });
        const r = role("app", { inlinePolicies: [{ name: "inline", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) }], managedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"] });
        assert.deepStrictEqual(summary([
            r, own,
            rolePolicy("app", doc(named), "by-name"),
            rolePolicy(arn("app"), { Statement: [{ Effect: "Deny", NotAction: "s3:*", NotResource: "*" }] }, "by-arn"),
            rolePolicy("other", doc({ Effect: "Allow", Action: "*", Resource: "*" }), "not-mine"),
            resource(awsTypes.rolePolicyAttachment, { role: "app", policyArn: "arn:aws:iam::1:policy/own" }, { name: "own-attached" }),
            resource(awsTypes.policyAttachment, { roles: ["x", "app"], policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }, { name: "shared" }),
            resource(awsTypes.policyAttachment, { roles: "app", policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }, { name: "iam" }),
        ], "app"), [
            `inline policy "inline": [{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]`,
            `role policy by-name: [{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::bucket/private/\${cognito-identity.amazonaws.com:sub}/*"]}]`,
            `role policy by-arn: [{"Effect":"Deny","NotAction":["s3:*"],"NotResource":["*"]}]`,
            `the AWS managed policy PowerUserAccess: [{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":["*"]},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions","account:GetAccountInformation"],"Resource":["*"]}]`,
            `policy own: [{"Effect":"Allow","Action":["sqs:SendMessage"],"Resource":["arn:aws:sqs:eu-central-1:1:q"]}]`,
            'the AWS managed policy AmazonS3ReadOnlyAccess: [{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3:Describe*","s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":["*"]}]',
            `the AWS managed policy IAMFullAccess: [{"Effect":"Allow","Action":["iam:*"],"Resource":["*"]}]`,
        ]);
    });

    it("tolerates Terraform's [null] and empty inline policy, and returns what it cannot read instead of throwing", () => {
        assert.deepStrictEqual(summary([role("a", { inlinePolicies: [null, { name: "", policy: "" }] })], "a"), []);
        assert.deepStrictEqual(summary([role("b", { inlinePolicies: null, managedPolicyArns: null })], "b"), []);
        assert.deepStrictEqual(summary([role("c", { inlinePolicies: [{ name: "broken", policy: "{not json" }, "text", { name: "n", policy: "[1]" }] })], "c"), [
            `inline policy "broken": unreadable (not valid JSON)`,
            "an inline policy: unreadable (the entry is not an object)",
            `inline policy "n": unreadable (not a JSON object)`,
        ]);
        assert.deepStrictEqual(parseDocument({ Statement: [{ Effect: "Allow", Action: 3 }] }), { unreadable: "Action of statement 1 is neither a string nor a list of strings" });
        assert.deepStrictEqual(parseDocument({ Statement: ["x"] }), { unreadable: "statement 1 is not an object" });
        assert.deepStrictEqual(parseDocument({ Statement: { Effect: "Allow", Action: "a:B", Condition: "x" } }), { unreadable: "Condition of statement 1 is not an object of objects" });
        assert.deepStrictEqual(parseDocument({ Version: "2012-10-17" }), { statements: [] });
    });
});

describe("cognito-identity-role-privilege", () => {
    const auth = role("auth");
    const guest = role("guest");
    const pool = attachment({ authenticated: arn("auth"), unauthenticated: arn("guest") });

    it("passes named actions on named resources, DynamoDB under LeadingKeys, and the allow-listed \"*\" actions", async () => {
        assert.deepStrictEqual(await violations(identityRolePrivilege, [auth, guest, pool,
            rolePolicy("auth", doc(named, { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: "arn:aws:dynamodb:eu-central-1:1:table/t", Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"] } } }, { Effect: "Deny", Action: "*", Resource: "*" })),
            rolePolicy("guest", doc({ Effect: "Allow", Action: ["mobiletargeting:PutEvents", "cognito-identity:GetId"], Resource: "*" })),
        ]), []);
    });

    it("counts patterns as wide as \"*\" as every resource (every object, arn:*), and every secret or function of the account for data calls", async () => {
        const calls = ["s3:GetObject", "secretsmanager:GetSecretValue", "lambda:InvokeFunction"];
        const all = ["arn:aws:s3:::*/*", "arn:*"];
        const ofType = ["arn:aws:secretsmanager:*:*:secret:*", "arn:aws:lambda:eu-central-1:1:function:*"];
        assert.deepStrictEqual(await violations(identityRolePrivilege, [auth, guest, pool,
            rolePolicy("auth", doc({ Effect: "Allow", Action: calls, Resource: [...all, ...ofType, "arn:aws:s3:::uploads/*"] }, { Effect: "Allow", Action: "rum:PutRumEvents", Resource: "arn:aws:rum:eu-west-2:1:appmonitor/*" }), "auth-grants"),
        ]), [`mandatory: The authenticated role auth: role policy auth-grants allows ${calls.join(", ")} on every resource (${all.join(", ")}).`,
            `mandatory: The authenticated role auth: role policy auth-grants allows ${calls.join(", ")} on every resource of a kind (${ofType.join(", ")}).`], "every app monitor of the account for RUM's events is no data");
    });

    it("reports each finding once, naming the role, its slot and the policy", async () => {
        const mapped = role("mapped");
        const admins = role("admins", { inlinePolicies: [{ name: "acl", policy: { Statement: { Effect: "Allow", Action: ["s3:PutObjectAcl", "s3:Put*Policy"], Resource: "arn:aws:s3:::b" } } }] });
        const pools = attachment({ authenticated: arn("auth"), unauthenticated: arn("guest") }, [{ type: "Rules", mappingRules: [{ claim: "tier", matchType: "Equals", value: "gold", roleArn: arn("mapped") }, { claim: "x", matchType: "Equals", value: "y", roleArn: arn("auth") }] }]);
        assert.deepStrictEqual(await violations(identityRolePrivilege, [auth, guest, mapped, admins, pools, group("admins", arn("admins")),
            rolePolicy("auth", doc({ Effect: "Allow", Action: ["S3:*", "*", "s3:Get*"], Resource: ["*"] }), "auth-grants"),
            rolePolicy("guest", doc({ Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::b/*" }, { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" }), "guest-grants"),
            rolePolicy("mapped", doc({ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query"], Resource: "arn:aws:dynamodb:eu-central-1:1:table/t" }, { Effect: "Allow", Action: "mobiletargeting:PutEvents", Resource: "*" }), "mapped-grants"),
        ]), [
            "mandatory: The role auth (authenticated, rule-mapped): role policy auth-grants allows the wildcard action(s) S3:*, *.",
            "mandatory: The role auth (authenticated, rule-mapped): role policy auth-grants allows the partial wildcard action(s) s3:Get*.",
            `mandatory: The role auth (authenticated, rule-mapped): role policy auth-grants allows S3:*, *, s3:Get* on every resource ("*").`,
            "mandatory: The role auth (authenticated, rule-mapped): role policy auth-grants allows the S3 ACL or bucket-policy action(s) s3:GetObjectAcl, s3:GetObjectVersionAcl, s3:GetBucketAcl, s3:GetBucketPolicy, s3:GetBucketPolicyStatus.",
            "mandatory: The guest role guest: role policy guest-grants uses NotAction, allowing every action but iam:*.",
            "mandatory: The guest role guest: role policy guest-grants uses NotResource, allowing every resource but arn:aws:s3:::secret/*.",
            "mandatory: The rule-mapped role mapped: role policy mapped-grants allows dynamodb:GetItem, dynamodb:Query without a dynamodb:LeadingKeys condition.",
            "mandatory: The rule-mapped role mapped: role policy mapped-grants allows dynamodb:Scan, which reads every item of a table.",
            `mandatory: The group "admins" role admins: inline policy "acl" allows the partial wildcard action(s) s3:Put*Policy.`,
            `mandatory: The group "admins" role admins: inline policy "acl" allows the S3 ACL or bucket-policy action(s) s3:PutObjectAcl, s3:PutBucketPolicy.`,
        ]);
    });

    it("finds rule-mapped roles in the shapes other programs write role mappings: one object, a map by provider, one rule", async () => {
        const mapped = role("mapped");
        const grant = rolePolicy("mapped", doc({ Effect: "Allow", Action: "dynamodb:Scan", Resource: "arn:aws:dynamodb:eu-central-1:1:table/t" }), "mapped-grants");
        const expected = ["mandatory: The rule-mapped role mapped: role policy mapped-grants allows dynamodb:Scan, which reads every item of a table."];
        const rule = { claim: "tier", matchType: "Equals", value: "gold", roleArn: arn("mapped") };
        for (const roleMappings of [{ type: "Rules", mappingRules: rule }, { "cognito-idp.eu-central-1.amazonaws.com/eu-central-1_P:c1": { type: "Rules", rulesConfiguration: { rules: [rule] } } }, [null, { type: "Rules", mappingRules: [null, "x", rule] }]]) {
            assert.deepStrictEqual(await violations(identityRolePrivilege, [mapped, grant, attachment({}, roleMappings)]), expected, JSON.stringify(roleMappings));
        }
    });

    it("reads a rule's role under CloudFormation's RoleARN too, as cognito-role-trust does", async () => {
        const mapped = role("mapped");
        const grant = rolePolicy("mapped", doc({ Effect: "Allow", Action: "dynamodb:Scan", Resource: "arn:aws:dynamodb:eu-central-1:1:table/t" }), "mapped-grants");
        const roleMappings = [{ type: "Rules", mappingRules: [{ claim: "tier", matchType: "Equals", value: "gold", RoleARN: arn("mapped") }] }];
        assert.deepStrictEqual(await violations(identityRolePrivilege, [mapped, grant, attachment({}, roleMappings)]), ["mandatory: The rule-mapped role mapped: role policy mapped-grants allows dynamodb:Scan, which reads every item of a table."]);
        assert.deepStrictEqual(await violations(roleOutsideStack, [attachment({}, roleMappings)]), [`advisory: The rule-mapped role ${arn("mapped")} is outside this stack, so its trust and grants cannot be checked.`]);
    });

    it("counts AdministratorAccess as a wildcard grant and says what it cannot check", async () => {
        const admin = resource(awsTypes.rolePolicyAttachment, { role: "auth", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
        const shared = resource(awsTypes.rolePolicyAttachment, { role: "guest", policyArn: "arn:aws:iam::1:policy/shared-readers" });
        assert.deepStrictEqual(await violations(identityRolePrivilege, [auth, guest, attachment({ authenticated: arn("auth"), unauthenticated: arn("guest") }), group("ops", arn("elsewhere")), admin, shared]), [
            "mandatory: The authenticated role auth: the AWS managed policy AdministratorAccess allows the wildcard action(s) *.",
            `mandatory: The authenticated role auth: the AWS managed policy AdministratorAccess allows * on every resource ("*").`,
        ]);
        assert.deepStrictEqual(await violations(roleOutsideStack, [auth, guest, attachment({ authenticated: arn("auth"), unauthenticated: arn("guest") }), group("ops", arn("elsewhere")), admin, shared]), [
            "advisory: The guest role guest: managed policy arn:aws:iam::1:policy/shared-readers is outside this stack and cannot be checked.",
            `advisory: The group "ops" role arn:aws:iam::1:role/elsewhere is outside this stack, so its trust and grants cannot be checked.`,
        ], "what no rule can judge is named as advice, not a violation");
    });

    describe("AWS managed policies", () => {
        const attached = (roleRef: string, policyArn: string) => resource(awsTypes.rolePolicyAttachment, { role: roleRef, policyArn }, { name: `${roleRef}-${policyArn.split("/").pop()}` });
        const signedIn = attachment({ authenticated: arn("auth") });

        it("counts a FullAccess policy on the authenticated role as what it grants, naming the policy", async () => {
            const stack = [auth, signedIn, attached("auth", "arn:aws:iam::aws:policy/AmazonS3FullAccess")];
            assert.deepStrictEqual(await violations(identityRolePrivilege, stack), [
                "mandatory: The authenticated role auth: the AWS managed policy AmazonS3FullAccess allows the wildcard action(s) s3:*, s3-object-lambda:*.",
                `mandatory: The authenticated role auth: the AWS managed policy AmazonS3FullAccess allows s3:*, s3-object-lambda:* on every resource ("*").`,
            ]);
            assert.deepStrictEqual(await violations(roleOutsideStack, stack), [], "its grants are known: nothing is left to check by hand");
        });

        it("reads the policy's name under any partition (aws-cn, aws-us-gov) and path (service-role/)", async () => {
            const stack = [role("auth", { managedPolicyArns: ["arn:aws-cn:iam::aws:policy/AmazonDynamoDBFullAccess"] }), guest, pool,
                attached("guest", "arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaRole")];
            assert.deepStrictEqual(await violations(identityRolePrivilege, stack), [
                "mandatory: The authenticated role auth: the AWS managed policy AmazonDynamoDBFullAccess allows the wildcard action(s) dynamodb:*, dax:*.",
                `mandatory: The authenticated role auth: the AWS managed policy AmazonDynamoDBFullAccess allows dynamodb:*, dax:* on every resource ("*").`,
                `mandatory: The guest role guest: the AWS managed policy AWSLambdaRole allows lambda:InvokeFunction on every resource ("*").`,
            ]);
        });

        it("judges any other AWS managed *FullAccess or AdministratorAccess-* policy by its name, as a whole service on every resource", async () => {
            const stack = [auth, signedIn, ...["AmazonTextractFullAccess", "service-role/AmazonDynamoDBFullAccess_v2", "CloudWatchFullAccessV2", "AdministratorAccess-Amplify"].map((name) => attached("auth", `arn:aws-us-gov:iam::aws:policy/${name}`))];
            const whole = (name: string, by = "*FullAccess") => `mandatory: The authenticated role auth: the AWS managed policy ${name} grants every action of its service on every resource (an AWS managed ${by} policy).`;
            assert.deepStrictEqual(await violations(identityRolePrivilege, stack), [whole("AmazonTextractFullAccess"), whole("AmazonDynamoDBFullAccess_v2"), whole("CloudWatchFullAccessV2"), whole("AdministratorAccess-Amplify", "AdministratorAccess-*")]);
            assert.deepStrictEqual(await violations(roleOutsideStack, stack), [], "known by its name: not outside the stack");
        });

        it("judges AWSIoTFullAccess, AmazonAthenaFullAccess and AmazonBedrockFullAccess by their published documents", async () => {
            const stack = [auth, signedIn, attached("auth", "arn:aws:iam::aws:policy/AWSIoTFullAccess"), attached("auth", "arn:aws:iam::aws:policy/AmazonAthenaFullAccess"), attached("auth", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess")];
            assert.deepStrictEqual(await violations(identityRolePrivilege, stack), [
                "mandatory: The authenticated role auth: the AWS managed policy AWSIoTFullAccess allows the wildcard action(s) iot:*, iotjobsdata:*.",
                `mandatory: The authenticated role auth: the AWS managed policy AWSIoTFullAccess allows iot:*, iotjobsdata:* on every resource ("*").`,
                "mandatory: The authenticated role auth: the AWS managed policy AmazonAthenaFullAccess allows the wildcard action(s) athena:*.",
                `mandatory: The authenticated role auth: the AWS managed policy AmazonAthenaFullAccess allows athena:* on every resource ("*").`,
                "mandatory: The authenticated role auth: the AWS managed policy AmazonBedrockFullAccess allows the wildcard action(s) bedrock:*.",
                `mandatory: The authenticated role auth: the AWS managed policy AmazonBedrockFullAccess allows bedrock:* on every resource ("*").`,
            ]);
        });

        it("judges PowerUserAccess as every action but IAM, Organizations and Account", async () => {
            assert.deepStrictEqual(await violations(identityRolePrivilege, [auth, signedIn, attached("auth", "arn:aws:iam::aws:policy/PowerUserAccess")]), [
                "mandatory: The authenticated role auth: the AWS managed policy PowerUserAccess uses NotAction, allowing every action but iam:*, organizations:*, account:*.",
                `mandatory: The authenticated role auth: the AWS managed policy PowerUserAccess allows every action but iam:*, organizations:*, account:* on every resource ("*").`,
                `mandatory: The authenticated role auth: the AWS managed policy PowerUserAccess allows iam:CreateServiceLinkedRole, iam:DeleteServiceLinkedRole, iam:ListRoles, organizations:DescribeOrganization, account:ListRegions, account:GetAccountInformation on every resource ("*").`,
            ]);
        });

        it("judges a *PowerUser, *ReadWrite or *ReadOnly policy it does not list by its name, and refuses any other AWS managed policy unless the stage accepts it by name", async () => {
            const stack = [auth, signedIn, ...["AWSCodeCommitPowerUser", "AmazonSSMReadWrite", "AmazonTextractReadOnlyAccess", "AmazonPollyReadOnly", "AmazonRekognitionCustomLabelsFullAccess", "AWSXRayDaemonWriteAccess", "AmazonPersonalizeInvoke"].map((name) => attached("auth", `arn:aws:iam::aws:policy/${name}`))];
            const who = "mandatory: The authenticated role auth: the AWS managed policy";
            assert.deepStrictEqual(await violations(identityRolePrivilege, stack), [
                `${who} AWSCodeCommitPowerUser grants every action of its service on every resource (an AWS managed *PowerUser policy).`,
                `${who} AmazonSSMReadWrite grants every action of its service on every resource (an AWS managed *ReadWrite policy).`,
                `${who} AmazonTextractReadOnlyAccess reads every resource of its service (an AWS managed *ReadOnly policy).`,
                `${who} AmazonPollyReadOnly reads every resource of its service (an AWS managed *ReadOnly policy).`,
                `${who} AmazonRekognitionCustomLabelsFullAccess grants every action of its service on every resource (an AWS managed *FullAccess policy).`,
                `${who} AmazonPersonalizeInvoke is not one this pack knows; AWS managed policies grant on every resource ("*"), so it is refused until judged: use a policy of this stack naming the role's own resources, or accept it by name (allowAwsManagedPolicies).`,
            ], "X-Ray's daemon policy is known: actions X-Ray cannot scope");
            const accepting = await violations(identityRolePrivilege, stack, { allowAwsManagedPolicies: ["AmazonPersonalizeInvoke", "AmazonPollyReadOnly", "AWSCodeCommitPowerUser"] });
            assert.deepStrictEqual(accepting.map((v) => v.split(" policy ")[1]?.split(" ")[0]), ["AWSCodeCommitPowerUser", "AmazonSSMReadWrite", "AmazonTextractReadOnlyAccess", "AmazonRekognitionCustomLabelsFullAccess"], "accepted by name: the unknown and the read-only one; a whole service never");
            // A policy whose document the pack knows is judged by it, whatever the stage lists.
            const admin = [auth, signedIn, attached("auth", "arn:aws:iam::aws:policy/AdministratorAccess"), attached("auth", "arn:aws:iam::aws:policy/ReadOnlyAccess")];
            assert.deepStrictEqual(await violations(identityRolePrivilege, admin, { allowAwsManagedPolicies: ["AdministratorAccess", "ReadOnlyAccess"] }), await violations(identityRolePrivilege, admin));
            assert.ok((await violations(identityRolePrivilege, admin)).length >= 4);
        });

        it("leaves a customer managed policy outside the stack to cognito-role-outside-stack", async () => {
            // A customer policy may be named like an AWS one: only the account "aws" makes an ARN an AWS managed policy.
            const stack = [auth, signedIn, attached("auth", "arn:aws:iam::123456789012:policy/AmazonS3FullAccess")];
            assert.deepStrictEqual(await violations(identityRolePrivilege, stack), []);
            assert.deepStrictEqual(await violations(roleOutsideStack, stack), [
                "advisory: The authenticated role auth: managed policy arn:aws:iam::123456789012:policy/AmazonS3FullAccess is outside this stack and cannot be checked.",
            ]);
        });
    });

    it("reports an unreadable document as a violation, at the stage's level", async () => {
        const odd = role("auth", { inlinePolicies: [null, { name: "", policy: "" }, { name: "bad", policy: "{\"Statement\": [" }] });
        assert.deepStrictEqual(await violations(identityRolePrivilege, [odd, attachment({ authenticated: arn("auth"), unauthenticated: null }), rolePolicy("auth", { Statement: { Effect: "Allow", Action: { a: 1 } } }, "odd")], "advisory"), [
            `advisory: The authenticated role auth: inline policy "bad" cannot be read (not valid JSON); check it by hand.`,
            "advisory: The authenticated role auth: role policy odd cannot be read (Action of statement 1 is neither a string nor a list of strings); check it by hand.",
        ]);
    });

    it("takes its \"*\" allow-list from config", async () => {
        const stack = [auth, attachment({ authenticated: arn("auth") }), rolePolicy("auth", doc({ Effect: "Allow", Action: ["geo:SearchPlaceIndexForText", "mobiletargeting:PutEvents"], Resource: "*" }), "list")];
        assert.deepStrictEqual(await violations(identityRolePrivilege, stack), [`mandatory: The authenticated role auth: role policy list allows geo:SearchPlaceIndexForText on every resource ("*").`]);
        assert.deepStrictEqual(await violations(identityRolePrivilege, stack, { allowStarResourceActions: ["GEO:SearchPlaceIndex*", "mobiletargeting:*"] }), []);
    });

    it("does not count a \"*\" resource for actions IAM cannot scope to one (Service Authorization Reference), whatever the allow-list", async () => {
        const noScope = ["polly:SynthesizeSpeech", "cognito-identity:GetId", "Rekognition:DetectLabels", "s3:ListAllMyBuckets", "sts:GetCallerIdentity"];
        const stack = [auth, attachment({ authenticated: arn("auth") }), rolePolicy("auth", doc({ Effect: "Allow", Action: noScope, Resource: "*" }), "list")];
        assert.deepStrictEqual(await violations(identityRolePrivilege, stack, { allowStarResourceActions: [] }), []);
        const wild = [auth, attachment({ authenticated: arn("auth") }), rolePolicy("auth", doc({ Effect: "Allow", Action: ["polly:Synthesize*", "rekognition:*"], Resource: "*" }), "list")];
        assert.deepStrictEqual(await violations(identityRolePrivilege, wild), [
            "mandatory: The authenticated role auth: role policy list allows the wildcard action(s) rekognition:*.",
            "mandatory: The authenticated role auth: role policy list allows the partial wildcard action(s) polly:Synthesize*.",
            `mandatory: The authenticated role auth: role policy list allows polly:Synthesize*, rekognition:* on every resource ("*").`,
        ]);
    });

    it("leaves a policy a preview cannot know to the server", async () => {
        assert.deepStrictEqual(await violations(identityRolePrivilege, [auth, attachment({ authenticated: arn("auth") }), rolePolicy("auth", unknown)]), [
            "advisory: can't run policy 'cognito-identity-role-privilege' from policy pack 'cognito-security@v0.1.0' during preview: string value at .policy can't be known during preview",
        ]);
    });
});

describe("cognito-guest-role-privilege over the shared grants", () => {
    const guest = role("guest", { inlinePolicies: [null, { name: "", policy: "" }, { name: "wide", policy: { Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" } } }, { name: "bad", policy: "nope" }] });
    it("sees inline policies, PolicyAttachment and managedPolicyArns too, and says what it cannot read", async () => {
        const shared = resource(awsTypes.policyAttachment, { roles: ["guest"], policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
        assert.deepStrictEqual(await violations(guestRolePrivilege, [guest, attachment({ unauthenticated: arn("guest") }), shared, rolePolicy("guest", doc({ Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::b" }))]), [
            "mandatory: The guest role guest allows s3:*.",
            `mandatory: The guest role guest allows actions on every resource ("*").`,
            `mandatory: The guest role guest has inline policy "bad", which cannot be read: not valid JSON.`,
            "mandatory: The guest role guest allows every action but iam:* (NotAction).",
            "mandatory: The guest role guest has the managed policy arn:aws:iam::aws:policy/AdministratorAccess attached.",
        ]);
    });

    it("says that a customer policy of the stack cannot be read, and a policy attached two ways once", async () => {
        const policy = resource(awsTypes.policy, { name: "broken", policy: "nope" }, { name: "broken", outputs: { name: "broken", policy: "nope", arn: "arn:aws:iam::1:policy/broken" } });
        const twice = role("guest", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
        const attachments = ["arn:aws:iam::1:policy/broken", "arn:aws:iam::aws:policy/AdministratorAccess"].map((policyArn, i) => resource(awsTypes.rolePolicyAttachment, { role: "guest", policyArn }, { name: `attach-${i}` }));
        assert.deepStrictEqual(await violations(guestRolePrivilege, [twice, attachment({ unauthenticated: arn("guest") }), policy, ...attachments]), [
            "mandatory: The guest role guest has the managed policy arn:aws:iam::aws:policy/AdministratorAccess attached.",
            "mandatory: The guest role guest has policy broken, which cannot be read: not valid JSON.",
        ]);
    });
});

describe("aws-native roles, role policies and groups, judged as their aws: equivalents (native-shapes.ts)", () => {
    const nativeRole = (name: string, props: Record<string, unknown> = {}) => resource(awsNativeTypes.role, { roleName: name, ...props }, { name, outputs: { roleName: name, arn: arn(name), roleId: `AROA${name.toUpperCase()}`, ...props } });
    const nativeAttachment = resource(awsNativeTypes.roleAttachment, { identityPoolId: "eu-central-1:1111", roles: { authenticated: arn("auth") } }, { name: "roles" });

    it("reads policies [{ policyName, policyDocument }], a RolePolicy by roleName, managedPolicyArns, and a group's roleArn", async () => {
        const auth = nativeRole("auth", { policies: [null, { policyName: "inline", policyDocument: { Statement: { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*" } } }, "text"], managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSQSFullAccess"] });
        const byName = resource(awsNativeTypes.rolePolicy, { roleName: "auth", policyName: "scan", policyDocument: doc({ Effect: "Allow", Action: "dynamodb:Scan", Resource: "arn:aws:dynamodb:eu-central-1:1:table/t" }) }, { name: "auth-scan" });
        const admins = resource(awsNativeTypes.group, { groupName: "admins", userPoolId: "eu-central-1_P", roleArn: arn("admins") }, { name: "admins-group" });
        assert.deepStrictEqual(await violations(identityRolePrivilege, [auth, byName, nativeAttachment, nativeRole("admins", { policies: { policyName: "all", policyDocument: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } }), admins]), [
            `mandatory: The authenticated role auth: inline policy "inline" allows the wildcard action(s) s3:*.`,
            "mandatory: The authenticated role auth: an inline policy cannot be read (the entry is not an object); check it by hand.",
            "mandatory: The authenticated role auth: role policy auth-scan allows dynamodb:Scan, which reads every item of a table.",
            "mandatory: The authenticated role auth: the AWS managed policy AmazonSQSFullAccess allows the wildcard action(s) sqs:*.",
            `mandatory: The authenticated role auth: the AWS managed policy AmazonSQSFullAccess allows sqs:* on every resource ("*").`,
            `mandatory: The group "admins" role admins: inline policy "all" allows the wildcard action(s) *.`,
            `mandatory: The group "admins" role admins: inline policy "all" allows * on every resource ("*").`,
        ]);
    });

    it("names an aws-native role that is not in the stack as outside it, and finds no grants in one without policies", async () => {
        assert.deepStrictEqual(await violations(roleOutsideStack, [nativeAttachment]), [`advisory: The authenticated role ${arn("auth")} is outside this stack, so its trust and grants cannot be checked.`]);
        assert.deepStrictEqual(await violations(identityRolePrivilege, [nativeRole("auth"), nativeAttachment]), [], "no policies, no managed policies: no grants");
    });
});
