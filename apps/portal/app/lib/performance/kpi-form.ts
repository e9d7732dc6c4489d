import type { KpiInput } from '@outpost/core';

const num = (form: FormData, name: string) => {
  const text = String(form.get(name) ?? '').trim();
  // An empty or non-numeric box becomes NaN, which core's schema names as that field's error.
  return text === '' ? Number.NaN : Number(text);
};

/** The KPI form's fields as core's input; checking them is core's job. */
export function kpiFromForm(form: FormData): KpiInput {
  const text = (name: string) => String(form.get(name) ?? '');
  return {
    key: text('key'),
    nameZh: text('nameZh'),
    nameEn: text('nameEn'),
    unit: text('unit') as KpiInput['unit'],
    computation: text('computation') as KpiInput['computation'],
    direction: text('direction') as KpiInput['direction'],
    target: num(form, 'target'),
    warningThreshold: num(form, 'warningThreshold'),
    criticalThreshold: num(form, 'criticalThreshold'),
    weight: num(form, 'weight'),
    serviceCategories: form.getAll('serviceCategories').map(String) as KpiInput['serviceCategories'],
    active: form.get('active') === 'on',
    sortOrder: Number.isNaN(num(form, 'sortOrder')) ? 0 : num(form, 'sortOrder'),
  };
}
