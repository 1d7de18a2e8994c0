// The customer's chat widget. On LiveDesk's own pages the conversation id is kept in localStorage and the token in
// an HttpOnly cookie; in a website's iframe (sdk.js) the page keeps both and the token goes as a Bearer header, since
// browsers block third-party cookies there. Either way a reload resumes the same conversation; the stream then
// replays it from the start into an empty page. It speaks
// the page's language (Chinese or English), never loses typed text, and tells the customer where they stand.
import { api, useBearer } from '/js/api.js';
import { showBanner } from '/js/connection-banner.js';
import { LiveStream } from '/js/live-stream.js';
import { send } from './composer.js';
import { followDeskStatus, renderState } from './desk-status.js';
import { LANG, T, translate } from './i18n.js';
import { connectHost, framed, onHostCommand, toHost } from './host.js';
import { $, STORAGE_KEY, state } from './state.js';
import { announce, markRead, noticeNew, showDelta, showMessage, showTyping, showUnread, updateTicks } from './transcript.js';

translate();
followDeskStatus();

$('launcher').addEventListener('click', openWidget);

$('close').addEventListener('click', closeWidget);

$('chat').addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    closeWidget();
  }
});

onHostCommand('livedesk:open', () => openWidget());

onHostCommand('livedesk:close', () => closeWidget());

onHostCommand('livedesk:setUser', (message) => identify(message));

onHostCommand('livedesk:reset', () => {
  if (state.stream) {
    state.stream.stop();
  }
  state.identity = null;
  state.earlier = [];
  $('messages').replaceChildren();
  $('name').value = '';
  forget();
});

/**
 * The website says who its customer is (LiveDesk.setUser): with a valid hash LiveDesk knows them as a verified
 * customer, whose token opens their conversations on any device; their open conversation, if any, comes back.
 */
async function identify(user) {
  try {
    const identified = await api('POST', '/api/customers/identify', {
      websiteToken: state.websiteToken, identifier: user.identifier, identifierHash: user.identifierHash || undefined,
      name: user.name || undefined, email: user.email || undefined,
    });
    state.identity = identified.token;
    useBearer(identified.token);
    if (identified.customer.name && !$('name').value) {
      $('name').value = identified.customer.name;
    }
    toHost({ type: 'livedesk:identity', verified: identified.customer.verified });
    const mine = await loadEarlier();
    const open = mine.find((conversation) => conversation.status !== 'RESOLVED');
    if (open && open.id !== state.conversationId) {
      if (state.stream) {
        state.stream.stop();
      }
      $('messages').replaceChildren();
      state.conversationId = open.id;
      await resume();
    }
    keep(state.conversationId, identified.token);
  } catch (failure) {
    toHost({ type: 'livedesk:identity', verified: false, error: failure.error || 'no-connection' });
  }
}

/**
 * Reads the identified customer's conversations of this website and lists those other than the one open; answers
 * them all, newest first.
 */
async function loadEarlier() {
  const mine = (await api('GET', '/api/customers/me/conversations')).conversations;
  state.earlier = mine;
  showEarlier();
  return mine;
}

/** Lists the identified customer's other conversations while no conversation is open; each opens on a click. */
function showEarlier() {
  const others = state.earlier.filter((conversation) => conversation.id !== state.conversationId);
  const dated = new Intl.DateTimeFormat(LANG === 'zh' ? 'zh-CN' : [], { dateStyle: 'medium', timeStyle: 'short' });
  $('earlier-list').replaceChildren(...others.map((conversation) => {
    const item = document.createElement('li');
    const open = document.createElement('button');
    open.type = 'button';
    open.dataset.conversation = conversation.id;
    open.textContent = `${dated.format(new Date(conversation.createdAt))} · ${T.statuses[conversation.status] || ''}`;
    open.addEventListener('click', () => openEarlier(conversation.id));
    item.append(open);
    return item;
  }));
  $('earlier').hidden = !$('messages').hidden || others.length === 0;
}

/** Opens one of the customer's other conversations in place of the start form. */
function openEarlier(conversationId) {
  if (state.stream) {
    state.stream.stop();
  }
  $('messages').replaceChildren();
  state.conversationId = conversationId;
  keep(conversationId, state.identity);
  resume();
}

