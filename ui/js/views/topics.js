// #/topics: every SNS topic with its subscription count.
import { api } from '../api.js';
import { badge, card, emptyState, fill, formatNumber, h, pageHead, skeletonRows, whenChanged } from '../dom.js';

export function mountTopics(main) {
  const tbody = h('tbody', null, skeletonRows(3));
  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      null,
      h('thead', null, h('tr', null, h('th', null, 'Topic'), h('th', { class: 'hide-sm' }, 'ARN'), h('th', { class: 'num' }, 'Subscriptions'))),
      tbody,
    ),
  );
  const body = h('div', null, table);
  const hint = h('span');
  main.append(
    pageHead({ title: 'Topics', sub: [h('span', null, 'SNS topics in every account and region, with their subscriptions and deliveries.')] }),
    card({ title: 'All topics', hint, body }),
  );

  const render = whenChanged((topics) => {
    hint.textContent = topics.length ? `${topics.length} topic${topics.length === 1 ? '' : 's'}` : '';
    if (topics.length === 0) {
      fill(
        body,
        emptyState({
          iconName: 'broadcast',
          title: 'No topics yet',
          text: 'Create one with any AWS SDK or the AWS CLI; it shows up here at once.',
          command: `aws --endpoint-url ${location.origin} sns create-topic --name events`,
        }),
      );
      return;
    }
    fill(tbody, topics.map(topicRow));
    if (!body.contains(table)) fill(body, table);
  });

  return {
    async refresh() {
      const { topics } = await api('/_wharf/sns/topics');
      render(topics);
    },
    showError(err) {
      if (err.status !== 404) return false;
      fill(body, unavailable());
      return true;
    },
  };
}

function topicRow(t) {
  const href = `#/topics/${encodeURIComponent(t.arn)}`;
  return h(
    'tr',
    { class: 'clickable', onclick: () => (location.hash = href) },
    h(
      'td',
      null,
      h('div', { class: 'cell-name' }, h('a', { href, onclick: (e) => e.stopPropagation() }, t.name), ' ', t.fifo ? badge('FIFO', 'violet') : null),
      h('div', { class: 'cell-sub' }, `${t.accountId} · ${t.region}`),
    ),
    h('td', { class: 'hide-sm mono muted' }, t.arn),
    h('td', { class: 'num' }, formatNumber(t.subscriptionCount)),
  );
}

/** This wharf does not serve the SNS inspection endpoints (an older build). */
export function unavailable() {
  return emptyState({
    iconName: 'broadcast',
    title: 'SNS inspection is not available',
    text: 'This wharf does not serve /_wharf/sns/topics. Queues and streams work as usual.',
  });
}
