export * from "./identity-pool";
export * from "./inputs";
export * from "./settings";
export * from "./untrusted-claims";
