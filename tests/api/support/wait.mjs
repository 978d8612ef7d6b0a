// Waiting for a condition that another process brings about, bounded so that a broken build fails instead of
// hanging.

// Polls `condition` until it returns something truthy (which is returned), failing after `timeoutMs`.
export async function until(condition, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
