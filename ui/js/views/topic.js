// #/topics/<topic ARN>: one topic's subscriptions and recent deliveries, with publish.
import { api, ApiError } from '../api.js';
import { field, formValues, openDialog, parseAttributeLines } from '../dialog.js';
import { badge, card, changed, copyButton, emptyState, fill, h, icon, pageHead, skeletonRows, timeCell, whenChanged } from '../dom.js';
import { toast } from '../toast.js';
import { unavailable } from './topics.js';

const DELIVERY_LIMIT = 50;
const OUTCOMES = {
  delivered: ['Delivered', 'green'],
  'filtered-out': ['Filtered out', ''],
  failed: ['Failed', 'red'],
  retrying: ['Retrying', 'amber'],
  'dead-lettered': ['Dead-lettered', 'red'],
};

export function mountTopic(main, { topicArn }) {
  const name = topicArn.split(':').at(-1);
  const base = `/_wharf/sns/topics/${encodeURIComponent(topicArn)}`;
  const head = h('div', null, pageHead({ crumbs: [{ label: 'Topics', href: '#/topics' }], title: name }));
  const subscriptionsBody = h('div', null, h('table', null, h('tbody', null, skeletonRows(4, 2))));
  const subscriptionsHint = h('span');
  const deliveriesBody = h('div', null, h('table', null, h('tbody', null, skeletonRows(5, 3))));
  main.append(
    head,
    card({ title: 'Subscriptions', hint: subscriptionsHint, body: subscriptionsBody }),
    card({ title: 'Recent deliveries', hint: `newest first, up to ${DELIVERY_LIMIT}`, body: deliveriesBody }),
  );

  const renderTopic = whenChanged(({ topic, subscriptions }) => {
    const sub = [
      h('span', null, h('span', { class: 'mono' }, topic.arn), copyButton(topic.arn, 'Copy ARN')),
      h('span', null, `${topic.accountId} · ${topic.region}`),
    ];
    const actions = [h('button', { class: 'btn primary', type: 'button', onclick: () => publishDialog(base, topic) }, icon('send'), 'Publish')];
    fill(
      head,
      pageHead({
        crumbs: [{ label: 'Topics', href: '#/topics' }, { label: `${topic.accountId} · ${topic.region}` }],
        title: topic.name,
        badges: [topic.fifo ? badge('FIFO', 'violet') : badge('Standard')],
        sub,
        actions,
      }),
    );
    subscriptionsHint.textContent = subscriptions.length ? `${subscriptions.length}` : '';
    if (subscriptions.length === 0) {
      fill(
        subscriptionsBody,
        emptyState({
          compact: true,
          iconName: 'broadcast',
          title: 'No subscriptions',
          text: 'Messages published to this topic go nowhere until something subscribes.',
          command: `aws --endpoint-url ${location.origin} sns subscribe --topic-arn ${topic.arn} --protocol sqs --notification-endpoint <queue ARN>`,
        }),
      );
      return;
    }
    const headRow = h(
      'tr',
      null,
      h('th', null, 'Protocol'),
      h('th', null, 'Endpoint'),
      h('th', null, 'Status'),
      h('th', { class: 'hide-sm' }, 'Raw'),
      h('th', { class: 'hide-sm' }, 'Filter policy'),
    );
    fill(
      subscriptionsBody,
      h('div', { class: 'table-wrap' }, h('table', null, h('thead', null, headRow), h('tbody', null, subscriptions.map(subscriptionRow)))),
    );
  });

  const renderDeliveries = whenChanged((deliveries) => {
    if (deliveries === null) {
      fill(
        deliveriesBody,
        emptyState({
          compact: true,
          iconName: 'alert',
          title: 'Delivery records are not available',
          text: 'This wharf does not serve /_wharf/sns/deliveries.',
        }),
      );
      return;
    }
    if (deliveries.length === 0) {
      fill(
        deliveriesBody,
        emptyState({
          compact: true,
          iconName: 'mail',
          title: 'No deliveries yet',
          text: 'Publish a message to see where it went: delivered, filtered out, failed or dead-lettered.',
        }),
      );
      return;
    }
    const headRow = h(
      'tr',
      null,
      h('th', null, 'When'),
      h('th', null, 'Outcome'),
      h('th', null, 'Endpoint'),
      h('th', { class: 'hide-sm' }, 'Message'),
      h('th', { class: 'num' }, 'Attempts'),
      h('th', null, 'Reason'),
    );
    fill(deliveriesBody, h('div', { class: 'table-wrap' }, h('table', null, h('thead', null, headRow), h('tbody', null, deliveries.map(deliveryRow)))));
  });

  return {
    async refresh() {
      const [topic, deliveries] = await Promise.all([
        api(base),
        api(`/_wharf/sns/deliveries?topicArn=${encodeURIComponent(topicArn)}&limit=${DELIVERY_LIMIT}`).catch(missingAsNull),
      ]);
      renderTopic(topic);
      renderDeliveries(deliveries?.deliveries ?? null);
    },
    showError(err) {
      if (err.status !== 404) return false;
      const gone = err.code === 'UnknownEndpoint';
      fill(
        main,
        h(
          'div',
          { class: 'card' },
          gone
            ? unavailable()
            : emptyState({ iconName: 'broadcast', title: 'Topic not found', text: `There is no topic ${topicArn}. It may have been deleted.` }),
          h('div', { class: 'card-foot' }, h('a', { href: '#/topics' }, '← All topics')),
        ),
      );
      return true;
    },
  };
}

