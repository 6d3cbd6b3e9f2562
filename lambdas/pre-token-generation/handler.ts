// Pre token generation (V2 event): the user's groups as an app roles claim and the stage's custom
// claims in ID and access tokens, and extra scopes in the access token.
import type { PreTokenGenerationV2TriggerEvent } from "aws-lambda";
import { lambdaEntry, type Dependencies } from "../shared/entry";

export interface PreTokenGenerationSettings {
    /** Claim that lists the user's groups. */
    readonly rolesClaim: string;
    readonly claims: Readonly<Record<string, string | number | boolean>>;
    readonly accessTokenScopes: readonly string[];
}

export function preTokenGeneration(settings: PreTokenGenerationSettings, _deps: Dependencies) {
    return async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
        const groups = event.request?.groupConfiguration?.groupsToOverride ?? [];
        // The V2 event takes arrays, numbers and booleans as claim values; @types/aws-lambda says
        // strings only, hence the cast.
        const claimsToAddOrOverride = { ...settings.claims, [settings.rolesClaim]: [...groups] } as unknown as Record<string, string>;
        event.response = {
            ...event.response,
            claimsAndScopeOverrideDetails: {
                ...event.response?.claimsAndScopeOverrideDetails,
                idTokenGeneration: { claimsToAddOrOverride },
                accessTokenGeneration: {
                    claimsToAddOrOverride,
                    ...(settings.accessTokenScopes.length > 0 && { scopesToAdd: [...settings.accessTokenScopes] }),
                },
            },
        };
        return event;
    };
}

export const handler = lambdaEntry("preTokenGeneration", preTokenGeneration);
