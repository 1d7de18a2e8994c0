/*
 * LiveDesk on any website, with one line:
 *   <script src="https://desk.example/sdk.js" data-website-token="TOKEN" async></script>
 * It adds the chat in an iframe served by LiveDesk, which only the inbox's allowed origins may show, so the page's
 * styles cannot reach into it and it cannot read the page. The customer's conversation and token are kept in this
 * page's localStorage (an iframe's own storage is blocked or partitioned by browsers). window.LiveDesk: open(),
 * close(), setUser(identifier, {name, email, identifierHash}), reset(), setLocale(tag); calls made before this
 * script loaded (window.LiveDesk = window.LiveDesk || []; LiveDesk.push(['open'])) run once it has. Events on
 * window: livedesk:ready, livedesk:unread (detail.count), livedesk:identity (detail.verified, detail.error).
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.LiveDesk && window.LiveDesk.version) {
    return;
  }
  var websiteToken = script.getAttribute('data-website-token') || '';
  var origin = new URL(script.src, window.location.href).origin;
  var storageKey = 'livedesk:' + websiteToken;
  var earlier = Array.isArray(window.LiveDesk) ? window.LiveDesk : [];
  var frame = document.createElement('iframe');
  var ready = false;
  var waiting = [];
  var locale = '';

  function important(element, styles) {
    Object.keys(styles).forEach(function (name) {
      element.style.setProperty(name, styles[name], 'important');
    });
  }

  function size(open) {
    var phone = window.innerWidth < 480;
    var full = open && phone;
    important(frame, {
      width: open ? (phone ? '100vw' : '380px') : '220px',
      height: open ? (phone ? '100vh' : 'min(600px, calc(100vh - 40px))') : '76px',
      right: full ? '0' : (open ? '20px' : '10px'),
      bottom: full ? '0' : (open ? '20px' : '8px'),
      'border-radius': open && !phone ? '14px' : '0',
      'box-shadow': open && !phone ? '0 8px 32px rgba(0,0,0,.25)' : 'none'
    });
  }

  function read() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey) || 'null');
    } catch (unavailable) {
      return null;
    }
  }

  function write(value) {
    try {
      if (value) {
        window.localStorage.setItem(storageKey, JSON.stringify(value));
      } else {
        window.localStorage.removeItem(storageKey);
      }
    } catch (unavailable) {
      // the page's storage is off too: the chat lasts as long as the page
    }
  }

  function post(message) {
    if (ready) {
      frame.contentWindow.postMessage(message, origin);
    } else {
      waiting.push(message);
    }
  }

  function fire(name, detail) {
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) {
      return;
    }
    var message = event.data || {};
    if (message.type === 'livedesk:hello') {
      frame.contentWindow.postMessage({ type: 'livedesk:init', stored: read(), page: window.location.href.slice(0, 2000) },
        origin);
      ready = true;
      waiting.splice(0).forEach(post);
      fire('livedesk:ready', {});
    } else if (message.type === 'livedesk:store') {
      write(message.value);
    } else if (message.type === 'livedesk:size') {
      size(Boolean(message.open));
    } else if (message.type === 'livedesk:unread') {
      fire('livedesk:unread', { count: Number(message.count) || 0 });
    } else if (message.type === 'livedesk:identity') {
      fire('livedesk:identity', { verified: Boolean(message.verified), error: message.error || null });
    }
  });

  var api = {
    version: 1,
    open: function () { post({ type: 'livedesk:open' }); },
    close: function () { post({ type: 'livedesk:close' }); },
    /** The website's signed-in customer; identifierHash comes from the website's server (HMAC with the inbox's secret). */
    setUser: function (identifier, options) {
      var given = options || {};
      post({ type: 'livedesk:setUser', identifier: String(identifier), name: given.name, email: given.email,
        identifierHash: given.identifierHash });
    },
    /** Forgets the customer in this browser: for sign-out, and shared computers. */
    reset: function () {
      write(null);
      post({ type: 'livedesk:reset' });
    },
    /** The chat's language from now on (a language tag: en, zh-CN, …); the chat reloads and resumes. */
    setLocale: function (tag) {
      locale = String(tag || '');
      ready = false;
      frame.src = address();
    },
    push: function (call) {
      var name = call && call[0];
      if (typeof api[name] === 'function' && name !== 'push') {
        api[name].apply(api, call.slice(1));
      }
    }
  };
  window.LiveDesk = api;

  function address() {
    return origin + '/embed/' + encodeURIComponent(websiteToken) + (locale ? '?locale=' + encodeURIComponent(locale) : '');
  }

  frame.src = address();
  frame.title = 'Chat';
  frame.setAttribute('allow', 'clipboard-write');
  important(frame, {
    position: 'fixed', border: '0', margin: '0', padding: '0', background: 'transparent', 'color-scheme': 'normal',
    display: 'block', visibility: 'visible', opacity: '1', 'z-index': '2147483000', 'max-width': '100vw',
    'max-height': '100vh', transform: 'none', 'pointer-events': 'auto'
  });
  size(false);

  function attach() {
    document.body.appendChild(frame);
    earlier.forEach(api.push);
  }
  if (document.body) {
    attach();
  } else {
    document.addEventListener('DOMContentLoaded', attach);
  }
}());
