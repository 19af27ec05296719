// Mutation runs only (stryker.jest.config.js): every property test draws the same cases for
// every mutant as in Stryker's first, unmutated run. A mutant is then killed by what it changed,
// never by a draw that happened to miss a generated-case floor (a chance of about 0.6 % a run
// at the 100 runs of FC_NUM_RUNS=100, over hundreds of mutants).
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(process.env.FC_SEED ?? 20261204) });
