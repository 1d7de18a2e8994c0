// The team lead's reports: the summary over REST, charts drawn by uPlot, kept live by the agents' stream (any
// conversation, message or rating event fetches the figures again, at most once a second).
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { api } from '/js/api.js';
import { el } from '/js/dom.js';
import { LiveStream } from '/js/live-stream.js';
import { coalesced, time } from '/js/timing.js';

const $ = (id) => document.getElementById(id);
const BLUE = 'rgb(11, 92, 173)';
const AMBER = 'rgb(191, 135, 0)';
const SPREAD_LABELS = ['<1m', '1–5m', '5–15m', '15–60m', '1–4h', '4–24h', '≥1d'];
/** Counts are whole: the count axis steps by whole numbers only. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
const RATING_LABELS = ['1', '2', '3', '4', '5'];

const state = { range: null, summary: null, stream: null, charts: new Map() };

/** Today's date in a time zone, as YYYY-MM-DD. */
function today(tz) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

function daysBefore(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * The range (and inbox) from the address (so a report can be shared as a link), else the last seven days here over
 * all the caller's inboxes.
 */
function initialRange() {
  const params = new URLSearchParams(window.location.search);
  const tz = params.get('tz') || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const to = params.get('to') || today(tz);
  return { from: params.get('from') || daysBefore(to, 6), to, tz, inbox: params.get('inbox') || '' };
}

/** The query of a range; an empty inbox (all the caller's) is left out. */
function query(range) {
  const params = new URLSearchParams(range);
  if (!range.inbox) {
    params.delete('inbox');
  }
  return params.toString();
}

/** Offers the caller's inboxes to pick one, when they belong to more than one. */
async function inboxes() {
  try {
    const visible = (await api('GET', '/api/inboxes')).inboxes;
    $('inbox').replaceChildren($('inbox').options[0],
      ...visible.map((inbox) => {
        const option = el('option', null, inbox.name);
        option.value = inbox.id;
        return option;
      }));
    $('inbox').value = state.range.inbox;
    $('inbox-choice').hidden = visible.length < 2;
  } catch (failure) {
    $('inbox-choice').hidden = true;
  }
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '–';
  }
  if (seconds < 90) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < 90 * 60) {
    return `${Math.round(seconds / 60)} min`;
  }
  if (seconds < 36 * 3600) {
    return `${(seconds / 3600).toFixed(1)} h`;
  }
  return `${(seconds / 86400).toFixed(1)} d`;
}

function showProblem(text) {
  $('problem').textContent = text;
  $('problem').hidden = !text;
}

async function load() {
  const range = state.range;
  let summary;
  try {
    summary = await api('GET', `/api/reports/summary?${query(range)}`);
  } catch (failure) {
    if (failure.status === 401) {
      showProblem('Log in to the agent console first, then open the reports again.');
    } else if (failure.status === 403) {
      showProblem('Reports are for supervisors. Ask a supervisor for access.');
    } else if (failure.status === 400) {
      showProblem(failure.message || 'That range cannot be shown.');
    } else {
      showProblem('The reports could not be loaded. Trying again shortly.');
      setTimeout(refresh, 5000);
    }
    return null;
  }
  if (range !== state.range) {
    return null;
  }
  showProblem('');
  state.summary = summary;
  render(summary);
  return summary;
}

const refresh = coalesced(() => load(), 1000);

function render(summary) {
  $('report').hidden = false;
  $('f-conversations').textContent = String(summary.conversations);
  $('f-conversations-detail').textContent =
    `${summary.open} still with the assistant · ${summary.empty} empty, not counted`;
  $('f-deflection').textContent = `${Math.round(summary.deflectionRate * 100)} %`;
  $('f-deflection-detail').textContent = `${summary.resolvedByAssistant} without a person`;
  $('f-reopened').textContent = `${summary.reopened} came back`;
  $('f-handed-off').textContent = String(summary.handedOff);
  $('f-first-response').textContent = duration(summary.firstResponseSeconds.median);
  $('f-first-response-p90').textContent = `90th percentile ${duration(summary.firstResponseSeconds.p90)}`;
  $('f-resolution').textContent = duration(summary.resolutionSeconds.median);
  $('f-resolution-p90').textContent = `90th percentile ${duration(summary.resolutionSeconds.p90)}`;
  $('f-rating').textContent = summary.rating.average === null ? '–' : `${summary.rating.average.toFixed(2)} / 5`;
  $('f-rating-count').textContent = `${summary.rating.count} rating${summary.rating.count === 1 ? '' : 's'}`;
  $('csv').href = `/api/reports/conversations.csv?${query(state.range)}`;
  renderAgents(summary.byAgent);
  renderRatings(summary.rating.recent, summary.byAgent);
  hoursChart(summary);
  barChart('c-first-response', SPREAD_LABELS, summary.firstResponseSeconds.histogram, 'Conversations');
  barChart('c-resolution', SPREAD_LABELS, summary.resolutionSeconds.histogram, 'Conversations');
  barChart('c-ratings', RATING_LABELS, RATING_LABELS.map((score) => summary.rating.distribution[score]), 'Ratings');
}

