import * as assert from "assert";
import { IdentityPool, identityPoolProblems } from "../../components/identity-pool";
import type { IdentityPoolSettings } from "../../config/schema";
import { one, ofType, runComponents, types } from "../support/harness";

const provider = "cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Pool";
const clients = { web: "web-id", mobile: "mobile-id" };

async function poolRun(settings: IdentityPoolSettings) {
    return runComponents(() => {
        const pool = new IdentityPool("identity", { settings, userPoolProviderName: provider, availableClients: clients, tags: { stage: "test" } });
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
                Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"] } },
            },
            { Effect: "Allow", Action: ["execute-api:Invoke"], Resource: ["arn:aws:execute-api:eu-central-1:123456789012:abc/*"] },
        ]);
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

    it("maps roles from the token (group roles) per client", async () => {
        const mappings = one(await poolRun({ roleMapping: { type: "token" } }), types.roleAttachment).inputs.roleMappings;
        assert.deepStrictEqual(mappings, [
            { identityProvider: `${provider}:web-id`, type: "Token", ambiguousRoleResolution: "AuthenticatedRole" },
            { identityProvider: `${provider}:mobile-id`, type: "Token", ambiguousRoleResolution: "AuthenticatedRole" },
        ]);
    });

    it("maps roles by rules, for example by cognito:groups", async () => {
        const rule = { claim: "cognito:groups", matchType: "Contains" as const, value: "editors", roleArn: "arn:aws:iam::123456789012:role/editors" };
        const [mapping] = one(await poolRun({ clients: ["web"], roleMapping: { type: "rules", rules: [rule] } }), types.roleAttachment).inputs.roleMappings;
        assert.deepStrictEqual(mapping, { identityProvider: `${provider}:web-id`, type: "Rules", ambiguousRoleResolution: "AuthenticatedRole", mappingRules: [rule] });
    });

    describe("impossible combinations", () => {
        const problems = (settings: IdentityPoolSettings, available = Object.keys(clients)) => identityPoolProblems(settings, available).map((p) => `${p.field}: ${p.message}`);

        it("refuses a client that is not a user client of the stack", () => {
            assert.deepStrictEqual(problems({ clients: ["ingest"] }), [`clients[0]: got "ingest"; allowed: a web or native client of this stack: "web", "mobile"`]);
        });
        it("refuses a pool with no client to trust", () => {
            assert.deepStrictEqual(problems({}, []), ["clients: the identity pool needs at least one web or native client to trust"]);
        });
        it("refuses guest grants while guests are off", () => {
            assert.deepStrictEqual(problems({ guest: { statements: [{ actions: ["s3:GetObject"], resources: ["*"] }] } }), ["guest.statements: guest permissions are given but allowGuests is false; set allowGuests: true or remove them"]);
        });
        it("refuses a bucket name S3 would not accept", () => {
            assert.deepStrictEqual(problems({ authenticated: { s3UserPrefix: { bucket: "News_Uploads" } } }), [`authenticated.s3UserPrefix.bucket: got "News_Uploads"; allowed: an S3 bucket name`]);
        });
        it("throws at construction naming the component", () => {
            assert.throws(() => new IdentityPool("identity", { settings: { clients: ["tv"] }, userPoolProviderName: provider, availableClients: clients }),
                { message: `IdentityPool "identity" has invalid arguments:\n  - clients[0]: got "tv"; allowed: a web or native client of this stack: "web", "mobile"` });
        });
    });
});
