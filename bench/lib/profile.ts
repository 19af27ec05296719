/**
 * Where a server's time went while it answered the measured requests: a V8 CPU profile
 * (`node --cpu-prof`, written when the child exits) read for the samples of one time window.
 * The window is given on the monotonic clock (`process.hrtime`), which on Linux is the clock
 * V8's profile timestamps use, so a window the bench measured selects the same samples.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    })
  ),
  startTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** Microseconds on the monotonic clock. */
export const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

export interface ProfileSummary {
  /** Milliseconds sampled in the window, idle excluded. */
  busyMs: number;
  /** Self time by where the code lives (the plugin, a package, Node itself, GC). */
  byPlace: { place: string; ms: number }[];
  /** Inclusive time of the plugin's own functions (each counted once per sample). */
  pluginFunctions: { name: string; ms: number }[];
}

/** The package or part of the app a script belongs to: `@strapi/database`, `knex`, `org-linker`, `node`. */
const placeOf = (url: string, functionName: string): string => {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8 (program)';
  if (url === '') return functionName.startsWith('(') ? functionName : 'native';
  if (url.startsWith('node:')) return 'node';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  if (url.includes('/plugins/org-linker/')) return 'org-linker';
  if (url.includes('/plugins/newsletter/')) return 'newsletter';
  return 'app';
};

/** Reads the newest .cpuprofile in `folder` and sums the samples taken between `from` and `to` (µs). */
export const summarizeProfile = (folder: string, from: number, to: number, top = 15): ProfileSummary => {
  const files = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(folder, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (files.length === 0) throw new Error(`no .cpuprofile in ${folder}`);
  const profile = profileSchema.parse(JSON.parse(fs.readFileSync(files[0], 'utf8')));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let time = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    if (time < from || time > to) continue;
    const node = byId.get(profile.samples[index]);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    // A sample stands for the interval since the previous one.
    const us = Math.max(delta, 0);
    busy += us;
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    self.set(place, (self.get(place) ?? 0) + us);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (!frame || !frame.url.includes('/plugins/org-linker/')) continue;
      const name = `${frame.functionName || '(anonymous)'} ${frame.url.slice(frame.url.indexOf('/plugins/org-linker/') + '/plugins/'.length)}:${frame.lineNumber + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000 }));
  return {
    busyMs: busy / 1000,
    byPlace: ranked(self).map(({ name, ms }) => ({ place: name, ms })),
    pluginFunctions: ranked(inclusive),
  };
};
