// User pool attribute names, in one place: the config schema, the app-client settings and the
// policy pack's client rules all read them here. Pure and dependency-free, so the pack stays fast
// and the components may import it.

/** Cognito's standard attributes a pool may declare and clients may read or write (the verification flags apart). */
export const standardAttributeNames = [
    "address", "birthdate", "email", "family_name", "gender", "given_name", "locale", "middle_name", "name",
    "nickname", "phone_number", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo",
] as const;

/** Whether Cognito considers a contact proven; a user who may write one marks an address they never proved as verified. */
export const verificationFlags = ["email_verified", "phone_number_verified"] as const;
