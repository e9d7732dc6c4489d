/** What the draft form shows and sends back: text as typed, so a refused form keeps it. */
export interface DraftFormValues {
  startDate: string;
  endDate: string;
  autoRenew: boolean;
  noticeDays: string;
  annualValue: string;
  currency: string;
  governingLaw: string;
  language: 'zh-CN' | 'en';
  values: Record<string, string>;
  sla: { kpiKey: string; comparator: 'gte' | 'lte'; target: string; period: 'month' | 'quarter' }[];
}

export interface DraftVariable {
  name: string;
  type: 'text' | 'number' | 'money' | 'percent' | 'date' | 'days';
  label: string;
}

/** Rows of SLA targets the form offers: those filled in, and blank ones to add. */
export const slaRows = 5;
