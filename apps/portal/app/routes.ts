import { index, layout, prefix, type RouteConfig, route } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('sign-in', 'routes/sign-in.tsx'),
  route('sign-out', 'routes/sign-out.tsx'),
  route('lang', 'routes/lang.tsx'),
  // Public: accepting an invitation creates the account, so no sign-in is needed.
  route('invitations/:token', 'routes/public/invitation.tsx'),
  // Public: anyone holding a training certificate can check it.
  route('verify/:code', 'routes/public/verify.tsx'),

  // Everything below needs a signed-in person (the layout's middleware sends others to /sign-in).
  layout('routes/signed-in.tsx', [
    route('inbox', 'routes/inbox.tsx'),
    route('account', 'routes/account.tsx'),
    // Partner portal: partner users only.
    ...prefix('p', [
      layout('routes/partner/layout.tsx', [
        index('routes/partner/home.tsx'),
        route('documents', 'routes/partner/documents.tsx'),
        route('application', 'routes/partner/application.tsx'),
        route('team', 'routes/partner/team.tsx'),
        route('api-keys', 'routes/partner/api-keys.tsx'),
        route('reviews', 'routes/partner/reviews.tsx'),
        route('reviews/:reviewId', 'routes/partner/review.tsx'),
        route('scorecard', 'routes/partner/scorecard.tsx'),
        route('training', 'routes/partner/training.tsx'),
        route('training/people', 'routes/partner/training-people.tsx'),
        route('training/compliance', 'routes/partner/training-compliance.tsx'),
        route('training/people/file', 'routes/partner/training-people-file.ts'),
        route('training/external', 'routes/partner/training-external.tsx'),
        route('training/external/:certificateId/file', 'routes/partner/training-external-file.ts'),
        route('training/attachments/:versionId/:attachmentId', 'routes/partner/training-attachment.ts'),
        route('training/:courseId', 'routes/partner/training-course.tsx'),
        route('training/:courseId/certificate', 'routes/partner/training-certificate.ts'),
        route('training/notices', 'routes/partner/training-notices.tsx'),
        route('training/notices/:noticeId', 'routes/partner/training-notice.tsx'),
        route(
          'training/notices/:noticeId/attachments/:attachmentId',
          'routes/partner/training-notice-attachment.ts',
        ),
        // Alerts staff shared with the partner (decision record 036).
        route('risk/alerts', 'routes/partner/risk-alerts.tsx'),
        route('risk/alerts/:alertId', 'routes/partner/risk-alert.tsx'),
        route('risk/alerts/:alertId/evidence/:evidenceId', 'routes/partner/risk-alert-evidence.ts'),
      ]),
    ]),
    // Staff console: the insurer's staff only.
    ...prefix('s', [
      layout('routes/staff/layout.tsx', [
        // The console opens on what needs this person; the partner register has its own page.
        index('routes/staff/work.tsx'),
        route('partners', 'routes/staff/partners.tsx'),
        route('partners/new', 'routes/staff/partner-new.tsx'),
        route('partners/:partnerId', 'routes/staff/partner.tsx'),
        route('applications', 'routes/staff/applications.tsx'),
        route('applications/:applicationId', 'routes/staff/application.tsx'),
        route('blacklist', 'routes/staff/blacklist.tsx'),
        route('requirements', 'routes/staff/requirements.tsx'),
        route('requirements/:key', 'routes/staff/requirement.tsx'),
        route('settings', 'routes/staff/settings.tsx'),
        route('reviews', 'routes/staff/reviews.tsx'),
        route('reviews/:reviewId', 'routes/staff/review.tsx'),
        route('scorecards', 'routes/staff/scorecards.tsx'),
        route('scorecards/:partnerId', 'routes/staff/scorecard.tsx'),
        route('kpis', 'routes/staff/kpis.tsx'),
        route('import', 'routes/staff/import.tsx'),
        route('training', 'routes/staff/training.tsx'),
        route('training/partners/:partnerId', 'routes/staff/training-partner.tsx'),
        route('training/records', 'routes/staff/training-records.tsx'),
        route('training/records/file', 'routes/staff/training-records-file.ts'),
        route('training/courses', 'routes/staff/training-courses.tsx'),
        route('training/courses/new', 'routes/staff/training-course-new.tsx'),
        route('training/courses/:courseId', 'routes/staff/training-course.tsx'),
        route('training/attachments/:versionId/:attachmentId', 'routes/staff/training-attachment.ts'),
        route('training/external', 'routes/staff/training-external.tsx'),
        route('training/external/:certificateId/file', 'routes/staff/training-external-file.ts'),
        route('training/notices', 'routes/staff/training-notices.tsx'),
        route('training/notices/new', 'routes/staff/training-notice-new.tsx'),
        route('training/notices/:noticeId', 'routes/staff/training-notice.tsx'),
        route(
          'training/notices/:noticeId/attachments/:attachmentId',
          'routes/staff/training-notice-attachment.ts',
        ),
        route('risk/alerts', 'routes/staff/risk-alerts.tsx'),
        route('risk/alerts/:alertId', 'routes/staff/risk-alert.tsx'),
        route('risk/rules', 'routes/staff/risk-rules.tsx'),
        route('risk/rules/:ruleId', 'routes/staff/risk-rule.tsx'),
        route('risk/alerts/:alertId/evidence/:evidenceId', 'routes/staff/risk-alert-evidence.ts'),
        route('risk/response', 'routes/staff/risk-response.tsx'),
      ]),
    ]),
  ]),

  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
