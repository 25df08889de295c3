// UI-6: the service advisor's screen: the branch's work orders (AFT-1), vehicles due for service within 30 days
// (AFT-2), the open follow-up calls (AFT-5) with the call script the notification service prepared for the customer
// (NOT-2), recorded from the list (satisfaction, car use, requests, complaint; or not reached), and the campaigns
// (AFT-4). Only the services' own APIs.
import { api, button, fillTable, send, text } from './api.js';
import { t } from './i18n.js';
import { addDays, businessDate, units, yuan } from './format.js';

const state = { me: null, loaded: () => {} };

function script(task) {
  if (!task) {
    return '—';
  }
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = t('script');
  const body = document.createElement('p');
  body.className = 'script';
  body.textContent = task.script;
  details.append(summary, body);
  return details;
}

function callActions(call) {
  const span = document.createElement('span');
  span.append(
    button(t('recordOutcome'), () => openCall(call), { 'data-call': call.id, 'aria-label': t('recordOutcome') + ': ' + call.vin }),
    ' ',
    button(t('notReached'), async () => {
      await send('POST', '/console/api/aftersales/follow-up-calls/' + encodeURIComponent(call.id) + '/not-reached', {});
      await showService(state.me, state.loaded);
    }, { 'data-not-reached': call.id }));
  return span;
}

function openCall(call) {
  const dialog = document.getElementById('call-dialog');
  const form = document.getElementById('call-form');
  form.reset();
  text('call-subject', call.vin + ' · ' + call.serviceDate);
  document.getElementById('call-problem').hidden = true;
  const opener = document.activeElement;
  form.onsubmit = async event => {
    event.preventDefault();
    const blank = value => value.trim() === '' ? null : value.trim();
    try {
      await send('POST', '/console/api/aftersales/follow-up-calls/' + encodeURIComponent(call.id) + '/completion', {
        satisfaction: Number(form.elements.satisfaction.value), carUse: blank(form.elements.carUse.value),
        newRequests: blank(form.elements.newRequests.value), complaint: blank(form.elements.complaint.value)
      });
      dialog.close();
      await showService(state.me, state.loaded);
      document.getElementById('h-service')?.focus();
    } catch (error) {
      const problem = document.getElementById('call-problem');
      problem.textContent = t('failed') + ': ' + error.message;
      problem.hidden = false;
    }
  };
  document.getElementById('call-cancel').onclick = () => { dialog.close(); opener?.focus?.(); };
  dialog.showModal();
  document.getElementById('call-satisfaction').focus();
}

export async function showService(me, loaded) {
  state.me = me;
  state.loaded = loaded;
  const today = businessDate();
  const dueBefore = addDays(today, 30);
  text('service-unit', me.branchId ?? '');
  text('vehicles-due-before', dueBefore);
  const [orders, vehicles, calls, scripts, campaigns] = await Promise.all([
    api('/console/api/aftersales/work-orders?size=50'),
    api('/console/api/aftersales/vehicles?dueBefore=' + dueBefore + '&size=100'),
    api('/console/api/aftersales/follow-up-calls?status=OPEN&size=100'),
    api('/console/api/notifications/calls?open=true&purpose=FOLLOW_UP_CALL&size=200'),
    api('/console/api/aftersales/campaigns?size=50')
  ]);
  fillTable('work-orders', orders.content, w => [w.serviceDate, w.vin, t('job.' + w.jobType), units(w.mileageKm),
    (w.items ?? []).join('、'), yuan(w.totalFen), w.nextDueDate ?? '—'], t('none'));
  fillTable('vehicles-due', vehicles.content.map(v => ({ ...v, id: v.vin })), v => [v.vin, v.plate, v.model,
    v.nextDueDate, units(v.nextDueMileageKm), v.lastServiceDate ?? '—', v.dueRule ?? '—'], t('none'));
  const byCustomer = new Map(scripts.content.map(task => [task.customerId, task]));
  text('service-calls-count', calls.content.length);
  fillTable('service-calls', calls.content, c => [c.dueDate, c.vin, c.serviceDate, byCustomer.get(c.customerId)?.phone ?? '—',
    script(byCustomer.get(c.customerId)), callActions(c)], t('none'));
  fillTable('service-campaigns', campaigns.content, c => [c.name, t('campaign.' + c.type), c.startDate + ' – ' + c.endDate,
    c.status, units(c.capacity), units(c.invited)], t('none'));
  loaded('service');
}
