// Every fast-check property in the suite runs from one fixed seed (FC_SEED overrides it), so `npm test`
// never depends on the clock: fast-check's default seed is drawn from the time, which makes a rare
// counterexample turn CI red on one run and green on the next.
import fc from "fast-check";

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(process.env.FC_SEED ?? 20261127) });
