// #/streams/<account>/<region>/<name>: one stream's shards (hash key ranges, lineage, record
// counts), consumers and records, with put record.
import { api, resourcePath } from '../api.js';
import { field, formValues, openDialog } from '../dialog.js';
import {
  badge,
  card,
  changed,
  copyButton,
  emptyState,
  exactTime,
  fill,
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
import { modeLabel, STATUS_COLORS } from './streams.js';

const PAGE = 50;
const MAX_RECORDS = 1000;
const KEYSPACE = 2n ** 128n;

export function mountStream(main, key) {
  const base = `/_wharf/kinesis/streams/${resourcePath(key)}`;
  const head = h('div', null, pageHead({ crumbs: [{ label: 'Streams', href: '#/streams' }], title: key.name }));
  const stats = h('div', { class: 'stats' });
  const consumers = h('div');
  const shardsBody = h('div', null, h('table', null, h('tbody', null, skeletonRows(5, 2))));
  const recordsBody = h('div', null, h('table', null, h('tbody', null, skeletonRows(4, 3))));
  const shardTabs = h('div', { class: 'tabs', role: 'tablist' });
  const recordsFoot = h('div');
  const recordsHint = h('span');
  main.append(
    head,
    stats,
    consumers,
    card({ title: 'Shards', body: shardsBody }),
    card({ title: 'Records', hint: recordsHint, extra: shardTabs, body: h('div', null, recordsBody, recordsFoot) }),
  );

  let shards = [];
  let selected;
  let limit = PAGE;
  let records = [];
  let recordsKey;
  const expanded = new Set();

  const select = (shardId) => {
    if (selected === shardId) return;
    selected = shardId;
    limit = PAGE;
    recordsKey = undefined;
    expanded.clear();
    drawShards();
    changed();
  };

  const renderStream = whenChanged(({ stream, shards: list }) => {
    shards = list;
    if (!selected || !shards.some((s) => s.shardId === selected)) selected = (shards.find((s) => s.open) ?? shards[0])?.shardId;
    const sub = [
      h('span', null, h('span', { class: 'mono' }, stream.arn), copyButton(stream.arn, 'Copy ARN')),
      h('span', null, `${stream.accountId} · ${stream.region}`),
    ];
    const actions = [h('button', { class: 'btn primary', type: 'button', onclick: () => putDialog(base, stream, select) }, icon('plus'), 'Put record')];
    fill(
      head,
      pageHead({
        crumbs: [{ label: 'Streams', href: '#/streams' }, { label: `${stream.accountId} · ${stream.region}` }],
        title: stream.name,
        badges: [badge(stream.status, STATUS_COLORS[stream.status], { dot: true })],
        sub,
        actions,
      }),
    );
    fill(
      stats,
      stat('Mode', modeLabel(stream.mode)),
      stat('Open shards', `${stream.openShardCount}${stream.shardCount !== stream.openShardCount ? ` / ${stream.shardCount}` : ''}`),
      stat('Records', formatNumber(shards.reduce((n, s) => n + s.recordCount, 0))),
      stat('Retention', `${stream.retentionHours} h`),
      stat('Consumers', String(stream.consumers.length)),
    );
    fill(consumers, stream.consumers.length ? consumersCard(stream.consumers) : null);
    drawShards();
  });

  function drawShards() {
    if (shards.length === 0) {
      fill(shardsBody, emptyState({ compact: true, iconName: 'waves', title: 'No shards', text: 'This stream has no shards within its retention period.' }));
      fill(shardTabs);
      return;
    }
    const headRow = h(
      'tr',
      null,
      h('th', null, 'Shard'),
      h('th', null, 'State'),
      h('th', { class: 'hide-sm' }, 'Parents'),
      h('th', null, 'Hash key range'),
      h('th', { class: 'num' }, 'Records'),
    );
    fill(
      shardsBody,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          null,
          h('thead', null, headRow),
          h(
            'tbody',
            null,
            shards.map((s) => shardRow(s, s.shardId === selected, () => select(s.shardId))),
          ),
        ),
      ),
    );
    fill(
      shardTabs,
      shards.map((s) =>
        h(
          'button',
          {
            class: `tab${s.shardId === selected ? ' active' : ''}`,
            type: 'button',
            role: 'tab',
            'aria-selected': String(s.shardId === selected),
            onclick: () => select(s.shardId),
          },
          `shard ${Number(s.shardId.split('-')[1])}`,
        ),
      ),
    );
  }

  function drawRecords(page) {
    records = page.records;
    const total = shards.find((s) => s.shardId === selected)?.recordCount ?? 0;
    recordsHint.textContent = `${selected} · ${records.length < total ? `oldest ${formatNumber(records.length)} of ${formatNumber(total)}` : `${formatNumber(total)} record${total === 1 ? '' : 's'}`}`;
    if (records.length === 0) {
      fill(
        recordsBody,
        emptyState({
          compact: true,
          iconName: 'waves',
          title: 'No records in this shard',
          text: 'Records put to the stream land in the shard that owns their partition key’s hash.',
        }),
      );
      fill(recordsFoot);
      return;
    }
    const headRow = h(
      'tr',
      null,
      h('th', null, 'Sequence number'),
      h('th', null, 'Partition key'),
      h('th', { class: 'hide-sm' }, 'Arrived'),
      h('th', null, 'Data'),
    );
    const rows = records.flatMap((r) => recordRows(r, expanded.has(r.sequenceNumber), () => toggle(r.sequenceNumber)));
    fill(recordsBody, h('div', { class: 'table-wrap' }, h('table', null, h('thead', null, headRow), h('tbody', null, rows))));
    const more = page.nextFrom && limit < MAX_RECORDS;
    fill(
      recordsFoot,
      more
        ? h(
            'div',
            { class: 'card-foot' },
            h('button', { class: 'btn small', type: 'button', onclick: () => ((limit = Math.min(limit + PAGE, MAX_RECORDS)), changed()) }, 'Load more'),
          )
        : null,
    );
  }

  const toggle = (sequenceNumber) => {
    if (!expanded.delete(sequenceNumber)) expanded.add(sequenceNumber);
    recordsKey = undefined;
    changed();
  };

  return {
    async refresh() {
      const detail = await api(base);
      renderStream(detail);
      if (!selected) return;
      const page = await api(`${base}/shards/${encodeURIComponent(selected)}/records?limit=${limit}`);
      const nextKey = JSON.stringify([selected, page, [...expanded]]);
      if (nextKey !== recordsKey) {
        recordsKey = nextKey;
        drawRecords(page);
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
            iconName: 'waves',
            title: 'Stream not found',
            text: `There is no stream ${key.name} in account ${key.accountId}, region ${key.region}. It may have been deleted.`,
          }),
          h('div', { class: 'card-foot' }, h('a', { href: '#/streams' }, '← All streams')),
        ),
      );
      return true;
    },
  };
}

