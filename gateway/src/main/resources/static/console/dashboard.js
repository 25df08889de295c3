// UI-2: the HQ dashboard, drilling group -> region -> branch -> salesperson. Every figure comes from the
// sales-service reports through the gateway (/console/api/** carries the session; the gateway relays the token).
import { api, fillTable, text } from './api.js';
import { language, t } from './i18n.js';
import { percent, shanghaiTime, units, yuan } from './format.js';

const REFRESH_MS = 5000;
const CHILD = { GROUP: 'REGION', REGION: 'BRANCH', BRANCH: 'SALESPERSON', SALESPERSON: null };
const state = { me: null, trail: [], base: '/console/api/sales/reports', timer: null, charts: {}, loaded: () => {}, extrasFor: null };
const CLASSES = ['VIP', 'FIRST_CLASS', 'SECOND_CLASS', 'OTHER'];

function unit() {
  return state.trail[state.trail.length - 1];
}

function query(extra) {
  const { level, unitId } = unit();
  return '?level=' + level + '&unitId=' + encodeURIComponent(unitId) + (extra ?? '');
}

function chart(id) {
  if (!state.charts[id] && window.echarts) {
    state.charts[id] = window.echarts.init(document.getElementById(id));
  }
  return state.charts[id];
}

function renderCrumbs() {
  const nav = document.getElementById('crumbs');
  nav.replaceChildren();
  state.trail.forEach((step, index) => {
    if (index > 0) {
      nav.append(' › ');
    }
    const label = t(step.level) + ' ' + (step.level === 'GROUP' ? '' : step.unitId);
    if (index === state.trail.length - 1) {
      const current = document.createElement('strong');
      current.id = 'unit';
      current.textContent = label;
      current.setAttribute('aria-current', 'page');
      nav.append(current);
    } else {
      const back = document.createElement('button');
      back.type = 'button';
      back.textContent = label;
      back.addEventListener('click', () => { state.trail = state.trail.slice(0, index + 1); refresh(); });
      nav.append(back);
    }
  });
}

function renderAttainment(report) {
  for (const [key, line] of [['month', report.month], ['qtd', report.quarterToDate], ['ytd', report.yearToDate]]) {
    text('kpi-' + key + '-actual', yuan(line.actualFen));
    text('kpi-' + key + '-task', yuan(line.taskFen));
    text('kpi-' + key + '-taskpct', percent(line.taskAttainmentPercent));
    text('kpi-' + key + '-target', yuan(line.targetFen));
    text('kpi-' + key + '-targetpct', percent(line.targetAttainmentPercent));
    text('kpi-' + key + '-units', units(line.units));
  }
  text('as-of', report.asOf + ' (Asia/Shanghai)');
  chart('chart-schedule')?.setOption({
    tooltip: { trigger: 'axis', valueFormatter: v => yuan(Math.round(v * 100)) },
    legend: { data: [t('actual'), t('task'), t('target')] },
    grid: { left: 100 },
    xAxis: { type: 'category', data: report.months.map(m => m.period) },
    yAxis: { type: 'value', name: '¥' },
    series: [
      { name: t('actual'), type: 'bar', data: report.months.map(m => m.actualFen / 100) },
      { name: t('task'), type: 'line', data: report.months.map(m => m.taskFen / 100) },
      { name: t('target'), type: 'line', data: report.months.map(m => m.targetFen / 100) }
    ]
  }, true);
}

function renderYearOverYear(report) {
  text('yoy-current', yuan(report.total.currentFen));
  text('yoy-previous', yuan(report.total.previousFen));
  text('yoy-growth', percent(report.total.growthPercent));
  chart('chart-yoy')?.setOption({
    tooltip: { trigger: 'axis', valueFormatter: v => yuan(Math.round(v * 100)) },
    legend: { data: [t('thisYear'), t('lastYear')] },
    grid: { left: 100 },
    xAxis: { type: 'category', data: report.months.map(m => m.period) },
    yAxis: { type: 'value', name: '¥' },
    series: [
      { name: t('thisYear'), type: 'bar', data: report.months.map(m => m.currentFen / 100) },
      { name: t('lastYear'), type: 'bar', data: report.months.map(m => m.previousFen / 100) }
    ]
  }, true);
}