/** A 404 from an endpoint this wharf does not serve reads as "not available", not as an error. */
function missingAsNull(err) {
  if (err instanceof ApiError && err.status === 404) return null;
  throw err;
}

function subscriptionRow(s) {
  return h(
    'tr',
    null,
    h('td', null, badge(s.protocol, 'cyan')),
    h('td', null, h('div', { class: 'truncate mono' }, s.endpoint), h('div', { class: 'cell-sub mono truncate' }, s.subscriptionArn)),
    h('td', null, s.status === 'confirmed' ? badge('Confirmed', 'green', { dot: true }) : badge('Pending', 'amber', { dot: true })),
    h('td', { class: 'hide-sm' }, s.rawMessageDelivery ? 'Yes' : h('span', { class: 'muted' }, 'No')),
    h('td', { class: 'hide-sm' }, s.filterPolicy ? filterPolicyCell(s) : h('span', { class: 'muted' }, '—')),
  );
}

function deliveryRow(d) {
  const [label, color] = OUTCOMES[d.outcome] ?? [d.outcome, ''];
  return h(
    'tr',
    null,
    h('td', null, timeCell(d.at)),
    h('td', null, badge(label, color, { dot: true })),
    h('td', { title: d.endpoint }, h('div', { class: 'truncate narrow mono' }, shortEndpoint(d.endpoint)), h('div', { class: 'cell-sub' }, d.protocol)),
    h('td', { class: 'hide-sm mono muted nowrap', title: d.messageId }, `${d.messageId.slice(0, 8)}…`),
    h('td', { class: 'num' }, d.attempts),
    h(
      'td',
      { title: d.reason ?? '' },
      d.reason ? h('div', { class: 'truncate narrow' }, d.reason) : h('span', { class: 'muted' }, '—'),
      d.nextAttemptAt ? h('div', { class: 'cell-sub' }, 'next attempt ', timeCell(d.nextAttemptAt)) : null,
      d.deadLetterArn ? h('div', { class: 'cell-sub' }, 'to ', d.deadLetterArn.split(':').at(-1)) : null,
    ),
  );
}

/** The policy as JSON (the API gives it parsed), and whether it filters the body. */
function filterPolicyCell(s) {
  const text = typeof s.filterPolicy === 'string' ? s.filterPolicy : JSON.stringify(s.filterPolicy);
  return h(
    'div',
    null,
    h('code', { class: 'truncate narrow', title: text }, text),
    s.filterPolicyScope === 'MessageBody' ? h('div', { class: 'cell-sub' }, 'on the message body') : null,
  );
}

/** An ARN endpoint by its resource name (the queue, the function); a URL or address as is. */
function shortEndpoint(endpoint) {
  return endpoint.startsWith('arn:')
    ? endpoint
        .split(':')
        .slice(5)
        .join(':')
        .replace(/^function:/, '')
    : endpoint;
}

function publishDialog(base, topic) {
  const contentBased = topic.attributes?.ContentBasedDeduplication === 'true';
  const fields = [
    field('Message', h('textarea', { name: 'message', required: true, placeholder: '{"event": "order-created"}' })),
    field('Subject', h('input', { name: 'subject', placeholder: 'optional (email subscriptions show it)' })),
    topic.fifo
      ? h(
          'div',
          { class: 'field-row' },
          field('Message group ID', h('input', { name: 'messageGroupId', required: true })),
          field('Deduplication ID', h('input', { name: 'deduplicationId', placeholder: contentBased ? 'content-based' : 'required unless content-based' })),
        )
      : null,
    field(
      'Message attributes',
      h('textarea', { name: 'attributes', class: 'short', placeholder: 'eventType=order-created', rows: 2 }),
      'one name=value per line, sent as String; filter policies see them',
    ),
  ];
  openDialog({
    title: `Publish to ${topic.name}`,
    description: 'Published as Publish would be: fan-out, filter policies and the same checks apply.',
    fields,
    submitLabel: 'Publish',
    async onSubmit(form) {
      const v = formValues(form);
      const body = { message: v.message ?? '' };
      for (const k of ['subject', 'messageGroupId', 'deduplicationId']) if (v[k]) body[k] = v[k];
      const attributes = parseAttributeLines(v.attributes);
      if (attributes) body.messageAttributes = attributes;
      const published = await api(`${base}/publish`, { method: 'POST', body });
      toast({ kind: 'success', title: 'Message published', text: published.messageId });
      changed();
    },
  });
}
