// The agent console. Lists come from REST; from then on the agents' stream (one connection for everything durable,
// resumed from the list's lastEventId) keeps them and the open conversation live; the open conversation's own stream
// brings the customer's typing. The stream client comes back by itself after drops, drains and restarts, and a
// `reset` reloads everything over REST.
import { api } from '/js/api.js';
import { LiveStream } from '/js/live-stream.js';
import { coalesced } from '/js/timing.js';
import { onViewing } from './collision.js';
import { lastEventOf, loadHistory, markRead, open, openFromUrl, renderTransfer, showError, showMessage, showNote } from './conversation.js';
import { countsLater, countsUnread, loadView, merge, refreshCounts, renderCounts, renderRow } from './list.js';
import { banner, notify } from './notifications.js';
import { renderSidebar } from './sidebar.js';
import { $, state } from './state.js';

$('sign-out').addEventListener('click', async () => {
  if (state.stream) {
    state.stream.stop();
  }
  await api('POST', '/api/agents/logout').catch(() => {});
  window.location.hash = '';
  window.location.reload();
});

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

$('status').addEventListener('change', () => api('PUT', '/api/agents/me/status', { status: $('status').value })
  .catch(showError));

window.addEventListener('hashchange', () => openFromUrl());

$('banner').addEventListener('click', () => {
  if ($('banner').dataset.kind === 'reset') {
    banner(null);
  }
});

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && state.openId) {
    markRead(lastEventOf(state.openId));
  }
});

export async function start() {
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
  $('reports-link').hidden = state.me.role === 'AGENT';
  $('inboxes-link').hidden = state.me.role !== 'ADMIN';
  $('status').value = state.me.status;
  $('notify').hidden = !('Notification' in window) || Notification.permission !== 'default';
  api('GET', '/api/canned-responses').then((canned) => { state.canned = canned.responses; }).catch(() => {});
  const list = await load();
  state.stream = new LiveStream('/api/agents/events',
    ['message', 'conversation', 'agent-status', 'read', 'note', 'rating', 'viewing', 'inboxes'], onEvent, onConnection,
    list.lastEventId, () => api('GET', '/api/agents/me'));
  state.stream.start();
  openFromUrl();
}

/**
 * Loads agents, the tab counts and the first page of the current view over REST; used at start and whenever the
 * stream says it cannot replay. Returns the page, whose lastEventId the agents' stream resumes from.
 */
export async function load() {
  const [agents, inboxes] = await Promise.all([api('GET', '/api/agents'), api('GET', '/api/inboxes')]);
  state.agents = new Map(agents.map((agent) => [agent.id, agent]));
  state.inboxes = new Map(inboxes.inboxes.map((inbox) => [inbox.id, new Set(inbox.agentIds)]));
  showMyStatus(state.agents.get(state.me.id));
  state.conversations = new Map();
  renderTransfer();
  const [page] = await Promise.all([loadView(), refreshCounts()]);
  return page;
}

export function onConnection(connection) {
  const away = connection !== 'live';
  $('connection').textContent = connection === 'live' ? '● live' : connection === 'connecting' ? 'connecting…'
    : connection === 'ended' ? 'signed out' : 'reconnecting…';
  $('connection').dataset.state = connection;
  if (connection === 'ended') {
    banner('You were signed out. Log in again to keep working.');
    window.location.reload();
  } else if (away && connection !== 'connecting') {
    banner('Connection to the server lost. Reconnecting by itself; new messages will appear when it is back.');
  } else if (connection === 'live' && $('banner').dataset.kind === 'connection') {
    banner(null);
  }
  if (connection === 'live') {
    // A restart or an outage may have changed this agent's status without an event this page saw.
    api('GET', '/api/agents/me').then(showMyStatus).catch(() => {});
  }
}

/** Shows the status the server has for this agent, never one it only had earlier. */
function showMyStatus(me) {
  if (me && me.id === state.me.id) {
    state.me.status = me.status;
    $('status').value = me.status;
  }
}

export function onEvent(type, data, eventId) {
  switch (type) {
    case 'reset':
      reload(data.reason);
      break;
    case 'conversation':
      onConversation(data);
      break;
    case 'message':
      onMessage(data.message, eventId);
      break;
    case 'rating':
      onRating(data);
      break;
    case 'note':
      if (data.conversationId === state.openId) {
        showNote(data.note, eventId);
      }
      break;
    case 'read':
      onRead(data);
      break;
    case 'agent-status':
      onAgentStatus(data);
      break;
    case 'viewing':
      if (onViewing(data)) {
        renderRow(data.conversationId);
      }
      break;
    case 'inboxes':
      inboxesLater();
      break;
    default:
      break;
  }
}