function drill(key) {
  const child = CHILD[unit().level];
  if (child) {
    state.trail.push({ level: child, unitId: key });
    refresh();
  }
}

function renderRanking(summary) {
  const rows = summary.byChild ?? [];
  const list = document.getElementById('ranking');
  list.replaceChildren(...rows.map(row => {
    const item = document.createElement('li');
    const name = document.createElement(CHILD[unit().level] ? 'button' : 'span');
    name.textContent = row.key;
    name.dataset.unit = row.key;
    if (name.tagName === 'BUTTON') {
      name.type = 'button';
      name.addEventListener('click', () => drill(row.key));
    }
    item.append(name, ' ', yuan(row.amountFen), ' · ', units(row.units) + ' ' + t('units'));
    return item;
  }));
  const ranking = chart('chart-ranking');
  if (ranking) {
    ranking.setOption({
      tooltip: { trigger: 'axis', valueFormatter: v => yuan(Math.round(v * 100)) },
      grid: { left: 110 },
      xAxis: { type: 'value', name: '¥' },
      yAxis: { type: 'category', inverse: true, data: rows.map(r => r.key) },
      series: [{ name: t('actual'), type: 'bar', data: rows.map(r => r.amountFen / 100) }]
    }, true);
    ranking.off('click');
    ranking.on('click', params => drill(params.name));
  }
}

function renderMarket(report) {
  const section = document.getElementById('market');
  if (!report) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  text('market-share', percent(report.total.sharePercent));
  text('market-own', units(report.total.ownUnits));
  text('market-units', units(report.total.marketUnits));
  const byRegion = {};
  for (const line of report.lines) {
    if (!line.marketMissing) {
      const sum = byRegion[line.regionId] ?? { own: 0, market: 0 };
      sum.own += Number(line.ownUnits);
      sum.market += Number(line.marketUnits);
      byRegion[line.regionId] = sum;
    }
  }
  const regions = Object.keys(byRegion).sort();
  chart('chart-market')?.setOption({
    tooltip: {},
    xAxis: { type: 'category', data: regions },
    yAxis: { type: 'value', name: '%' },
    series: [{ type: 'bar', name: t('share'),
      data: regions.map(r => byRegion[r].market ? Math.round(10000 * byRegion[r].own / byRegion[r].market) / 100 : 0) }]
  }, true);
}

/**
 * UI-2's after-sales side, loaded when the unit changes (not on every poll): the after-sales KPIs of the month per
 * branch with the reminder funnel (reminded -> came in) and open complaints (AFT-7, /api/aftersales/kpis), and the
 * customer class distribution (CUS-3: the customer search's totals per class). HQ and branch managers only.
 */
async function renderExtras(seq, summary) {
  const section = document.getElementById('aftersales');
  const { level, unitId } = unit();
  const roles = state.me.roles;
  if (!(roles.includes('HQ') || roles.includes('BRANCH_MANAGER')) || level === 'SALESPERSON') {
    section.hidden = true;
    document.getElementById('classes').hidden = true;
    return;
  }
  if (state.extrasFor === seq) {
    return;
  }
  const branchParam = level === 'BRANCH' ? '&branchId=' + encodeURIComponent(unitId) : '';
  const [kpis, ...classes] = await Promise.all([
    api('/console/api/aftersales/kpis' + (level === 'BRANCH' ? '?branchId=' + encodeURIComponent(unitId) : '')),
    ...CLASSES.map(c => api('/console/api/customers?size=1&class=' + c + branchParam))
  ]);
  if (seq !== trailKey()) {
    return;
  }
  state.extrasFor = seq;
  // a region shows its branches (the ranking's rows one level down)
  const inUnit = level === 'REGION' ? new Set((summary.byChild ?? []).map(r => r.key)) : null;
  const rows = kpis.filter(k => !inUnit || inUnit.has(k.branchId)).map(k => ({ ...k, id: k.branchId }));
  section.hidden = false;
  fillTable('kpis', rows, k => [k.branchId, units(k.services), yuan(k.revenueFen), units(k.remindersSent),
    units(k.remindersConverted), percent(k.conversionPercent), k.satisfactionAverage ?? '—', units(k.openComplaints)], t('none'));
  const sent = rows.reduce((sum, k) => sum + Number(k.remindersSent), 0);
  const came = rows.reduce((sum, k) => sum + Number(k.remindersConverted), 0);
  const open = rows.reduce((sum, k) => sum + Number(k.openComplaints), 0);
  text('funnel-sent', units(sent));
  text('funnel-came', units(came));
  text('open-complaints', units(open));
  chart('chart-funnel')?.setOption({
    tooltip: {},
    series: [{ type: 'funnel', sort: 'descending', label: { formatter: '{b}: {c}' },
      data: [{ name: t('reminded'), value: sent }, { name: t('cameIn'), value: came }] }]
  }, true);
  const counts = classes.map(page => Number(page.totalElements));
  CLASSES.forEach((c, i) => text('class-' + c, units(counts[i])));
  const classesShown = level === 'REGION' ? null : counts; // the search has no region filter: a region shows none
  document.getElementById('classes').hidden = !classesShown;
  state.charts['chart-classes']?.resize();
  state.charts['chart-funnel']?.resize();
  chart('chart-classes')?.setOption({
    tooltip: {},
    series: [{ type: 'pie', radius: '65%', label: { formatter: '{b}: {c}' },
      data: CLASSES.map((c, i) => ({ name: t('class.' + c), value: counts[i] })) }]
  }, true);
}

