/**
 * The barrier for "nothing more will be sent" when the app runs as separate processes (an
 * in-process test waits on the newsletter worker's idle() instead): the delivery log, as the
 * admin API reports it, has no delivery waiting or being sent. A delivery is "delivering"
 * while a process holds it, so none can still be on its way once this holds.
 */
export const waitUntilOutboxSettled = async (baseUrl: string, adminToken: string, timeoutMs = 30_000): Promise<void> => {
  const open = async (status: string) => {
    const response = await fetch(`${baseUrl}/newsletter/deliveries?status=${status}&pageSize=1`, { headers: { authorization: `Bearer ${adminToken}` } });
    if (!response.ok) throw new Error(`GET /newsletter/deliveries?status=${status}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { pagination: { total: number } }).pagination.total;
  };
  const deadline = Date.now() + timeoutMs;
  let last = { pending: -1, delivering: -1 };
  while (Date.now() < deadline) {
    last = { pending: await open('pending'), delivering: await open('delivering') };
    if (last.pending === 0 && last.delivering === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the outbox did not settle within ${timeoutMs} ms: ${JSON.stringify(last)}`);
};
