// The agent console. Lists come from REST; from then on the agents' stream (one connection for everything durable,
// resumed from the list's lastEventId) keeps them and the open conversation live; the open conversation's own stream
// brings the customer's typing. The stream client comes back by itself after drops, drains and restarts, and a
// `reset` reloads everything over REST.
import { api, LiveStream, el, clientId, time, throttle, attachmentView } from '/js/livedesk.js';

const $ = (id) => document.getElementById(id);
const TITLE = 'LiveDesk · Agent console';
const state = {
  me: null,
  agents: new Map(),
  conversations: new Map(),
  view: localStorage.getItem('livedesk.view') || 'mine',
  label: '',
  openId: null,
  shownEvents: new Set(),
  stream: null,
  /** The open conversation's own stream (typing). */
  watch: null,
  mode: 'reply',
  canned: [],
  cannedIndex: 0,
  searching: '',
  /** The server's counts of the view tabs and the unread total. */
  counts: { queue: 0, mine: 0, open: 0, offline: 0, unread: 0 },
  /** The cursor of the current view's next page, or null when every page is loaded. */
  next: null,
  loadingMore: false,
};

/** The list request of each view, in the order the view shows its conversations. */
const VIEW_QUERIES = {
  queue: 'status=QUEUED',
  mine: 'status=ASSIGNED&assignee=me',
  open: 'status=OPEN',
  offline: 'status=OPEN&followUp=email',
  resolved: 'status=RESOLVED&order=newest',
};
const PAGE = 50;

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
$('claim').addEventListener('click', () => act('assign', {}));
$('transfer').addEventListener('click', () => {
  if ($('transfer-to').value) {
    act('assign', { agentId: $('transfer-to').value });
  }
});
$('resolve').addEventListener('click', () => act('resolve'));
$('reopen').addEventListener('click', () => act('reopen'));
$('tab-reply').addEventListener('click', () => setMode('reply'));
$('tab-note').addEventListener('click', () => setMode('note'));
document.querySelectorAll('.view-tab').forEach((tab) => tab.addEventListener('click', () => {
  state.view = tab.dataset.view;
  localStorage.setItem('livedesk.view', state.view);
  $('search').value = '';
  state.searching = '';
  loadView().catch(showError);
}));
$('label-filter').addEventListener('change', () => {
  state.label = $('label-filter').value;
  loadView().catch(showError);
});
$('search').addEventListener('input', debounce(() => search($('search').value.trim()), 250));
$('label-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const label = $('label-input').value.trim();
  const conversation = state.conversations.get(state.openId);
  if (label && conversation) {
    saveLabels([...conversation.labels, label]).then(() => { $('label-input').value = ''; });
  }
});
$('sound').checked = localStorage.getItem('livedesk.sound') === 'on';
$('sound').addEventListener('change', () => localStorage.setItem('livedesk.sound', $('sound').checked ? 'on' : 'off'));
$('notify').addEventListener('click', async () => {
  await Notification.requestPermission();
  $('notify').hidden = true;
});
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

const typing = (value) => api('POST', `/api/conversations/${state.openId}/typing`, { typing: value }).catch(() => {});
const typingNow = throttle(() => typing(true), 3000);
$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('text').value;
  const conversationId = state.openId;
  if (!text.trim() || !conversationId) {
    return;
  }
  $('text').value = '';
  $('canned').hidden = true;
  try {
    if (state.mode === 'note') {
      await api('POST', `/api/conversations/${conversationId}/notes`, { text });
    } else {
      await api('POST', `/api/conversations/${conversationId}/messages`, { text, clientMessageId: clientId() });
      typing(false);
      typingNow.reset();
    }
    showError(null);
  } catch (failure) {
    $('text').value = text;
    showError(failure);
  }
});
$('text').addEventListener('input', () => {
  if (state.mode === 'reply') {
    typingNow();
  }
});
$('text').addEventListener('input', () => offerCanned());
$('attach').addEventListener('click', () => $('file').click());
$('file').addEventListener('change', () => {
  [...$('file').files].forEach(attachFile);
  $('file').value = '';
});
$('text').addEventListener('keydown', (event) => {
  if (!$('canned').hidden) {
    const items = $('canned').children;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      state.cannedIndex = (state.cannedIndex + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      highlightCanned();
      return;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      items[state.cannedIndex].click();
      return;
    }
    if (event.key === 'Escape') {
      $('canned').hidden = true;
      return;
    }
  }
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
});

