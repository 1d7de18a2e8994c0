// What the console knows, shared by its modules; `$` finds an element by id.

export const $ = (id) => document.getElementById(id);

export const TITLE = 'LiveDesk · Agent console';

export const state = {
  me: null,
  agents: new Map(),
  /** The members of each inbox the agent sees: inbox id → set of agent ids. */
  inboxes: new Map(),
  conversations: new Map(),
  view: localStorage.getItem('livedesk.view') || 'mine',
  label: '',
  openId: null,
  shownEvents: new Set(),
  stream: null,
  /** The open conversation's own stream (typing). */
  watch: null,
  /** Colleagues who have a conversation open: conversation id → (agent id → name). */
  viewers: new Map(),
  /** Colleagues typing in the open conversation: agent id → name. */
  typingAgents: new Map(),
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
export const VIEW_QUERIES = {
  queue: 'status=QUEUED',
  mine: 'status=ASSIGNED&assignee=me',
  open: 'status=OPEN',
  offline: 'status=OPEN&followUp=email',
  resolved: 'status=RESOLVED&order=newest',
};

export const PAGE = 50;