function trailKey() {
  return state.trail.map(step => step.level + ':' + step.unitId).join('/');
}

async function refresh() {
  // a refresh for a unit the user has since left (timer vs. drill-down) must not paint over the current one
  const seq = state.trail.map(step => step.level + ':' + step.unitId).join('/');
  renderCrumbs();
  const { level, unitId } = unit();
  const hq = state.me.roles.includes('HQ');
  try {
    const attainment = await api(state.base + '/attainment' + query());
    // the year of the business date (Asia/Shanghai) the API answered for, not the browser's
    const [yoy, summary] = await Promise.all([
      api(state.base + '/year-over-year' + query('&asOf=' + attainment.asOf)),
      api(state.base + '/annual-summary' + query('&year=' + attainment.asOf.substring(0, 4)))
    ]);
    let market = null;
    if (hq && (level === 'GROUP' || level === 'REGION')) {
      const asOf = attainment.asOf;
      market = await api('/console/api/hq/reports/market-share?year=' + asOf.substring(0, 4) + '&toMonth='
        + Number(asOf.substring(5, 7)) + (level === 'REGION' ? '&regionId=' + encodeURIComponent(unitId) : ''));
    }
    if (seq !== state.trail.map(step => step.level + ':' + step.unitId).join('/')) {
      return;
    }
    renderAttainment(attainment);
    renderYearOverYear(yoy);
    renderRanking(summary);
    renderMarket(market);
    try {
      await renderExtras(seq, summary);
    } catch (error) {
      // the sales figures stand on their own; the after-sales side says why it is missing
      document.getElementById('aftersales').hidden = false;
      text('funnel-sent', t('failed') + ': ' + error.message);
    }
    text('updated', shanghaiTime(new Date(), language()));
    document.getElementById('problem').hidden = true;
    state.loaded('dashboard');
  } catch (error) {
    if (seq !== state.trail.map(step => step.level + ':' + step.unitId).join('/')) {
      return;
    }
    const problem = document.getElementById('problem');
    problem.textContent = t('failed') + ': ' + error.message;
    problem.hidden = false;
  }
}

/** Shows the dashboard for the signed-in user (HQ: the group; others: their branch), refreshing every 5 s. */
export async function showDashboard(me, loaded) {
  state.me = me;
  state.loaded = loaded;
  if (state.trail.length === 0) {
    if (me.roles.includes('HQ')) {
      state.base = '/console/api/hq/reports';
      state.trail = [{ level: 'GROUP', unitId: 'GROUP' }];
    } else {
      state.trail = [{ level: 'BRANCH', unitId: me.branchId }];
    }
  }
  await refresh();
  clearInterval(state.timer);
  state.timer = setInterval(refresh, REFRESH_MS);
  Object.values(state.charts).forEach(c => c.resize());
}

export function hideDashboard() {
  clearInterval(state.timer);
  state.timer = null;
}

export function resizeCharts() {
  Object.values(state.charts).forEach(c => c.resize());
}

export function redrawDashboard() {
  state.extrasFor = null;
  if (state.timer) {
    refresh();
  }
}
