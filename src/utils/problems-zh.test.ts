import fs from 'node:fs';
import path from 'node:path';
import { findRoot } from '../../tests/helpers/root';
import { problemInChinese, wantsChinese } from './problems-zh';

const HAN = /\p{Script=Han}/u;
const SOURCES = path.join(findRoot(path.resolve(__dirname)), 'src');

/** Every validation problem written as a literal in the sources: zod's `{ error: '…' }` and fieldValidationError's `message: '…'`. */
const writtenProblems = (): Map<string, string> => {
  const found = new Map<string, string>();
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'dist' && entry.name !== 'admin' && entry.name !== 'node_modules') walk(full);
      } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        const source = fs.readFileSync(full, 'utf8');
        for (const match of source.matchAll(/\{ error: '((?:[^'\\]|\\.)+)' \}/g)) found.set(match[1].replace(/\\'/g, "'"), path.relative(SOURCES, full));
        for (const match of source.matchAll(/fieldValidationError\(\[\{ path: \[[^\]]*\], message: '((?:[^'\\]|\\.)+)' \}/g)) found.set(match[1], path.relative(SOURCES, full));
      }
    }
  };
  walk(SOURCES);
  return found;
};

describe('validation problems in Chinese', () => {
  it('has Chinese for every problem the sources write', () => {
    const problems = writtenProblems();
    expect(problems.size).toBeGreaterThan(40);
    for (const [problem, file] of problems) {
      const chinese = problemInChinese(problem);
      expect({ problem, file, chinese: HAN.test(chinese) }).toEqual({ problem, file, chinese: true });
    }
  });

  it.each([
    ['must be at most 300 characters', '不能超过 300 个字符'],
    ['must be at most 5000 characters (got 5001; limit WRITE_MAX_TEXT_CHARS)', '不能超过 5000 个字符（实际 5001；上限设置 WRITE_MAX_TEXT_CHARS）'],
    ['must have at most 200 aliases (got 201; limit WRITE_MAX_ALIASES)', '最多 200 个别名（实际 201；上限设置 WRITE_MAX_ALIASES）'],
    ['is nested more than 32 levels deep (limit WRITE_MAX_DEPTH)', '嵌套超过 32 层（上限设置 WRITE_MAX_DEPTH）'],
    ['an organization named "WAITRO" already exists', '已有名为“WAITRO”的机构'],
    ['"waitro" is already used by another entry', '“waitro”已被另一条目使用'],
    ['"03vek6s52" is already the rorId of "SYIIT"', '“03vek6s52”已是“SYIIT”的 rorId'],
    ['must not be before startDate (2024-05-01)', '不能早于 startDate（2024-05-01）'],
    ['must be one of article.published, article.updated', '必须是以下之一：article.published, article.updated'],
  ])('words a problem with its values: %s', (problem, chinese) => {
    expect(problemInChinese(problem)).toBe(chinese);
  });

  it('leaves a problem it does not know as it is', () => {
    expect(problemInChinese('something new went wrong')).toBe('something new went wrong');
  });

  it("follows the admin's interface language first, then the browser's", () => {
    expect(wantsChinese('zh-Hans', 'en-GB')).toBe(true);
    expect(wantsChinese('en', 'zh-CN,zh;q=0.9')).toBe(false);
    expect(wantsChinese(null, 'zh-CN,zh;q=0.9')).toBe(true);
    expect(wantsChinese(undefined, 'en-US,en;q=0.9')).toBe(false);
    expect(wantsChinese(undefined, undefined)).toBe(false);
  });
});
