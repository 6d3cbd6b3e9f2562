export * from "./function";
export * from "./settings";
export * from "./triggers";
