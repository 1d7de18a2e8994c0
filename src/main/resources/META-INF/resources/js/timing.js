// Time on the page: how times read, and how often things may happen.

/**
 * When something happened, as the reader's locale writes it: the time of day for today, with the day before it for
 * any other day, and the year too for another year.
 */
export function time(iso, now = new Date()) {
  const when = new Date(iso);
  const clock = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (when.toDateString() === now.toDateString()) {
    return clock;
  }
  const day = when.toLocaleDateString([], when.getFullYear() === now.getFullYear()
    ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' });
  return `${day}, ${clock}`;
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

/**
 * Runs fn once soon after any number of calls, at most once per interval; unlike a throttle that drops calls, the
 * last change always leads to a run: nothing ever stops one event short.
 */
export function coalesced(fn, interval) {
  let timer = null;
  let last = 0;
  return () => {
    if (timer) {
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      fn();
    }, Math.max(0, last + interval - Date.now()));
  };
}
