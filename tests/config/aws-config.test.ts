// The `aws:*` keys of a stack file: a region where Cognito has user pools, and only keys this
// program or the AWS provider reads.
import * as assert from "assert";
import { Region } from "@pulumi/aws/types/enums";
import { awsConfigProblems, awsProviderKeys } from "../../config/aws-config";
import { cognitoUserPoolRegions } from "../../config/aws-regions";
import { closest } from "../../config/suggest";

const regionsAllowed = `allowed: a region where Amazon Cognito has user pools: ${cognitoUserPoolRegions.join(", ")}`;

describe("aws: keys", () => {
    it("accepts every region where Cognito has user pools, and only regions the pinned AWS provider knows", () => {
        for (const region of cognitoUserPoolRegions) assert.deepStrictEqual(awsConfigProblems({ region }), [], region);
        const providerRegions: string[] = Object.values(Region);
        assert.deepStrictEqual(cognitoUserPoolRegions.filter((r) => !providerRegions.includes(r)), []);
        assert.ok(!(cognitoUserPoolRegions as readonly string[]).includes("cn-north-1"), "China has no user pools");
    });

    it("refuses a region Cognito has no user pools in, or no region at all, saying which are allowed", () => {
        assert.deepStrictEqual(awsConfigProblems({ region: "mars-central-1" }), [`aws:region: got "mars-central-1"; ${regionsAllowed}`]);
        assert.deepStrictEqual(awsConfigProblems({ region: "42" }), [`aws:region: got "42"; ${regionsAllowed}`]);
        assert.deepStrictEqual(awsConfigProblems({ region: "eu-centrl-1" }), [`aws:region: got "eu-centrl-1"; did you mean "eu-central-1"?; ${regionsAllowed}`]);
        assert.deepStrictEqual(awsConfigProblems({}), ["aws:region: is not set; set it with `pulumi config set aws:region eu-central-1` (allowed: a region where Amazon Cognito has user pools)"]);
    });

    it("accepts the AWS provider's own keys, read from the installed provider", () => {
        for (const key of ["region", "profile", "accessKey", "secretKey", "assumeRoles", "defaultTags", "skipCredentialsValidation", "allowedAccountIds"]) assert.ok(awsProviderKeys.includes(key), key);
        assert.deepStrictEqual(awsConfigProblems({ region: "eu-central-1", profile: "news", defaultTags: `{"tags":{"team":"news"}}`, skipCredentialsValidation: "true" }), []);
    });

    it("names a key neither this program nor the provider reads, with the key it most likely misspells", () => {
        assert.deepStrictEqual(awsConfigProblems({ region: "eu-central-1", regoin: "eu-central-1", profil: "news" }), [
            "aws:regoin: is not a key this program or the AWS provider reads; did you mean aws:region?",
            "aws:profil: is not a key this program or the AWS provider reads; did you mean aws:profile?",
        ]);
        const [line] = awsConfigProblems({ region: "eu-central-1", colour: "blue" });
        assert.ok(line.startsWith("aws:colour: is not a key this program or the AWS provider reads; allowed: aws:region and the AWS provider's other keys: accessKey, allowedAccountIds, "), line);
    });

    it("suggests only near misses: a swap of letters is one edit, another short word is no typo", () => {
        assert.deepStrictEqual([closest("regoin", ["region", "profile"]), closest("REGION", ["region"]), closest("tags", ["token", "region"]), closest("xy", ["region"])], ["region", "region", undefined, undefined]);
    });
});
