import * as api from '../api.js';
import { h, act, badge, date, number, dataTable, select, toast } from '../ui.js';
import { poll } from './poll.js';
import { metricChart } from './charts.js';

const ACTIVE = ['starting', 'running', 'stopping'];

function tableStatistics(arn) {
  const columns = [
    { key: 'schema', label: 'Schema', value: r => r.SchemaName },
    { key: 'table', label: 'Table', value: r => r.TableName },
    { key: 'state', label: 'State', value: r => r.TableState },
    { key: 'rows', label: 'Full load rows', numeric: true, value: r => r.FullLoadRows ?? 0, render: r => number(r.FullLoadRows) },
    { key: 'inserts', label: 'Inserts', numeric: true, value: r => r.Inserts ?? 0, render: r => number(r.Inserts) },
    { key: 'updates', label: 'Updates', numeric: true, value: r => r.Updates ?? 0, render: r => number(r.Updates) },
    { key: 'deletes', label: 'Deletes', numeric: true, value: r => r.Deletes ?? 0, render: r => number(r.Deletes) },
    { key: 'ddls', label: 'DDLs', numeric: true, value: r => r.Ddls ?? 0, render: r => number(r.Ddls) },
    { key: 'start', label: 'Load start', value: r => r.FullLoadStartTime ?? 0, render: r => date(r.FullLoadStartTime) },
    { key: 'end', label: 'Load end', value: r => r.FullLoadEndTime ?? 0, render: r => date(r.FullLoadEndTime) },
    { key: 'validation', label: 'Validation', value: r => r.ValidationState },
  ];
  if (api.supports('ReloadTables')) {
    columns.push({ key: 'reload', label: '', render: r => h('button', { onclick: e => act(e.target, () => api.dms('ReloadTables', {
      ReplicationTaskArn: arn, TablesToReload: [{ SchemaName: r.SchemaName, TableName: r.TableName }] }), `Reload of ${r.SchemaName}.${r.TableName} requested`) }, 'Reload') });
  }
  return dataTable(columns, { id: 'table-statistics', filterPlaceholder: 'Filter tables' });
}

function validationTable() {
  return dataTable([
    { key: 'schema', label: 'Schema', value: r => r.SchemaName },
    { key: 'table', label: 'Table', value: r => r.TableName },
    { key: 'state', label: 'Validation state', value: r => r.ValidationState },
    { key: 'pending', label: 'Pending records', numeric: true, value: r => r.ValidationPendingRecords ?? 0 },
    { key: 'failed', label: 'Failed records', numeric: true, value: r => r.ValidationFailedRecords ?? 0 },
    { key: 'suspended', label: 'Suspended records', numeric: true, value: r => r.ValidationSuspendedRecords ?? 0 },
    { key: 'details', label: 'Details', value: r => r.ValidationStateDetails || '' },
  ], { id: 'validation', filterPlaceholder: 'Filter tables' });
}

function monitoring() {
  const charts = [
    metricChart('CDC latency', ['CDCLatencySource', 'CDCLatencyTarget'], 's'),
    metricChart('Incoming changes', ['CDCIncomingChanges'], 'changes'),
    metricChart('CDC throughput', ['CDCThroughputRowsSource', 'CDCThroughputRowsTarget'], 'rows/s'),
    metricChart('Full load throughput', ['FullLoadThroughputRowsSource'], 'rows/s'),
    metricChart('Change cache', ['CDCChangesMemoryTarget', 'CDCChangesDiskTarget'], 'events'),
  ];
  const window = select('window', [{ value: '15', label: 'last 15 minutes' }, { value: '60', label: 'last hour' },
    { value: '180', label: 'last 3 hours' }, { value: '1440', label: 'last 24 hours' }], '15');
  window.id = 'metrics-window';
  return {
    element: h('div', null, h('div', { class: 'row' }, window,
      h('span', { class: 'muted' }, `Sampled every ${api.current().SampleIntervalSeconds || 5} s while the task runs; kept 24 hours.`)),
      h('div', { class: 'charts' }, charts.map(c => c.element))),
    minutes: () => Number(window.value),
    update: history => charts.forEach(c => c.update(history, Number(window.value))),
  };
}

function logView() {
  const components = h('select', { id: 'log-components', multiple: true, size: 4 });
  const severity = select('severity', [{ value: '', label: 'all severities' }, { value: 'E', label: 'errors' },
    { value: 'W', label: 'warnings and errors' }, { value: 'I', label: 'info and worse' }, { value: 'D', label: 'debug and worse' }], '');
  severity.id = 'log-severity';
  const text = h('input', { type: 'search', id: 'log-text', placeholder: 'Text in the message' });
  const body = h('tbody');
  return {
    element: h('div', null, h('div', { class: 'row' }, h('label', null, 'Components (none selected: all)', components),
      h('label', null, 'Severity', severity), h('label', null, 'Text', text)),
      h('table', { class: 'log', id: 'task-log' }, h('thead', null, h('tr', null, h('th', null, 'Time'), h('th', null, 'Component'), h('th', null, ''), h('th', null, 'Message'))), body)),
    query: () => ({ components: [...components.selectedOptions].map(o => o.value), severity: severity.value, text: text.value.trim() }),
    update(reply) {
      if (!components.options.length) components.replaceChildren(...reply.Components.map(c => h('option', { value: c }, c)));
      body.replaceChildren(...reply.Entries.slice().reverse().map(e => h('tr', { class: 'sev-' + e.Severity },
        h('td', null, new Date(e.Time).toLocaleString()), h('td', null, e.Component), h('td', null, e.Severity), h('td', null, e.Message))));
      if (!reply.Entries.length) body.append(h('tr', null, h('td', { colspan: 4, class: 'muted' }, 'No entry matches')));
    },
  };
}

