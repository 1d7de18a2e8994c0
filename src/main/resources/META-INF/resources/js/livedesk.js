// Shared by the chat widget and the agent console: API calls, live streams and safe rendering.

/** Event types that carry an id and are stored; everything else is ephemeral. */
const DURABLE = new Set(['message', 'conversation', 'agent-status', 'read']);

/** Calls the JSON API with the page's cookie; resolves to the parsed body, rejects with {status, error}. */
export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw { status: response.status, error: json && json.error, message: json && json.message };
  }
  return json;
}

/**
 * One EventSource with the bookkeeping a chat needs: each durable event is handed on once (the browser resumes
 * with Last-Event-ID after a drop, and this guards the seam too), and the connection state is reported as
 * 'connecting', 'live', 'reconnecting' or 'closed' (the server refused the stream for good).
 */
export class LiveStream {
  /** resumeAfter: the event id the page already has (e.g. from a REST load), or 0 for the whole history. */
  constructor(url, types, onEvent, onState, resumeAfter = 0) {
    this.url = url;
    this.types = types;
    this.onEvent = onEvent;
    this.onState = onState;
    this.seen = new Set();
    this.lastId = resumeAfter;
  }

  /**
   * Opens the stream after the newest event seen; a second start (after the browser gave up on the first)
   * therefore resumes as the browser itself would have with Last-Event-ID.
   */
  start() {
    this.onState('connecting');
    const source = new EventSource(this.lastId ? `${this.url}?lastEventId=${this.lastId}` : this.url);
    this.source = source;
    source.onopen = () => this.onState('live');
    source.onerror = () => this.onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    for (const type of [...this.types, 'reset']) {
      source.addEventListener(type, (event) => this.dispatch(type, event));
    }
  }

  dispatch(type, event) {
    if (type === 'reset') {
      this.seen.clear();
    } else if (DURABLE.has(type)) {
      if (this.seen.has(event.lastEventId)) {
        return;
      }
      this.seen.add(event.lastEventId);
      this.lastId = Math.max(this.lastId, Number(event.lastEventId));
    }
    this.onEvent(type, JSON.parse(event.data), DURABLE.has(type) ? Number(event.lastEventId) : null);
  }

  stop() {
    if (this.source) {
      this.source.close();
    }
  }
}

/** Creates an element whose text is set as text, never parsed as HTML. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

/** A random id for idempotent retries of a message. */
export function clientId() {
  return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).replace(/[^A-Za-z0-9-]/g, '');
}

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

/**
 * Wires a message form: sends non-blank text with send(text), and tells the conversation that conversationId()
 * names when the user is typing (at most every 3 s while keys are pressed) and when they stop by sending.
 */
export function composer(form, input, conversationId, send) {
  const typing = (value) => api('POST', `/api/conversations/${conversationId()}/typing`, { typing: value })
    .catch(() => {});
  const refresh = throttle(() => typing(true), 3000);
  input.addEventListener('input', () => refresh());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) {
      return;
    }
    input.value = '';
    await send(text);
    typing(false);
    refresh.reset();
  });
}
