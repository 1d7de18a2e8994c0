// The agent console. Lists come from REST once; from then on the agents' stream (one connection for everything,
// resumed from the list's lastEventId) keeps them, the open conversation and the typing indicator live.
import { api, LiveStream, el, clientId, time, composer } from '/js/livedesk.js';

const $ = (id) => document.getElementById(id);
const state = {
  me: null,
  conversations: new Map(),
  openId: null,
  shownEvents: new Set(),
  stream: null,
  typingTimer: null,
};

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await api('POST', '/api/agents/login', { username: $('username').value, password: $('password').value });
    $('password').value = '';
    start();
  } catch (failure) {
    $('login-error').textContent = failure.status === 401 ? 'Wrong username or password.' : 'Login failed.';
  }
});

$('status').addEventListener('change', () => api('PUT', '/api/agents/me/status', { status: $('status').value }));
$('claim').addEventListener('click', () => api('POST', `/api/conversations/${state.openId}/assign`, {}).catch(showError));
$('transfer').addEventListener('click', () => api('POST', `/api/conversations/${state.openId}/assign`,
  { agentId: $('transfer-to').value }).catch(showError));
$('resolve').addEventListener('click', () => api('POST', `/api/conversations/${state.openId}/resolve`));
composer($('composer'), $('text'), () => state.openId,
  (text) => api('POST', `/api/conversations/${state.openId}/messages`, { text, clientMessageId: clientId() }));

function showError(failure) {
  window.alert(failure.message || 'That did not work.');
}

async function start() {
  try {
    state.me = await api('GET', '/api/agents/me');
  } catch (failure) {
    $('login').hidden = false;
    $('console').hidden = true;
    return;
  }
  $('login').hidden = true;
  $('console').hidden = false;
  $('me').textContent = state.me.displayName;
  $('status').value = state.me.status;
  const agents = await api('GET', '/api/agents');
  $('transfer-to').replaceChildren(...agents.filter((agent) => agent.id !== state.me.id)
    .map((agent) => { const option = el('option', null, agent.displayName); option.value = agent.id; return option; }));
  const list = await api('GET', '/api/conversations');
  list.conversations.forEach((conversation) => state.conversations.set(conversation.id, conversation));
  renderLists();
  state.stream = new LiveStream('/api/agents/events',
    ['message', 'conversation', 'agent-status', 'read', 'typing', 'message-delta'], onEvent, onConnection,
    list.lastEventId);
  state.stream.start();
}

function onConnection(connection) {
  $('connection').textContent = connection === 'live' ? '● live' : connection === 'reconnecting' ? 'reconnecting…'
    : connection === 'closed' ? 'disconnected · reload' : 'connecting…';
  $('connection').dataset.state = connection;
  if (connection === 'closed') {
    state.stream.stop();
  }
}

function onEvent(type, data, eventId) {
  switch (type) {
    case 'reset':
      window.location.reload();
      break;
    case 'conversation':
      state.conversations.set(data.conversation.id, data.conversation);
      renderLists();
      if (data.conversationId === state.openId) {
        renderHeader();
      }
      break;
    case 'message':
      if (data.conversationId === state.openId) {
        showMessage(data.message, eventId);
        markRead(eventId);
      }
      break;
    case 'typing':
      if (data.conversationId === state.openId && data.sender.role === 'customer') {
        $('typing').hidden = !data.typing;
        $('typing').textContent = data.typing ? `${data.sender.name} is typing…` : '';
      }
      break;
    case 'agent-status':
      if (data.agentId === state.me.id) {
        $('status').value = data.status;
      }
      break;
    default:
      break;
  }
}

function renderLists() {
  const all = [...state.conversations.values()];
  const queue = all.filter((c) => c.status === 'QUEUED');
  const mine = all.filter((c) => c.status === 'ASSIGNED' && c.assigneeId === state.me.id);
  $('queue-count').textContent = String(queue.length);
  $('mine-count').textContent = String(mine.length);
  $('queue').replaceChildren(...queue.map(item));
  $('mine').replaceChildren(...mine.map(item));
}

function item(conversation) {
  const entry = el('li', conversation.id === state.openId ? 'entry open' : 'entry');
  entry.dataset.conversationId = conversation.id;
  entry.append(el('span', 'who', conversation.customerName), el('span', 'topic', conversation.topic || ''));
  entry.tabIndex = 0;
  entry.addEventListener('click', () => open(conversation.id));
  entry.addEventListener('keydown', (event) => { if (event.key === 'Enter') { open(conversation.id); } });
  return entry;
}

async function open(conversationId) {
  state.openId = conversationId;
  state.shownEvents.clear();
  $('view').hidden = false;
  $('messages').replaceChildren();
  $('typing').hidden = true;
  renderHeader();
  renderLists();
  let after = '';
  for (;;) {
    const page = await api('GET', `/api/conversations/${conversationId}/messages?limit=200${after}`);
    if (state.openId !== conversationId) {
      return;
    }
    page.messages.forEach((entry) => showMessage(entry.message, entry.eventId));
    if (!page.hasMore) {
      markRead(page.lastEventId);
      return;
    }
    after = `&after=${page.messages[page.messages.length - 1].eventId}`;
  }
}

function renderHeader() {
  const conversation = state.conversations.get(state.openId);
  if (!conversation) {
    return;
  }
  $('view-title').textContent = conversation.customerName + (conversation.topic ? ` · ${conversation.topic}` : '');
  $('view-status').textContent = conversation.status === 'ASSIGNED'
    ? `Assigned to ${conversation.assigneeId === state.me.id ? 'you' : conversation.assigneeId}` : conversation.status;
  $('claim').hidden = conversation.status === 'RESOLVED' || conversation.assigneeId === state.me.id;
  $('resolve').hidden = conversation.status === 'RESOLVED';
}

function showMessage(message, eventId) {
  if (state.shownEvents.has(eventId)) {
    return;
  }
  state.shownEvents.add(eventId);
  const entry = el('li', `message ${message.sender.role}`);
  entry.dataset.eventId = String(eventId);
  if (message.sender.role === 'system') {
    entry.append(el('span', 'notice', message.text));
  } else {
    entry.append(el('span', 'sender', message.sender.name), el('span', 'text', message.text),
      el('span', 'meta', time(message.sentAt)));
  }
  if (message.sender.role === 'customer') {
    $('typing').hidden = true;
  }
  $('messages').append(entry);
  entry.scrollIntoView({ block: 'end' });
}

function markRead(eventId) {
  if (eventId && document.visibilityState === 'visible') {
    api('POST', `/api/conversations/${state.openId}/read`, { upTo: eventId }).catch(() => {});
  }
}

start();
