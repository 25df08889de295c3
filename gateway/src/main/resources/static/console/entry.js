// UI-3: HQ's entry screens: the annual target and task of a unit with its monthly split (SAL-2), market totals (SAL-6),
// the vehicle model catalogue (SAL-12), the customer class thresholds (CUS-3, customer-service) and the year's holiday
// calendar (SAL-8). Each form sends to the service that keeps the figures and shows what it answered (the monthly
// schedule to the fen, the catalogue, the thresholds in force with their rule version, the calendar).
import { api, fillTable, send, text } from './api.js';
import { t } from './i18n.js';
import { businessDate, yuan } from './format.js';

const state = { wired: false };

/** Yuan typed by a person ("12,345.6") as integer fen, exactly (no floating point); null if it is not an amount. */
export function fen(typed) {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(typed.replace(/[,\s¥]/g, ''));
  return match ? BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0')) : null;
}

function value(id) {
  return document.getElementById(id).value.trim();
}

/** Runs a form's save; the answer (or the service's problem) goes to the form's status line. */
function onSubmit(formId, statusId, save) {
  document.getElementById(formId).addEventListener('submit', async event => {
    event.preventDefault();
    const status = document.getElementById(statusId);
    status.textContent = '';
    try {
      status.textContent = await save();
    } catch (error) {
      status.textContent = t('failed') + ': ' + error.message;
    }
  });
}

function renderSchedule(target) {
  const months = target.monthlyTargetFen.map((targetFen, i) => ({
    id: String(i + 1), targetFen, taskFen: target.monthlyTaskFen[i], weight: target.weights?.[i]
  }));
  fillTable('target-schedule', months, m => [m.id, m.weight ?? '—', yuan(m.targetFen), yuan(m.taskFen)], t('none'));
}

async function saveTarget() {
  const targetFen = fen(value('target-amount'));
  const taskFen = fen(value('target-task'));
  if (targetFen === null || taskFen === null) {
    throw new Error(t('notAmount'));
  }
  const weightsText = value('target-weights');
  const body = { targetFen: Number(targetFen), taskFen: Number(taskFen) };
  if (weightsText) {
    body.weights = weightsText.split(/[,，\s]+/).filter(w => w).map(Number);
  }
  const path = '/console/api/sales/targets/' + encodeURIComponent(value('target-year')) + '/'
    + encodeURIComponent(value('target-level')) + '/' + encodeURIComponent(value('target-unit'));
  const saved = await send('PUT', path, body);
  renderSchedule(saved);
  return t('saved') + ': ' + saved.level + ' ' + saved.unitId + ' ' + saved.year;
}

async function saveMarket() {
  const category = value('market-category');
  const entry = { regionId: value('market-region'), segment: value('market-segment'), month: value('market-month'),
    units: Number(value('market-entry-units')), ...(category ? { category } : {}) };
  const [saved] = await send('PUT', '/console/api/hq/market-totals', [entry]);
  return t('saved') + ': ' + saved.regionId + ' ' + saved.month + ' ' + saved.units;
}

async function loadModels() {
  const models = await api('/console/api/sales/catalogue/models');
  text('models-count', models.length);
  fillTable('models', models, m => [m.id, m.brand, m.series, m.name, t('category.' + m.category)], t('none'));
}

async function saveModel() {
  const id = value('model-id');
  await send('PUT', '/console/api/hq/catalogue/models/' + encodeURIComponent(id), {
    brand: value('model-brand'), series: value('model-series'), name: value('model-name'), category: value('model-category')
  });
  await loadModels();
  return t('saved') + ': ' + id;
}

const THRESHOLDS = '/console/api/customers/classification/thresholds';
// the form's fields per class, as the API names the classes
const CLASS_LEVELS = [['vip', 'vip'], ['first', 'firstClass'], ['second', 'secondClass']];

/** The thresholds in force into the form; the version they carry is the one the next entry is based on. */
function showThresholds(thresholds) {
  for (const [field, level] of CLASS_LEVELS) {
    document.getElementById('class-' + field + '-amount').value = yuan(thresholds[level].amountFen);
    document.getElementById('class-' + field + '-vehicles').value = thresholds[level].vehicles;
  }
  text('class-rule', thresholds.ruleVersion + ' · ' + t('classFrom') + ' ' + thresholds.effectiveFrom + ' · '
    + t(thresholds.source === 'ENTERED' ? 'classEntered' : 'classConfigured'));
  document.getElementById('class-form').dataset.version = thresholds.version;
}

async function loadThresholds() {
  showThresholds(await api(THRESHOLDS));
}

async function saveThresholds() {
  const body = { version: Number(document.getElementById('class-form').dataset.version ?? 0) };
  for (const [field, level] of CLASS_LEVELS) {
    const amountFen = fen(value('class-' + field + '-amount'));
    if (amountFen === null) {
      throw new Error(t('notAmount'));
    }
    body[level] = { amountFen: Number(amountFen), vehicles: Number(value('class-' + field + '-vehicles')) };
  }
  const saved = await send('PUT', THRESHOLDS, body);
  showThresholds(saved);
  return t('saved') + ': ' + saved.ruleVersion;
}

/** The calendar of the year typed, into the form (a year without one leaves the form empty). */
async function loadCalendar() {
  const year = value('holiday-year');
  let calendar = { holidays: [], workingDays: [], source: '' };
  try {
    calendar = await api('/console/api/hq/holiday-calendars/' + encodeURIComponent(year));
  } catch (noCalendarYet) {
    // 404: nothing entered for that year
  }
  document.getElementById('holiday-days').value = calendar.holidays.map(h => h.date + ' ' + h.name).join('\n');
  document.getElementById('holiday-working').value = (calendar.workingDays ?? []).join(' ');
  document.getElementById('holiday-source').value = calendar.source ?? '';
  text('holiday-count', calendar.holidays.length);
  document.getElementById('holiday-form').dataset.year = year; // the year the form holds (the browser tests wait for it)
}

async function saveCalendar() {
  const holidays = value('holiday-days').split('\n').map(line => line.trim()).filter(line => line).map(line => {
    const [date, ...name] = line.split(/\s+/);
    return { date, name: name.join(' ') };
  });
  const workingDays = value('holiday-working').split(/[,，\s]+/).filter(d => d);
  const year = value('holiday-year');
  const saved = await send('PUT', '/console/api/hq/holiday-calendars/' + encodeURIComponent(year),
    { holidays, workingDays, source: value('holiday-source') || null });
  text('holiday-count', saved.holidays.length);
  return t('saved') + ': ' + year + ' · ' + saved.holidays.length;
}

function wire() {
  const year = businessDate().substring(0, 4);
  document.getElementById('target-year').value = year;
  document.getElementById('holiday-year').value = year;
  document.getElementById('market-month').value = businessDate().substring(0, 7);
  onSubmit('target-form', 'target-saved', saveTarget);
  onSubmit('market-form', 'market-saved', saveMarket);
  onSubmit('model-form', 'model-saved', saveModel);
  onSubmit('class-form', 'class-saved', saveThresholds);
  onSubmit('holiday-form', 'holiday-saved', saveCalendar);
  document.getElementById('holiday-year').addEventListener('change', loadCalendar);
}

export async function showEntry(me, loaded) {
  if (!state.wired) {
    state.wired = true;
    wire();
  }
  await Promise.all([loadModels(), loadThresholds(), loadCalendar()]);
  loaded('entry');
}
