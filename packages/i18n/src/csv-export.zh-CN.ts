import type { csvExportEn } from './csv-export.en.ts';

/** CSV 下载文件的列标题（简体中文）。 */
export const csvExportZhCN: Record<keyof typeof csvExportEn, string> = {
  'csv-export.blacklist.creditCode': '统一社会信用代码',
  'csv-export.blacklist.name': '机构名称',
  'csv-export.blacklist.reason': '列入原因',
  'csv-export.blacklist.evidence': '证据',
  'csv-export.blacklist.addedAt': '列入时间（北京时间，UTC+8）',
  'csv-export.blacklist.removedAt': '移除时间（北京时间，UTC+8）',
  'csv-export.blacklist.removalReason': '移除原因',
};