function shardRow(s, isSelected, select) {
  const start = BigInt(s.hashKeyRange.startingHashKey);
  const end = BigInt(s.hashKeyRange.endingHashKey);
  const left = Number((start * 10000n) / KEYSPACE) / 100;
  const width = Number(((end - start + 1n) * 10000n) / KEYSPACE) / 100;
  const parents = [s.parentShardId, s.adjacentParentShardId].filter(Boolean);
  return h(
    'tr',
    { class: `clickable${isSelected ? ' selected' : ''}`, onclick: select },
    h('td', { class: 'mono' }, s.shardId),
    h('td', null, s.open ? badge('Open', 'green', { dot: true }) : badge('Closed')),
    h('td', { class: 'hide-sm mono muted' }, parents.length ? parents.join(', ') : '—'),
    h(
      'td',
      null,
      h(
        'div',
        { class: 'keyspace', title: `${s.hashKeyRange.startingHashKey} – ${s.hashKeyRange.endingHashKey}` },
        h('span', { style: { left: `${left}%`, width: `${width}%` } }),
      ),
      h('div', { class: 'cell-sub' }, `${width.toFixed(width < 10 ? 2 : 1)}% of the key space`),
    ),
    h('td', { class: 'num' }, formatNumber(s.recordCount)),
  );
}

