import { h } from './dom.js';

/**
 * A modal form: `fields` are the form's inputs; `onSubmit(form)` runs on submit and may throw
 * (the error is shown in the dialog, which stays open); the dialog closes when it resolves.
 */
export function openDialog({ title, description, fields = [], submitLabel, danger = false, onSubmit }) {
  const error = h('div', { class: 'notice error', hidden: true });
  const submit = h('button', { class: `btn ${danger ? 'danger solid' : 'primary'}`, type: 'submit' }, submitLabel);
  const cancel = h('button', { class: 'btn', type: 'button' }, 'Cancel');
  const form = h(
    'form',
    { method: 'dialog', novalidate: true },
    h('div', { class: 'dialog-head' }, h('h2', null, title), description ? h('p', null, description) : null),
    h('div', { class: 'dialog-body' }, fields, error),
    h('div', { class: 'dialog-foot' }, cancel, submit),
  );
  const dialog = h('dialog', null, form);
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', () => dialog.remove());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      await onSubmit(form);
      close();
    } catch (err) {
      error.textContent = err.code ? `${err.code}: ${err.message}` : err.message;
      error.hidden = false;
      submit.disabled = false;
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  dialog.querySelector('textarea, input:not([type=radio])')?.focus();
  return dialog;
}

/** A labelled input, textarea or select with optional help text. */
export function field(label, control, help) {
  const id = `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label, help ? h('span', { class: 'help' }, ` — ${help}`) : null), control);
}

/** Reads a form's named controls as an object; an empty control reads as undefined. */
export function formValues(form) {
  const out = {};
  for (const [name, value] of new FormData(form)) out[name] = typeof value === 'string' && value !== '' ? value : undefined;
  return out;
}

/** `name=value` lines → SQS/SNS String message attributes. */
export function parseAttributeLines(text) {
  if (!text) return undefined;
  const out = {};
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const at = line.indexOf('=');
    if (at <= 0) throw new Error(`"${line}" is not name=value`);
    out[line.slice(0, at).trim()] = { DataType: 'String', StringValue: line.slice(at + 1).trim() };
  }
  return out;
}
