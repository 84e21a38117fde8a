// Group detail: live lag over the WebSocket, history from the snapshots, members, partitions and verdicts.
import { getJson, liveSocket } from '../api.js';
import { appendPoint, COLOURS, lineChart, replacePoints } from '../charts.js';
import { card, clock, count, duration, el, fixed, percent, pill, sloTone, topicHref } from '../format.js';

const INTERVALS = [1, 2, 5, 10, 30];
const RANGES = [{ label: '1 h', ms: 3_600_000 }, { label: '6 h', ms: 21_600_000 }, { label: '24 h', ms: 86_400_000 }, { label: '7 d', ms: 604_800_000 }];
/** Close codes after which reconnecting cannot help (bad parameter, token, unknown group). */
const FINAL_CLOSE = new Set([4400, 4401, 4403, 4404]);

function membersTable(members, clusterId) {
  if (members.length === 0) return el('div', { class: 'empty' }, 'No members: nothing consumes for this group right now.');
  return el('table', { id: 'members-table' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Member'), el('th', {}, 'Client'), el('th', {}, 'Host'), el('th', { class: 'num' }, 'Partitions'), el('th', {}, 'Assignment'))),
    el('tbody', {}, members.map((m) =>
      el('tr', { 'data-member': m.member_id },
        el('td', { class: 'mono' }, m.member_id),
        el('td', {}, m.client_id),
        el('td', { class: 'mono' }, m.host),
        el('td', { class: 'num' }, m.partition_count === 0 ? pill('WARN', '0') : count(m.partition_count)),
        el('td', { class: 'tags' }, m.assignment.map((a) => el('span', {}, el('a', { href: topicHref(a.topic, clusterId) }, a.topic), ` ${a.partitions.join(', ')}`))),
      ))));
}

function partitionsTable(partitions, clusterId) {
  if (partitions.length === 0) return el('div', { class: 'empty' }, 'No partitions.');
  const sorted = [...partitions].sort((a, b) => (a.verdict === 'OK') - (b.verdict === 'OK') || (b.lag ?? -1) - (a.lag ?? -1));
  return el('table', { id: 'partitions-table' },
    el('thead', {}, el('tr', {},
      el('th', {}, 'Topic'), el('th', { class: 'num' }, 'Partition'), el('th', { class: 'num' }, 'Committed'), el('th', { class: 'num' }, 'End'),
      el('th', { class: 'num' }, 'Lag'), el('th', { class: 'num' }, 'Time lag'), el('th', {}, 'Verdict'), el('th', {}, 'Evidence'), el('th', {}, 'Owner'))),
    el('tbody', {}, sorted.map((p) =>
      el('tr', { 'data-partition': `${p.topic}/${p.partition}` },
        el('td', {}, el('a', { href: topicHref(p.topic, clusterId) }, p.topic)),
        el('td', { class: 'num' }, p.partition),
        el('td', { class: 'num' }, p.has_commit ? count(p.committed_offset) : el('span', { class: 'muted', title: 'no committed offset: left out of the lag statistics' }, 'no commit')),
        el('td', { class: 'num' }, count(p.end_offset)),
        el('td', { class: 'num' }, count(p.lag), p.data_lost_to_retention ? el('span', { class: 'pill crit', title: 'the commit is below the log start: records were deleted before this group read them' }, ' lost') : null),
        el('td', { class: 'num', title: p.time_lag_unknown_reason ?? p.lag_unknown_reason ?? '' }, duration(p.time_lag_ms)),
        el('td', {}, pill(p.verdict)),
        el('td', { class: 'muted' }, p.evidence?.reason ?? ''),
        el('td', { class: 'mono' }, p.client_id ? `${p.client_id} ${p.host ?? ''}` : '—'),
      ))));
}

function describeChanges(changes) {
  const lines = [];
  if (changes.state) lines.push(['warn', `state ${changes.state.from} → ${changes.state.to}`]);
  if (changes.generation) lines.push(['info', `generation ${changes.generation.from ?? '?'} → ${changes.generation.to ?? '?'}`]);
  for (const id of changes.members_joined) lines.push(['ok', `member joined: ${id}`]);
  for (const id of changes.members_left) lines.push(['crit', `member left: ${id}`]);
  for (const id of changes.members_reassigned) lines.push(['info', `partitions moved: ${id}`]);
  return lines;
}

export function renderGroup(root, { clusterId, groupId, params, debug }) {
  let disposed = false;
  let socket;
  let reconnectTimer;
  let interval = Number(params.get('interval')) || 2;
  let range = RANGES[0];
  let lastDetail = { collected_at: null };
  const charts = [];

  const title = el('h1', {}, groupId, el('span', { class: 'sub' }, `cluster ${clusterId}`));
  const recommendation = el('div');
  const cards = el('section', { class: 'cards', id: 'group-cards' });
  const liveStatus = el('span', { class: 'muted', id: 'live-status' }, 'connecting…');
  const intervalSelect = el('select', { 'aria-label': 'push interval', onchange: (e) => { interval = Number(e.target.value); connect(); } },
    INTERVALS.map((s) => el('option', { value: s, selected: s === interval }, `every ${s} s`)));
  const rangeSelect = el('select', { 'aria-label': 'history range', onchange: (e) => { range = RANGES[Number(e.target.value)]; void loadHistory(); } },
    RANGES.map((r, i) => el('option', { value: i }, `last ${r.label}`)));
  const liveCanvas = el('canvas', { id: 'live-chart' });
  const historyCanvas = el('canvas', { id: 'history-chart' });
  const historyNote = el('span', { class: 'muted' });
  const events = el('ul', { class: 'events', id: 'live-events' }, el('li', { class: 'none' }, 'No member or state change since this page opened.'));
  const membersHost = el('div', { class: 'table-wrap' });
  const partitionsHost = el('div', { class: 'table-wrap' });
  const info = el('dl', { class: 'kv' });

  root.replaceChildren(
    el('p', {}, el('a', { href: '#/' }, '← all groups')),
    title, recommendation, cards,
    el('div', { class: 'grid-2' },
      el('section', { class: 'panel' }, el('div', { class: 'panel-head' }, el('h2', {}, 'Live lag'), el('span', {}, liveStatus, ' ', intervalSelect)), el('div', { class: 'chart-box' }, liveCanvas)),
      el('section', { class: 'panel' }, el('div', { class: 'panel-head' }, el('h2', {}, 'History (snapshots)'), el('span', {}, historyNote, ' ', rangeSelect)), el('div', { class: 'chart-box' }, historyCanvas)),
    ),
    el('div', { class: 'grid-2' },
      el('section', { class: 'panel' }, el('div', { class: 'panel-head' }, el('h2', {}, 'Members and assignments')), membersHost),
      el('section', { class: 'panel' },
        el('div', { class: 'panel-head' }, el('h2', {}, 'Group')), info,
        el('h2', { style: 'margin-top:1rem' }, 'Changes seen live'), events),
    ),
    el('section', { class: 'panel' }, el('div', { class: 'panel-head' }, el('h2', {}, 'Partitions and verdicts')), partitionsHost),
  );

  const live = lineChart(liveCanvas, [
    { label: 'total lag', colour: COLOURS.total, fill: true },
    { label: 'max partition lag', colour: COLOURS.max },
    { label: 'members', colour: COLOURS.members, axis: 'right', stepped: true },
  ], { rightTitle: 'members' });
  const history = lineChart(historyCanvas, [
    { label: 'total lag', colour: COLOURS.total, fill: true },
    { label: 'P95 lag', colour: COLOURS.p95 },
    { label: 'SLO compliance %', colour: COLOURS.slo, axis: 'right' },
  ], { rightTitle: 'SLO %' });
  charts.push(live, history);
  debug.liveChart = live;

  /**
   * What the total covers. A Kafka partition without a commit has no lag; a Redis stream always has its group's
   * position, and its lag is unknown only when Redis cannot count the entries after it (XINFO lag nil).
   */
  function lagCoverage(detail) {
    const known = `${detail.partitions_with_commit}/${detail.partitions_total}`;
    return detail.source === 'redis' ? `${known} streams with a known lag` : `${known} partitions with a commit`;
  }

  function drawSummary(detail, health) {
    title.replaceChildren(groupId, ' ', pill(detail.state), ' ', health ? pill(health.health) : null, el('span', { class: 'sub' }, `cluster ${clusterId} · ${detail.source}`));
    const thresholds = health?.thresholds;
    cards.replaceChildren(
      card('Total lag', count(detail.total_lag), { tone: 'info', hint: lagCoverage(detail), id: 'total-lag' }),
      card('P95 / max lag', `${count(detail.lag_p95)} / ${count(detail.lag_max)}`, { hint: `P50 ${count(detail.lag_p50)}`, id: 'p95' }),
      card('Max time lag', duration(detail.time_lag_max_ms), { hint: `P95 ${duration(detail.time_lag_p95_ms)}`, id: 'time-lag' }),
      card('SLO compliance', percent(health?.slo_compliance), { tone: sloTone(health?.slo_compliance, thresholds?.slo_compliance_min), hint: thresholds ? `target ≥ ${percent(thresholds.slo_compliance_min)}` : '', id: 'slo' }),
      card('Rebalance score', health?.rebalance_score === null || health?.rebalance_score === undefined ? '—' : Math.round(health.rebalance_score), { tone: health?.rebalance_score === null || health?.rebalance_score === undefined ? '' : health.rebalance_score >= (thresholds?.rebalance_score_min ?? 70) ? 'ok' : 'warn', hint: `min ${thresholds?.rebalance_score_min ?? 70}`, id: 'rebalance' }),
      card('Fairness (Gini)', fixed(health?.fairness_gini), { tone: health && health.fairness_gini > (thresholds?.fairness_gini_max ?? 0.3) ? 'warn' : 'ok', hint: `max ${thresholds?.fairness_gini_max ?? 0.3}`, id: 'gini' }),
      card('Stuck partitions', count(health?.stuck_count ?? 0), { tone: health?.stuck_count ? 'crit' : 'ok', hint: thresholds ? `window ${duration(thresholds.stuck_detection_window_s * 1000)}` : '', id: 'stuck' }),
      card('Members', count(detail.members_count), { tone: detail.members_count ? '' : 'warn', id: 'members' }),
    );
    const banner = { healthy: 'ok', warning: 'warn', critical: 'crit' }[health?.health] ?? '';
    const headline = health?.recommendation ? 'Recommendation' : !health ? 'Health unknown' : banner === 'ok' ? 'Healthy' : 'Needs attention';
    const text = health?.recommendation ?? (!health ? 'No health summary for this group yet.' : banner === 'ok' ? 'Nothing to act on.' : `Health is ${health.health}: see the cards and the partition verdicts below.`);
    recommendation.replaceChildren(el('div', { class: `banner ${banner}`, id: 'recommendation' }, el('strong', {}, headline), text));
    info.replaceChildren(
      el('dt', {}, 'Assignor'), el('dd', {}, detail.partition_assignor || '—'),
      el('dt', {}, 'Generation'), el('dd', {}, detail.generation ?? '—'),
      el('dt', {}, 'Topics'), el('dd', { class: 'tags' }, detail.topics.map((t) => el('a', { href: topicHref(t, clusterId) }, t))),
      el('dt', {}, 'Status'), el('dd', {}, pill(detail.status)),
      el('dt', {}, 'Collected'), el('dd', {}, clock(detail.collected_at)),
    );
  }

  async function loadDetail(fresh = false) {
    const [detail, health] = await Promise.all([
      getJson(`/groups/${encodeURIComponent(groupId)}`, { cluster_id: clusterId }, { fresh }),
      getJson(`/groups/${encodeURIComponent(groupId)}/health`, { cluster_id: clusterId }, { fresh }).catch(() => undefined),
    ]);
    if (disposed) return;
    lastDetail = detail;
    drawSummary(detail, health);
    membersHost.replaceChildren(membersTable(detail.members, clusterId));
    partitionsHost.replaceChildren(partitionsTable(detail.partitions, clusterId));
  }

  async function loadHistory() {
    const to = new Date();
    const from = new Date(to.getTime() - range.ms);
    try {
      const body = await getJson(`/groups/${encodeURIComponent(groupId)}/history`, { cluster_id: clusterId, from: from.toISOString(), to: to.toISOString() });
      const points = body.points;
      if (disposed) return;
      historyNote.textContent = `${points.length} snapshots`;
      replacePoints(history, points.map((p) => clock(p.captured_at)), [
        points.map((p) => p.total_lag),
        points.map((p) => p.lag_p95),
        points.map((p) => (p.slo_compliance === null ? null : p.slo_compliance * 100)),
      ]);
      debug.historyPoints = points.length;
    } catch (error) {
      historyNote.textContent = `history unavailable: ${error.message}`;
    }
  }

  function onFrame(frame) {
    debug.liveFrames.push({ sequence: frame.sequence, total_lag: frame.total_lag, state: frame.state, members_count: frame.members_count, changes: frame.changes });
    appendPoint(live, clock(frame.sent_at), [frame.total_lag, frame.lag_max, frame.members_count]);
    liveStatus.replaceChildren(el('span', { class: 'dot live' }), `live · snapshot ${clock(frame.collected_at)}`);
    for (const [toneName, text] of describeChanges(frame.changes)) {
      events.querySelector('li.none')?.remove();
      events.prepend(el('li', {}, el('time', {}, clock(frame.sent_at)), el('span', { class: `pill ${toneName}` }, text)));
    }
    // A new snapshot behind the frame: re-read the detail (offsets, evidence, health) it summarises.
    if (frame.collected_at !== lastDetail.collected_at) void loadDetail(true).catch(debug.onError);
  }

  function connect() {
    clearTimeout(reconnectTimer);
    if (socket) {
      socket.onclose = null;
      socket.close();
    }
    socket = liveSocket(groupId, clusterId, interval);
    debug.socket = socket;
    socket.onmessage = (message) => onFrame(JSON.parse(message.data));
    socket.onclose = (event) => {
      if (disposed) return;
      const final = FINAL_CLOSE.has(event.code);
      liveStatus.replaceChildren(el('span', { class: 'dot crit' }), final ? `closed: ${event.reason}` : 'disconnected, retrying…');
      debug.liveClosed = { code: event.code, reason: event.reason };
      if (event.code === 4401 || event.code === 4403) debug.onError({ status: event.code - 4000, message: event.reason });
      if (!final) reconnectTimer = setTimeout(connect, 3000);
    };
  }

  loadDetail().catch(debug.onError);
  void loadHistory();
  connect();
  const historyTimer = setInterval(loadHistory, 10_000);

  return () => {
    disposed = true;
    clearTimeout(reconnectTimer);
    clearInterval(historyTimer);
    if (socket) {
      socket.onclose = null;
      socket.close();
    }
    charts.forEach((c) => c.destroy());
  };
}
