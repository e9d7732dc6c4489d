import type { ClauseVariableType } from '@outpost/db';

const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * What is wrong with a value for a variable of this type, or null when it fits. Values are typed
 * on the wire (a number is a JSON number): a form converts its text before it sends it.
 */
export function checkValue(type: ClauseVariableType, value: string | number): string | null {
  switch (type) {
    case 'text':
      return typeof value === 'string' && value.trim() !== '' ? null : 'Enter some text.';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'Enter a number.';
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
        ? null
        : 'Enter an amount in cents (a whole number, 0 or more).';
    case 'percent':
      return typeof value === 'number' && value >= 0 && value <= 100
        ? null
        : 'Enter a percentage from 0 to 100.';
    case 'days':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3650
        ? null
        : 'Enter a whole number of days from 0 to 3650.';
    case 'date':
      return typeof value === 'string' && isDate(value) ? null : 'Enter a date as YYYY-MM-DD.';
  }
}
