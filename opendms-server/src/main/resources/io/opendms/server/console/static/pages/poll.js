// Live pages refresh on a timer, never overlapping, and stop when the page is left.
export function poll(refresh, intervalMs) {
  let stopped = false;
  let timer;
  async function tick() {
    try {
      await refresh();
    } catch (error) {
      // shown by the page itself where it matters; the next tick tries again
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  }
  tick();
  return () => { stopped = true; clearTimeout(timer); };
}