function recordRows(r, isExpanded, toggle) {
  const bytes = atob(r.data).length;
  const preview =
    r.text !== undefined ? h('div', { class: 'truncate mono' }, r.text) : h('span', { class: 'muted' }, badge('binary'), ` ${formatNumber(bytes)} bytes`);
  const row = h(
    'tr',
    { class: `clickable${isExpanded ? ' expanded' : ''}`, onclick: toggle, 'aria-expanded': String(isExpanded) },
    h('td', { class: 'nowrap mono', title: r.sequenceNumber }, h('span', { class: 'caret' }, '▸'), `…${r.sequenceNumber.slice(-12)}`),
    h('td', { class: 'mono' }, r.partitionKey),
    h('td', { class: 'hide-sm' }, timeCell(r.approximateArrivalTimestamp)),
    h('td', null, preview),
  );
  if (!isExpanded) return [row];
  const content =
    r.text !== undefined
      ? [h('h3', null, 'Data (UTF-8) ', copyButton(r.text, 'Copy data')), h('pre', { class: 'code' }, prettyBody(r.text))]
      : [h('h3', null, 'Data (hex) ', copyButton(r.data, 'Copy as base64')), h('pre', { class: 'code' }, hexDump(r.data))];
  const facts = [
    ['Sequence number', r.sequenceNumber],
    ['Partition key', r.partitionKey],
    ['Arrived', exactTime(r.approximateArrivalTimestamp)],
    ['Size', `${formatNumber(bytes)} bytes`],
  ];
  const detail = h(
    'div',
    { class: 'detail' },
    h('div', null, content),
    h(
      'div',
      null,
      h('h3', null, 'Details'),
      h(
        'dl',
        { class: 'kv' },
        facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', { class: typeof v === 'string' ? 'mono' : '' }, v)]),
      ),
    ),
  );
  return [row, h('tr', { class: 'detail-row' }, h('td', { colspan: 4 }, detail))];
}

/** 16 bytes a line, offsets on the left; the first 4 KiB, which is what a person reads. */
function hexDump(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const lines = [];
  for (let at = 0; at < Math.min(bytes.length, 4096); at += 16) {
    const row = [...bytes.subarray(at, at + 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    lines.push(`${at.toString(16).padStart(6, '0')}  ${row}`);
  }
  if (bytes.length > 4096) lines.push(`… ${formatNumber(bytes.length - 4096)} more bytes`);
  return lines.join('\n');
}

function consumersCard(list) {
  const rows = list.map((c) =>
    h(
      'tr',
      null,
      h('td', { class: 'cell-name' }, c.name),
      h('td', null, badge(c.status, STATUS_COLORS[c.status], { dot: true })),
      h('td', { class: 'hide-sm mono muted' }, c.arn),
      h('td', { class: 'hide-sm' }, timeCell(c.createdAt)),
    ),
  );
  const headRow = h(
    'tr',
    null,
    h('th', null, 'Consumer'),
    h('th', null, 'Status'),
    h('th', { class: 'hide-sm' }, 'ARN'),
    h('th', { class: 'hide-sm' }, 'Registered'),
  );
  return card({
    title: 'Enhanced fan-out consumers',
    body: h('div', { class: 'table-wrap' }, h('table', null, h('thead', null, headRow), h('tbody', null, rows))),
  });
}

function putDialog(base, stream, select) {
  const encoding = h(
    'div',
    { class: 'segmented', role: 'radiogroup', 'aria-label': 'Data encoding' },
    h('label', null, h('input', { type: 'radio', name: 'encoding', value: 'text', checked: true }), 'Text'),
    h('label', null, h('input', { type: 'radio', name: 'encoding', value: 'base64' }), 'Base64'),
  );
  openDialog({
    title: `Put a record to ${stream.name}`,
    description: 'Put as PutRecord would be: the partition key’s hash picks the shard.',
    fields: [
      field('Partition key', h('input', { name: 'partitionKey', required: true, placeholder: 'user-42' })),
      field('Data', h('textarea', { name: 'data', placeholder: '{"page": "/checkout"}' })),
      encoding,
      field('Explicit hash key', h('input', { name: 'explicitHashKey', placeholder: 'optional, 0 to 2^128 − 1', inputmode: 'numeric' })),
    ],
    submitLabel: 'Put record',
    async onSubmit(form) {
      const v = formValues(form);
      const body = { partitionKey: v.partitionKey ?? '' };
      if (v.encoding === 'base64') body.data = (v.data ?? '').replace(/\s+/g, '');
      else body.text = v.data ?? '';
      if (v.explicitHashKey) body.explicitHashKey = v.explicitHashKey;
      const put = await api(`${base}/records`, { method: 'POST', body });
      toast({ kind: 'success', title: `Record put in ${put.shardId}`, text: put.sequenceNumber });
      select(put.shardId);
      changed();
    },
  });
}
