// One JSON object per line: CloudWatch Logs Insights reads the fields without parsing rules.
export interface Logger {
    info(record: Record<string, unknown>): void;
    error(record: Record<string, unknown>): void;
}

export const jsonLogger: Logger = {
    info: (record) => console.log(JSON.stringify({ level: "info", ...record })),
    error: (record) => console.error(JSON.stringify({ level: "error", ...record })),
};
