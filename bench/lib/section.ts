/**
 * Rewrite one marked section of a markdown file, keeping everything outside
 * the markers byte for byte. Sections look like
 *   <!-- bench:NAME:start --> … <!-- bench:NAME:end -->
 * A missing file is created; a missing section is appended.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function startMarker(name: string): string {
  return `<!-- bench:${name}:start -->`;
}

export function endMarker(name: string): string {
  return `<!-- bench:${name}:end -->`;
}

/** The document with the section's content replaced (or the section appended). */
export function replaceSection(document: string, name: string, content: string): string {
  const start = startMarker(name);
  const end = endMarker(name);
  const body = `${start}\n${content.replace(/\n*$/, '\n')}${end}`;
  const a = document.indexOf(start);
  const b = a < 0 ? -1 : document.indexOf(end, a + start.length);
  if (a >= 0 && b < 0) throw new Error(`${start} has no ${end}`);
  if (a < 0) {
    if (document.includes(end)) throw new Error(`${end} has no ${start}`);
    const sep = document.length === 0 ? '' : document.endsWith('\n\n') ? '' : document.endsWith('\n') ? '\n' : '\n\n';
    return `${document}${sep}${body}\n`;
  }
  return document.slice(0, a) + body + document.slice(b + end.length);
}

/** Rewrite the section in a file (created with `title` if it does not exist). */
export function writeSection(file: string, name: string, content: string, title = '# Benchmarks\n'): void {
  const document = existsSync(file) ? readFileSync(file, 'utf8') : title;
  writeFileSync(file, replaceSection(document, name, content));
}
