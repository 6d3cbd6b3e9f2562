// What every surface of the sandbox (user-pool API, hosted UI, discovery, identity pool) reads: the
// stack's model, the emulator, the token issuer and key, and the pool and clients as provisioned.
import type { Emulator } from "./emulator";
import type { IdentityPoolModel } from "./identity-pool/model";
import type { SigningKey } from "./signing-key";
import type { SandboxClient, SandboxModel } from "./stack-model";
import type { TokenIssuer } from "./tokens/issuer";
import type { Revocations } from "./tokens/revocations";
import type { SandboxState } from "./trigger-adapter";
import type { ChallengeSessions } from "./user-pool-api/sessions";

export interface SandboxContext {
    readonly model: SandboxModel;
    readonly state: SandboxState;
    readonly emulator: Emulator;
    readonly issuer: TokenIssuer;
    readonly key: SigningKey;
    readonly revocations: Revocations;
    readonly sessions: ChallengeSessions;
    /** The gateway's origin, `http://127.0.0.1:<port>`: the endpoint, the hosted UI's domain and the issuer's origin. */
    readonly endpoint: string;
    readonly poolId: string;
    /** `<endpoint>/<poolId>`. */
    readonly issuerUrl: string;
    /** Client id -> the stack's client. */
    readonly clients: ReadonlyMap<string, SandboxClient>;
    /** Client name -> id. */
    readonly clientIds: Readonly<Record<string, string>>;
    /** The stack's identity pool with its sandbox id, when it declares one. */
    readonly identityPool?: IdentityPoolModel & { readonly id: string };
}