/** Runs an action on the open conversation; a refusal shows next to the conversation, not in a pop-up. */
async function act(action, body) {
  try {
    const result = await api('POST', `/api/conversations/${state.openId}/${action}`, body);
    merge(result.conversation);
    showError(null);
  } catch (failure) {
    showError(failure);
  }
}

function showError(failure) {
  $('view-error').textContent = failure ? (failure.message || 'That did not work. Try again.') : '';
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
  $('reports-link').hidden = state.me.role !== 'SUPERVISOR';
  $('status').value = state.me.status;
  $('notify').hidden = !('Notification' in window) || Notification.permission !== 'default';
  api('GET', '/api/canned-responses').then((canned) => { state.canned = canned.responses; }).catch(() => {});
  const list = await load();
  state.stream = new LiveStream('/api/agents/events',
    ['message', 'conversation', 'agent-status', 'read', 'note'], onEvent, onConnection,
    list.lastEventId, () => api('GET', '/api/agents/me'));
  state.stream.start();
  openFromUrl();
}

/**
 * Loads agents, the tab counts and the first page of the current view over REST; used at start and whenever the
 * stream says it cannot replay. Returns the page, whose lastEventId the agents' stream resumes from.
 */
async function load() {
  const agents = await api('GET', '/api/agents');
  state.agents = new Map(agents.map((agent) => [agent.id, agent]));
  state.conversations = new Map();
  renderTransfer();
  const [page] = await Promise.all([loadView(), refreshCounts()]);
  return page;
}

/** Loads the first page of the current view (and label), replacing what the list shows. */
async function loadView() {
  const page = await api('GET', `/api/conversations?${viewQuery()}&limit=${PAGE}`);
  page.conversations.forEach((row) => state.conversations.set(row.id, row));
  state.next = page.next;
  renderLabelFilter();
  renderList();
  return page;
}

function viewQuery() {
  return VIEW_QUERIES[state.view] + (state.label ? `&label=${encodeURIComponent(state.label)}` : '');
}

/** The next page of the current view, when the end of the list comes into sight. */
async function loadMore() {
  if (!state.next || state.loadingMore || state.searching) {
    return;
  }
  state.loadingMore = true;
  const view = viewQuery();
  try {
    const page = await api('GET', `/api/conversations?${view}&limit=${PAGE}&after=${state.next}`);
    if (view !== viewQuery()) {
      return;
    }
    page.conversations.forEach((row) => {
      state.conversations.set(row.id, row);
      renderRow(row.id);
    });
    state.next = page.next;
  } finally {
    state.loadingMore = false;
  }
}

// The next page is asked for a little before the end of the list comes into sight.
new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting)) {
    loadMore().catch(showError);
  }
}, { rootMargin: '0px 0px 200px 0px' }).observe($('list-end'));

async function refreshCounts() {
  state.counts = await api('GET', '/api/conversations/counts');
  renderCounts();
}

/**
 * Whether a conversation's unread messages count in the title: the queue's and the agent's own. The title moves at
 * once with what this page sees; the server's count, read again shortly after, settles it.
 */
function countsUnread(conversation) {
  return conversation.status === 'QUEUED' || (conversation.status === 'ASSIGNED'
    && conversation.assigneeId === state.me.id);
}

/** Counts change with almost every event; they are read again at most once a second. */
let countsDue = null;
function countsLater() {
  if (!countsDue) {
    countsDue = setTimeout(() => {
      countsDue = null;
      refreshCounts().catch(() => {});
    }, 1000);
  }
}

function onConnection(connection) {
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
}

function banner(text, kind = 'connection') {
  $('banner').hidden = !text;
  $('banner').textContent = text || '';
  $('banner').dataset.kind = text ? kind : '';
}

function onEvent(type, data, eventId) {
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
    default:
      break;
  }
}

/** The server could not replay what this page missed: start again from what it has now. */
async function reload(reason) {
  const openId = state.openId;
  await load();
  if (reason === 'unknown-event-id') {
    banner('The server restarted and does not know this page\'s last update, so everything was reloaded.', 'reset');
  }
  if (openId) {
    open(openId, 'The conversation you had open no longer exists (the server restarted without keeping it).');
  }
}

