/** Column headers of CSV downloads (opened in Excel by staff). English. */
export const csvExportEn = {
  'csv-export.blacklist.creditCode': 'Unified social credit code',
  'csv-export.blacklist.name': 'Entity name',
  'csv-export.blacklist.reason': 'Reason',
  'csv-export.blacklist.evidence': 'Evidence',
  'csv-export.blacklist.addedAt': 'Added (Beijing time UTC+8)',
  'csv-export.blacklist.removedAt': 'Removed (Beijing time UTC+8)',
  'csv-export.blacklist.removalReason': 'Reason for removal',
};
