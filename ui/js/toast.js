import { h, icon } from './dom.js';

/** Shows a toast at the bottom right; errors stay longer. */
export function toast({ title, text, kind = 'info', timeoutMs = kind === 'error' ? 8000 : 3500 }) {
  const close = h('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Dismiss' }, icon('x'));
  const el = h(
    'div',
    { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('div', null, h('div', { class: 'toast-title' }, title), text ? h('div', { class: 'toast-text' }, text) : null),
    close,
  );
  const remove = () => el.remove();
  close.addEventListener('click', remove);
  document.getElementById('toasts').append(el);
  setTimeout(remove, timeoutMs);
}

/** An API failure as a toast: the AWS error code as the title, its message below. */
export function errorToast(err, action) {
  toast({ kind: 'error', title: action ? `${action} failed` : (err.code ?? 'Error'), text: err.code && action ? `${err.code}: ${err.message}` : err.message });
}
