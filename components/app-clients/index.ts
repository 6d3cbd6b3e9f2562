export * from "./app-clients";
export * from "./settings";
