// Which custom attributes users can write through an app client. A client lists them in its
// writeAttributes; a client without writeAttributes lets users write the pool's custom attributes
// too (one API page says standard attributes only; CDK's maintainers and real incidents say
// otherwise, and the pack takes the cautious reading). cognito-custom-attribute-writes and
// cognito-role-mapping both ask here, so they never disagree about who sets a claim.
import type { PolicyResource } from "@pulumi/policy";
import { standardAttributeNames, verificationFlags } from "./attributes";
import { bool, field, list, poolIdOf, resourcesOfTypes, strings, text, userPoolTypes } from "./support";

type Props = Record<string, unknown>;

const builtIn: readonly string[] = [...standardAttributeNames, ...verificationFlags, "sub", "identities"];

/** The user pool a client belongs to (by id; the only pool of the stack when the client names none readable). */
function poolOfClient(resources: PolicyResource[], client: Props): PolicyResource | undefined {
    const pools = resourcesOfTypes({ resources }, userPoolTypes);
    const poolId = text(client.userPoolId);
    if (poolId === undefined) return pools.length === 1 ? pools[0] : undefined;
    return pools.find((p) => poolIdOf(p.props as Props) === poolId);
}

/**
 * A pool's custom attributes users may be given (custom:<name>), from its schema (aws `schemas`,
 * aws-native `schema`); developer-only attributes (dev:custom:) are left out: only the backend writes them.
 */
export function customAttributesOf(pool: Props): string[] {
    return list(pool.schemas ?? pool.schema).flatMap((entry) => {
        const name = text(field(entry, "name"));
        if (name === undefined || bool(field(entry, "developerOnlyAttribute")) === true) return [];
        const bare = name.replace(/^custom:/i, "");
        return builtIn.includes(bare) && !/^custom:/i.test(name) ? [] : [`custom:${bare}`];
    });
}

/** The attributes a client lists in writeAttributes; undefined when unset ([] and a list of nothing readable too: AWS stores no list). */
export function writeAttributesOf(client: Props): string[] | undefined {
    const names = strings(client.writeAttributes);
    return names.length > 0 ? names : undefined;
}

export interface CustomWrites {
    /** The custom attributes the client's writeAttributes list, as written. */
    readonly listed: string[];
    /** writeAttributes is unset. */
    readonly unset: boolean;
    /** The custom attributes of the client's pool; undefined when the pool is not in the stack. */
    readonly poolAttributes?: string[];
}

/** What a client lets users write of the custom attributes. */
export function customWrites(resources: PolicyResource[], client: Props): CustomWrites {
    const listed = writeAttributesOf(client);
    const pool = poolOfClient(resources, client);
    return {
        listed: (listed ?? []).filter((a) => /^custom:/i.test(a)),
        unset: listed === undefined,
        poolAttributes: pool === undefined ? undefined : customAttributesOf(pool.props as Props),
    };
}

/** Whether users can write this custom attribute through the client, and how; undefined when they cannot. */
export function writesCustom(writes: CustomWrites, attribute: string): "listed" | "unset" | undefined {
    const wanted = attribute.toLowerCase();
    if (writes.listed.some((a) => a.toLowerCase() === wanted)) return "listed";
    if (writes.unset && (writes.poolAttributes === undefined || writes.poolAttributes.some((a) => a.toLowerCase() === wanted))) return "unset";
    return undefined;
}
