// Builds a Lambda entry point from a handler factory: settings from the TRIGGER_SETTINGS
// environment variable (JSON, written by the UserPool component), real Cognito calls, JSON logs,
// and the guard that keeps internal errors from users. Built once per container.
import { sdkCognitoCalls, type CognitoCalls } from "./cognito";
import { guarded } from "./errors";
import { jsonLogger, type Logger } from "./log";

export const settingsVariable = "TRIGGER_SETTINGS";

export interface Dependencies {
    readonly cognito: CognitoCalls;
    readonly log: Logger;
}

export type HandlerFactory<S, E> = (settings: S, deps: Dependencies) => (event: E) => Promise<E>;

export function readSettings<S>(env: NodeJS.ProcessEnv = process.env): S {
    const raw = env[settingsVariable];
    if (!raw) throw new Error(`${settingsVariable} is not set`);
    return JSON.parse(raw) as S;
}

export function lambdaEntry<S, E>(trigger: string, factory: HandlerFactory<S, E>): (event: E) => Promise<E> {
    let inner: ((event: E) => Promise<E>) | undefined;
    // Settings are read inside the guard: a broken variable is logged, never shown to users.
    const run = (event: E) => (inner ??= factory(readSettings<S>(), { cognito: sdkCognitoCalls(), log: jsonLogger }))(event);
    return guarded(trigger, run, jsonLogger);
}