export function taskPage(app, arn) {
  const title = h('h1', null, 'Task');
  const status = h('span', { id: 'task-status' });
  const progressBar = h('div');
  const progressText = h('span', { id: 'task-progress' });
  const stats = h('div', { class: 'stats' });
  const failure = h('div');
  const buttons = h('div', { class: 'actions', id: 'task-actions' });
  const tables = tableStatistics(arn);
  const validation = validationTable();
  const charts = monitoring();
  const log = logView();
  const settings = h('pre', { class: 'card', id: 'task-settings-view' });
  const tabs = { statistics: tables.element, monitoring: charts.element, log: log.element, validation: validation.element, settings };
  const labels = { statistics: 'Table statistics', monitoring: 'Monitoring', log: 'Log', validation: 'Validation', settings: 'Mappings and settings' };
  let tab = 'statistics';
  const tabBar = h('div', { class: 'tabs' });
  const panel = h('div', { class: 'card' });
  function showTab(name) {
    tab = name;
    tabBar.querySelectorAll('button').forEach(b => b.classList.toggle('active', b.dataset.tab === name));
    panel.replaceChildren(tabs[name]);
    refresh().catch(() => {});
  }
  for (const name of Object.keys(tabs)) tabBar.append(h('button', { 'data-tab': name, onclick: () => showTab(name) }, labels[name]));

  let task = null;
  function action(label, run, enabled, done, danger) {
    return h('button', { class: danger ? 'danger' : null, disabled: !enabled, 'data-action': label,
      onclick: e => act(e.target, async () => { await run(); await refresh(); }, done) }, label);
  }
  function start(type) {
    return () => api.dms('StartReplicationTask', { ReplicationTaskArn: arn, StartReplicationTaskType: type });
  }
  function drawTask(t) {
    task = t;
    title.textContent = 'Task ' + t.ReplicationTaskIdentifier;
    status.replaceChildren(badge(t.Status));
    const s = t.ReplicationTaskStats || {};
    progressBar.style.width = (s.FullLoadProgressPercent || 0) + '%';
    progressText.textContent = ` ${s.FullLoadProgressPercent || 0}% full load`;
    stats.replaceChildren(...[['Migration type', t.MigrationType], ['Tables loaded', s.TablesLoaded ?? 0], ['Loading', s.TablesLoading ?? 0],
      ['Queued', s.TablesQueued ?? 0], ['Errored', s.TablesErrored ?? 0], ['Elapsed', ((s.ElapsedTimeMillis || 0) / 1000).toFixed(0) + ' s'],
      ['Started', date(t.ReplicationTaskStartDate) || '—']].map(([k, v]) => h('div', null, h('span', { class: 'muted' }, k), h('b', null, v))));
    failure.replaceChildren(t.LastFailureMessage ? h('div', { class: 'message error' }, t.LastFailureMessage)
      : t.StopReason ? h('div', { class: 'muted' }, t.StopReason) : '');
    const active = ACTIVE.includes(t.Status);
    const started = Boolean(s.StartDate);
    buttons.replaceChildren(
      action('Start', start('start-replication'), !active && !started, 'Start requested'),
      action('Resume', start('resume-processing'), !active && started, 'Resume requested'),
      action('Reload', start('reload-target'), !active && started, 'Reload of every table requested'),
      action('Stop', () => api.dms('StopReplicationTask', { ReplicationTaskArn: arn }), t.Status === 'running' || t.Status === 'starting', 'Stop requested'),
      action('Delete', async () => {
        if (!confirm(`Delete task ${t.ReplicationTaskIdentifier}?`)) return;
        await api.dms('DeleteReplicationTask', { ReplicationTaskArn: arn });
        location.hash = '#/tasks';
      }, !active, null, true));
    settings.textContent = 'TableMappings\n' + pretty(t.TableMappings) + '\n\nReplicationTaskSettings\n' + pretty(t.ReplicationTaskSettings);
  }

  async function refresh() {
    const reply = await api.dms('DescribeReplicationTasks', { Filters: [{ Name: 'replication-task-arn', Values: [arn] }] });
    drawTask(reply.ReplicationTasks[0]);
    if (tab === 'statistics' || tab === 'validation') {
      const rows = await api.all('DescribeTableStatistics', 'TableStatistics', { ReplicationTaskArn: arn });
      (tab === 'statistics' ? tables : validation).update(rows);
    } else if (tab === 'monitoring') {
      charts.update(await api.taskMetrics(arn, charts.minutes()));
    } else if (tab === 'log') {
      log.update(await api.taskLog(arn, log.query()));
    }
  }

  app.replaceChildren(
    h('div', null, h('a', { href: '#/tasks' }, '← Tasks')),
    h('div', { class: 'row title' }, title, status),
    h('div', { class: 'card' }, h('div', { class: 'row' }, h('div', { class: 'progress' }, progressBar), progressText), stats, failure, buttons,
      api.supports('ReloadTables') ? '' : h('p', { class: 'muted' }, 'Per-table reload needs ReloadTables, which this server does not offer yet.')),
    tabBar, panel);
  showTab('statistics');
  for (const input of [log.element, charts.element]) input.addEventListener('change', () => refresh().catch(error => toast(error.message, true)));
  return poll(refresh, 3000);
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (error) {
    return text || '';
  }
}
