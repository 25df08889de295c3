// UI-3: the branch manager's screen: the morning-meeting report (SAL-8), overdue customer files (CUS-2, the two-day
// rule), targets and the gaps to them (SAL-3), open complaints (AFT-5) and the campaign calendar with its workshop
// slots (AFT-4, AFT-8). Read from the services' own APIs; printable (print CSS hides the controls).
import { api, fillTable, text } from './api.js';
import { t } from './i18n.js';
import { businessDate, deadlineDate, percent, shanghaiDate, units, yuan } from './format.js';

const state = { me: null, loaded: () => {}, wired: false };

function branchQuery(me) {
  return me.branchId ? 'branchId=' + encodeURIComponent(me.branchId) : '';
}

function renderMorning(report) {
  text('mr-covered', report.coveredFrom + ' – ' + report.coveredTo);
  text('mr-sales-count', units(report.salesCount));
  text('mr-sales-amount', yuan(report.salesAmountFen));
  text('mr-mtd-actual', yuan(report.monthToDate.actualFen));
  text('mr-mtd-task', yuan(report.monthToDate.taskFen));
  text('mr-mtd-taskpct', percent(report.monthToDate.taskAttainmentPercent));
  text('mr-yoy-previous', yuan(report.monthToDateSamePeriod.previousFen));
  text('mr-yoy-growth', percent(report.monthToDateSamePeriod.growthPercent));
  fillTable('mr-sales', report.sales, s => [s.saleDate, s.model, t('segment.' + s.segment), yuan(s.amountFen),
    s.salespeople, s.status], t('none'));
  fillTable('mr-leads', report.newLeads, l => [l.name, t('source.' + l.source), l.interestModel, l.salespersonId,
    l.nextFollowUpDate], t('none'));
  fillTable('mr-feedback', report.feedback, f => [f.kind, f.who, f.customer, f.note], t('none'));
  fillTable('mr-due', report.followUpsDueToday, l => [l.name, t('source.' + l.source), l.interestModel, l.salespersonId,
    l.nextFollowUpDate], t('none'));
}

function renderTargets(attainment) {
  const lines = [['month', attainment.month], ['qtd', attainment.quarterToDate], ['ytd', attainment.yearToDate],
    ['fullYear', attainment.fullYear]].filter(([, line]) => line);
  fillTable('targets', lines, ([key, line]) => [t(key), yuan(line.actualFen), yuan(line.taskFen),
    yuan(line.shortOfTaskFen), percent(line.taskAttainmentPercent), yuan(line.targetFen), yuan(line.shortOfTargetFen),
    percent(line.targetAttainmentPercent)], t('none'));
}

function renderCampaigns(campaigns) {
  fillTable('campaigns', campaigns, c => [c.name, t('campaign.' + c.type), c.startDate + ' – ' + c.endDate, c.status,
    units(c.capacity), units(c.invited)], t('none'));
  // the calendar: every campaign day with its declared workshop slots, by date
  const days = campaigns.flatMap(c => (c.slots ?? []).map(s => ({ date: s.date, name: c.name, slots: s.slots })))
    .sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
  fillTable('campaign-days', days, d => [d.date, d.name, units(d.slots)], t('none'));
}

export async function showBranch(me, loaded) {
  state.me = me;
  state.loaded = loaded;
  const dateInput = document.getElementById('mr-date');
  if (!state.wired) {
    state.wired = true;
    dateInput.value = businessDate();
    document.getElementById('mr-form').addEventListener('submit', event => {
      event.preventDefault();
      showBranch(state.me, state.loaded);
    });
  }
  text('branch-unit', me.branchId ?? '');
  const q = branchQuery(me);
  const [reports, overdue, attainment, complaints, campaigns] = await Promise.all([
    api('/console/api/sales/morning-report?date=' + dateInput.value + (q ? '&' + q : '')),
    api('/console/api/customers/overdue?size=200' + (q ? '&' + q : '')),
    api('/console/api/sales/reports/attainment?level=BRANCH&unitId=' + encodeURIComponent(me.branchId)),
    api('/console/api/aftersales/complaints?status=OPEN&size=200'),
    api('/console/api/aftersales/campaigns?size=200')
  ]);
  renderMorning(reports[0]);
  text('branch-overdue-count', overdue.content.length);
  fillTable('branch-overdue', overdue.content, c => [c.name, c.mobile, c.firstVisitDate, deadlineDate(c.fileDeadline),
    (c.missing ?? []).join(', ')], t('none'));
  renderTargets(attainment);
  text('complaints-count', complaints.content.length);
  fillTable('complaints', complaints.content, k => [shanghaiDate(k.raisedAt), k.customerId, k.vin, String(k.satisfaction),
    k.text], t('none'));
  renderCampaigns(campaigns.content);
  loaded('branch');
}
