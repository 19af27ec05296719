/**
 * A positive integer setting from the environment (limits, sizes): unset or blank gives the
 * default; anything else that is not a whole number ≥ 1 stops the app with a message naming the
 * variable, so a typo never turns a limit off.
 */
export const positiveIntSetting = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got ${JSON.stringify(raw)})`);
  return value;
};