export function openWidget() {
  toHost({ type: 'livedesk:size', open: true });
  $('chat').hidden = false;
  $('launcher').hidden = true;
  state.unread = 0;
  showUnread();
  const target = [$('text'), $('name'), $('email')].find((node) => !node.closest('[hidden]') && !node.disabled);
  (target || $('close')).focus();
  markRead();
}

export function closeWidget() {
  $('chat').hidden = true;
  $('launcher').hidden = false;
  $('launcher').focus();
  toHost({ type: 'livedesk:size', open: false });
}

/**
 * Keeps the conversation (and, in an iframe, the token: an identified customer's, else the conversation's) for the
 * next page load; null forgets the conversation, and an anonymous customer's token with it.
 */
function keep(conversationId, token) {
  if (framed) {
    const kept = state.identity || (conversationId ? token : null);
    useBearer(kept);
    toHost({ type: 'livedesk:store', value: kept
      ? { conversation: conversationId, token: kept, identity: Boolean(state.identity) } : null });
  } else if (conversationId) {
    localStorage.setItem(STORAGE_KEY, conversationId);
  } else {
    localStorage.removeItem(STORAGE_KEY);
  }
}

$('start').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('name').value.trim();
  const body = { locale: LANG === 'zh' ? 'zh-CN' : 'en', page: state.page.slice(0, 2000) };
  if (name) {
    body.customerName = name;
  }
  if (state.websiteToken) {
    body.websiteToken = state.websiteToken;
  }
  try {
    const started = await api('POST', '/api/conversations', body);
    state.conversationId = started.conversation.id;
    keep(state.conversationId, state.identity || started.token);
    openConversation(started.conversation);
    $('text').focus();
  } catch (failure) {
    showConnection('closed', failure.status === 429 ? T.tooMany(failure.retryAfter || 60) : T.offline);
  }
});

$('human').addEventListener('click', () => send({ text: LANG === 'zh' ? '我想转人工客服。' : 'I would like to talk to a person, please.' }));

$('end').addEventListener('click', () => {
  $('confirm-end').hidden = false;
  $('confirm-no').focus();
});

$('confirm-no').addEventListener('click', () => {
  $('confirm-end').hidden = true;
  $('text').focus();
});

// Ending the chat hides the button that had the focus: the focus moves on to the rating (or a new chat).
$('confirm-yes').addEventListener('click', async () => {
  $('confirm-end').hidden = true;
  try {
    const result = await api('POST', `/api/conversations/${state.conversationId}/resolve`);
    state.conversation = { ...state.conversation, ...result.conversation };
    renderState();
  } catch (failure) {
    // the stream says how the conversation stands
  }
  const next = $('rating').hidden ? $('new-chat') : document.querySelector('input[name=score]');
  (next && !next.closest('[hidden]') ? next : $('close')).focus();
});

$('contact').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const result = await api('PUT', `/api/conversations/${state.conversationId}/contact`, { email: $('email').value });
    state.conversation = result.conversation;
    $('contact-error').textContent = '';
    renderState();
  } catch (failure) {
    $('contact-error').textContent = failure.status === 400 ? T.badEmail : T.offline;
  }
});

// The stars up to the chosen one light up.
document.querySelectorAll('input[name=score]').forEach((input) => input.addEventListener('change', () => {
  document.querySelectorAll('.stars label').forEach((label) => {
    label.classList.toggle('on', Number(label.htmlFor.slice('score-'.length)) <= Number(input.value));
  });
}));

$('rating').addEventListener('submit', async (event) => {
  event.preventDefault();
  const chosen = document.querySelector('input[name=score]:checked');
  if (!chosen) {
    $('rating-error').textContent = T.pickScore;
    return;
  }
  try {
    const result = await api('POST', `/api/conversations/${state.conversationId}/rating`,
      { score: Number(chosen.value), comment: $('comment').value });
    state.conversation = { ...state.conversation, rating: result.rating };
    $('rating-error').textContent = '';
    renderState();
    $('new-chat').focus();
  } catch (failure) {
    if (failure.error === 'already-rated') {
      state.conversation = { ...state.conversation, rating: { score: 0 } };
      renderState();
    } else {
      $('rating-error').textContent = failure.message || T.offline;
    }
  }
});

