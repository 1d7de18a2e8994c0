// The customer's chat widget. The conversation id is kept in localStorage and the token in an HttpOnly cookie, so
// a reload resumes the same conversation; the stream then replays it from the start into an empty page.
import { api, LiveStream, el, clientId, time, throttle, composer } from '/js/livedesk.js';

const STORAGE_KEY = 'livedesk.conversation';
const $ = (id) => document.getElementById(id);

const state = {
  conversationId: localStorage.getItem(STORAGE_KEY),
  customerId: null,
  stream: null,
  drafts: new Map(),
  agentReadUpTo: 0,
  lastEventId: 0,
};

$('launcher').addEventListener('click', () => {
  $('chat').hidden = false;
  $('launcher').hidden = true;
});
$('close').addEventListener('click', () => {
  $('chat').hidden = true;
  $('launcher').hidden = false;
});

// Agents online, queue and wait, for everyone, before anyone asks anything.
new LiveStream('/api/status/events', ['status'], (type, status) => {
  const online = status.agentsOnline;
  let text = online === 0 ? 'Our assistant answers now · agents are away'
    : `${online} agent${online === 1 ? '' : 's'} online`;
  if (online > 0 && status.estimatedWaitSeconds > 0) {
    text += ` · wait about ${Math.max(1, Math.round(status.estimatedWaitSeconds / 60))} min`;
  }
  $('desk-status').textContent = text;
  $('desk-status').dataset.online = String(online);
}, () => {}).start();

$('start').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('name').value.trim();
  const started = await api('POST', '/api/conversations', name ? { customerName: name } : {});
  state.conversationId = started.conversation.id;
  localStorage.setItem(STORAGE_KEY, state.conversationId);
  openConversation(started.conversation);
});

composer($('composer'), $('text'), () => state.conversationId, send);

$('human').addEventListener('click', () => send('I would like to talk to a person, please.'));
$('end').addEventListener('click', () => api('POST', `/api/conversations/${state.conversationId}/resolve`));

/** Sends with a client message id, retrying once: the server answers a repeat with the original. */
async function send(text) {
  const body = { text, clientMessageId: clientId() };
  try {
    await api('POST', `/api/conversations/${state.conversationId}/messages`, body);
  } catch (failure) {
    if (!failure.status || failure.status >= 500) {
      await api('POST', `/api/conversations/${state.conversationId}/messages`, body);
    } else {
      throw failure;
    }
  }
}

async function resume() {
  if (!state.conversationId) {
    return;
  }
  try {
    const current = await api('GET', `/api/conversations/${state.conversationId}`);
    $('chat').hidden = false;
    $('launcher').hidden = true;
    openConversation(current.conversation);
  } catch (failure) {
    forget();
  }
}

function openConversation(conversation) {
  state.customerId = conversation.customerId;
  $('start').hidden = true;
  $('messages').hidden = false;
  $('composer').hidden = false;
  $('actions').hidden = false;
  state.stream = new LiveStream(`/api/conversations/${conversation.id}/events`,
    ['message', 'conversation', 'agent-status', 'read', 'typing', 'message-delta'], onEvent, onConnection, 0,
    () => api('GET', `/api/conversations/${conversation.id}`));
  state.stream.start();
}

function forget() {
  localStorage.removeItem(STORAGE_KEY);
  state.conversationId = null;
  $('start').hidden = false;
  $('messages').hidden = true;
  $('composer').hidden = true;
  $('actions').hidden = true;
}

let leaving = false;
window.addEventListener('pagehide', () => { leaving = true; });

function onConnection(connection) {
  if (leaving) {
    return;
  }
  const banner = $('connection');
  banner.hidden = connection === 'live';
  banner.dataset.state = connection;
  if (connection === 'ended') {
    banner.textContent = 'This chat has ended. Start a new one any time.';
    $('messages').replaceChildren();
    forget();
  } else {
    banner.textContent = connection === 'connecting' ? 'Connecting…' : 'Connection lost · reconnecting…';
  }
}

function onEvent(type, data, eventId) {
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
      markRead();
      break;
    case 'message-delta':
      showDelta(data);
      break;
    case 'typing':
      if (data.sender.role !== 'customer') {
        showTyping(data.typing ? `${data.sender.name} is typing…` : null);
      }
      break;
    case 'read':
      if (data.reader.role === 'agent') {
        state.agentReadUpTo = Math.max(state.agentReadUpTo, data.upTo);
        updateTicks();
      }
      break;
    case 'conversation':
      document.body.dataset.conversationStatus = data.conversation.status;
      break;
    default:
      break;
  }
}

function showMessage(message, eventId) {
  const draft = state.drafts.get(message.id);
  if (draft) {
    draft.remove();
    state.drafts.delete(message.id);
  }
  const mine = message.sender.role === 'customer';
  const item = el('li', `message ${message.sender.role}${mine ? ' mine' : ''}`);
  item.dataset.eventId = String(eventId);
  item.dataset.messageId = message.id;
  if (message.sender.role === 'system') {
    item.append(el('span', 'notice', message.text));
  } else {
    if (!mine) {
      item.append(el('span', 'sender', message.sender.name));
    }
    item.append(el('span', 'text', message.text));
    const meta = el('span', 'meta', time(message.sentAt));
    if (mine) {
      meta.append(el('span', 'ticks', '✓'));
    }
    item.append(meta);
  }
  if (message.sender.role !== 'customer') {
    showTyping(null);
  }
  $('messages').append(item);
  updateTicks();
  item.scrollIntoView({ block: 'end' });
}

function showDelta(delta) {
  let item = state.drafts.get(delta.draftId);
  if (delta.cancelled) {
    if (item) {
      item.remove();
      state.drafts.delete(delta.draftId);
    }
    return;
  }
  if (!item && !delta.done) {
    item = el('li', 'message bot draft');
    item.append(el('span', 'sender', 'LiveDesk Assistant'), el('span', 'text', ''));
    state.drafts.set(delta.draftId, item);
    $('messages').append(item);
  }
  if (item && delta.delta) {
    item.querySelector('.text').textContent += delta.delta;
    item.scrollIntoView({ block: 'end' });
  }
}

function showTyping(text) {
  $('typing').hidden = !text;
  $('typing').textContent = text || '';
}

function updateTicks() {
  for (const item of $('messages').querySelectorAll('.message.mine')) {
    const read = Number(item.dataset.eventId) <= state.agentReadUpTo;
    const ticks = item.querySelector('.ticks');
    ticks.textContent = read ? '✓✓' : '✓';
    ticks.classList.toggle('read', read);
  }
}

const markRead = throttle(() => {
  if (document.visibilityState === 'visible' && state.lastEventId) {
    api('POST', `/api/conversations/${state.conversationId}/read`, { upTo: state.lastEventId }).catch(() => {});
  }
}, 1000);

resume();
