import * as assert from "assert";
import { IdentityPool, identityPoolProblems, identityPoolWeakenings, userGrantActions } from "../../components/identity-pool";
import { identityPoolSchema, stackConfigSchema, type IdentityPoolSettings } from "../../config/schema";
import { one, ofType, runComponents, types } from "../support/harness";

const provider = "cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Pool";
const clients = { web: "web-id", mobile: "mobile-id" };
const editors = "arn:aws:iam::123456789012:role/editors";

async function poolRun(settings: IdentityPoolSettings, untrustedClaims?: Record<string, string>) {
    return runComponents(() => {
        const pool = new IdentityPool("identity", { ...settings, userPoolProviderName: provider, availableClients: clients, untrustedClaims, tags: { stage: "test" } });
        return { id: pool.id, authenticatedRoleArn: pool.authenticatedRole.arn, ...(pool.guestRole && { guestRoleArn: pool.guestRole.arn }) };
    });
}

const trustOf = (run: Awaited<ReturnType<typeof poolRun>>, name: string) => JSON.parse(one(run, types.role, name).inputs.assumeRolePolicy);
const grantsOf = (run: Awaited<ReturnType<typeof poolRun>>, name: string) => JSON.parse(one(run, types.rolePolicy, name).inputs.policy).Statement;

