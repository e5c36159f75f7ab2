// Subpath @roll/config-types/roll-0.3: types of ROLL 0.3.x configs (resolved form, what dacite receives).
export type * from "./generated/roll-0.3.js";
