/** Defaults of the governance configuration (see `.wiga.yaml` in the README). */
export const DEFAULT_OWNERS_FILE = 'governance/owners.yaml';
export const DEFAULT_REVIEWS_DIRECTORY = 'governance/reviews';
export const DEFAULT_CADENCE_DAYS = Object.freeze({ default: 180, privileged: 90, aiAgent: 90 });
export const DEFAULT_EXPIRING_WITHIN_DAYS = 14;
/** The longest session an `ai-agent` role may allow, unless `policy.maxSessionDurationSeconds` says otherwise. */
export const DEFAULT_AI_AGENT_MAX_SESSION_SECONDS = 3600;