/** The newest ratings with what customers wrote, newest first. */
function renderRatings(recent, agents) {
  const names = new Map(agents.map((agent) => [agent.agentId, agent.name]));
  $('no-ratings').hidden = recent.length > 0;
  $('ratings').replaceChildren(...recent.map((rating) => {
    const item = el('li', 'rating');
    const who = rating.agentId ? (names.get(rating.agentId) || rating.agentId) : 'the assistant';
    item.append(el('span', 'score', `${'★'.repeat(rating.score)}${'☆'.repeat(5 - rating.score)}`),
      el('span', 'detail', ` ${who} · ${time(rating.ratedAt)}`));
    item.querySelector('.score').setAttribute('role', 'img');
    item.querySelector('.score').setAttribute('aria-label', `${rating.score} of 5`);
    if (rating.comment) {
      item.append(el('q', 'comment', rating.comment));
    }
    return item;
  }));
}

/** One row per agent; each cell carries its column's name, which narrow screens show beside the value. */
function renderAgents(agents) {
  const columns = [...document.querySelectorAll('.agents thead th')].map((th) => th.textContent);
  $('agents').replaceChildren(...agents.map((agent) => {
    const row = el('tr');
    row.append(el('td', null, agent.name), el('td', 'number', String(agent.conversations)),
      el('td', 'number', duration(agent.firstResponseSeconds.median)),
      el('td', 'number', agent.rating.average === null ? '–'
        : `${agent.rating.average.toFixed(2)} (${agent.rating.count})`));
    [...row.children].forEach((cell, index) => { cell.dataset.label = columns[index]; });
    return row;
  }));
}

function width(container) {
  return Math.max(280, container.clientWidth);
}

/** Draws a chart again in place, or for the first time; the same shape keeps the chart and swaps its data. */
function draw(id, options, data) {
  const container = $(id);
  const existing = state.charts.get(id);
  if (existing && existing.key === options.key) {
    existing.chart.setData(data);
    return;
  }
  if (existing) {
    existing.chart.destroy();
  }
  const chart = new uPlot({ width: width(container), height: 220, ...options }, data, container);
  state.charts.set(id, { chart, key: options.key });
}

function hoursChart(summary) {
  const hours = summary.byHour.map((hour) => Date.parse(hour.hour) / 1000);
  draw('c-hours', {
    key: `hours:${summary.from}:${summary.to}:${summary.tz}`,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), summary.tz),
    series: [
      {},
      { label: 'Conversations', stroke: BLUE, fill: BLUE,
        paths: uPlot.paths.bars({ size: [0.8, 40] }), points: { show: false } },
      { label: 'Messages', stroke: AMBER, width: 2, points: { show: false } },
    ],
    axes: [{}, { label: 'Count', incrs: COUNT_STEPS }],
  }, [hours, summary.byHour.map((hour) => hour.conversations), summary.byHour.map((hour) => hour.messages)]);
}

function barChart(id, labels, counts, label) {
  const xs = labels.map((_, i) => i);
  draw(id, {
    key: `bars:${labels.length}`,
    scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    series: [
      { label: 'Bucket', value: (u, i) => (i === null ? '' : labels[i]) },
      { label, stroke: BLUE, fill: BLUE, paths: uPlot.paths.bars({ size: [0.7, 60] }),
        points: { show: false } },
    ],
    // Where a bucket is narrower than its label, the labels slant so that they never run into each other.
    axes: [{ splits: () => xs, values: (u, splits) => splits.map((i) => labels[i] ?? ''),
      rotate: (u) => (narrow(u, labels) ? -40 : 0), size: (u) => (narrow(u, labels) ? 56 : 30) },
    { incrs: COUNT_STEPS }],
  }, [xs, counts]);
}

/** Whether the widest label is wider than a bucket's share of the plot (measured in the axis' font). */
function narrow(u, labels) {
  const context = u.ctx;
  context.save();
  context.font = '12px system-ui, sans-serif';
  const widest = Math.max(...labels.map((text) => context.measureText(text).width));
  context.restore();
  return widest + 8 > u.bbox.width / devicePixelRatio / labels.length;
}

function onConnection(connection) {
  $('connection').dataset.state = connection;
  $('connection').textContent = connection === 'live' ? '● live' : connection === 'ended' ? 'signed out'
    : connection === 'connecting' ? 'connecting…' : 'reconnecting…';
  if (connection === 'live') {
    refresh();
  }
}

function zones() {
  const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  $('zones').replaceChildren(...names.map((name) => {
    const option = el('option');
    option.value = name;
    return option;
  }));
}

$('range').addEventListener('submit', (event) => {
  event.preventDefault();
  state.range = { from: $('from').value, to: $('to').value, tz: $('tz').value.trim(), inbox: $('inbox').value };
  history.replaceState(null, '', `?${query(state.range)}`);
  load();
});

$('inbox').addEventListener('change', () => $('range').requestSubmit());

window.addEventListener('resize', coalesced(() => {
  state.charts.forEach(({ chart }, id) => chart.setSize({ width: width($(id)), height: 220 }));
}, 200));

async function start() {
  zones();
  state.range = initialRange();
  $('from').value = state.range.from;
  $('to').value = state.range.to;
  $('tz').value = state.range.tz;
  inboxes();
  const summary = await load();
  if (!summary) {
    return;
  }
  state.stream = new LiveStream('/api/agents/events', ['conversation', 'message', 'rating'], () => refresh(),
    onConnection, summary.lastEventId, () => api('GET', '/api/agents/me'));
  state.stream.start();
}

start();
