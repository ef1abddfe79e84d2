// #/queues: every queue of every account and region with its live message counts.
import { api, resourcePath } from '../api.js';
import { badge, card, emptyState, fill, formatNumber, h, pageHead, skeletonRows, timeCell, whenChanged } from '../dom.js';

export function mountQueues(main) {
  const tbody = h('tbody', null, skeletonRows(4));
  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Queue'),
          h('th', { class: 'num' }, 'Messages'),
          h('th', { class: 'hide-sm' }, 'Dead-letter queue'),
          h('th', { class: 'hide-sm' }, 'Created'),
        ),
      ),
      tbody,
    ),
  );
  const body = h('div', null, table);
  const hint = h('span');
  main.append(
    pageHead({ title: 'Queues', sub: [h('span', null, 'SQS queues in every account and region, updated live.')] }),
    card({ title: 'All queues', hint, extra: legend(), body }),
  );

  const render = whenChanged((queues) => {
    hint.textContent = queues.length ? `${queues.length} queue${queues.length === 1 ? '' : 's'}` : '';
    if (queues.length === 0) {
      fill(
        body,
        emptyState({
          iconName: 'inbox',
          title: 'No queues yet',
          text: 'Create one with any AWS SDK or the AWS CLI; it shows up here at once.',
          command: `aws --endpoint-url ${location.origin} sqs create-queue --queue-name jobs`,
        }),
      );
      return;
    }
    // A queue named as another's deadLetterTargetArn is a dead-letter queue.
    const deadLetterTargets = new Set(queues.map((q) => q.deadLetterTargetArn).filter(Boolean));
    // Bars share one scale, so the fullest queue's bar is the longest.
    const scale = Math.max(1, ...queues.map((q) => q.counts.visible + q.counts.inFlight + q.counts.delayed));
    fill(
      tbody,
      queues.map((q) => queueRow(q, deadLetterTargets.has(q.arn), scale)),
    );
    if (!body.contains(table)) fill(body, table);
  });

  return {
    async refresh() {
      const { queues } = await api('/_wharf/sqs/queues');
      render(queues);
    },
  };
}

function queueRow(q, isDeadLetterQueue, scale) {
  const href = `#/queues/${resourcePath(q)}`;
  return h(
    'tr',
    { class: 'clickable', onclick: () => (location.hash = href) },
    h(
      'td',
      null,
      h(
        'div',
        { class: 'cell-name' },
        h('a', { href, onclick: (e) => e.stopPropagation() }, q.name),
        ' ',
        q.fifo ? badge('FIFO', 'violet') : null,
        ' ',
        isDeadLetterQueue ? badge('DLQ', 'red') : null,
      ),
      h('div', { class: 'cell-sub' }, `${q.accountId} · ${q.region}`),
    ),
    h('td', { class: 'num' }, countsCell(q.counts, scale)),
    h(
      'td',
      { class: 'hide-sm' },
      q.deadLetterTargetArn ? h('span', { class: 'muted mono' }, q.deadLetterTargetArn.split(':').at(-1)) : h('span', { class: 'muted' }, '—'),
    ),
    h('td', { class: 'hide-sm' }, timeCell(q.createdAt)),
  );
}

/** Visible, in flight and delayed, with a bar of each (`scale` messages fill the bar). */
function countsCell(counts, scale) {
  const count = (cls, n, label) => h('span', { class: `count ${cls}${n === 0 ? ' zero' : ''}`, title: `${label}: ${n}` }, h('b', null, formatNumber(n)));
  const share = (n) => `${(n / scale) * 100}%`;
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'counts' },
      count('visible', counts.visible, 'Visible'),
      count('in-flight', counts.inFlight, 'In flight'),
      count('delayed', counts.delayed, 'Delayed'),
    ),
    h(
      'div',
      { class: 'bar', 'aria-hidden': 'true' },
      h('span', { class: 'visible', style: { width: share(counts.visible) } }),
      h('span', { class: 'in-flight', style: { width: share(counts.inFlight) } }),
      h('span', { class: 'delayed', style: { width: share(counts.delayed) } }),
    ),
  );
}

function legend() {
  const item = (cls, label) => h('span', { class: `count ${cls}` }, label);
  return h('div', { class: 'counts legend', 'aria-hidden': 'true' }, item('visible', 'Visible'), item('in-flight', 'In flight'), item('delayed', 'Delayed'));
}