function onConversation(data) {
  const before = state.conversations.get(data.conversationId);
  if (!data.conversation.customer) {
    return;
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

/** Takes a conversation as the server sends it, keeping what the row knows about its messages. */
function merge(conversation) {
  const row = state.conversations.get(conversation.id) || { unread: 0, lastMessage: null, waitingSince: null };
  state.conversations.set(conversation.id, { ...row, ...conversation });
  renderLabelFilter();
  renderRow(conversation.id);
  if (conversation.id === state.openId) {
    renderHeader();
    renderSidebar();
  }
}

function onMessage(message, eventId) {
  const row = state.conversations.get(message.conversationId);
  if (row) {
    row.lastMessage = { role: message.sender.role, text: message.text.slice(0, 140) || '📎', sentAt: message.sentAt };
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

function onAgentStatus(data) {
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

/** What each view shows. */
function inView(conversation) {
  if (state.label && !conversation.labels.includes(state.label)) {
    return false;
  }
  switch (state.view) {
    case 'queue': return conversation.status === 'QUEUED';
    case 'mine': return conversation.status === 'ASSIGNED' && conversation.assigneeId === state.me.id;
    case 'open': return conversation.status !== 'RESOLVED';
    case 'offline': return conversation.status !== 'RESOLVED' && conversation.followUp === 'email';
    default: return conversation.status === 'RESOLVED';
  }
}

/** The tab counts and the unread total in the page title, as the server counted them. */
function renderCounts() {
  document.querySelectorAll('[data-count]').forEach((count) => {
    count.textContent = String(state.counts[count.dataset.count]);
  });
  document.title = state.counts.unread > 0 ? `(${state.counts.unread}) ${TITLE}` : TITLE;
}

/** The order of the current view: resolved ones newest first, the others longest waiting first. */
function compareRows(a, b) {
  if (state.view === 'resolved') {
    return b.createdAt.localeCompare(a.createdAt);
  }
  return (a.waitingSince || '9').localeCompare(b.waitingSince || '9') || a.createdAt.localeCompare(b.createdAt);
}

/** Rebuilds the whole list: on a new view, a reload or the end of a search. */
function renderList() {
  document.querySelectorAll('.view-tab').forEach((tab) => tab.setAttribute('aria-pressed',
    String(tab.dataset.view === state.view && !state.searching)));
  if (state.searching) {
    return;
  }
  const rows = [...state.conversations.values()].filter(inView).sort(compareRows);
  $('list').replaceChildren(...rows.map((c) => row(c)));
  $('list-empty').hidden = rows.length > 0;
}

/** Puts one conversation's row where it belongs now, or takes it out of the view: the rest stay as they are. */
function renderRow(conversationId) {
  if (state.searching) {
    return;
  }
  const list = $('list');
  const existing = list.querySelector(`[data-conversation-id="${CSS.escape(conversationId)}"]`);
  const conversation = state.conversations.get(conversationId);
  if (!conversation || !inView(conversation)) {
    if (existing) {
      existing.remove();
    }
  } else {
    const entry = row(conversation);
    if (existing) {
      existing.remove();
    }
    const after = [...list.children].find((other) => compareRows(conversation,
      state.conversations.get(other.dataset.conversationId)) < 0);
    list.insertBefore(entry, after || null);
  }
  $('list-empty').hidden = list.children.length > 0;
}

function row(conversation, snippet) {
  const entry = el('li', conversation.id === state.openId ? 'entry open' : 'entry');
  entry.dataset.conversationId = conversation.id;
  const top = el('div', 'row-top');
  top.append(el('span', 'who', conversation.customerName));
  if (conversation.unread > 0) {
    const badge = el('span', 'badge', String(conversation.unread));
    badge.setAttribute('aria-label', `${conversation.unread} unread`);
    top.append(badge);
  }
  const when = conversation.lastMessage ? conversation.lastMessage.sentAt : conversation.updatedAt;
  top.append(el('span', 'when', time(when)));
  entry.append(top);
  const preview = snippet || (conversation.lastMessage ? conversation.lastMessage.text : conversation.topic || '');
  entry.append(el('span', 'preview', preview));
  const bottom = el('div', 'row-bottom');
  if (conversation.waitingSince && conversation.status !== 'RESOLVED') {
    const waiting = el('span', 'waiting', waited(conversation.waitingSince));
    waiting.dataset.since = conversation.waitingSince;
    bottom.append(waiting);
  }
  for (const label of conversation.labels) {
    bottom.append(el('span', 'chip', label));
  }
  bottom.append(el('span', 'assignee', assigneeText(conversation)));
  entry.append(bottom);
  entry.tabIndex = 0;
  entry.addEventListener('click', () => { window.location.hash = `#/conversations/${conversation.id}`; });
  entry.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      window.location.hash = `#/conversations/${conversation.id}`;
    }
  });
  return entry;
}

function assigneeText(conversation) {
  if (conversation.status === 'BOT') {
    return 'Assistant';
  }
  if (!conversation.assigneeId) {
    return conversation.status === 'QUEUED' ? 'Unassigned' : '';
  }
  return conversation.assigneeId === state.me.id ? 'You' : agentName(conversation.assigneeId);
}

function agentName(agentId) {
  const agent = state.agents.get(agentId);
  return agent ? agent.displayName : agentId;
}

/** "waiting 3m 05s", counting up. */
function waited(since) {
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes >= 60 ? `waiting ${Math.floor(minutes / 60)}h ${minutes % 60}m`
    : `waiting ${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
}

setInterval(() => {
  document.querySelectorAll('.waiting').forEach((node) => { node.textContent = waited(node.dataset.since); });
}, 1000);

function renderLabelFilter() {
  const labels = new Set();
  state.conversations.forEach((c) => c.labels.forEach((label) => labels.add(label)));
  const options = [el('option', null, 'All labels'), ...[...labels].sort().map((label) => {
    const option = el('option', null, label);
    option.value = label;
    return option;
  })];
  options[0].value = '';
  $('label-filter').replaceChildren(...options);
  $('label-filter').value = labels.has(state.label) ? state.label : '';
}

function renderTransfer() {
  const options = [...state.agents.values()].filter((agent) => agent.id !== state.me.id).map((agent) => {
    const option = el('option', null, `${agent.displayName} · ${agent.status.toLowerCase()} · ${agent.openConversations} open`);
    option.value = agent.id;
    option.disabled = agent.status === 'OFFLINE';
    return option;
  });
  const placeholder = el('option', null, 'Transfer to…');
  placeholder.value = '';
  $('transfer-to').replaceChildren(placeholder, ...options);
}

async function search(query) {
  state.searching = query;
  if (!query) {
    renderList();
    return;
  }
  document.querySelectorAll('.view-tab').forEach((tab) => tab.setAttribute('aria-pressed', 'false'));
  try {
    const result = await api('GET', `/api/conversations/search?q=${encodeURIComponent(query)}`);
    if (state.searching !== query) {
      return;
    }
    const rows = result.conversations.map((hit) => row({ ...(state.conversations.get(hit.conversation.id)
      || { unread: 0, lastMessage: null, waitingSince: null }), ...hit.conversation }, hit.snippet));
    $('list').replaceChildren(...rows);
    $('list-empty').hidden = rows.length > 0;
  } catch (failure) {
    $('list-empty').hidden = false;
  }
}

function openFromUrl() {
  const match = /^#\/conversations\/([A-Za-z0-9-]+)$/.exec(window.location.hash);
  if (match && state.me) {
    open(match[1]);
  } else if (!match) {
    closeView();
  }
}

/**
 * Follows the open conversation's own stream for what only the agents looking at it need: the customer typing. The
 * agents' stream carries every conversation's durable events but no typing and no assistant drafts: at a big desk
 * those would be most of every agent's deliveries, and almost none looked at. Durable events arrive here too (the
 * stream resumes after the last one seen) and are left to the agents' stream.
 */
function watch(conversationId, lastEventId) {
  unwatch();
  state.watch = new LiveStream(`/api/conversations/${conversationId}/events`, ['typing', 'message', 'conversation',
    'read'], (type, data) => {
    if (type === 'typing' && state.openId === conversationId && data.sender.role === 'customer') {
      $('typing').hidden = !data.typing;
      $('typing').textContent = data.typing ? `${data.sender.name} is typing…` : '';
    }
  }, () => {}, lastEventId, () => api('GET', `/api/conversations/${conversationId}`));
  state.watch.start();
}

function unwatch() {
  if (state.watch) {
    state.watch.stop();
    state.watch = null;
  }
}

function closeView() {
  unwatch();
  state.openId = null;
  $('view').hidden = true;
  $('sidebar').hidden = true;
  if (window.location.hash) {
    window.history.replaceState(null, '', window.location.pathname);
  }
  markOpenRow();
}

function markOpenRow() {
  [...$('list').children].forEach((entry) => entry.classList.toggle('open',
    entry.dataset.conversationId === state.openId));
}

async function open(conversationId, goneMessage = 'That conversation does not exist (any more).') {
  unwatch();
  state.openId = conversationId;
  state.shownEvents.clear();
  $('view').hidden = false;
  $('sidebar').hidden = false;
  $('messages').replaceChildren();
  $('typing').hidden = true;
  showError(null);
  if (!state.conversations.has(conversationId)) {
    try {
      const current = await api('GET', `/api/conversations/${conversationId}`);
      merge(current.conversation);
    } catch (failure) {
      closeView();
      banner(goneMessage, 'reset');
      return;
    }
  }
  renderHeader();
  renderSidebar();
  markOpenRow();
  loadHistory(conversationId);
  let after = '';
  for (;;) {
    const page = await api('GET', `/api/conversations/${conversationId}/messages?limit=200${after}`);
    if (state.openId !== conversationId) {
      return;
    }
    page.messages.forEach((entry) => (entry.kind === 'note' ? showNote(entry.note, entry.eventId)
      : showMessage(entry.message, entry.eventId)));
    if (!page.hasMore) {
      markRead(page.lastEventId);
      watch(conversationId, page.lastEventId);
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
  const status = { BOT: 'With the assistant', QUEUED: 'Waiting in the queue', RESOLVED: 'Resolved' }[conversation.status];
  $('view-status').textContent = status || `Assigned to ${assigneeText(conversation)}`;
  const resolved = conversation.status === 'RESOLVED';
  $('claim').hidden = resolved || conversation.assigneeId === state.me.id;
  $('resolve').hidden = resolved;
  $('reopen').hidden = !resolved;
  // A colleague's conversation is moved only by a supervisor; the server refuses anyone else too.
  const movable = !conversation.assigneeId || conversation.assigneeId === state.me.id || state.me.role === 'SUPERVISOR';
  $('transfer').hidden = resolved || !movable;
  $('transfer-to').hidden = resolved || !movable;
  $('closed').hidden = !resolved;
  $('text').disabled = resolved && state.mode === 'reply';
  $('send').disabled = $('text').disabled;
}

function renderSidebar() {
  const conversation = state.conversations.get(state.openId);
  if (!conversation) {
    return;
  }
  const customer = conversation.customer || {};
  $('customer-name').textContent = conversation.customerName;
  $('customer-email').textContent = customer.email || '—';
  $('customer-locale').textContent = customer.locale || '—';
  $('customer-page').textContent = customer.page || '—';
  $('customer-browser').textContent = customer.userAgent ? browserName(customer.userAgent) : '—';
  $('customer-browser').title = customer.userAgent || '';
  $('labels').replaceChildren(...conversation.labels.map((label) => {
    const chip = el('li', 'chip', label);
    const remove = el('button', 'remove', '×');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Remove label ${label}`);
    remove.addEventListener('click', () => saveLabels(conversation.labels.filter((other) => other !== label)));
    chip.append(remove);
    return chip;
  }));
}

