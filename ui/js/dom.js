// Small DOM and formatting helpers: no framework, so the page loads in one round of requests.

/** h('tr', { class: 'x', onclick }, child, [children], null) → element. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    // Through the CSSOM: the page's CSP refuses style attributes.
    else if (key === 'style') Object.assign(el.style, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// Action icons are drawn on a 20-unit grid, empty-state icons on a 24-unit grid.
const ICONS_20 = {
  send: '<path d="M4 10l12-6-5 13-2-5-5-2z"/>',
  trash: '<path d="M4 6h12M8 6V4h4v2M6 6l1 10h6l1-10"/>',
  redo: '<path d="M15 7H8a4 4 0 0 0 0 8h3M12 4l3 3-3 3"/>',
  copy: '<rect x="7" y="7" width="9" height="9" rx="1.5"/><path d="M4 13V5a1 1 0 0 1 1-1h8"/>',
  check: '<path d="M4 10l4 4 8-8"/>',
  x: '<path d="M5 5l10 10M15 5L5 15"/>',
  plus: '<path d="M10 4v12M4 10h12"/>',
};
const ICONS_24 = {
  inbox: '<path d="M3 11l2.5-6h13L21 11v7a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z"/><path d="M3 11h5l1.5 2.5h5L16 11h5"/>',
  broadcast: '<circle cx="12" cy="12" r="2"/><path d="M8 8a5.5 5.5 0 0 0 0 8M16 8a5.5 5.5 0 0 1 0 8M5 5a10 10 0 0 0 0 14M19 5a10 10 0 0 1 0 14"/>',
  waves: '<path d="M3 9c3-3 6 3 9 0s6 3 9 0M3 15c3-3 6 3 9 0s6 3 9 0"/>',
  lock: '<rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>',
  alert: '<path d="M12 4l9 16H3z"/><path d="M12 10v4M12 17v.5"/>',
  mail: '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>',
};

/** An inline icon from the static sets above (never user data). */
export function icon(name) {
  const small = name in ICONS_20;
  const span = document.createElement('span');
  span.innerHTML = `<svg viewBox="${small ? '0 0 20 20' : '0 0 24 24'}" aria-hidden="true">${small ? ICONS_20[name] : (ICONS_24[name] ?? '')}</svg>`;
  return span.firstChild;
}

export function badge(text, color = '', { dot = false, title } = {}) {
  return h('span', { class: `badge ${color}${dot ? ' dot' : ''}`, title }, text);
}

/** "just now", "12s ago", "in 25s", "3m 10s ago", "2h ago", "3d ago". */
export function relativeTime(iso, now = Date.now()) {
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  if (abs < 1000) return 'just now';
  const s = Math.round(abs / 1000);
  let text;
  if (s < 60) text = `${s}s`;
  else if (s < 3600) text = `${Math.floor(s / 60)}m${s % 60 && s < 600 ? ` ${s % 60}s` : ''}`;
  else if (s < 86400) text = `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)}m` : ''}`;
  else text = `${Math.floor(s / 86400)}d`;
  return ms > 0 ? `in ${text}` : `${text} ago`;
}

export function localTime(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** The exact local time, then how long ago or until (kept current by the shell). */
export function exactTime(iso) {
  return h('span', null, localTime(iso), ' · ', h('span', { dataset: { time: iso } }, relativeTime(iso)));
}

/** A time shown relative, with the exact local time on hover. */
export function timeCell(iso) {
  return h('span', { title: localTime(iso), class: 'nowrap', dataset: { time: iso } }, relativeTime(iso));
}

export function formatNumber(n) {
  return new Intl.NumberFormat().format(n);
}

export function formatDuration(seconds) {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** Pretty-prints JSON bodies; anything else is shown as is. */
export function prettyBody(text) {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

/** A small copy-to-clipboard button that confirms with a check mark. */
export function copyButton(text, label = 'Copy') {
  const button = h('button', { class: 'icon-btn', type: 'button', title: label, 'aria-label': label }, icon('copy'));
  button.addEventListener('click', async (event) => {
    event.stopPropagation();
    try {
      await navigator.clipboard.writeText(text);
      button.replaceChildren(icon('check'));
      setTimeout(() => button.replaceChildren(icon('copy')), 1200);
    } catch {
      /* clipboard unavailable (e.g. plain http on another host): nothing to do */
    }
  });
  return button;
}

export function emptyState({ iconName, title, text, command, compact = false }) {
  return h(
    'div',
    { class: `empty${compact ? ' compact' : ''}` },
    iconName ? icon(iconName) : null,
    h('h3', null, title),
    text ? h('p', null, text) : null,
    command ? h('code', { class: 'cmd' }, command) : null,
  );
}

/** A card with a head (title, hint, extra controls) and a body. */
export function card({ title, hint, extra, body, cls = '' }) {
  return h(
    'section',
    { class: `card ${cls}` },
    h('div', { class: 'card-head' }, h('h2', null, title, hint ? h('span', { class: 'hint' }, hint) : null), extra ?? null),
    body,
  );
}

export function stat(label, value, swatch) {
  return h(
    'div',
    { class: 'stat' },
    h('div', { class: 'stat-label' }, swatch ? h('span', { class: `swatch ${swatch}` }) : null, label),
    h('div', { class: `stat-value${typeof value === 'string' && value.length > 8 ? ' small' : ''}` }, value),
  );
}

export function skeletonRows(columns, rows = 3) {
  return Array.from({ length: rows }, () =>
    h(
      'tr',
      null,
      Array.from({ length: columns }, () => h('td', null, h('div', { class: 'skeleton' }))),
    ),
  );
}

/** Wraps render(data) so it runs only when the data differ from the last render's. */
export function whenChanged(render) {
  let last;
  return (data) => {
    const key = JSON.stringify(data);
    if (key === last) return;
    last = key;
    render(data);
  };
}

/** The page's header: breadcrumbs, a title with badges, a subtitle line, and actions. */
export function pageHead({ crumbs = [], title, badges = [], sub = [], actions = [] }) {
  return h(
    'header',
    { class: 'page-head' },
    h(
      'div',
      null,
      crumbs.length
        ? h(
            'nav',
            { class: 'crumbs', 'aria-label': 'Breadcrumb' },
            crumbs.flatMap((c, i) => [i ? h('span', null, '/') : null, c.href ? h('a', { href: c.href }, c.label) : h('span', null, c.label)]),
          )
        : null,
      h('div', { class: 'page-title' }, h('h1', null, title), badges),
      sub.length ? h('div', { class: 'page-sub' }, sub) : null,
    ),
    h('div', { class: 'actions' }, actions),
  );
}

/** Tells the shell something changed, so the view refreshes now rather than within a second. */
export function changed() {
  window.dispatchEvent(new Event('wharf:changed'));
}
