// Time on the page: how times read, and how often things may happen.

/** A time of day, as the reader's locale writes it. */
export function time(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * Calls fn at most once per interval while called repeatedly; for typing refreshes. reset() lets the next call
 * through at once (after a message is sent, the next keystroke starts a new "typing").
 */
export function throttle(fn, interval) {
  let last = 0;
  const throttled = (...args) => {
    const now = Date.now();
    if (now - last >= interval) {
      last = now;
      fn(...args);
    }
  };
  throttled.reset = () => { last = 0; };
  return throttled;
}

/** Calls fn once calls have stopped for {@code wait} ms; for search-as-you-type. */
export function debounce(fn, wait) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}
