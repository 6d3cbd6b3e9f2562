// The AWS SDK v3 warns on every start that its releases from January 2027 need Node.js 22. This
// project pins the SDK and runs on Node.js 20 (README), so the sandbox and the tests drop that one
// warning and print every other.
export function quietNodeVersionWarning(): void {
    process.removeAllListeners("warning");
    process.on("warning", (warning) => {
        // The SDK emits it as a plain Warning whose message starts with the name.
        if (warning.name !== "NodeVersionSupportWarning" && !warning.message.startsWith("NodeVersionSupportWarning:")) console.warn(`${warning.name}: ${warning.message}`);
    });
}