/** A short name for a User-Agent, e.g. "Chrome on Android"; the whole string is in the tooltip. */
function browserName(userAgent) {
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox'
    : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'A browser';
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS'
    : /Windows/.test(userAgent) ? 'Windows' : /Mac OS/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux'
      : '';
  return system ? `${browser} on ${system}` : browser;
}

async function loadHistory(conversationId) {
  try {
    const history = await api('GET', `/api/conversations/${conversationId}/customer-history`);
    if (state.openId !== conversationId) {
      return;
    }
    $('history').replaceChildren(...history.conversations.map((earlier) => {
      const item = el('li');
      const link = el('a', null, `${earlier.topic || earlier.customerName} · ${earlier.status.toLowerCase()} · ${time(earlier.createdAt)}`);
      link.href = `#/conversations/${earlier.id}`;
      item.append(link);
      return item;
    }));
    if (!history.conversations.length) {
      $('history').replaceChildren(el('li', 'empty', 'None'));
    }
  } catch (failure) {
    $('history').replaceChildren();
  }
}

async function saveLabels(labels) {
  try {
    const result = await api('PUT', `/api/conversations/${state.openId}/labels`, { labels });
    merge(result.conversation);
    showError(null);
  } catch (failure) {
    showError(failure);
  }
}

