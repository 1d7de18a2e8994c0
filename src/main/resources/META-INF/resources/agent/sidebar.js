// The customer sidebar: who the customer is, labels, and their earlier conversations.
import { api } from '/js/api.js';
import { el } from '/js/dom.js';
import { showError } from './conversation.js';
import { merge } from './list.js';
import { $, state } from './state.js';

$('label-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const label = $('label-input').value.trim();
  const conversation = state.conversations.get(state.openId);
  if (label && conversation) {
    saveLabels([...conversation.labels, label]).then(() => { $('label-input').value = ''; });
  }
});

export function renderSidebar() {
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
  $('customer-rating').textContent = ratingText(conversation.rating);
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

/** How the customer rated the conversation: stars, the score and their comment, or a dash. */
export function ratingText(rating) {
  if (!rating) {
    return '—';
  }
  const stars = '★'.repeat(rating.score) + '☆'.repeat(5 - rating.score);
  return rating.comment ? `${stars} ${rating.score}/5 · “${rating.comment}”` : `${stars} ${rating.score}/5`;
}

/** A short name for a User-Agent, e.g. "Chrome on Android"; the whole string is in the tooltip. */
export function browserName(userAgent) {
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox'
    : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'A browser';
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS'
    : /Windows/.test(userAgent) ? 'Windows' : /Mac OS/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux'
      : '';
  return system ? `${browser} on ${system}` : browser;
}

export async function saveLabels(labels) {
  try {
    const result = await api('PUT', `/api/conversations/${state.openId}/labels`, { labels });
    merge(result.conversation);
    showError(null);
  } catch (failure) {
    showError(failure);
  }
}
