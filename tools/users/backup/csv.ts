// import.csv: the users in the file a Cognito user import job reads (CreateUserImportJob), for a
// restore that goes through AWS's importer instead of `restore`. Its columns are the ones
// GetCSVHeader returns for the pool; where that call is missing (the sandbox's emulator) or refused,
// they are built as AWS documents them: the standard attributes, cognito:mfa_enabled and
// cognito:username, plus the pool's custom attributes.
//
// The importer's format is not RFC 4180. AWS's guide ("Creating the user import CSV file") says
// values are never in quotation marks and a comma inside a value takes a backslash before it; a row
// is one line, so a line break in a value becomes a space (users.jsonl keeps the value exact).
// Values are UTF-8 without a byte order mark: Arabic is written as it is.
import type * as sdk from "@aws-sdk/client-cognito-identity-provider";
import { explainAwsError } from "../aws-errors";
import type { Api } from "../client";
import { UsersError, whatWentWrong } from "../errors";
import type { ExportedUser } from "./format";
import { isThrottling } from "./pace";

/** GetCSVHeader's answer for a pool without custom attributes, in its order (AWS's developer guide). */
export const documentedHeader = [
    "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
    "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified",
    "address", "updated_at", "cognito:mfa_enabled", "cognito:username",
] as const;

export interface CsvHeader {
    readonly columns: readonly string[];
    readonly from: "GetCSVHeader" | "pool schema";
    /** Why GetCSVHeader's own answer was not used. */
    readonly why?: string;
}

export async function importHeader(api: Api, pool: sdk.UserPoolType): Promise<CsvHeader> {
    // Not even asked: the emulator's answer to an action it lacks is a 500, which a bulk client
    // retries ten times with back-off (about 15 s) before it gives up; the reason given is the line
    // that answer would have become.
    if (api.pool.sandbox) return schemaHeader(pool, whatWentWrong(explainAwsError({ name: "Unsupported" }, { op: "GetCSVHeader", pool: api.pool })));
    try {
        return { columns: await api.csvHeader(), from: "GetCSVHeader" };
    } catch (error) {
        // Throttling is not a missing action: the caller waits and asks again.
        if (!(error instanceof UsersError) || isThrottling(error)) throw error;
        return schemaHeader(pool, whatWentWrong(error));
    }
}

/** The documented default and the pool's custom attributes; the importer does not mind the column order. */
function schemaHeader(pool: sdk.UserPoolType, why: string): CsvHeader {
    const custom = (pool.SchemaAttributes ?? []).map((a) => a.Name ?? "").filter((name) => name.startsWith("custom:"));
    return { columns: [...documentedHeader, ...custom], from: "pool schema", why };
}

/** One value as the importer reads it. */
export function csvValue(value: string): string {
    let text = value.replace(/\r\n|[\r\n\u2028\u2029]/g, " ").replace(/,/g, "\\,");
    // A backslash at the end would escape the comma that follows it; the importer trims the space.
    if (text.endsWith("\\")) text += " ";
    return text;
}

/**
 * cognito:mfa_enabled: the pool's MFA setting decides it (ON: true for everyone, OFF: false, as the
 * importer requires), and for OPTIONAL whether the user had an MFA method (false when not read).
 */
function mfaEnabled(user: ExportedUser, poolMfa: string | undefined): string {
    if (poolMfa === "ON") return "true";
    if (poolMfa !== "OPTIONAL") return "false";
    return String((user.mfa?.methods.length ?? 0) > 0);
}

/** Cognito keeps birthdate as YYYY-MM-DD (OpenID Connect); the importer wants mm/dd/yyyy. */
function importBirthdate(value: string): string {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return match ? `${match[2]}/${match[3]}/${match[1]}` : value;
}

/** Each column's value before escaping. */
function rawCells(user: ExportedUser, columns: readonly string[], poolMfa: string | undefined): string[] {
    return columns.map((column) => {
        if (column === "cognito:username") return user.username;
        if (column === "cognito:mfa_enabled") return mfaEnabled(user, poolMfa);
        const value = user.attributes[column] ?? "";
        return column === "birthdate" ? importBirthdate(value) : value;
    });
}

/** The importer's limit on a row ("Creating the user import CSV file"). */
export const importRowLimit = 16_000;

/** What would go wrong with a user's row: in a spreadsheet, or in the importer. */
export interface RowFindings {
    /** A cell a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first, at a value's start or after a comma in it): kept, the importer needs the value. */
    readonly formula: boolean;
    /** Over the importer's 16,000 characters. */
    readonly tooLong: boolean;
    /** A value the importer cannot keep exactly: spaces at either end (trimmed), a line break (a space here), a backslash before a comma (read as an escape). */
    readonly altered: boolean;
}

/** A plain number (an E.164 phone number, a Number attribute) is a number to a spreadsheet, not a formula. */
const plainNumber = /^[+-]?\d+(\.\d+)?$/;

/**
 * The cells a spreadsheet or a standard CSV reader makes of a value: it knows nothing of the
 * importer's backslash, so it starts a cell after every comma too. Passed over at a cell's start:
 * quotation marks (such a reader unquotes `"=1"` to `=1`), spaces (some trim them), and line breaks
 * (spaces in the file).
 */
const cellsReadFrom = (value: string) => value.split(",").map((cell) => cell.replace(/^[ "\n\u2028\u2029]+/, ""));

const runsAsFormula = (value: string) => cellsReadFrom(value).some((cell) => /^[=+\-@\t\r]/.test(cell) && !plainNumber.test(cell));

/** A user's row of import.csv, and what would go wrong with it. */
export function importRow(user: ExportedUser, columns: readonly string[], poolMfa: string | undefined): { row: string; findings: RowFindings } {
    const cells = rawCells(user, columns, poolMfa);
    const row = cells.map(csvValue).join(",");
    return {
        row,
        findings: {
            formula: cells.some(runsAsFormula),
            tooLong: row.length > importRowLimit,
            altered: cells.some((cell) => cell !== cell.trim() || /[\r\n\u2028\u2029]/.test(cell) || cell.includes("\\,")),
        },
    };
}

export function csvHeaderLine(columns: readonly string[]): string {
    return columns.map(csvValue).join(",");
}
