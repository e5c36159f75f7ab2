// Subpath @roll/config-types/roll-0.2: types of ROLL <= 0.2.x configs (resolved form, what dacite receives).
export type * from "./generated/roll-0.2.js";
