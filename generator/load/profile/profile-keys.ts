/** The keys only a profile (a spec with `extends`) may have: everything else a profile says is the base's. */
export const PROFILE_KEYS = ["extends", "overrides", "codes", "drop", "services", "endpoints", "fields", "samples", "unlisted"] as const;
