/** Document dates, previews and the committee's view of an application, English. document-review.zh-CN.ts must define the same keys. */
export const documentReviewEn = {
  'errors.document_dates.issued_in_future':
    'The issue date is in the future. Enter the date printed on the document.',
  'errors.document_dates.does_not_expire':
    'This type of document does not expire (valid long-term): leave the expiry date empty.',
  'errors.document_dates.before_issue': 'The expiry date must be after the issue date.',
  'errors.document_dates.already_expired': 'This document expired on {date}. Upload a current one.',
  'errors.document_dates.beyond_validity':
    'A document of this type is valid for {months, plural, one {# month} other {# months}} from its issue date: it can run until {latest} at the latest. Check both dates.',

  'document-review.validity.months':
    'Valid for {months, plural, one {# month} other {# months}} from the issue date.',
  'document-review.validity.derived': 'Leave the expiry date empty to use the issue date plus this period.',
  'document-review.validity.longTerm': 'Valid long-term: no expiry date.',

  'document-review.preview.show': 'Show preview',
  'document-review.preview.title': 'Preview of {name}, version {version}',
  'document-review.preview.imageAlt': 'Scan of {name}, version {version}',
  'document-review.preview.none': 'No preview for this file type ({type}). Download it to read it.',
  'document-review.preview.open': 'Open in a new tab',
  'document-review.download': 'Download version {version}',
  'document-review.current': 'Current version: {file} · {size} · uploaded {when}',

  'document-review.application.documentsIntro':
    'The qualification documents behind this application. Open one to read it beside the decision.',
  'document-review.application.openDocument': 'Read',
  'document-review.application.allDocuments': 'Review documents on the partner page',
  'document-review.application.jump': 'On this page',
  'document-review.application.jumpVote': 'Your vote',
  'document-review.application.jumpDocuments': 'Documents',
  'document-review.application.jumpStages': 'Stage results',
  'document-review.application.jumpTimeline': 'History',
} as const;
