/**
 * Reads the target of a to-one relation from Document Service input, which may be a
 * documentId, a numeric id, { documentId } / { id }, or { connect | set: [...] } / { disconnect }.
 */
export type RelationRef = { documentId: string } | { id: number };

/** undefined: the input does not touch the relation; null: it clears it. */
export type ToOneChange = RelationRef | null | undefined;

const refOf = (value: unknown): RelationRef | null => {
  if (typeof value === 'string' && value.trim() !== '') {
    return /^\d+$/.test(value) ? { id: Number(value) } : { documentId: value };
  }
  if (typeof value === 'number' && Number.isInteger(value)) return { id: value };
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.documentId === 'string') return { documentId: record.documentId };
    if (typeof record.id === 'number' || typeof record.id === 'string') return refOf(record.id);
  }
  return null;
};

export const toOneChange = (value: unknown): ToOneChange => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : refOf(value[value.length - 1]);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['set', 'connect'] as const) {
      const list = record[key];
      if (list !== undefined) {
        const items = Array.isArray(list) ? list : [list];
        return items.length === 0 ? (key === 'set' ? null : undefined) : refOf(items[items.length - 1]);
      }
    }
    if (record.disconnect !== undefined) return null;
  }
  return refOf(value);
};
