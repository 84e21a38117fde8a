// Governance alerts as a table (overview and topic pages).
import { ago, el, groupHref, pill } from './format.js';

/** In the API's order (newest first); `state` says whether the condition still holds. */
export function alertsTable(alerts, clusterId, emptyText) {
  if (alerts.length === 0) return el('div', { class: 'empty' }, emptyText);
  return el('table', { id: 'alerts-table' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Severity'), el('th', {}, 'Type'), el('th', {}, 'Group'), el('th', {}, 'What'), el('th', {}, 'Opened'), el('th', {}, 'State'))),
    el('tbody', {}, alerts.map((a) =>
      el('tr', { 'data-alert': a.id },
        el('td', {}, pill(a.severity === 'critical' ? 'critical' : a.severity === 'warning' ? 'warning' : 'info', a.severity)),
        el('td', {}, a.type.replace(/_/g, ' ')),
        el('td', {}, el('a', { href: groupHref(a.group_id, clusterId) }, a.group_id), a.topic ? el('span', { class: 'muted' }, ` · ${a.topic}${a.partition === null ? '' : `/${a.partition}`}`) : null),
        el('td', {}, a.message),
        el('td', { title: a.opened_at }, ago(a.opened_at)),
        el('td', {}, pill(a.state)),
      ))));
}
