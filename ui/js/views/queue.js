// #/queues/<account>/<region>/<name>: one queue's counts, messages (state, receive count,
// deadlines), move tasks and attributes, with send, purge and redrive.
import { api, resourcePath } from '../api.js';
import { field, formValues, openDialog, parseAttributeLines } from '../dialog.js';
import {
  badge,
  card,
  changed,
  copyButton,
  emptyState,
  exactTime,
  fill,
  formatDuration,
  formatNumber,
  h,
  icon,
  pageHead,
  prettyBody,
  skeletonRows,
  stat,
  timeCell,
  whenChanged,
} from '../dom.js';
import { toast } from '../toast.js';

const MESSAGE_LIMIT = 200;
const STATE_BADGES = { visible: ['Visible', 'green'], 'in-flight': ['In flight', 'amber'], delayed: ['Delayed', 'violet'] };

export function mountQueue(main, key) {
  const base = `/_wharf/sqs/queues/${resourcePath(key)}`;
  const head = h('div', null, pageHead({ crumbs: [{ label: 'Queues', href: '#/queues' }], title: key.name }));
  const stats = h('div', { class: 'stats' });
  const tasks = h('div');
  const messagesBody = h('div', null, h('table', null, h('tbody', null, skeletonRows(5, 3))));
  const messagesHint = h('span');
  const attributes = h('div', { class: 'kv-grid' });
  const expanded = new Set();
  let fifo = false;
  let messages = [];
  let messagesKey;

  main.append(
    head,
    stats,
    tasks,
    card({ title: 'Messages', hint: messagesHint, body: messagesBody }),
    h(
      'details',
      { class: 'card' },
      h('summary', { class: 'card-head' }, h('h2', null, h('span', { class: 'caret' }, '▸'), 'Attributes')),
      h('div', { class: 'card-body' }, attributes),
    ),
  );

  const renderDetail = whenChanged(({ queue, deadLetterSources, moveTasks }) => {
    fifo = queue.fifo;
    const isDeadLetterQueue = deadLetterSources.length > 0;
    const sub = [
      h('span', null, h('span', { class: 'mono' }, queue.arn), copyButton(queue.arn, 'Copy ARN')),
      h('span', null, h('span', { class: 'mono' }, queue.url), copyButton(queue.url, 'Copy URL')),
    ];
    if (queue.deadLetterTargetArn) {
      const [, , , region, accountId, name] = queue.deadLetterTargetArn.split(':');
      const maxReceives = JSON.parse(queue.attributes.RedrivePolicy ?? '{}').maxReceiveCount;
      sub.push(
        h(
          'span',
          null,
          'Dead letters go to ',
          h('a', { href: `#/queues/${resourcePath({ accountId, region, name })}` }, name),
          maxReceives ? ` after ${maxReceives} receive${maxReceives === 1 ? '' : 's'}` : '',
        ),
      );
    }
    if (isDeadLetterQueue)
      sub.push(
        h(
          'span',
          null,
          'Dead-letter queue of ',
          deadLetterSources.flatMap((s, i) => [i ? ', ' : '', h('a', { href: `#/queues/${resourcePath(s)}` }, s.name)]),
        ),
      );
    const actions = [
      h('button', { class: 'btn primary', type: 'button', onclick: () => sendDialog(base, queue) }, icon('send'), 'Send message'),
      isDeadLetterQueue
        ? h('button', { class: 'btn', type: 'button', onclick: () => redriveDialog(base, queue, deadLetterSources) }, icon('redo'), 'Start redrive')
        : null,
      h('button', { class: 'btn danger', type: 'button', onclick: () => purgeDialog(base, queue) }, icon('trash'), 'Purge'),
    ];
    const badges = [queue.fifo ? badge('FIFO', 'violet') : badge('Standard'), isDeadLetterQueue ? badge('DLQ', 'red') : null];
    fill(
      head,
      pageHead({ crumbs: [{ label: 'Queues', href: '#/queues' }, { label: `${queue.accountId} · ${queue.region}` }], title: queue.name, badges, sub, actions }),
    );
    fill(
      stats,
      stat('Visible', formatNumber(queue.counts.visible), 'green'),
      stat('In flight', formatNumber(queue.counts.inFlight), 'amber'),
      stat('Delayed', formatNumber(queue.counts.delayed), 'violet'),
      stat('Visibility timeout', formatDuration(Number(queue.attributes.VisibilityTimeout))),
      stat('Retention', formatDuration(Number(queue.attributes.MessageRetentionPeriod))),
    );
    fill(tasks, moveTasks.length ? moveTasksCard(moveTasks) : null);
    fill(
      attributes,
      Object.entries(queue.attributes).map(([k, v]) => h('div', null, h('span', null, k), h('span', null, v))),
    );
  });

  const toggle = (messageId) => {
    if (!expanded.delete(messageId)) expanded.add(messageId);
    drawMessages();
  };

  function drawMessages() {
    const count = messages.length;
    messagesHint.textContent = count === 0 ? '' : count >= MESSAGE_LIMIT ? `oldest ${MESSAGE_LIMIT} shown` : `${count} · oldest first`;
    if (count === 0) {
      fill(
        messagesBody,
        emptyState({
          compact: true,
          iconName: 'mail',
          title: 'No messages',
          text: 'Messages sent to this queue appear here with their state and deadlines. Looking at them here does not receive them.',
        }),
      );
      return;
    }
    const headRow = h(
      'tr',
      null,
      h('th', null, 'State'),
      h('th', null, 'Message'),
      h('th', { class: 'num' }, 'Receives'),
      h('th', { class: 'hide-sm' }, 'Sent'),
      h('th', null, 'Hidden until'),
      fifo ? h('th', { class: 'hide-sm' }, 'Group') : null,
    );
    const rows = messages.flatMap((m) => messageRows(m, fifo, expanded.has(m.messageId), () => toggle(m.messageId)));
    fill(messagesBody, h('div', { class: 'table-wrap' }, h('table', null, h('thead', null, headRow), h('tbody', null, rows))));
  }

  return {
    async refresh() {
      const [detail, list] = await Promise.all([api(base), api(`${base}/messages?limit=${MESSAGE_LIMIT}`)]);
      renderDetail(detail);
      const nextKey = JSON.stringify(list.messages);
      if (nextKey !== messagesKey) {
        messagesKey = nextKey;
        messages = list.messages;
        drawMessages();
      }
    },
    showError(err) {
      if (err.status !== 404) return false;
      fill(
        main,
        h(
          'div',
          { class: 'card' },
          emptyState({
            iconName: 'inbox',
            title: 'Queue not found',
            text: `There is no queue ${key.name} in account ${key.accountId}, region ${key.region}. It may have been deleted.`,
          }),
          h('div', { class: 'card-foot' }, h('a', { href: '#/queues' }, '← All queues')),
        ),
      );
      return true;
    },
  };
}

