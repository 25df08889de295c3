// UI-1: amounts are integer fen from the API; shown in yuan with thousands separators, exactly (no floating point).
export function yuan(fen) {
  if (fen === null || fen === undefined) {
    return '—';
  }
  const negative = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return (negative ? '-' : '') + '¥' + whole + '.' + cents;
}

export function percent(value) {
  return value === null || value === undefined ? '—' : value + '%';
}

export function units(value) {
  return value === null || value === undefined ? '—' : String(value);
}

/** A moment in the business zone (Asia/Shanghai), whatever the browser's zone. */
export function shanghaiTime(date, lang) {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false
  }).format(date);
}

/** Today's date (YYYY-MM-DD) in the business zone (Asia/Shanghai), whatever the browser's zone. */
export function businessDate(date) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(date ?? new Date());
}

/** The business date (YYYY-MM-DD, Asia/Shanghai) of an instant such as 2026-12-02T15:59:59Z. */
export function shanghaiDate(instant) {
  return instant ? businessDate(new Date(instant)) : '—';
}

/** A business date plus or minus whole days (calendar arithmetic on YYYY-MM-DD, no zone involved). */
export function addDays(isoDate, days) {
  const d = new Date(isoDate + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().substring(0, 10);
}

/**
 * The last day of a deadline given as the instant it passes (CUS-2: the start of the day after, Asia/Shanghai), so
 * "complete by the end of 2026-11-22" shows 2026-11-22, not the 23rd.
 */
export function deadlineDate(instant) {
  return instant ? businessDate(new Date(Date.parse(instant) - 1)) : '—';
}
