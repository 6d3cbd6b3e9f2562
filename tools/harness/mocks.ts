// Pulumi mocks that stand in for AWS: each resource gets a deterministic id and the computed
// outputs the program reads (ARNs, endpoints, secrets). They also record every registration.
import * as pulumi from "@pulumi/pulumi";
import { awsTypes } from "../../policy/rules/type-tokens";
import { policyDocumentJson } from "./policy-document";

export const mockAccountId = "123456789012";

export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
    readonly custom: boolean;
    /** The id and state the mock answered with: what AWS would report after creation. */
    readonly id?: string;
    readonly outputs: Record<string, unknown>;
}

type Computed = (name: string, inputs: Record<string, any>, region: string) => { id?: string; state?: Record<string, unknown> };

const computedByType: Record<string, Computed> = {
    [awsTypes.userPool]: (name, _inputs, region) => {
        const id = `${region}_Mock${name.replace(/[^A-Za-z0-9]/g, "")}`;
        return { id, state: { arn: `arn:aws:cognito-idp:${region}:${mockAccountId}:userpool/${id}`, endpoint: `cognito-idp.${region}.amazonaws.com/${id}` } };
    },
    [awsTypes.client]: (name, inputs) => ({
        id: `mockclient${name.replace(/[^A-Za-z0-9]/g, "").toLowerCase()}`,
        state: { clientSecret: inputs.generateSecret ? `mock-client-secret-of-${name}` : "" },
    }),
    [awsTypes.domain]: (_name, inputs) => ({
        id: String(inputs.domain),
        state: { cloudfrontDistribution: "d111111abcdef8.cloudfront.net", cloudfrontDistributionZoneId: "Z2FDTNDATAQYW2" },
    }),
    [awsTypes.identityPool]: (name, _inputs, region) => ({
        id: `${region}:00000000-0000-4000-8000-${name.replace(/[^a-f0-9]/g, "").padEnd(12, "0").slice(0, 12)}`,
        state: { arn: `arn:aws:cognito-identity:${region}:${mockAccountId}:identitypool/${name}` },
    }),
    [awsTypes.role]: (name, inputs) => ({ state: { arn: `arn:aws:iam::${mockAccountId}:role/${inputs.name ?? name}`, name: inputs.name ?? name } }),
    [awsTypes.certificate]: (name, inputs, region) => ({
        state: {
            arn: `arn:aws:acm:${region}:${mockAccountId}:certificate/${name}`,
            domainValidationOptions: [{
                domainName: inputs.domainName,
                resourceRecordName: `_mock.${inputs.domainName}.`,
                resourceRecordType: "CNAME",
                resourceRecordValue: "_mock.acm-validations.aws.",
            }],
        },
    }),
    [awsTypes.lambdaFunction]: (name, inputs, region) => ({ state: { arn: `arn:aws:lambda:${region}:${mockAccountId}:function:${inputs.name ?? name}` } }),
    // A fixed value stands in for the random one, so plans and tests are repeatable.
    [awsTypes.randomUuid]: (name) => ({ id: `uuid-${name}`, state: { result: "00000000-0000-4000-8000-00000000a5a5" } }),
};

/** What the engine sends for a value a preview cannot know yet, and the SDK's marker for it. */
export const unknownSentinel: string = (require("@pulumi/pulumi/runtime/rpc") as { unknownValue: string }).unknownValue;
const unknownMarker: unknown = (require("@pulumi/pulumi/output") as { unknown: unknown }).unknown;

/** The plain value behind an output of a rehydrated resource. */
const settled = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply((v) => { resolve(v); return v; }));

/**
 * A resource given where an input expects a string reaches the provider as the engine sends it: a
 * custom resource as its id, a component as its URN (the mocks would otherwise see the object).
 */
async function asEngineSends(value: unknown): Promise<unknown> {
    // In a preview, a value not known yet arrives as the SDK's marker: the engine sends the sentinel.
    if (value === unknownMarker) return unknownSentinel;
    if (pulumi.CustomResource.isInstance(value)) return settled(value.id);
    if (pulumi.Resource.isInstance(value)) return settled(value.urn);
    if (Array.isArray(value)) return Promise.all(value.map(asEngineSends));
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await asEngineSends(v)])));
    }
    return value;
}

export class RecordingMocks implements pulumi.runtime.Mocks {
    readonly registrations: Registration[] = [];

    /**
     * @param firstPreview answer as a first `pulumi preview` would: nothing exists yet, so every id,
     * ARN and other value AWS computes is unknown; only what the program gave is known.
     */
    constructor(private readonly region: string, private readonly firstPreview = false) {}

    async newResource(mockArgs: pulumi.runtime.MockResourceArgs): Promise<{ id: string | undefined; state: Record<string, any> }> {
        const args = { ...mockArgs, inputs: await asEngineSends(mockArgs.inputs) as Record<string, any> };
        const computed = computedByType[args.type]?.(args.name, args.inputs, this.region) ?? {};
        const [, service = "mock", kind = "resource"] = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):/.exec(args.type) ?? [];
        const known = { arn: `arn:aws:${service}:${this.region}:${mockAccountId}:${kind}/${args.name}`, ...computed.state };
        const id = this.firstPreview ? unknownSentinel : (computed.id ?? `${args.name}-id`);
        const computedState = this.firstPreview ? Object.fromEntries(Object.keys(known).filter((k) => !(k in args.inputs)).map((k) => [k, unknownSentinel])) : known;
        const state = { ...computedState, ...args.inputs, ...(this.firstPreview ? {} : computed.state) };
        this.registrations.push({ type: args.type, name: args.name, inputs: args.inputs, custom: args.custom ?? true, id, outputs: { id, ...state } });
        // An empty id is how a preview says "not created yet".
        return { id: this.firstPreview ? "" : id, state };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") return { accountId: mockAccountId, arn: `arn:aws:iam::${mockAccountId}:user/mock`, userId: "mock" };
        if (args.token === "aws:index/getRegion:getRegion") return { name: this.region, region: this.region };
        if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
        if (args.token === "aws:iam/getPolicyDocument:getPolicyDocument") {
            const json = policyDocumentJson(args.inputs);
            return { json, minifiedJson: JSON.stringify(JSON.parse(json)), id: "policy-document" };
        }
        return args.inputs;
    }
}
