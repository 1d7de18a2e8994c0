// The conversation list: views a page at a time, counts, search, and one row updated per event.
import { api } from '/js/api.js';
import { el } from '/js/dom.js';
import { coalesced, debounce, time } from '/js/timing.js';
import { viewersOf } from './collision.js';
import { renderHeader, showError } from './conversation.js';
import { renderSidebar } from './sidebar.js';
import { $, PAGE, TITLE, VIEW_QUERIES, state } from './state.js';

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

/** Loads the first page of the current view (and label), replacing what the list shows. */
export async function loadView() {
  const page = await api('GET', `/api/conversations?${viewQuery()}&limit=${PAGE}`);
  page.conversations.forEach((row) => state.conversations.set(row.id, row));
  state.next = page.next;
  renderLabelFilter();
  renderList();
  return page;
}

export function viewQuery() {
  return VIEW_QUERIES[state.view] + (state.label ? `&label=${encodeURIComponent(state.label)}` : '');
}

/** The next page of the current view, when the end of the list comes into sight. */
export async function loadMore() {
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

export async function refreshCounts() {
  state.counts = await api('GET', '/api/conversations/counts');
  renderCounts();
}

/**
 * Whether a conversation's unread messages count in the title: the queue's and the agent's own. The title moves at
 * once with what this page sees; the server's count, read again shortly after, settles it.
 */
export function countsUnread(conversation) {
  return conversation.status === 'QUEUED' || (conversation.status === 'ASSIGNED'
    && conversation.assigneeId === state.me.id);
}

/** Counts change with almost every event; they are read again at most once a second. */
export const countsLater = coalesced(() => refreshCounts().catch(() => {}), 1000);

/** What each view shows. */
export function inView(conversation) {
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
export function renderCounts() {
  document.querySelectorAll('[data-count]').forEach((count) => {
    count.textContent = String(state.counts[count.dataset.count]);
  });
  document.title = state.counts.unread > 0 ? `(${state.counts.unread}) ${TITLE}` : TITLE;
}

/** The order of the current view: resolved ones newest first, the others longest waiting first. */
export function compareRows(a, b) {
  if (state.view === 'resolved') {
    return b.createdAt.localeCompare(a.createdAt);
  }
  return (a.waitingSince || '9').localeCompare(b.waitingSince || '9') || a.createdAt.localeCompare(b.createdAt);
}

/** Rebuilds the whole list: on a new view, a reload or the end of a search. */
export function renderList() {
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
export function renderRow(conversationId) {
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

export function row(conversation, snippet) {
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
  const viewers = viewersOf(conversation.id);
  if (viewers.length) {
    bottom.append(el('span', 'viewers', `${viewers.join(', ')} viewing`));
  }
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

export function assigneeText(conversation) {
  if (conversation.status === 'BOT') {
    return 'Assistant';
  }
  if (!conversation.assigneeId) {
    return conversation.status === 'QUEUED' ? 'Unassigned' : '';
  }
  return conversation.assigneeId === state.me.id ? 'You' : agentName(conversation.assigneeId);
}

export function agentName(agentId) {
  const agent = state.agents.get(agentId);
  return agent ? agent.displayName : agentId;
}

/** "waiting 3m 05s", counting up. */
export function waited(since) {
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes >= 60 ? `waiting ${Math.floor(minutes / 60)}h ${minutes % 60}m`
    : `waiting ${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
}

setInterval(() => {
  document.querySelectorAll('.waiting').forEach((node) => { node.textContent = waited(node.dataset.since); });
}, 1000);

export function renderLabelFilter() {
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

export async function search(query) {
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

export function markOpenRow() {
  [...$('list').children].forEach((entry) => entry.classList.toggle('open',
    entry.dataset.conversationId === state.openId));
}

/** Takes a conversation as the server sends it, keeping what the row knows about its messages. */
export function merge(conversation) {
  const row = state.conversations.get(conversation.id) || { unread: 0, lastMessage: null, waitingSince: null };
  state.conversations.set(conversation.id, { ...row, ...conversation });
  renderLabelFilter();
  renderRow(conversation.id);
  if (conversation.id === state.openId) {
    renderHeader();
    renderSidebar();
  }
}
