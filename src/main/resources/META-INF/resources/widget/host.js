// The widget inside a website's iframe talks to the page around it only through sdk.js, by postMessage: it learns
// the stored conversation and token from it (browsers block or partition an iframe's own storage), tells it to
// resize the frame, to keep the token, and how many messages are unread. Messages are taken only from the parent
// window, and only from an origin the inbox allows; they are sent only to that origin.

/** Whether the widget runs in a website's iframe rather than on LiveDesk's own page. */
export const framed = window.parent !== window;

const allowed = (document.body.dataset.allowedOrigins || '').split(' ').filter(Boolean);
if (framed) {
  document.body.classList.add('framed');
}
if (/^#[0-9a-f]{6}$/.test(document.body.dataset.color || '')) {
  document.documentElement.style.setProperty('--accent', document.body.dataset.color);
}
let parentOrigin = null;
const commands = new Map();

/** Runs the handler when the page sends this command (open, close). */
export function onHostCommand(type, handler) {
  commands.set(type, handler);
}

/**
 * Resolves with what the page sent first ({stored, page}) once it answered, or with null when the widget is not in
 * an iframe.
 */
export function connectHost() {
  if (!framed) {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent || !(allowed.includes(event.origin) || event.origin === window.location.origin)) {
        return;
      }
      const message = event.data || {};
      if (message.type === 'livedesk:init' && !parentOrigin) {
        parentOrigin = event.origin;
        resolve(message);
      } else if (parentOrigin && event.origin === parentOrigin && commands.has(message.type)) {
        commands.get(message.type)(message);
      }
    });
    // Nothing in it: the page answers with what it keeps, to this frame's origin only.
    window.parent.postMessage({ type: 'livedesk:hello' }, '*');
  });
}

/** Tells the page something, if the widget is in an iframe whose page has spoken. */
export function toHost(message) {
  if (parentOrigin) {
    window.parent.postMessage(message, parentOrigin);
  }
}
