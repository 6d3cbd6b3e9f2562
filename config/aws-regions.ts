// The AWS regions where Amazon Cognito has user pools: the only regions a stack can deploy to.
//
// Sources: the "Amazon Cognito user pools" endpoint table of
// https://docs.aws.amazon.com/general/latest/gr/cognito.html (commercial regions), and the
// `cognito-idp` endpoints of the SDKs' endpoint table, botocore 1.43.11 data/endpoints.json, which
// adds the partitions that page leaves out: AWS GovCloud (US) and the AWS European Sovereign Cloud.
// China and the isolated partitions have no user pools. Every region here is also one the pinned
// AWS provider knows (tests/config/aws-config.test.ts checks it against @pulumi/aws's Region enum).
// When AWS opens Cognito in a new region, add it here, with the source that says so.

export const cognitoUserPoolRegions = [
    // aws (commercial)
    "af-south-1",
    "ap-east-1", "ap-east-2",
    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1", "ca-west-1",
    "eu-central-1", "eu-central-2",
    "eu-north-1",
    "eu-south-1", "eu-south-2",
    "eu-west-1", "eu-west-2", "eu-west-3",
    "il-central-1",
    "me-central-1", "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1", "us-east-2",
    "us-west-1", "us-west-2",
    // aws-us-gov (AWS GovCloud (US))
    "us-gov-east-1", "us-gov-west-1",
    // aws-eusc (AWS European Sovereign Cloud)
    "eusc-de-east-1",
] as const;