describe("IdentityPool", () => {
    describe("by default", () => {
        let run: Awaited<ReturnType<typeof poolRun>>;
        before(async () => {
            run = await poolRun({});
        });

        it("links every user client, checks tokens server-side and refuses guests and the classic flow", () => {
            const pool = one(run, types.identityPool).inputs;
            assert.deepStrictEqual([pool.identityPoolName, pool.allowUnauthenticatedIdentities, pool.allowClassicFlow], ["cognito_test", false, false]);
            assert.deepStrictEqual(pool.cognitoIdentityProviders, [
                { clientId: "web-id", providerName: provider, serverSideTokenCheck: true },
                { clientId: "mobile-id", providerName: provider, serverSideTokenCheck: true },
            ]);
        });

        it("trusts cognito-identity for this pool and signed-in users only", () => {
            const pool = one(run, types.identityPool);
            const poolId = run.outputs.id;
            assert.ok(typeof poolId === "string" && poolId.startsWith("eu-central-1:"), String(poolId));
            assert.deepStrictEqual(trustOf(run, "identity-authenticated").Statement, [{
                Effect: "Allow",
                Principal: { Federated: "cognito-identity.amazonaws.com" },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: { "cognito-identity.amazonaws.com:aud": poolId },
                    "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
                },
            }]);
            assert.strictEqual(pool.name, "identity-pool");
        });

        it("has no guest role, no grants and no role mappings", () => {
            assert.deepStrictEqual(ofType(run, types.role).map((r) => r.name), ["identity-authenticated"]);
            assert.strictEqual(ofType(run, types.rolePolicy).length, 0);
            const attachment = one(run, types.roleAttachment).inputs;
            assert.deepStrictEqual(attachment.roles, { authenticated: "arn:aws:iam::123456789012:role/identity-authenticated" });
            assert.strictEqual(attachment.roleMappings, undefined);
            assert.strictEqual(run.outputs.guestRoleArn, undefined);
        });

        it("replaces the role attachment by deleting it first: its delete clears the pool's roles, so created first it would undo the new one", () => {
            assert.strictEqual(one(run, types.roleAttachment).options.deleteBeforeReplace, true);
        });
    });

    it("grants each user their own S3 prefix and DynamoDB items", async () => {
        const run = await poolRun({
            authenticated: {
                s3UserPrefix: { bucket: "news-uploads" },
                dynamoUserItems: { tableArn: "arn:aws:dynamodb:eu-central-1:123456789012:table/lists" },
                statements: [{ actions: ["execute-api:Invoke"], resources: ["arn:aws:execute-api:eu-central-1:123456789012:abc/*"] }],
            },
        });
        assert.deepStrictEqual(grantsOf(run, "identity-authenticated-grants"), [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: "arn:aws:s3:::news-uploads/${cognito-identity.amazonaws.com:sub}/*" },
            { Effect: "Allow", Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::news-uploads", Condition: { StringLike: { "s3:prefix": ["${cognito-identity.amazonaws.com:sub}/*"] } } },
            {
                Effect: "Allow",
                Action: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
                Resource: "arn:aws:dynamodb:eu-central-1:123456789012:table/lists",
                // Null: a request naming no key must not pass the ForAllValues test vacuously.
                Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"] }, Null: { "dynamodb:LeadingKeys": "false" } },
            },
            { Effect: "Allow", Action: ["execute-api:Invoke"], Resource: ["arn:aws:execute-api:eu-central-1:123456789012:abc/*"] },
        ]);
    });

    it("accepts every allowed object and item action, in any case, and writes them as given", async () => {
        const run = await poolRun({
            authenticated: {
                s3UserPrefix: { bucket: "news-uploads", actions: [...userGrantActions.s3UserPrefix, "S3:getobject"] },
                dynamoUserItems: { tableArn: "arn:aws:dynamodb:eu-central-1:123456789012:table/lists", actions: ["dynamodb:BatchWriteItem", "DynamoDB:conditionCheckItem"] },
            },
        });
        const [objects, , items] = grantsOf(run, "identity-authenticated-grants");
        assert.deepStrictEqual(objects.Action, [...userGrantActions.s3UserPrefix, "S3:getobject"]);
        assert.deepStrictEqual(items, {
            Effect: "Allow",
            Action: ["dynamodb:BatchWriteItem", "DynamoDB:conditionCheckItem"],
            Resource: "arn:aws:dynamodb:eu-central-1:123456789012:table/lists",
            Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"] }, Null: { "dynamodb:LeadingKeys": "false" } },
        });
    });

    it("writes a wildcard statement that opts in as given, without the opt-in key", async () => {
        const run = await poolRun({
            allowGuests: true,
            authenticated: { statements: [{ actions: ["s3:*"], resources: ["*"], allowWildcards: true }] },
            guest: { statements: [{ actions: ["mobiletargeting:Put*"], resources: ["arn:aws:mobiletargeting:eu-central-1:123456789012:apps/*"], allowWildcards: true }] },
        });
        assert.deepStrictEqual(grantsOf(run, "identity-authenticated-grants"), [{ Effect: "Allow", Action: ["s3:*"], Resource: ["*"] }]);
        assert.deepStrictEqual(grantsOf(run, "identity-guest-grants"), [{ Effect: "Allow", Action: ["mobiletargeting:Put*"], Resource: ["arn:aws:mobiletargeting:eu-central-1:123456789012:apps/*"] }]);
    });

    it("adds a guest role, trusted for unauthenticated identities only, when asked", async () => {
        const run = await poolRun({ clients: ["web"], allowGuests: true, guest: { statements: [{ actions: ["mobiletargeting:PutEvents"], resources: ["arn:aws:mobiletargeting:eu-central-1:123456789012:apps/x/*"] }] } });
        assert.strictEqual(one(run, types.identityPool).inputs.allowUnauthenticatedIdentities, true);
        assert.deepStrictEqual(one(run, types.identityPool).inputs.cognitoIdentityProviders.map((p: any) => p.clientId), ["web-id"]);
        const trust = trustOf(run, "identity-guest").Statement[0];
        assert.deepStrictEqual(trust.Condition["ForAnyValue:StringLike"], { "cognito-identity.amazonaws.com:amr": "unauthenticated" });
        assert.deepStrictEqual(grantsOf(run, "identity-guest-grants"), [{ Effect: "Allow", Action: ["mobiletargeting:PutEvents"], Resource: ["arn:aws:mobiletargeting:eu-central-1:123456789012:apps/x/*"] }]);
        assert.deepStrictEqual(one(run, types.roleAttachment).inputs.roles, {
            authenticated: "arn:aws:iam::123456789012:role/identity-authenticated",
            unauthenticated: "arn:aws:iam::123456789012:role/identity-guest",
        });
        assert.strictEqual(run.outputs.guestRoleArn, "arn:aws:iam::123456789012:role/identity-guest");
    });

    it("maps roles from the token (group roles) per client, falling back to the authenticated role", async () => {
        const mappings = one(await poolRun({ roleMapping: { type: "token" } }), types.roleAttachment).inputs.roleMappings;
        assert.deepStrictEqual(mappings, [
            { identityProvider: `${provider}:web-id`, type: "Token", ambiguousRoleResolution: "AuthenticatedRole" },
            { identityProvider: `${provider}:mobile-id`, type: "Token", ambiguousRoleResolution: "AuthenticatedRole" },
        ]);
    });

    it("sends the token mapping's own ambiguousRoleResolution", async () => {
        const [mapping] = one(await poolRun({ clients: ["web"], roleMapping: { type: "token", ambiguousRoleResolution: "Deny" } }), types.roleAttachment).inputs.roleMappings;
        assert.deepStrictEqual(mapping, { identityProvider: `${provider}:web-id`, type: "Token", ambiguousRoleResolution: "Deny" });
    });

    it("maps roles by rules with Equals, and denies a user no rule matches", async () => {
        const [mapping] = one(await poolRun({ clients: ["web"], roleMapping: { type: "rules", rules: [{ claim: "cognito:groups", value: "editors", roleArn: editors }] } }), types.roleAttachment).inputs.roleMappings;
        assert.deepStrictEqual(mapping, {
            identityProvider: `${provider}:web-id`, type: "Rules", ambiguousRoleResolution: "Deny",
            mappingRules: [{ claim: "cognito:groups", matchType: "Equals", value: "editors", roleArn: editors }],
        });
    });

    it("sends loose matches, trusted claims and the authenticated-role fallback only as the stack says, without the opt-in keys", async () => {
        const run = await poolRun({
            clients: ["web"],
            roleMapping: {
                type: "rules",
                rules: [{ claim: "cognito:groups", matchType: "Contains", value: "editors", roleArn: editors }, { claim: "custom:tier", value: "gold", roleArn: editors }],
                allowLooseMatches: true,
                trustedClaims: ["custom:tier"],
                ambiguousRoleResolution: "AuthenticatedRole",
            },
        });
        assert.deepStrictEqual(one(run, types.roleAttachment).inputs.roleMappings, [{
            identityProvider: `${provider}:web-id`, type: "Rules", ambiguousRoleResolution: "AuthenticatedRole",
            mappingRules: [
                { claim: "cognito:groups", matchType: "Contains", value: "editors", roleArn: editors },
                { claim: "custom:tier", matchType: "Equals", value: "gold", roleArn: editors },
            ],
        }]);
    });

    describe("impossible combinations", () => {
        const problems = (settings: IdentityPoolSettings, available = Object.keys(clients), untrusted: Record<string, string> = {}) =>
            identityPoolProblems(settings, available, untrusted).map((p) => `${p.field}: ${p.message}`);

        it("refuses a client that is not a user client of the stack", () => {
            assert.deepStrictEqual(problems({ clients: ["ingest"] }), [`clients[0]: got "ingest"; allowed: a web or native client of this stack: "web", "mobile"`]);
        });
        it("refuses a pool with no client to trust", () => {
            assert.deepStrictEqual(problems({}, []), ["clients: the identity pool needs at least one web or native client to trust"]);
        });
        it("refuses guest grants while guests are off", () => {
            assert.deepStrictEqual(problems({ guest: { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::news-public/*"] }] } }), ["guest.statements: guest permissions are given but allowGuests is false; set allowGuests: true or remove them"]);
        });
        it("refuses a bucket name S3 would not accept", () => {
            assert.deepStrictEqual(problems({ authenticated: { s3UserPrefix: { bucket: "News_Uploads" } } }), [`authenticated.s3UserPrefix.bucket: got "News_Uploads"; allowed: an S3 bucket name`]);
        });
        it("throws at construction naming the component", () => {
            assert.throws(() => new IdentityPool("identity", { ...{ clients: ["tv"] }, userPoolProviderName: provider, availableClients: clients }),
                { message: `IdentityPool "identity" has invalid arguments:\n  - clients[0]: got "tv"; allowed: a web or native client of this stack: "web", "mobile"` });
        });
    });

    describe("per-user grants take object and item actions only", () => {
        const problems = (settings: IdentityPoolSettings) => identityPoolProblems(settings, Object.keys(clients), {}).map((p) => `${p.field}: ${p.message}`);
        const s3Allowed = `"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:GetObjectTagging", "s3:PutObjectTagging", "s3:DeleteObjectTagging", "s3:GetObjectAttributes"`;
        const dynamoAllowed = `"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"`;

        // Wildcards in any case, ACLs, bucket and bucket-policy actions: each reaches past the user's prefix.
        for (const action of ["s3:*", "S3:*", "*", "s3:Get*", "s3:PutObjectAcl", "s3:GetObjectAcl", "s3:PutObjectVersionAcl", "s3:ListBucket", "s3:DeleteBucket", "s3:PutBucketPolicy", "s3:PutBucketAcl", "s3:PutObjectRetention"]) {
            it(`refuses ${action} on the S3 prefix`, () => {
                assert.deepStrictEqual(problems({ authenticated: { s3UserPrefix: { bucket: "news-uploads", actions: ["s3:GetObject", action] } } }),
                    [`authenticated.s3UserPrefix.actions[1]: got ${JSON.stringify(action)}; allowed: object-level actions on the user's prefix: ${s3Allowed}`]);
            });
        }
        // Scan and PartiQL ignore the LeadingKeys condition; table actions are not per user.
        for (const action of ["dynamodb:Scan", "dynamodb:scan", "DYNAMODB:SCAN", "dynamodb:*", "dynamodb:*Item", "dynamodb:PartiQLSelect", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLInsert", "dynamodb:PartiQLDelete", "dynamodb:DescribeTable", "dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:ExportTableToPointInTime"]) {
            it(`refuses ${action} on the DynamoDB items`, () => {
                assert.deepStrictEqual(problems({ authenticated: { dynamoUserItems: { tableArn: "arn:aws:dynamodb:eu-central-1:123456789012:table/lists", actions: [action] } } }),
                    [`authenticated.dynamoUserItems.actions[0]: got ${JSON.stringify(action)}; allowed: item-level actions on the user's items: ${dynamoAllowed}`]);
            });
        }
        it("accepts every allowed action, matched case-insensitively as IAM does", () => {
            assert.deepStrictEqual(problems({
                authenticated: {
                    s3UserPrefix: { bucket: "news-uploads", actions: [...userGrantActions.s3UserPrefix, "S3:GETOBJECT"] },
                    dynamoUserItems: { tableArn: "arn:aws:dynamodb:eu-central-1:123456789012:table/lists", actions: [...userGrantActions.dynamoUserItems, "dynamodb:getitem"] },
                },
            }), []);
        });
        it("throws at construction on a bucket-wide action", () => {
            assert.throws(() => new IdentityPool("identity", { ...{ authenticated: { s3UserPrefix: { bucket: "news-uploads", actions: ["s3:*"] } } }, userPoolProviderName: provider, availableClients: clients }),
                { message: `IdentityPool "identity" has invalid arguments:\n  - authenticated.s3UserPrefix.actions[0]: got "s3:*"; allowed: object-level actions on the user's prefix: ${s3Allowed}` });
        });
    });

    describe("free-form statements name their actions and resources", () => {
        const problems = (settings: IdentityPoolSettings) => identityPoolProblems(settings, Object.keys(clients), {}).map((p) => `${p.field}: ${p.message}`);
        const exact = `allowed: exact action names such as "s3:GetObject", or set allowWildcards: true on this statement`;
        const arns = "allowed: ARNs of the resources meant, or set allowWildcards: true on this statement";
        const api = "arn:aws:execute-api:eu-central-1:123456789012:abc/*";
        const actionCases: [string, string][] = [
            ["*", "it covers every action of every service"],
            ["*:*", "it covers every action of every service"],
            ["s3:*", "it covers every action of s3"],
            ["S3:*", "it covers every action of s3"],
            ["iam:**", "it covers every action of iam"],
            ["sts:?*", "it covers every action of sts"],
            ["*:GetObject", "its service is a wildcard, so it reaches every service"],
            ["s3:Get*", "a partial wildcard also covers actions nobody listed (s3:Put* includes s3:PutBucketPolicy) and ones AWS adds later"],
            ["iam:Pass?ole", "a partial wildcard also covers actions nobody listed (s3:Put* includes s3:PutBucketPolicy) and ones AWS adds later"],
        ];
        for (const [action, why] of actionCases) {
            it(`refuses the action ${action} without allowWildcards, for signed-in users and guests`, () => {
                const statements = [{ actions: ["execute-api:Invoke", action], resources: [api] }];
                assert.deepStrictEqual(problems({ allowGuests: true, authenticated: { statements }, guest: { statements } }), [
                    `authenticated.statements[0].actions[1]: got ${JSON.stringify(action)}; ${why}; ${exact}`,
                    `guest.statements[0].actions[1]: got ${JSON.stringify(action)}; ${why}; ${exact}`,
                ]);
            });
        }
        const resourceCases: [string, string][] = [
            ["*", "it reaches every resource"],
            ["arn:*", "it reaches every resource"],
            ["arn:aws:s3:::*", "it reaches every s3 resource"],
            ["arn:aws:s3:::*/*", "it reaches every s3 resource"],
            ["arn:aws:dynamodb:*:*:*", "it reaches every dynamodb resource"],
            ["arn:aws:*:eu-central-1:123456789012:table/lists", "its service is a wildcard, so it reaches every service's resources"],
            ["arn:aws:dynamodb:*:*:table/*", "its region or account is a wildcard, so it reaches resources of other regions or accounts"],
            ["arn:aws:dynamodb:eu-central-1:*:table/lists", "its region or account is a wildcard, so it reaches resources of other regions or accounts"],
            ["arn:aws:dynamodb:eu-central-1:123456789012:table/*", "it reaches every table of dynamodb in the account"],
            ["arn:aws:dynamodb:eu-central-1:123456789012:table/news-*", "it reaches every table of dynamodb in the account"],
            ["arn:aws:lambda:eu-central-1:123456789012:function:*", "it reaches every function of lambda in the account"],
            ["arn:aws:iam::123456789012:role/*", "it reaches every role of iam in the account"],
            ["arn:aws:s3:::news-*/*", "a wildcard in a bucket name also matches other accounts' buckets"],
        ];
        for (const [resource, why] of resourceCases) {
            it(`refuses the resource ${resource} without allowWildcards, for signed-in users and guests`, () => {
                const statements = [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::news-public/*", resource] }];
                assert.deepStrictEqual(problems({ allowGuests: true, authenticated: { statements }, guest: { statements } }), [
                    `authenticated.statements[0].resources[1]: got ${JSON.stringify(resource)}; ${why}; ${arns}`,
                    `guest.statements[0].resources[1]: got ${JSON.stringify(resource)}; ${why}; ${arns}`,
                ]);
            });
        }
        it("checks each statement on its own: allowWildcards opens only the statement that sets it", () => {
            assert.deepStrictEqual(problems({ authenticated: { statements: [{ actions: ["s3:*"], resources: ["*"], allowWildcards: true }, { actions: ["s3:*"], resources: ["*"] }, { actions: ["s3:*"], resources: ["*"], allowWildcards: false }] } }), [
                `authenticated.statements[1].actions[0]: got "s3:*"; it covers every action of s3; ${exact}`,
                `authenticated.statements[1].resources[0]: got "*"; it reaches every resource; ${arns}`,
                `authenticated.statements[2].actions[0]: got "s3:*"; it covers every action of s3; ${exact}`,
                `authenticated.statements[2].resources[0]: got "*"; it reaches every resource; ${arns}`,
            ]);
        });
        it("accepts exact actions and ARNs with a path wildcard below a named resource", () => {
            const resources = [api, "arn:aws:s3:::news-public/*", "arn:aws:dynamodb:eu-central-1:123456789012:table/lists/index/*", "arn:aws:s3:::news-public/articles/*.json"];
            assert.deepStrictEqual(problems({ authenticated: { statements: [{ actions: ["execute-api:Invoke", "s3:GetObject"], resources }] } }), []);
        });
        it("throws at construction on a guest statement with a \"*\" resource", () => {
            assert.throws(() => new IdentityPool("identity", { ...{ allowGuests: true, guest: { statements: [{ actions: ["mobiletargeting:PutEvents"], resources: ["*"] }] } }, userPoolProviderName: provider, availableClients: clients }),
                { message: `IdentityPool "identity" has invalid arguments:\n  - guest.statements[0].resources[0]: got "*"; it reaches every resource; ${arns}` });
        });

        // Deny-by-exception (NotAction, NotResource) grants everything else: the schema has no key for it.
        for (const key of ["notActions", "NotAction", "notResources", "NotResource"]) {
            it(`cannot be written with ${key} (the config schema refuses the key)`, () => {
                const statement = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::news-public/*"], [key]: ["iam:*"] };
                const pool = identityPoolSchema.safeParse({ allowGuests: true, authenticated: { statements: [statement] }, guest: { statements: [statement] } });
                assert.deepStrictEqual(pool.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`), [
                    `authenticated.statements.0: unknown key(s) ${JSON.stringify(key)}; allowed keys: actions, resources, allowWildcards`,
                    `guest.statements.0: unknown key(s) ${JSON.stringify(key)}; allowed keys: actions, resources, allowWildcards`,
                ]);
                const stack = stackConfigSchema.safeParse({ stage: "prod", identityPool: { authenticated: { statements: [{ [key]: ["iam:*"], resources: ["*"] }] } } });
                assert.deepStrictEqual(stack.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`), [
                    "identityPool.authenticated.statements.0.actions: Invalid input: expected array, received undefined",
                    `identityPool.authenticated.statements.0: unknown key(s) ${JSON.stringify(key)}; allowed keys: actions, resources, allowWildcards`,
                ]);
            });
        }
    });

    describe("role mapping rules", () => {
        const untrusted = { "custom:tier": `users can write it through client "web"`, email: `identity provider "Google" maps it` };
        const problems = (roleMapping: IdentityPoolSettings["roleMapping"], claims: Record<string, string> = untrusted) =>
            identityPoolProblems({ roleMapping }, Object.keys(clients), claims).map((p) => `${p.field}: ${p.message}`);
        const rule = (claim: string, matchType?: "Equals" | "Contains" | "StartsWith" | "NotEqual") => ({ claim, ...(matchType && { matchType }), value: "gold", roleArn: editors });
        const claimRefused = (i: number, claim: string, why: string) =>
            `roleMapping.rules[${i}].claim: got ${JSON.stringify(claim)}: ${why}, so a user could choose their own role; allowed: a claim users cannot write and identity providers do not map (such as "cognito:groups"), or list it in roleMapping.trustedClaims`;
        const looseRefused = (i: number, matchType: string) =>
            `roleMapping.rules[${i}].matchType: got ${JSON.stringify(matchType)}; loose matches take values nobody meant (Contains "admin" matches "notadmin"); allowed: "Equals", or set roleMapping.allowLooseMatches: true`;

        it("refuses a claim users can write or a provider maps, saying why", () => {
            assert.deepStrictEqual(problems({ type: "rules", rules: [rule("cognito:groups"), rule("custom:tier"), rule("email")] }), [
                claimRefused(1, "custom:tier", `users can write it through client "web"`),
                claimRefused(2, "email", `identity provider "Google" maps it`),
            ]);
        });
        it("accepts such a claim listed in trustedClaims", () => {
            assert.deepStrictEqual(problems({ type: "rules", rules: [rule("custom:tier"), rule("email")], trustedClaims: ["custom:tier", "email"] }), []);
        });
        it("refuses a trustedClaims entry no rule uses", () => {
            assert.deepStrictEqual(problems({ type: "rules", rules: [rule("cognito:groups"), rule("cognito:groups")], trustedClaims: ["custom:tier"] }), [
                `roleMapping.trustedClaims[0]: got "custom:tier", which no rule uses; allowed: a claim of roleMapping.rules: "cognito:groups"`,
            ]);
        });
        for (const matchType of ["Contains", "StartsWith", "NotEqual"] as const) {
            it(`refuses ${matchType} without allowLooseMatches, and accepts it with`, () => {
                assert.deepStrictEqual(problems({ type: "rules", rules: [rule("cognito:groups", "Equals"), rule("cognito:groups", matchType)] }), [looseRefused(1, matchType)]);
                assert.deepStrictEqual(problems({ type: "rules", rules: [rule("cognito:groups", matchType)], allowLooseMatches: false }), [looseRefused(0, matchType)]);
                assert.deepStrictEqual(problems({ type: "rules", rules: [rule("cognito:groups", matchType)], allowLooseMatches: true }), []);
            });
        }
        it("checks nothing of the kind for a token mapping", () => {
            assert.deepStrictEqual(problems({ type: "token", ambiguousRoleResolution: "Deny" }), []);
        });

        it("the component refuses what untrustedClaims names", () => {
            assert.throws(() => new IdentityPool("identity", {
                roleMapping: { type: "rules", rules: [rule("cognito:groups"), rule("nickname")] },
                userPoolProviderName: provider, availableClients: clients, untrustedClaims: { nickname: `users can write it through clients "web", "mobile"` },
            }), { message: `IdentityPool "identity" has invalid arguments:\n  - ${claimRefused(1, "nickname", `users can write it through clients "web", "mobile"`)}` });
        });
        it("the component, not told untrustedClaims, distrusts custom and standard attributes", () => {
            assert.throws(() => new IdentityPool("identity", {
                roleMapping: { type: "rules", rules: [rule("cognito:groups"), rule("custom:tier"), rule("email"), rule("cognito:preferred_role")] },
                userPoolProviderName: provider, availableClients: clients,
            }), {
                message: `IdentityPool "identity" has invalid arguments:\n`
                    + `  - ${claimRefused(1, "custom:tier", "users may write custom attributes (untrustedClaims was not given)")}\n`
                    + `  - ${claimRefused(2, "email", "users may write standard attributes by default (untrustedClaims was not given)")}`,
            });
        });
        it("the component accepts a claim untrustedClaims leaves out", async () => {
            const run = await poolRun({ clients: ["web"], roleMapping: { type: "rules", rules: [rule("custom:tier")] } }, { email: "identity provider \"Google\" maps it" });
            assert.deepStrictEqual(one(run, types.roleAttachment).inputs.roleMappings[0].mappingRules, [{ claim: "custom:tier", matchType: "Equals", value: "gold", roleArn: editors }]);
        });
    });

    describe("weakenings", () => {
        it("lists nothing for a pool that keeps every default", () => {
            assert.deepStrictEqual(identityPoolWeakenings({ allowGuests: true, authenticated: { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"], allowWildcards: false }] }, roleMapping: { type: "rules", rules: [{ claim: "cognito:groups", value: "editors", roleArn: editors }], ambiguousRoleResolution: "Deny", allowLooseMatches: false, trustedClaims: [] } }), []);
            assert.deepStrictEqual(identityPoolWeakenings({ roleMapping: { type: "token", ambiguousRoleResolution: "AuthenticatedRole" } }), []);
        });
        it("lists each opt-in: wildcard statements, loose matches, trusted claims and the authenticated-role fallback", () => {
            assert.deepStrictEqual(identityPoolWeakenings({
                allowGuests: true,
                authenticated: { statements: [{ actions: ["execute-api:Invoke"], resources: ["arn:aws:execute-api:eu-central-1:123456789012:abc/*"] }, { actions: ["s3:Get*", "s3:PutObject"], resources: ["*"], allowWildcards: true }] },
                guest: { statements: [{ actions: ["mobiletargeting:PutEvents"], resources: ["arn:aws:mobiletargeting:eu-central-1:123456789012:apps/x/*"], allowWildcards: true }] },
                roleMapping: {
                    type: "rules",
                    rules: [{ claim: "cognito:groups", matchType: "Contains", value: "editors", roleArn: editors }, { claim: "custom:tier", value: "gold", roleArn: editors }],
                    allowLooseMatches: true, trustedClaims: ["custom:tier"], ambiguousRoleResolution: "AuthenticatedRole",
                },
            }).map((w) => `${w.field} ${w.message}`), [
                `authenticated.statements[1].allowWildcards is true: this statement may grant wildcard actions and resources (it uses "s3:Get*", "*")`,
                `guest.statements[0].allowWildcards is true: this statement may grant wildcard actions and resources (it uses none; remove allowWildcards)`,
                `roleMapping.allowLooseMatches is true: rules may choose a role by Contains, StartsWith or NotEqual (used by rules[0] (Contains))`,
                `roleMapping.trustedClaims[0] trusts "custom:tier" to choose a role, though users or identity providers may set it`,
                `roleMapping.ambiguousRoleResolution is "AuthenticatedRole": a user no rule matches still gets the authenticated role (the default for rules is "Deny")`,
            ]);
        });
        it("says when allowLooseMatches is on but no rule uses a loose match", () => {
            assert.deepStrictEqual(identityPoolWeakenings({ roleMapping: { type: "rules", rules: [{ claim: "cognito:groups", value: "editors", roleArn: editors }], allowLooseMatches: true } }), [
                { field: "roleMapping.allowLooseMatches", message: "is true: rules may choose a role by Contains, StartsWith or NotEqual (no rule uses one; remove allowLooseMatches)" },
            ]);
        });
    });
});
