// The `aws:*` keys of a stack file. This program reads one of them itself, aws:region (the region of
// every resource but the custom domain's certificate); the AWS provider reads the others (credentials,
// assumeRoles, defaultTags, ...) and checks their values itself. A key neither reads is a typo that
// would otherwise pass in silence, so it is named, with the key it most likely misspells.
import * as awsProviderConfig from "@pulumi/aws/config/vars";
import { cognitoUserPoolRegions } from "./aws-regions";
import { show } from "./errors";
import { closest } from "./suggest";

/**
 * Every key the installed AWS provider reads (`aws.config.<key>`): its generated config module
 * exports one getter per key, so the list follows the provider version without being copied here.
 */
export const awsProviderKeys: readonly string[] = Object.keys(awsProviderConfig);

const regionKey = "aws:region";

function regionProblems(region: string | undefined): string[] {
    if (region === undefined) {
        return [`${regionKey}: is not set; set it with \`pulumi config set ${regionKey} eu-central-1\` (allowed: a region where Amazon Cognito has user pools)`];
    }
    if ((cognitoUserPoolRegions as readonly string[]).includes(region)) return [];
    const near = closest(region, cognitoUserPoolRegions);
    return [`${regionKey}: got ${show(region)}${near ? `; did you mean ${show(near)}?` : ""}; allowed: a region where Amazon Cognito has user pools: ${cognitoUserPoolRegions.join(", ")}`];
}

function unknownKeyProblem(key: string): string {
    const near = closest(key, awsProviderKeys);
    const hint = near ? `did you mean aws:${near}?` : `allowed: ${regionKey} and the AWS provider's other keys: ${awsProviderKeys.filter((k) => k !== "region").join(", ")}`;
    return `aws:${key}: is not a key this program or the AWS provider reads; ${hint}`;
}

/** Problems of the stack's `aws:*` keys (given without the namespace), one full line each. */
export function awsConfigProblems(values: Readonly<Record<string, string>>): string[] {
    return [
        ...regionProblems(values.region),
        ...Object.keys(values).filter((key) => !awsProviderKeys.includes(key)).map(unknownKeyProblem),
    ];
}
