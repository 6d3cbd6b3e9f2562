// Stand-ins for what triggers reach outside: Cognito calls (recorded, scripted) and the logger.
import type { CognitoCalls, NativeUser } from "../../lambdas/shared/cognito";
import type { Dependencies } from "../../lambdas/shared/entry";
import type { SourcePoolCalls, SourceUser } from "../../lambdas/shared/source-pool";

export interface Call {
    readonly method: keyof CognitoCalls;
    readonly args: unknown[];
}

export interface FakeCognito extends CognitoCalls {
    readonly calls: Call[];
}

export interface FakeScript {
    /** What usersWithEmail answers, whatever the address: the handler must check each user's email itself. */
    users?: NativeUser[];
    groups?: Record<string, string[]>;
    /** Client id -> name; an id missing here is not a client of the pool. */
    clientNames?: Record<string, string>;
    /** Methods that throw this error. */
    failing?: Partial<Record<keyof CognitoCalls, Error>>;
    /** When each user was created; unlisted users were created just now. */
    createdAt?: Record<string, Date>;
    /** Group memberships, changed by addUserToGroup. */
    members?: Map<string, Set<string>>;
}

export function fakeCognito(script: FakeScript = {}): FakeCognito {
    const calls: Call[] = [];
    const members = script.members ?? new Map<string, Set<string>>();
    const record = <T>(method: keyof CognitoCalls, args: unknown[], result: () => T): Promise<T> => {
        calls.push({ method, args });
        const failure = script.failing?.[method];
        return failure ? Promise.reject(failure) : Promise.resolve(result());
    };
    return {
        calls,
        usersWithEmail: (...args) => record("usersWithEmail", args, () => script.users ?? []),
        linkProviderUser: (...args) => record("linkProviderUser", args, () => undefined),
        addUserToGroup: (pool, user, group) => record("addUserToGroup", [pool, user, group], () => {
            members.set(group, (members.get(group) ?? new Set()).add(user));
        }),
        groupsOf: (pool, user) => record("groupsOf", [pool, user], () => script.groups?.[user] ?? []),
        createdAt: (pool, user) => record("createdAt", [pool, user], () => script.createdAt?.[user] ?? new Date()),
        clientName: (pool, client) => record("clientName", [pool, client], () => (script.clientNames && Object.hasOwn(script.clientNames, client) ? script.clientNames[client] : undefined)),
    };
}

export interface CapturedLog {
    readonly info: Record<string, unknown>[];
    readonly error: Record<string, unknown>[];
}

export function deps(cognito: FakeCognito = fakeCognito()): Dependencies & { logged: CapturedLog } {
    const logged: CapturedLog = { info: [], error: [] };
    return { cognito, log: { info: (r) => logged.info.push(r), error: (r) => logged.error.push(r) }, logged };
}

/** A native user as ListUsers reports one: confirmed, enabled, email verified. */
export function nativeUser(overrides: Partial<NativeUser> = {}): NativeUser {
    return { username: "7a0e-native", status: "CONFIRMED", email: "reader@mail.example", emailVerified: true, enabled: true, ...overrides };
}

/** The common part of every Cognito trigger event. */
export function baseEvent<T extends string>(triggerSource: T, userName = "5f1c2d3e-0000-4000-8000-000000000001") {
    return {
        version: "1",
        region: "eu-central-1",
        userPoolId: "eu-central-1_TestPool",
        userName,
        callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client-web" },
        triggerSource,
    };
}

/** The pool users migrate from, scripted: its users (by sign-in name or email), passwords and groups. */
export function fakeSourcePool(users: Record<string, { password: string; user: SourceUser; groups?: string[] }>): SourcePoolCalls & { calls: string[] } {
    const calls: string[] = [];
    const find = (name: string) => Object.values(users).find((u) => u.user.username === name || u.user.attributes.email === name);
    return {
        calls,
        passwordAccepted: async (username, password) => {
            calls.push("passwordAccepted");
            const found = find(username);
            return found?.password === password && found.user.enabled && found.user.status === "CONFIRMED";
        },
        user: async (username) => (calls.push("user"), find(username)?.user),
        groupsOf: async (username) => (calls.push("groupsOf"), find(username)?.groups ?? []),
    };
}
