// The escape hatch on the whole composition: index.ts passes each entry to its component's
// `transform`. Pulumi calls the program with none; a program of your own, or the offline harness
// (planStack's `transforms`), may pass them, and the policy pack judges what comes out like any
// other stack.
import type { AppClientsTransforms } from "./app-clients/app-clients";
import type { DomainTransforms } from "./domain/domain";
import type { IdentityPoolTransforms } from "./identity-pool/identity-pool";
import type { IdentityProvidersTransforms } from "./identity-providers/identity-providers";
import type { TriggerFunctionTransforms } from "./triggers/function";
import type { UserPoolTransforms } from "./user-pool/user-pool";

/** One transform per component of index.ts, by the component's role in the stack. */
export interface StackTransforms {
    readonly userPool?: UserPoolTransforms;
    /** Applied to every trigger function's children (a function transform is given each child's name). */
    readonly triggers?: TriggerFunctionTransforms;
    readonly identityProviders?: IdentityProvidersTransforms;
    readonly clients?: AppClientsTransforms;
    readonly domain?: DomainTransforms;
    readonly identityPool?: IdentityPoolTransforms;
}
