export * from "./identity-providers";
export * from "./settings";