/** The server could not replay what this page missed: start again from what it has now. */
export async function reload(reason) {
  const openId = state.openId;
  await load();
  if (reason === 'unknown-event-id') {
    banner('The server restarted and does not know this page\'s last update, so everything was reloaded.', 'reset');
  }
  if (openId) {
    open(openId, 'The conversation you had open no longer exists (the server restarted without keeping it).');
  }
}

/**
 * An inbox or its members changed: what this agent may see may have changed with it, so the view, the counts and the
 * open conversation are read again (at most once a second).
 */
const inboxesLater = coalesced(async () => {
  const openId = state.openId;
  try {
    await load();
  } catch (failure) {
    return;
  }
  if (openId && state.openId === openId) {
    open(openId, 'That conversation belongs to an inbox you are no longer a member of.');
  }
}, 1000);

/** Agents' loads change with assignments, which no agent-status event announces: read again at most once a second. */
const agentsLater = coalesced(async () => {
  try {
    const agents = await api('GET', '/api/agents');
    agents.forEach((agent) => state.agents.set(agent.id, agent));
    renderTransfer();
  } catch (failure) {
    // the next assignment, or the reload after a reconnect, reads them again
  }
}, 1000);

export function onConversation(data) {
  const before = state.conversations.get(data.conversationId);
  if (!data.conversation.customer) {
    return;
  }
  // by the event's kind, not by comparing with the list: the agent's own action may have updated the list already
  if (['assigned', 'resolved', 'reopened'].includes(data.change)) {
    agentsLater();
  }
  merge(data.conversation);
  countsLater();
  const now = state.conversations.get(data.conversationId);
  const open = state.conversations.get(state.openId);
  if (open && now.id !== open.id && (now.customerId === open.customerId
      || ((now.customer || {}).email && now.customer.email === (open.customer || {}).email))) {
    loadHistory(open.id);
  }
  if (now.assigneeId === state.me.id && (!before || before.assigneeId !== state.me.id)
      && now.status === 'ASSIGNED') {
    notify(`New conversation: ${now.customerName}`, 'It was assigned to you.');
  }
}

export function onMessage(message, eventId) {
  const row = state.conversations.get(message.conversationId);
  if (row) {
    if (message.sender.role !== 'system') {
      row.lastMessage = { role: message.sender.role, text: message.text.slice(0, 140) || '📎', sentAt: message.sentAt };
    }
    row.lastEventId = eventId;
    if (message.sender.role === 'customer') {
      row.waitingSince = row.waitingSince || message.sentAt;
      const seenNow = message.conversationId === state.openId && document.visibilityState === 'visible';
      if (!seenNow) {
        row.unread += 1;
        if (countsUnread(row)) {
          state.counts.unread += 1;
          renderCounts();
        }
        if (row.assigneeId === state.me.id) {
          notify(`${message.sender.name}`, message.text);
        }
      }
    } else if (message.sender.role === 'agent' || message.sender.role === 'bot') {
      row.waitingSince = null;
    }
    renderRow(row.id);
  }
  if (message.sender.role === 'customer') {
    countsLater();
  }
  if (message.conversationId === state.openId) {
    showMessage(message, eventId);
    markRead(eventId);
  }
}

export /** A customer rated: the conversation's rating shows in the sidebar if it is open. */
function onRating(data) {
  const row = state.conversations.get(data.conversationId);
  if (row) {
    row.rating = data.rating;
    if (data.conversationId === state.openId) {
      renderSidebar();
    }
  }
}

function onRead(data) {
  const row = state.conversations.get(data.conversationId);
  if (row && data.reader.role === 'agent' && (!row.lastEventId || data.upTo >= row.lastEventId)) {
    row.unread = 0;
    renderRow(row.id);
  }
  if (data.reader.role === 'agent') {
    countsLater();
  }
}

export function onAgentStatus(data) {
  const agent = state.agents.get(data.agentId);
  if (agent) {
    agent.status = data.status;
    agent.openConversations = data.openConversations;
  }
  if (data.agentId === state.me.id) {
    $('status').value = data.status;
  }
  renderTransfer();
}

start();