function messageRows(m, fifo, isExpanded, toggle) {
  const [label, color] = STATE_BADGES[m.state];
  const hiddenUntil = m.state === 'visible' ? h('span', { class: 'muted' }, '—') : timeCell(m.visibleAt);
  const row = h(
    'tr',
    { class: `clickable${isExpanded ? ' expanded' : ''}`, onclick: toggle, 'aria-expanded': String(isExpanded) },
    h('td', { class: 'nowrap' }, h('span', { class: 'caret' }, '▸'), badge(label, color, { dot: true })),
    h('td', null, h('div', { class: 'truncate mono' }, m.body), h('div', { class: 'cell-sub mono' }, m.messageId)),
    h('td', { class: 'num' }, m.receiveCount),
    h('td', { class: 'hide-sm' }, timeCell(m.sentAt)),
    h('td', null, hiddenUntil),
    fifo ? h('td', { class: 'hide-sm mono' }, m.messageGroupId ?? '') : null,
  );
  if (!isExpanded) return [row];
  const facts = [
    ['Message ID', m.messageId],
    ['Sent', exactTime(m.sentAt)],
    m.state !== 'visible' ? [m.state === 'in-flight' ? 'Visibility timeout ends' : 'Delay ends', exactTime(m.visibleAt)] : null,
    m.firstReceivedAt ? ['First received', exactTime(m.firstReceivedAt)] : null,
    m.messageGroupId ? ['Group ID', m.messageGroupId] : null,
    m.deduplicationId ? ['Deduplication ID', m.deduplicationId] : null,
    m.sequenceNumber ? ['Sequence number', m.sequenceNumber] : null,
    m.deadLetterSourceArn ? ['Dead-letter source', m.deadLetterSourceArn] : null,
  ].filter(Boolean);
  const attributes = Object.entries(m.messageAttributes);
  const detail = h(
    'div',
    { class: 'detail' },
    h('div', null, h('h3', null, 'Body ', copyButton(m.body, 'Copy body')), h('pre', { class: 'code' }, prettyBody(m.body))),
    h(
      'div',
      null,
      h('h3', null, 'Details'),
      h(
        'dl',
        { class: 'kv' },
        facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', { class: typeof v === 'string' ? 'mono' : '' }, v)]),
      ),
      attributes.length
        ? [
            h('h3', null, 'Message attributes'),
            h(
              'dl',
              { class: 'kv' },
              attributes.flatMap(([k, a]) => [h('dt', null, `${k} (${a.DataType})`), h('dd', { class: 'mono' }, a.StringValue ?? a.BinaryValue)]),
            ),
          ]
        : null,
    ),
  );
  return [row, h('tr', { class: 'detail-row' }, h('td', { colspan: fifo ? 6 : 5 }, detail))];
}

