/**
 * Property tests count the kinds of input their generators produced, so that a generator that
 * drifted cannot make a comparison vacuous. The floor is a share of the runs, less three
 * standard deviations of the count at this number of runs (and never below one case): a share
 * that 1,000 runs measure well varies too much at the 100 runs of a mutation run
 * (FC_NUM_RUNS=100), where a fixed share failed about one run in fifteen by chance.
 */
export const expectGenerated = (kind: string, count: number, runs: number, floor: number): void => {
  const expected = floor * runs;
  const minimum = Math.max(1, Math.floor(expected - 3 * Math.sqrt(expected * (1 - floor))));
  if (count < minimum) throw new Error(`${kind}: ${count} of ${runs} generated cases, fewer than ${minimum} (${floor * 100} % less three standard deviations)`);
};
