// #/streams: every Kinesis data stream with its status, mode, shards and consumers.
import { api, resourcePath } from '../api.js';
import { badge, card, emptyState, fill, h, pageHead, skeletonRows, timeCell, whenChanged } from '../dom.js';

export function mountStreams(main) {
  const tbody = h('tbody', null, skeletonRows(5));
  const head = h(
    'tr',
    null,
    h('th', null, 'Stream'),
    h('th', null, 'Status'),
    h('th', { class: 'hide-sm' }, 'Mode'),
    h('th', { class: 'num' }, 'Open shards'),
    h('th', { class: 'num hide-sm' }, 'Retention'),
    h('th', { class: 'num hide-sm' }, 'Consumers'),
    h('th', { class: 'hide-sm' }, 'Created'),
  );
  const table = h('div', { class: 'table-wrap' }, h('table', null, h('thead', null, head), tbody));
  const body = h('div', null, table);
  const hint = h('span');
  main.append(
    pageHead({ title: 'Streams', sub: [h('span', null, 'Kinesis data streams in every account and region, with their shards and records.')] }),
    card({ title: 'All streams', hint, body }),
  );

  const render = whenChanged((streams) => {
    hint.textContent = streams.length ? `${streams.length} stream${streams.length === 1 ? '' : 's'}` : '';
    if (streams.length === 0) {
      fill(
        body,
        emptyState({
          iconName: 'waves',
          title: 'No streams yet',
          text: 'Create one with any AWS SDK or the AWS CLI; it shows up here at once.',
          command: `aws --endpoint-url ${location.origin} kinesis create-stream --stream-name events --shard-count 2`,
        }),
      );
      return;
    }
    fill(tbody, streams.map(streamRow));
    if (!body.contains(table)) fill(body, table);
  });

  return {
    async refresh() {
      const { streams } = await api('/_wharf/kinesis/streams');
      render(streams);
    },
  };
}

export const STATUS_COLORS = { ACTIVE: 'green', CREATING: 'blue', UPDATING: 'amber', DELETING: 'red' };

function streamRow(s) {
  const href = `#/streams/${resourcePath(s)}`;
  return h(
    'tr',
    { class: 'clickable', onclick: () => (location.hash = href) },
    h(
      'td',
      null,
      h('div', { class: 'cell-name' }, h('a', { href, onclick: (e) => e.stopPropagation() }, s.name)),
      h('div', { class: 'cell-sub' }, `${s.accountId} · ${s.region}`),
    ),
    h('td', null, badge(s.status, STATUS_COLORS[s.status], { dot: true })),
    h('td', { class: 'hide-sm' }, modeLabel(s.mode)),
    h('td', { class: 'num' }, s.openShardCount, s.shardCount !== s.openShardCount ? h('span', { class: 'muted' }, ` / ${s.shardCount}`) : null),
    h('td', { class: 'num hide-sm' }, `${s.retentionHours} h`),
    h('td', { class: 'num hide-sm' }, s.consumers.length),
    h('td', { class: 'hide-sm' }, timeCell(s.createdAt)),
  );
}

export function modeLabel(mode) {
  return mode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned';
}
