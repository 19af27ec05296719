import { AsyncLocalStorage } from 'node:async_hooks';

type Task = () => Promise<void>;

/**
 * A linked write in progress (link-on-save): what must run once it has written the relation.
 * Other plugins reach it through the linker service's afterLinking, never by where their
 * middleware sits relative to this one.
 */
const scope = new AsyncLocalStorage<{ tasks: Task[] }>();

/** Runs `write` (the rest of the middleware chain) as a linked write; returns its result and the tasks queued meanwhile. */
export const runLinkedWrite = async <T>(write: () => T): Promise<{ result: Awaited<T>; tasks: Task[] }> => {
  const store = { tasks: [] as Task[] };
  const result = await scope.run(store, write);
  return { result, tasks: store.tasks };
};

/**
 * Runs `task` now, unless it is called from inside a linked write that has not written the
 * relation yet: then it runs right after that write (same transaction) and this resolves at once.
 */
export const afterLinking = async (task: Task): Promise<void> => {
  const store = scope.getStore();
  if (store) {
    store.tasks.push(task);
    return;
  }
  await task();
};
