import { reasonOf } from './worker';

describe('reasonOf', () => {
  it("keeps the database's reason of a long knex error, not the SQL", () => {
    const sql = `select * from articles where ${Array.from({ length: 200 }, (_, i) => `x like '%name ${i}%'`).join(' or ')}`;
    expect(reasonOf(`${sql} - Expression tree is too large (maximum depth 1000)`)).toBe('Expression tree is too large (maximum depth 1000)');
  });
  it('keeps short messages whole and caps long ones', () => {
    expect(reasonOf('select 1 - no such table: x')).toBe('select 1 - no such table: x');
    expect(reasonOf('y'.repeat(2000))).toHaveLength(500);
  });
});
