export * from "./inputs";
export * from "./settings";
export * from "./user-pool";
