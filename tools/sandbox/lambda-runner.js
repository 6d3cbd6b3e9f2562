// One trigger's "container": a Node.js process that loads the bundled handler once and answers
// invocations sent by the sandbox's Lambda host over IPC, as Lambda runs a warm function.
// argv: <bundle file> <exported handler name>. Plain JavaScript: it runs without the TS loader.
"use strict";
const [bundle, exportName] = process.argv.slice(2);
const handler = require(bundle)[exportName];
if (typeof handler !== "function") {
    process.send({ fatal: `${bundle} exports no function ${exportName}` });
    process.exit(1);
}

const context = (name, deadline) => ({
    functionName: name,
    functionVersion: "$LATEST",
    awsRequestId: require("crypto").randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    callbackWaitsForEmptyEventLoop: true,
});

process.on("message", async ({ id, event, deadline }) => {
    try {
        // Handlers are async; a callback-style one answers through its third argument.
        const result = await new Promise((resolve, reject) => {
            const returned = handler(event, context(process.env.AWS_LAMBDA_FUNCTION_NAME, deadline), (error, value) => (error ? reject(error) : resolve(value)));
            if (returned && typeof returned.then === "function") returned.then(resolve, reject);
        });
        process.send({ id, result: result === undefined ? null : result });
    } catch (error) {
        process.send({ id, error: { errorType: (error && error.name) || "Error", errorMessage: (error && error.message) || String(error) } });
    }
});
process.send({ ready: true });
