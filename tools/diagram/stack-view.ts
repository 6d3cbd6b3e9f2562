// The planned resources as the trust map reads them: each resource's state (its inputs and the
// values the mocks gave it, as the policy pack's stack rules see it) with secrets unwrapped, in the
// pack's aws: shapes (an aws-native role reads like an aws: one), and the look-ups the map needs.
import type { PolicyResource } from "@pulumi/policy";
import type { PlannedResource } from "../harness/run-program";
import { unwrapSecrets } from "../harness/wire";
import { awsShapes } from "../../policy/rules/native-shapes";
import { text } from "../../policy/rules/support";

export type Props = Record<string, unknown>;

export interface StackView {
    /** Every resource but the stack itself, as the pack's stack rules read it. */
    readonly resources: PolicyResource[];
    /** The planned resource behind a view (its options, its URN). */
    readonly planned: (view: PolicyResource) => PlannedResource;
    readonly ofTypes: (types: readonly string[]) => PolicyResource[];
}

export function stackView(planned: readonly PlannedResource[]): StackView {
    const kept = planned.filter((r) => r.type !== "pulumi:pulumi:Stack");
    // grantsOf and the role-mapping readers take the pack's resource views; they read type, name and props only.
    const views = kept.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: unwrapSecrets<Props>(r.outputs ?? r.inputs) }) as unknown as PolicyResource);
    const resources = awsShapes(views);
    const byUrn = new Map(kept.map((r) => [r.urn, r]));
    return {
        resources,
        planned: (view) => byUrn.get(view.urn)!,
        ofTypes: (types) => resources.filter((r) => types.includes(r.type)),
    };
}

/** The name at the end of an ARN ("arn:aws:iam::1:role/path/name" -> "name", "...:function:f" -> "f"). */
export const arnName = (arn: string): string => arn.split(/[:/]/).pop() ?? arn;

/** A resource's name as AWS knows it (its name input, in any of the spellings given), else its logical name. */
export const awsName = (r: PolicyResource, ...fields: string[]): string => (fields.length ? fields : ["name"]).map((f) => text(r.props[f])).find((n) => n !== undefined) ?? r.name;
