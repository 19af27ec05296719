import { replaceSection } from './section';

describe('replaceSection', () => {
  it('replaces only the marked section', () => {
    const doc = 'intro\n<!-- bench:x:start -->\nold\n<!-- bench:x:end -->\nafter <!-- bench:y:start -->\nkeep\n<!-- bench:y:end -->\n';
    expect(replaceSection(doc, 'x', 'new\n')).toBe('intro\n<!-- bench:x:start -->\nnew\n<!-- bench:x:end -->\nafter <!-- bench:y:start -->\nkeep\n<!-- bench:y:end -->\n');
    expect(replaceSection(replaceSection(doc, 'x', 'new'), 'x', 'new')).toBe(replaceSection(doc, 'x', 'new'));
  });
  it('appends a missing section, keeping what is there', () => {
    expect(replaceSection('# Benchmarks\n', 'linker', 'figures')).toBe('# Benchmarks\n\n<!-- bench:linker:start -->\nfigures\n<!-- bench:linker:end -->\n');
    expect(replaceSection('', 'linker', 'f')).toBe('<!-- bench:linker:start -->\nf\n<!-- bench:linker:end -->\n');
  });
  it('refuses half a section', () => {
    expect(() => replaceSection('<!-- bench:x:start -->\n', 'x', 'f')).toThrow(/has no/);
    expect(() => replaceSection('<!-- bench:x:end -->\n', 'x', 'f')).toThrow(/has no/);
  });
});
