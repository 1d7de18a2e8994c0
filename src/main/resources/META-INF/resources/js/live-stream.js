// The one stream client of every page.
import { bearerToken } from './api.js';
import { FetchEventSource } from './fetch-event-source.js';

/** Event types that carry an id and are stored; everything else is ephemeral. */
const DURABLE = new Set(['message', 'conversation', 'agent-status', 'read', 'note', 'rating']);

/**
 * The one stream client of every page: an EventSource with the bookkeeping a live page needs, that never leaves the
 * page dead.
 *
 * - Each durable event is handed on once, in order (the browser resumes with Last-Event-ID after a drop, and this
 *   guards the seam too: ids rise, so one at or below the last handed on is skipped).
 * - When the browser gives up on the stream for good (it does on any answer but 200: a 503 while a server drains,
 *   a 429, a 401 once a token expired, or a server that is down), it asks `check()` whether to go on: a 4xx from
 *   it means the page cannot come back (signed out, chat gone) and the stream ends as 'ended'; anything else means
 *   try again, with a growing delay (1 s doubling to 30 s, each plus up to half again at random so a fleet of pages
 *   does not come back at once), resuming after the last event it handed on.
 * - A `reset` event (the server cannot replay everything missed: history evicted, or a restarted in-memory server
 *   that does not know the id) is handed on like any other, so the page reloads its state over REST.
 *
 * onState receives 'connecting', 'live', 'reconnecting' (the browser retries by itself), 'retrying' (this client
 * retries after the browser gave up), 'ended'.
 */
export class LiveStream {
  /**
   * resumeAfter: the event id the page already has (e.g. from a REST load), or 0 for the whole history.
   * check: async; resolves when the stream may be opened again, rejects with {status} otherwise.
   */
  constructor(url, types, onEvent, onState, resumeAfter = 0, check = async () => {}) {
    this.url = url;
    this.types = types;
    this.onEvent = onEvent;
    this.onState = onState;
    this.check = check;
    this.lastId = resumeAfter;
    this.failures = 0;
    this.timer = null;
    this.stopped = false;
    this.live = false;
    // The device lost or regained its network: say so at once, and come back at once, resuming where it was.
    this.onOffline = () => {
      if (!this.stopped) {
        this.live = false;
        this.onState('reconnecting');
      }
    };
    this.onOnline = () => {
      if (this.source && !this.stopped && !this.live) {
        clearTimeout(this.timer);
        this.source.close();
        this.start();
      }
    };
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
  }

  /** Opens the stream after the newest event seen, as the browser itself would resume with Last-Event-ID. */
  start() {
    this.stopped = false;
    this.onState(this.failures ? 'retrying' : 'connecting');
    const url = this.lastId ? `${this.url}?lastEventId=${this.lastId}` : this.url;
    const token = bearerToken();
    const source = token ? new FetchEventSource(url, token) : new EventSource(url);
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.live = true;
      this.onState('live');
    };
    source.onerror = () => {
      this.live = false;
      if (source.readyState === EventSource.CLOSED) {
        this.retry();
      } else {
        this.onState('reconnecting');
      }
    };
    for (const type of [...this.types, 'reset']) {
      source.addEventListener(type, (event) => this.dispatch(type, event));
    }
  }

  /** The browser gave up: ask whether the page may come back, then open a new stream after a pause. */
  async retry() {
    this.source.close();
    if (this.stopped) {
      return;
    }
    this.failures += 1;
    this.onState('retrying');
    const base = Math.min(30000, 1000 * 2 ** Math.min(this.failures - 1, 5));
    const delay = base + Math.random() * base / 2;
    this.timer = setTimeout(async () => {
      try {
        await this.check();
      } catch (failure) {
        if (failure && failure.status >= 400 && failure.status < 500) {
          this.stopped = true;
          this.onState('ended');
          return;
        }
        this.retry();
        return;
      }
      if (!this.stopped) {
        this.start();
      }
    }, delay);
  }

  /**
   * Ids rise strictly on a stream, so an event at or below the last one handed on was handed on already (a
   * browser's own reconnect can replay across the seam). A `reset` starts the count again: what follows it is the
   * server's whole retained history.
   */
  dispatch(type, event) {
    if (type === 'reset') {
      this.lastId = 0;
    } else if (DURABLE.has(type)) {
      const id = Number(event.lastEventId);
      if (id <= this.lastId) {
        return;
      }
      this.lastId = id;
    }
    this.onEvent(type, JSON.parse(event.data), DURABLE.has(type) ? Number(event.lastEventId) : null);
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
    if (this.source) {
      this.source.close();
    }
  }
}
