// UI-4: the salesperson's own day: the branch's overdue customer files to complete (CUS-2, the two-day rule), their
// new leads due, their planned visits (VIP customers first, as the visit schedule answers) and their follow-up calls
// (leads in follow-up whose next contact is due). Outcomes are recorded straight from the list: a lead's follow-up
// (POST /api/sales/leads/{id}/follow-ups) and a visit's outcome (POST /api/sales/visits/{id}/complete); a planned
// visit is moved to another date with its reason (POST /api/sales/visits/{id}/reschedule, SAL-7).
import { api, button, fillTable, send, text } from './api.js';
import { t } from './i18n.js';
import { addDays, businessDate, deadlineDate } from './format.js';

const state = { me: null, loaded: () => {} };

function tel(mobile) {
  if (!mobile) {
    return '—';
  }
  const a = document.createElement('a');
  a.href = 'tel:' + mobile;
  a.textContent = mobile;
  return a;
}

/** The signed-in salesperson's open leads of one status due by today (the branch's list, narrowed to their own). */
async function myLeads(status, today) {
  const page = await api('/console/api/sales/leads?status=' + status + '&dueBy=' + today + '&size=200');
  return page.content.filter(lead => lead.salespersonId === state.me.salespersonId);
}

function leadButton(lead, today) {
  return button(t('recordOutcome'), () => openOutcome({
    kind: 'lead', title: t('recordFollowUp'), subject: lead.name + (lead.mobile ? ' · ' + lead.mobile : ''), today,
    save: values => send('POST', '/console/api/sales/leads/' + encodeURIComponent(lead.id) + '/follow-ups', {
      date: values.date, note: values.note, nextFollowUpDate: values.lost ? null : (values.next || null), lost: values.lost
    })
  }), { 'data-lead': lead.id, 'aria-label': t('recordFollowUp') + ': ' + lead.name });
}

function visitButton(visit, today) {
  return button(t('recordOutcome'), () => openOutcome({
    kind: 'visit', title: t('recordVisit'), subject: visit.customerName + ' · ' + visit.plannedDate, today,
    save: values => send('POST', '/console/api/sales/visits/' + encodeURIComponent(visit.id) + '/complete', {
      doneDate: values.date, outcome: values.note
    })
  }), { 'data-visit': visit.id, 'aria-label': t('recordVisit') + ': ' + visit.customerName });
}

/** Several buttons in one cell. */
function actions(...buttons) {
  const span = document.createElement('span');
  span.className = 'actions';
  buttons.forEach((b, i) => span.append(...(i ? [' ', b] : [b])));
  return span;
}

function rescheduleButton(visit) {
  return button(t('reschedule'), () => openOutcome({
    kind: 'reschedule', title: t('rescheduleVisit'), subject: visit.customerName + ' · ' + visit.plannedDate,
    today: visit.plannedDate, dateLabel: t('newPlannedDate'), noteLabel: t('rescheduleReason'),
    save: values => send('POST', '/console/api/sales/visits/' + encodeURIComponent(visit.id) + '/reschedule', {
      plannedDate: values.date, reason: values.note
    })
  }), { 'data-reschedule': visit.id, 'aria-label': t('rescheduleVisit') + ': ' + visit.customerName });
}

function openOutcome(task) {
  const dialog = document.getElementById('outcome-dialog');
  const form = document.getElementById('outcome-form');
  form.reset();
  text('outcome-title', task.title);
  text('outcome-subject', task.subject);
  document.getElementById('outcome-date').value = task.today;
  document.getElementById('outcome-next').value = task.kind === 'lead' ? addDays(task.today, 3) : '';
  document.getElementById('outcome-next-field').hidden = task.kind !== 'lead';
  document.getElementById('outcome-lost-field').hidden = task.kind !== 'lead';
  document.getElementById('outcome-problem').hidden = true;
  // the dialog's two labelled fields say what they hold for this task (a date done or a new date; an outcome or a reason)
  document.querySelector('label[for="outcome-date"]').textContent = task.dateLabel ?? t('contactDate');
  document.getElementById('outcome-note-label').textContent = task.noteLabel ?? t('outcome');
  const opener = document.activeElement;
  form.onsubmit = async event => {
    event.preventDefault();
    const values = {
      date: form.elements.date.value, note: form.elements.note.value.trim(), next: form.elements.next.value,
      lost: form.elements.lost.checked
    };
    try {
      await task.save(values);
      dialog.close();
      await showDay(state.me, state.loaded);
      document.getElementById('h-day')?.focus();
    } catch (error) {
      const problem = document.getElementById('outcome-problem');
      problem.textContent = t('failed') + ': ' + error.message;
      problem.hidden = false;
    }
  };
  document.getElementById('outcome-cancel').onclick = () => { dialog.close(); opener?.focus?.(); };
  dialog.showModal();
  document.getElementById('outcome-note').focus();
}

export async function showDay(me, loaded) {
  state.me = me;
  state.loaded = loaded;
  const today = businessDate();
  text('day-date', today);
  text('day-who', me.name + (me.salespersonId ? ' · ' + me.salespersonId : ''));
  const [overdue, fresh, following, visits] = await Promise.all([
    api('/console/api/customers/overdue?size=200'),
    myLeads('NEW', today),
    myLeads('FOLLOWING_UP', today),
    me.salespersonId
      ? api('/console/api/sales/visits?salespersonId=' + encodeURIComponent(me.salespersonId) + '&status=PLANNED&to='
        + addDays(today, 7) + '&size=200')
      : Promise.resolve({ content: [] })
  ]);
  text('day-overdue-count', overdue.content.length);
  fillTable('day-overdue', overdue.content, c => [c.name, tel(c.mobile), c.firstVisitDate, deadlineDate(c.fileDeadline),
    (c.missing ?? []).join(', ')], t('none'));
  text('day-leads-count', fresh.length);
  fillTable('day-leads', fresh, lead => [lead.name, tel(lead.mobile), t('source.' + lead.source), lead.interestModel,
    lead.nextFollowUpDate, leadButton(lead, today)], t('none'));
  text('day-visits-count', visits.content.length);
  fillTable('day-visits', visits.content, v => [v.customerName, v.vip ? '★ VIP' : '', v.plannedDate, v.purpose,
    actions(visitButton(v, today), rescheduleButton(v))], t('none'));
  text('day-calls-count', following.length);
  fillTable('day-calls', following, lead => {
    const last = lead.followUps.length ? lead.followUps[lead.followUps.length - 1] : null;
    return [lead.name, tel(lead.mobile), last ? last.date + ' ' + last.note : '—', lead.nextFollowUpDate,
      leadButton(lead, today)];
  }, t('none'));
  loaded('day');
}