function setMode(mode) {
  state.mode = mode;
  $('tab-reply').setAttribute('aria-selected', String(mode === 'reply'));
  $('tab-note').setAttribute('aria-selected', String(mode === 'note'));
  $('compose').dataset.mode = mode;
  $('text').placeholder = mode === 'note' ? 'Private note for colleagues; the customer never sees it'
    : 'Reply… (/ for canned responses)';
  $('text').setAttribute('aria-label', mode === 'note' ? 'Private note' : 'Reply');
  $('send').textContent = mode === 'note' ? 'Add note' : 'Send';
  renderHeader();
}

function lastEventOf(conversationId) {
  const row = state.conversations.get(conversationId);
  return row && row.lastEventId;
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
    entry.append(el('span', 'sender', message.sender.name), el('span', 'text', message.text));
    (message.attachments || []).forEach((attachment) => entry.append(attachmentView(attachment)));
    entry.append(el('span', 'meta', time(message.sentAt)));
  }
  if (message.sender.role === 'customer') {
    $('typing').hidden = true;
  }
  place(entry, eventId);
}

/** Uploads a file to the open conversation and sends it as a message of its own. */
async function attachFile(file) {
  const conversationId = state.openId;
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    const response = await fetch(`/api/conversations/${conversationId}/attachments`, { method: 'POST', body: form,
      credentials: 'same-origin' });
    const body = await response.json();
    if (!response.ok) {
      throw body;
    }
    await api('POST', `/api/conversations/${conversationId}/messages`,
      { attachments: [body.attachment.id], clientMessageId: clientId() });
    showError(null);
  } catch (failure) {
    showError(failure);
  }
}