function moveTasksCard(tasks) {
  const statusColor = { RUNNING: 'blue', COMPLETED: 'green', CANCELLING: 'amber', CANCELLED: 'amber', FAILED: 'red' };
  const rows = tasks.map((t) =>
    h(
      'tr',
      null,
      h('td', null, badge(t.status, statusColor[t.status], { dot: true })),
      h(
        'td',
        null,
        h('div', { class: 'progress', title: `${t.moved} of ${t.toMove}` }, h('span', { style: { width: `${t.toMove ? (t.moved / t.toMove) * 100 : 100}%` } })),
        h('div', { class: 'cell-sub' }, `${formatNumber(t.moved)} of ${formatNumber(t.toMove)} moved`),
      ),
      h(
        'td',
        { class: 'hide-sm' },
        t.destinationArn ? h('span', { class: 'mono' }, t.destinationArn.split(':').at(-1)) : h('span', { class: 'muted' }, 'source queues'),
      ),
      h('td', { class: 'hide-sm' }, timeCell(t.startedAt)),
      h('td', null, t.failureReason ? h('span', { class: 'mono' }, t.failureReason) : h('span', { class: 'muted' }, '—')),
    ),
  );
  const head = h(
    'tr',
    null,
    h('th', null, 'Status'),
    h('th', null, 'Progress'),
    h('th', { class: 'hide-sm' }, 'Destination'),
    h('th', { class: 'hide-sm' }, 'Started'),
    h('th', null, 'Failure'),
  );
  return card({
    title: 'Redrive tasks',
    hint: 'message move tasks from this queue, newest first',
    body: h('div', { class: 'table-wrap' }, h('table', null, h('thead', null, head), h('tbody', null, rows))),
  });
}

function sendDialog(base, queue) {
  const contentBased = queue.attributes.ContentBasedDeduplication === 'true';
  const fields = [
    field('Message body', h('textarea', { name: 'body', required: true, placeholder: '{"orderId": 42}' })),
    queue.fifo
      ? h(
          'div',
          { class: 'field-row' },
          field('Message group ID', h('input', { name: 'messageGroupId', required: true, placeholder: 'customer-1' })),
          field('Deduplication ID', h('input', { name: 'deduplicationId', placeholder: contentBased ? 'content-based' : 'required' })),
        )
      : field(
          'Delay',
          h('input', { name: 'delaySeconds', type: 'number', min: 0, max: 900, placeholder: queue.attributes.DelaySeconds ?? '0' }),
          'seconds, 0 to 900',
        ),
    field(
      'Message attributes',
      h('textarea', { name: 'attributes', class: 'short', placeholder: 'source=dashboard', rows: 2 }),
      'one name=value per line, sent as String',
    ),
  ];
  openDialog({
    title: `Send a message to ${queue.name}`,
    description: 'Sent as SendMessage would be, with the same checks.',
    fields,
    submitLabel: 'Send message',
    async onSubmit(form) {
      const v = formValues(form);
      const body = { body: v.body ?? '' };
      if (v.messageGroupId) body.messageGroupId = v.messageGroupId;
      if (v.deduplicationId) body.deduplicationId = v.deduplicationId;
      if (v.delaySeconds) body.delaySeconds = Number(v.delaySeconds);
      const attributes = parseAttributeLines(v.attributes);
      if (attributes) body.messageAttributes = attributes;
      const sent = await api(`${base}/messages`, { method: 'POST', body });
      toast({ kind: 'success', title: 'Message sent', text: sent.messageId });
      changed();
    },
  });
}

function purgeDialog(base, queue) {
  const total = queue.counts.visible + queue.counts.inFlight + queue.counts.delayed;
  openDialog({
    title: `Purge ${queue.name}?`,
    description: `Deletes ${total === 1 ? 'the 1 message' : `all ${formatNumber(total)} messages`} in the queue, in flight and delayed ones too. AWS allows one purge per queue every 60 seconds.`,
    submitLabel: 'Purge queue',
    danger: true,
    async onSubmit() {
      await api(`${base}/purge`, { method: 'POST' });
      toast({ kind: 'success', title: 'Queue purged', text: queue.name });
      changed();
    },
  });
}

function redriveDialog(base, queue, sources) {
  const rate = h('input', { name: 'rate', type: 'number', min: 1, max: 500, placeholder: 'as fast as possible' });
  openDialog({
    title: `Redrive ${queue.name}`,
    description: `Starts a message move task: the ${formatNumber(queue.counts.visible + queue.counts.inFlight + queue.counts.delayed)} messages now in this dead-letter queue go back to the queues they came from (${sources.map((s) => s.name).join(', ')}).`,
    fields: [field('Messages per second', rate, 'optional, 1 to 500')],
    submitLabel: 'Start redrive',
    async onSubmit(form) {
      const v = formValues(form);
      await api(`${base}/redrive`, { method: 'POST', body: v.rate ? { maxNumberOfMessagesPerSecond: Number(v.rate) } : {} });
      toast({ kind: 'success', title: 'Redrive started', text: `Moving messages out of ${queue.name}` });
      changed();
    },
  });
}
