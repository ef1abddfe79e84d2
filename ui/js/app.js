// The dashboard's shell: routes (#/queues, #/queues/<account>/<region>/<name>, #/topics, …),
// live updates (the current view refreshes every second while the tab is visible), the
// sidebar's counts and server status, and the admin-token prompt.
import { api, ApiError, hasToken, setToken, takeTokenFromFragment } from './api.js';
import { emptyState, fill, h, relativeTime } from './dom.js';
import { errorToast } from './toast.js';
import { mountQueue } from './views/queue.js';
import { mountQueues } from './views/queues.js';
import { mountStream } from './views/stream.js';
import { mountStreams } from './views/streams.js';
import { mountTopic } from './views/topic.js';
import { mountTopics } from './views/topics.js';

const REFRESH_MS = 1000;
const STATUS_MS = 5000;

const ROUTES = [
  { pattern: /^\/queues\/([^/]+)\/([^/]+)\/([^/]+)$/, nav: 'queues', view: mountQueue, params: (m) => ({ accountId: m[1], region: m[2], name: m[3] }) },
  { pattern: /^\/queues\/?$/, nav: 'queues', view: mountQueues },
  { pattern: /^\/topics\/([^/]+)$/, nav: 'topics', view: mountTopic, params: (m) => ({ topicArn: m[1] }) },
  { pattern: /^\/topics\/?$/, nav: 'topics', view: mountTopics },
  { pattern: /^\/streams\/([^/]+)\/([^/]+)\/([^/]+)$/, nav: 'streams', view: mountStream, params: (m) => ({ accountId: m[1], region: m[2], name: m[3] }) },
  { pattern: /^\/streams\/?$/, nav: 'streams', view: mountStreams },
];

const main = document.getElementById('main');
let current = null; // { refresh, dispose } of the mounted view
let generation = 0;
let refreshTimer;

function route() {
  const path = location.hash.replace(/^#/, '').split('&')[0] || '/queues';
  for (const r of ROUTES) {
    const m = r.pattern.exec(path);
    if (m) return { nav: r.nav, view: r.view, params: r.params ? decodeParams(r.params(m)) : {} };
  }
  return { nav: 'queues', view: mountQueues, params: {} };
}

function decodeParams(params) {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, decodeURIComponent(v)]));
}

function navigate() {
  current?.dispose?.();
  generation++;
  const { nav, view, params } = route();
  for (const a of document.querySelectorAll('[data-nav]')) a.classList.toggle('active', a.dataset.nav === nav);
  fill(main);
  current = view(main, params);
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  scheduleRefresh(0);
}

/** One refresh at a time; the next is scheduled when this one ends. Hidden tabs do not poll. */
function scheduleRefresh(delayMs) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    const mine = generation;
    if (!document.hidden && current) {
      try {
        await current.refresh();
        lastRefreshError = '';
        tickRelativeTimes();
        setConnected(true);
      } catch (err) {
        if (mine === generation) handleRefreshError(err);
      }
    }
    if (mine === generation) scheduleRefresh(REFRESH_MS);
  }, delayMs);
}

/** Relative times ("in 25s") count on by themselves; views re-render only when data change. */
function tickRelativeTimes() {
  const now = Date.now();
  for (const el of main.querySelectorAll('[data-time]')) el.textContent = relativeTime(el.dataset.time, now);
}

let lastRefreshError = '';

/** A view handles its own errors (e.g. 404: "not found"); others show once, not every second. */
function handleRefreshError(err) {
  if (err instanceof ApiError && err.status === 401) return showTokenPrompt();
  if (err instanceof ApiError && err.status === 0) return setConnected(false);
  setConnected(true);
  if (current?.showError?.(err)) return;
  const text = `${err.code ?? ''} ${err.message}`;
  if (text !== lastRefreshError) errorToast(err);
  lastRefreshError = text;
}

/** The API answered 401: wharf runs with WHARF_ADMIN_TOKEN and this tab has none (or a wrong one). */
function showTokenPrompt() {
  current?.dispose?.();
  current = null;
  generation++;
  const input = h('input', { type: 'password', placeholder: 'WHARF_ADMIN_TOKEN', autocomplete: 'off', 'aria-label': 'Admin token' });
  const form = h(
    'form',
    { class: 'token-form', onsubmit: (e) => (e.preventDefault(), setToken(input.value.trim()), navigate()) },
    input,
    h('button', { class: 'btn primary', type: 'submit' }, 'Unlock'),
  );
  fill(
    main,
    h(
      'div',
      { class: 'card' },
      emptyState({
        compact: true,
        iconName: 'lock',
        title: hasToken() ? 'That admin token was not accepted' : 'This wharf needs an admin token',
        text: 'It was started with WHARF_ADMIN_TOKEN. Paste the token here, or open the dashboard as /_wharf/ui/#token=<token>.',
      }),
      h('div', { class: 'card-body token-row' }, form),
    ),
  );
  input.focus();
}

function setConnected(ok) {
  const el = document.getElementById('server-status');
  el.classList.toggle('ok', ok);
  el.classList.toggle('down', !ok);
  if (!ok) el.querySelector('.status-text').textContent = 'Disconnected';
}

/** Sidebar: server version and uptime, and how many queues, topics and streams exist. */
async function refreshStatus() {
  try {
    const health = await api('/_wharf/health');
    setConnected(true);
    document.querySelector('#server-status .status-text').textContent = `wharf ${health.version} · up ${uptime(health.uptimeSeconds)}`;
    const [queues, topics, streams] = await Promise.allSettled([api('/_wharf/sqs/queues'), api('/_wharf/sns/topics'), api('/_wharf/kinesis/streams')]);
    setCount('queues', queues.status === 'fulfilled' ? queues.value.queues.length : undefined);
    setCount('topics', topics.status === 'fulfilled' ? topics.value.topics.length : undefined);
    setCount('streams', streams.status === 'fulfilled' ? streams.value.streams.length : undefined);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) document.querySelector('#server-status .status-text').textContent = 'Admin token needed';
    else setConnected(false);
  }
  setTimeout(refreshStatus, STATUS_MS);
}

function setCount(name, n) {
  document.querySelector(`[data-count="${name}"]`).textContent = n === undefined ? '' : String(n);
}

function uptime(seconds) {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
  return `${Math.floor(seconds / 86400)}d`;
}

takeTokenFromFragment();
window.addEventListener('hashchange', () => {
  takeTokenFromFragment();
  navigate();
});
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) scheduleRefresh(0);
});
/** Views call this after an action so the change shows at once, not up to a second later. */
window.addEventListener('wharf:changed', () => scheduleRefresh(0));
navigate();
refreshStatus();
