// The mocks answer the invokes programs commonly make, as AWS would, so programs other than ours
// reach the policy pack with what the engine would send.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { valueOf } from "../../tools/harness/run-program";
import { runComponents } from "../support/harness";

describe("mock invokes", () => {
    it("getPolicyDocument builds the IAM JSON AWS builds", async () => {
        let json: Promise<string> | undefined;
        await runComponents(() => {
            json = valueOf(aws.iam.getPolicyDocumentOutput({
                statements: [
                    { sid: "Own", effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*"] },
                    {
                        actions: ["sts:AssumeRoleWithWebIdentity"],
                        principals: [{ type: "Federated", identifiers: ["cognito-identity.amazonaws.com"] }],
                        conditions: [{ test: "StringEquals", variable: "cognito-identity.amazonaws.com:aud", values: ["pool"] }, { test: "ForAnyValue:StringLike", variable: "cognito-identity.amazonaws.com:amr", values: ["authenticated"] }],
                    },
                ],
            }).json);
        });
        assert.deepStrictEqual(JSON.parse(await json!), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "Own", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*" },
                {
                    Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: "cognito-identity.amazonaws.com" },
                    Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": "pool" }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } },
                },
            ],
        });
    });

    it("a resource given where a string is expected reaches the rules as its id, as the engine sends it", async () => {
        const run = await runComponents(() => {
            const role = new aws.iam.Role("reader", { assumeRolePolicy: "{}" });
            new aws.iam.RolePolicy("reader-grants", { role: role as unknown as string, policy: "{}" });
        });
        assert.strictEqual(run.resources.find((r) => r.name === "reader-grants")!.inputs.role, "reader-id");
    });

    it("getPartition, getCallerIdentity and getRegion answer for the mock account and region", async () => {
        let facts: Promise<unknown> | undefined;
        await runComponents(() => {
            facts = Promise.all([valueOf(aws.getPartitionOutput().partition), valueOf(aws.getCallerIdentityOutput().accountId), valueOf(aws.getRegionOutput().region)]);
        });
        assert.deepStrictEqual(await facts, ["aws", "123456789012", "eu-central-1"]);
    });
});
