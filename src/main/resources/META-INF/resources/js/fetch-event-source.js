// An EventSource that can send a header: the widget inside a website's iframe has no cookie to send (browsers
// block third-party cookies), so its streams carry the customer's token as `Authorization: Bearer`, which a plain
// EventSource cannot. It offers the part of EventSource's interface that LiveStream uses, and it never reconnects by
// itself: when the response is not a 200 or the stream ends, it is CLOSED and LiveStream decides when to open anew.

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 2;

export class FetchEventSource {
  constructor(url, token) {
    this.readyState = CONNECTING;
    this.onopen = null;
    this.onerror = null;
    this.listeners = new Map();
    this.lastEventId = '';
    this.controller = new AbortController();
    this.read(url, token);
  }

  addEventListener(type, listener) {
    if (!this.listeners.has(type)) {
      this.listeners.set(type, []);
    }
    this.listeners.get(type).push(listener);
  }

  close() {
    this.readyState = CLOSED;
    this.controller.abort();
  }

  async read(url, token) {
    try {
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
        credentials: 'omit',
        cache: 'no-store',
        signal: this.controller.signal,
      });
      if (response.status !== 200 || !response.body) {
        this.fail();
        return;
      }
      this.readyState = OPEN;
      if (this.onopen) {
        this.onopen();
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value;
        let end;
        while ((end = buffer.search(/\r\n\r\n|\n\n|\r\r/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + (buffer.startsWith('\r\n\r\n', end) ? 4 : 2));
          this.dispatch(block);
        }
      }
    } catch (aborted) {
      // closed by the page, or the network went away: either way the stream is over
    }
    this.fail();
  }

  /** One event's lines, as the SSE format has them: field, colon, value; a line starting with a colon is a comment. */
  dispatch(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (!line || line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') {
        type = value;
      } else if (field === 'data') {
        data.push(value);
      } else if (field === 'id' && !value.includes('\0')) {
        this.lastEventId = value;
      }
    }
    if (data.length === 0) {
      return;
    }
    const event = { type, data: data.join('\n'), lastEventId: this.lastEventId };
    (this.listeners.get(type) || []).forEach((listener) => listener(event));
  }

  fail() {
    if (this.readyState === CLOSED && this.controller.signal.aborted) {
      return;
    }
    this.readyState = CLOSED;
    if (this.onerror) {
      this.onerror();
    }
  }
}

FetchEventSource.CONNECTING = CONNECTING;
FetchEventSource.OPEN = OPEN;
FetchEventSource.CLOSED = CLOSED;
