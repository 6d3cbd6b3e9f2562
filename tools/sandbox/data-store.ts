// The emulator's data store, written behind: cognito-local saves its whole database file (every
// user, pretty-printed) after each change, several times per request, and overlapping writes can
// leave a kept data folder half-written. Here a change marks the file dirty and one write at a time
// saves the latest state, at most every 100 ms, plus once when the sandbox stops.
import * as path from "path";
import { privateFile, privateFolder } from "./private-files";

const lib = (module: string) => require(`cognito-local/lib/${module}`);

interface StormDb {
    save(): Promise<void>;
    default(value: unknown): unknown;
}

export interface WriteBehindFactory {
    create(ctx: unknown, id: string, defaults: unknown): Promise<unknown>;
    /** Writes what is not written yet. */
    flush(): Promise<void>;
}

const dateFields = (key: string) => key.endsWith("Date");

export function writeBehindDataStores(directory: string): WriteBehindFactory {
    // cognito-local's own copy of its database library (a dependency of it, not of this project).
    const StormDB = require(require.resolve("stormdb", { paths: [path.dirname(require.resolve("cognito-local"))] }));
    const { StormDBDataStore } = lib("services/dataStore/stormDb");
    const flushes: (() => Promise<void>)[] = [];
    return {
        async create(_ctx, id, defaults) {
            privateFolder(directory);
            // Passwords as typed live in it: its owner's alone.
            privateFile(path.join(directory, `${id}.json`), "{}");
            // The same file format as cognito-local's own (dates as ISO strings), so a kept folder works either way.
            const engine = new StormDB.localFileEngine(path.join(directory, `${id}.json`), {
                async: true,
                serialize: (obj: unknown) => JSON.stringify(obj, function (this: Record<string, unknown>, key, value) {
                    return dateFields(key) && this[key] instanceof Date ? (this[key] as Date).toISOString() : value;
                }, 2),
                deserialize: (text: string) => JSON.parse(text, (key, value) => (dateFields(key) && (typeof value === "string" || typeof value === "number") ? new Date(value) : value)),
            });
            const db: StormDb = new StormDB(engine);
            db.default(defaults);
            const write = db.save.bind(db);
            let dirty = false;
            let writing: Promise<void> | undefined;
            let timer: NodeJS.Timeout | undefined;
            const flush = async (): Promise<void> => {
                clearTimeout(timer);
                timer = undefined;
                while (writing) await writing;
                if (!dirty) return;
                dirty = false;
                writing = write().finally(() => { writing = undefined; });
                await writing;
            };
            db.save = async () => {
                dirty = true;
                timer ??= setTimeout(() => void flush(), 100);
            };
            flushes.push(flush);
            await write();
            return new StormDBDataStore(db);
        },
        flush: async () => {
            for (const flush of flushes) await flush();
        },
    };
}