function showNote(note, eventId) {
  if (state.shownEvents.has(eventId)) {
    return;
  }
  state.shownEvents.add(eventId);
  const entry = el('li', 'message note');
  entry.dataset.eventId = String(eventId);
  entry.append(el('span', 'sender', `Note · ${note.author.name}`), el('span', 'text', note.text),
    el('span', 'meta', time(note.createdAt)));
  place(entry, eventId);
}

/** Adds an entry in event order (a live event can arrive while the history still loads). */
function place(entry, eventId) {
  const later = [...$('messages').children].find((other) => Number(other.dataset.eventId) > eventId);
  $('messages').insertBefore(entry, later || null);
  entry.scrollIntoView({ block: 'end' });
}

function markRead(eventId) {
  const row = state.conversations.get(state.openId);
  if (row && document.visibilityState === 'visible') {
    if (row.unread > 0 && countsUnread(row)) {
      state.counts.unread = Math.max(0, state.counts.unread - row.unread);
      renderCounts();
    }
    row.unread = 0;
    renderRow(row.id);
    if (eventId) {
      api('POST', `/api/conversations/${state.openId}/read`, { upTo: eventId }).catch(() => {});
    }
  }
}

/** Offers the canned responses whose shortcut starts with what follows a leading "/". */
function offerCanned() {
  const match = /^\/([a-z0-9_-]*)$/.exec($('text').value);
  if (!match || state.mode !== 'reply') {
    $('canned').hidden = true;
    return;
  }
  const conversation = state.conversations.get(state.openId);
  const lang = ((conversation && conversation.customer && conversation.customer.locale) || 'en').slice(0, 2);
  const found = state.canned.filter((response) => response.shortcut.startsWith(match[1]))
    .sort((a, b) => Number(b.lang === lang) - Number(a.lang === lang));
  $('canned').replaceChildren(...found.slice(0, 8).map((response) => {
    const item = el('li', 'canned-item');
    item.setAttribute('role', 'option');
    item.append(el('strong', null, `/${response.shortcut}`), el('span', null, ` ${response.title} (${response.lang})`));
    item.addEventListener('mousedown', (event) => event.preventDefault());
    item.addEventListener('click', () => {
      $('text').value = response.text;
      $('canned').hidden = true;
      $('text').focus();
    });
    return item;
  }));
  state.cannedIndex = 0;
  $('canned').hidden = found.length === 0;
  highlightCanned();
}

function highlightCanned() {
  [...$('canned').children].forEach((item, index) => item.setAttribute('aria-selected', String(index === state.cannedIndex)));
}

/** A sound and, while the tab is hidden, a desktop notification (if the agent allowed them). */
function notify(title, body) {
  if (document.visibilityState === 'visible') {
    return;
  }
  if ($('sound').checked) {
    beep();
  }
  if ('Notification' in window && Notification.permission === 'granted') {
    new Notification(title, { body, tag: 'livedesk' });
  }
}

function beep() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.15);
  } catch (failure) {
    // no audio here; the title and the badge still show it
  }
}

function debounce(fn, wait) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

start();
