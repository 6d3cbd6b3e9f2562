// Mocha's spec reporter plus one plain closing line, "N passed, N failed", that CI reads.
const Mocha = require("mocha");

class SpecWithSummary extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        runner.once("end", () => {
            const { passes, failures, pending } = this.stats;
            console.log(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}`);
        });
    }
}

module.exports = SpecWithSummary;
