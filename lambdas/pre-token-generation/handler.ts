// Pre token generation, at every token issue (sign-in, hosted UI session, refresh): first the
// client gate (pre authentication's required groups, which Cognito skips for a reused session and
// which a refresh token would otherwise outlive), then, for the V2 event, the user's groups as an
// app roles claim and the stage's claims in ID and access tokens, and the scopes granted to the
// user's groups or the calling client in the access token. A V1 event (Lite plan) gets the gate only.
import type { PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { checkClientGate, clientNameOnce, type RequiredGroups } from "../shared/client-gate";
import { lambdaEntry, type Dependencies } from "../shared/entry";
import { notAllowedMessage, UserFacingError } from "../shared/errors";
import { isLinkedNativeUser } from "../shared/linked-identity";

export interface ScopeGrant {
    readonly scopes: readonly string[];
    /** Members of at least one of these groups; absent: any group. */
    readonly groups?: readonly string[];
    /** Tokens issued to one of these clients (by name); absent: any client. */
    readonly clients?: readonly string[];
}

/** What goes into tokens (V2 event only). */
export interface TokenAdditions {
    /** Claim that lists the user's groups. */
    readonly rolesClaim: string;
    readonly claims: Readonly<Record<string, string | number | boolean>>;
    readonly accessTokenScopes: readonly ScopeGrant[];
}

export interface PreTokenGenerationSettings {
    /** Client name -> groups; no token for that client to a user in none of them. */
    readonly requiredGroups: RequiredGroups;
    /** Absent when the stack configures no token additions and the function runs for the gate only. */
    readonly tokens?: TokenAdditions;
    /**
     * While some provider links accounts: members of these groups get no token while their native
     * account carries a linked identity (they joined the group after the link). @default []
     */
    readonly protectedGroups?: readonly string[];
    /** The pool's identity provider names, to tell a provider's own users from linked native ones. @default [] */
    readonly providerNames?: readonly string[];
}

export type TokenGenerationEvent = PreTokenGenerationTriggerEvent | PreTokenGenerationV2TriggerEvent;

/** V2 and V3 share one request and response shape; V1 answers claimsOverrideDetails only. */
const isV2Event = (event: TokenGenerationEvent): event is PreTokenGenerationV2TriggerEvent => event.version === "2" || event.version === "3";

/** The scopes of every grant whose groups and clients match. A grant naming neither never matches. */
export async function grantedScopes(grants: readonly ScopeGrant[], groups: readonly string[], clientName: () => Promise<string>): Promise<string[]> {
    const scopes = new Set<string>();
    for (const grant of grants) {
        if (!grant.groups && !grant.clients) continue; // never a scope for every user on every client
        if (grant.groups && !grant.groups.some((g) => groups.includes(g))) continue;
        if (grant.clients && !grant.clients.includes(await clientName())) continue;
        grant.scopes.forEach((s) => scopes.add(s));
    }
    return [...scopes];
}

export function preTokenGeneration(settings: PreTokenGenerationSettings, { cognito, log }: Dependencies) {
    return async (event: TokenGenerationEvent): Promise<TokenGenerationEvent> => {
        // Current at a refresh too: Cognito reads the groups at each issue.
        const listed = event.request?.groupConfiguration?.groupsToOverride;
        const groups: readonly string[] = Array.isArray(listed) ? listed : [];
        const clientName = clientNameOnce(cognito, event.userPoolId, event.callerContext?.clientId);
        await checkClientGate(settings.requiredGroups, clientName, async () => groups);
        const protectedMember = (settings.protectedGroups ?? []).some((g) => groups.includes(g));
        if (protectedMember && isLinkedNativeUser(event.request?.userAttributes, String(event.userName ?? ""), settings.providerNames ?? [])) {
            // An administrator unlinks the identity (AdminDisableProviderForUser) to let them back in.
            log.info({ trigger: "preTokenGeneration", action: "refused", reason: "protected-group-with-linked-identity" });
            throw new UserFacingError(notAllowedMessage);
        }
        const tokens = settings.tokens;
        if (!tokens) return event;
        if (!isV2Event(event)) {
            // Refused by the configuration checks on Lite: a V1 event cannot carry these.
            log.error({ trigger: "preTokenGeneration", action: "skipped-additions", version: String(event.version) });
            return event;
        }
        const scopesToAdd = await grantedScopes(tokens.accessTokenScopes, groups, clientName);
        // The V2 event takes arrays, numbers and booleans as claim values; @types/aws-lambda says
        // strings only, hence the cast.
        const claimsToAddOrOverride = { ...tokens.claims, [tokens.rolesClaim]: [...groups] } as unknown as Record<string, string>;
        event.response = {
            ...event.response,
            claimsAndScopeOverrideDetails: {
                ...event.response?.claimsAndScopeOverrideDetails,
                idTokenGeneration: { claimsToAddOrOverride },
                accessTokenGeneration: { claimsToAddOrOverride, ...(scopesToAdd.length > 0 && { scopesToAdd }) },
            },
        };
        return event;
    };
}

export const handler = lambdaEntry("preTokenGeneration", preTokenGeneration);
