// What the widget knows of the conversation, shared by its modules; `$` finds an element by id.
import { framed } from './host.js';

export const STORAGE_KEY = 'livedesk.conversation';

export const $ = (id) => document.getElementById(id);

export const state = {
  // In a website's iframe the page keeps it (sdk.js), and says it once it has loaded.
  conversationId: framed ? null : localStorage.getItem(STORAGE_KEY),
  /** The website's inbox, on LiveDesk's embed page; none on the demo page of old. */
  websiteToken: document.body.dataset.websiteToken || null,
  /** An identified customer's other conversations of this website, newest first. */
  earlier: [],
  /** The page the chat runs on: the website's, in an iframe. */
  page: window.location.href,
  conversation: null,
  desk: null,
  queue: null,
  stream: null,
  drafts: new Map(),
  pending: new Map(),
  agentReadUpTo: 0,
  lastEventId: 0,
  /** In a website's iframe: the token of the customer the website identified (LiveDesk.setUser), or null. */
  identity: null,
  unread: 0,
};