$('new-chat').addEventListener('click', () => {
  if (state.stream) {
    state.stream.stop();
  }
  $('rating').reset();
  document.querySelectorAll('.stars label').forEach((label) => label.classList.remove('on'));
  forget();
  $('messages').replaceChildren();
  $('name').focus();
});

export async function resume() {
  if (!state.conversationId) {
    return;
  }
  try {
    const current = await api('GET', `/api/conversations/${state.conversationId}`);
    toHost({ type: 'livedesk:size', open: true });
    $('chat').hidden = false;
    $('launcher').hidden = true;
    openConversation(current.conversation);
  } catch (failure) {
    forget();
  }
}

export function openConversation(conversation) {
  state.conversation = conversation;
  state.queue = conversation.queuePosition ? { position: conversation.queuePosition } : null;
  $('start').hidden = true;
  $('messages').hidden = false;
  renderState();
  $('earlier').hidden = true;
  state.stream = new LiveStream(`/api/conversations/${conversation.id}/events`,
    ['message', 'conversation', 'agent-status', 'read', 'typing', 'message-delta', 'queue'], onEvent, onConnection, 0,
    () => api('GET', `/api/conversations/${conversation.id}`));
  state.stream.start();
}

export function forget() {
  keep(null);
  state.conversationId = null;
  state.conversation = null;
  state.queue = null;
  $('start').hidden = false;
  $('messages').hidden = true;
  showEarlier();
  renderState();
}

let leaving = false;

window.addEventListener('pagehide', () => { leaving = true; });

export function onConnection(connection) {
  if (leaving) {
    return;
  }
  if (connection === 'ended') {
    showConnection('closed', T.ended);
    $('messages').replaceChildren();
    forget();
  } else if (connection === 'live') {
    showConnection('live', '');
    refresh();
  } else {
    showConnection(connection, connection === 'connecting' ? T.connecting : T.reconnecting);
  }
}

/**
 * Reads the conversation again once the stream is live: what ephemeral events said while the stream was away (the
 * place in the queue) is not replayed. An answer older than what the stream has delivered since (its lastEventId is
 * below the newest event seen) is dropped: the stream's state is newer.
 */
export async function refresh() {
  try {
    const current = await api('GET', `/api/conversations/${state.conversationId}`);
    if (current.lastEventId < state.lastEventId) {
      return;
    }
    state.conversation = current.conversation;
    state.queue = current.conversation.queuePosition
      ? { ...(state.queue || {}), position: current.conversation.queuePosition } : null;
    renderState();
  } catch (failure) {
    // the stream's own check decides whether the chat is over
  }
}

export function showConnection(kind, text) {
  $('connection').dataset.state = kind;
  if (showBanner($('connection'), kind === 'live' ? '' : text, kind) && text && kind !== 'connecting') {
    announce(text);
  }
}

export function onEvent(type, data, eventId) {
  if (eventId) {
    state.lastEventId = Math.max(state.lastEventId, eventId);
  }
  switch (type) {
    case 'reset':
      $('messages').replaceChildren();
      state.drafts.clear();
      break;
    case 'message':
      showMessage(data.message, eventId);
      noticeNew(data.message);
      markRead();
      break;
    case 'message-delta':
      showDelta(data);
      break;
    case 'typing':
      if (data.sender.role !== 'customer') {
        showTyping(data.typing ? T.typing(data.sender.name) : null);
      }
      break;
    case 'read':
      if (data.reader.role === 'agent') {
        state.agentReadUpTo = Math.max(state.agentReadUpTo, data.upTo);
        updateTicks();
      }
      break;
    case 'queue':
      state.queue = data;
      renderState();
      break;
    case 'conversation':
      state.conversation = { ...state.conversation, ...data.conversation };
      if (data.conversation.status !== 'QUEUED') {
        state.queue = null;
      }
      renderState();
      break;
    default:
      break;
  }
}

connectHost().then((host) => {
  if (host) {
    state.page = host.page || state.page;
    if (host.stored && host.stored.token) {
      state.conversationId = host.stored.conversation || null;
      state.identity = host.stored.identity ? host.stored.token : null;
      useBearer(host.stored.token);
    }
  }
  resume();
  if (state.identity) {
    loadEarlier().catch(() => {});
  }
});
