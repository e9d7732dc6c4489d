/**
 * Who may call what, route by route (authorization.test.ts sends every route as every role,
 * with ANOTHER partner's ids). A number is the status for every role; an object gives a default
 * and the roles that differ. Statuses: 401 signed out (API), 302 to the sign-in page (portal),
 * 403 not this role's business, 404 another partner's thing (partners cannot even learn it
 * exists), 400/415/422 "you may, but this empty request is not valid", 409 allowed but not in
 * this state. A new route without an entry here fails the test: write down who may call it.
 */
export type RoleName =
  | 'anonymous'
  | `staff:${'reviewer' | 'legal' | 'committee' | 'risk_officer' | 'admin' | 'auditor'}`
  | 'partnerAdmin'
  | 'partnerMember'
  | 'apiKey';

type Status = number | number[];
/** One status for every role, or per role with a default; `foreignOk` exempts a route from the
 * "no 2xx for a partner's callers on a foreign id" rule (say why next to it). */
export type Expected =
  | Status
  | ({ default: Status; foreignOk?: boolean } & Partial<Record<RoleName, Status>>);

export const expectations: Record<string, Expected> = {
  'GET /api/v1/me': { default: 200, anonymous: 401 },
  // Open; an empty body is a validation error for everyone.
  'POST /api/v1/sessions': 422,
  'DELETE /api/v1/sessions/current': { default: 204, anonymous: 401, apiKey: 403 },
  // Partners see only their own organisation in the list (checked in the API isolation tests).
  'GET /api/v1/partners': { default: 200, anonymous: 401 },
  'GET /api/v1/partners/:id': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 404,
  },
  // Profile and contacts: administrators only (an empty PATCH changes nothing: 200).
  'PATCH /api/v1/partners/:id': { default: 403, anonymous: 401, 'staff:admin': 200 },
  // Request validation runs before the handler's permission check, so an empty body is 422 for
  // everyone signed in; with a body, core refuses all but risk officers and admins (partner-status tests).
  'POST /api/v1/partners/:id/suspend': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/partners/:id/lift-suspension': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/partners/:id/history': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 403,
  },
  'POST /api/v1/partners': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/notifications': { default: 200, anonymous: 401, apiKey: 403 },
  // Scoped to the caller's own inbox: another person's notification id updates nothing (200, updated: 0).
  'POST /api/v1/notifications/:id/read': { default: 200, foreignOk: true, anonymous: 401, apiKey: 403 },
  'POST /api/v1/invitations/partners': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/invitations/colleagues': { default: 422, anonymous: 401, apiKey: 403 },
  // The token is the credential: whoever holds the link may read the invitation.
  'GET /api/v1/invitations/:token': 200,
  'POST /api/v1/invitations/:token/accept': 422,
  'GET /api/v1/blacklist': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 403,
  },
  'GET /api/v1/blacklist/export.csv': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 403,
  },
  'POST /api/v1/blacklist/preview': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/blacklist': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/blacklist/:id/remove': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/requirements': { default: 200, anonymous: 401 },
  'PUT /api/v1/requirements/:key': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/partners/:id/documents': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 404,
  },
  'POST /api/v1/documents': { default: 415, anonymous: 401 },
  'GET /api/v1/documents/:id/file': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 404,
  },
  'POST /api/v1/documents/:id/review': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/applications': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/applications': { default: 200, anonymous: 401 },
  'GET /api/v1/applications/:id': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 404,
  },
  // Reviewers and risk officers may advance; the foreign application is not at a stage they can move (409).
  'POST /api/v1/applications/:id/advance': {
    default: 403,
    anonymous: 401,
    'staff:reviewer': 409,
    'staff:admin': 409,
  },
  'POST /api/v1/applications/:id/inspection': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/applications/:id/pilot': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/applications/:id/assessment': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/applications/:id/assessment/report': { default: 415, anonymous: 401, apiKey: 403 },
  'GET /api/v1/applications/:id/assessment/report': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 403,
  },
  'POST /api/v1/applications/:id/return': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/applications/:id/withdraw': { default: 403, anonymous: 401, partnerAdmin: 404 },
  'POST /api/v1/applications/:id/votes': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/api-keys': { default: 403, anonymous: 401, partnerAdmin: 200 },
  'POST /api/v1/api-keys': { default: 422, anonymous: 401, apiKey: 403 },
  'DELETE /api/v1/api-keys/:keyId': { default: 403, anonymous: 401, partnerAdmin: 404 },
  'POST /api/v1/events': { default: 422, anonymous: 401 },
  'GET /api/v1/kpis': { default: 200, anonymous: 401 },
  'PUT /api/v1/kpis/:key': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/partners/:id/scorecard': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 403,
  },
  // The period query is required: validation answers before the partner check (no data either way).
  'GET /api/v1/partners/:id/scorecard/events': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/scorecards': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 403,
  },
  'GET /api/v1/reviews': { default: 200, anonymous: 401, apiKey: 403 },
  'POST /api/v1/reviews/drafts': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/reviews/:id': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 403,
  },
  'PUT /api/v1/reviews/:id': { default: 403, anonymous: 401, 'staff:risk_officer': 409, 'staff:admin': 409 },
  'POST /api/v1/reviews/:id/finalise': {
    default: 403,
    anonymous: 401,
    'staff:risk_officer': 409,
    'staff:admin': 409,
  },
  'POST /api/v1/reviews/:id/acknowledge': { default: 403, anonymous: 401, partnerAdmin: 404 },
  'POST /api/v1/reviews/:id/appeal': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/reviews/:id/appeal-answer': { default: 422, anonymous: 401, apiKey: 403 },
  'POST /api/v1/rectification-items/:id/evidence': { default: 415, anonymous: 401, apiKey: 403 },
  'POST /api/v1/rectification-items/:id/submit': { default: 403, anonymous: 401, partnerAdmin: 404 },
  'POST /api/v1/rectification-items/:id/verify': {
    default: 403,
    anonymous: 401,
    'staff:risk_officer': 409,
    'staff:admin': 409,
  },
  'POST /api/v1/rectification-items/:id/reopen': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/rectification-evidence/:id/file': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 403,
  },
  'GET /': 302,
  'GET /sign-in': { default: 302, anonymous: 200, apiKey: 200 },
  'POST /sign-in': { default: 302, anonymous: 400, apiKey: 400 },
  'GET /sign-out': 302,
  'POST /sign-out': 302,
  'GET /lang': 302,
  'POST /lang': 302,
  'GET /invitations/:token': 200,
  'POST /invitations/:token': 400,
  'GET /inbox': { default: 200, anonymous: 302, apiKey: 302 },
  'POST /inbox': { default: 200, anonymous: 302, apiKey: 302 },
  'GET /account': { default: 200, anonymous: 302, apiKey: 302 },
  'POST /account': { default: 400, anonymous: 302, apiKey: 302 },
  'GET /p': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  'GET /p/documents': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  'POST /p/documents': { default: 403, anonymous: 302, partnerAdmin: 400, partnerMember: 400, apiKey: 302 },
  'GET /p/application': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  'POST /p/application': { default: 403, anonymous: 302, partnerAdmin: 400, partnerMember: 400, apiKey: 302 },
  'GET /p/team': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  'POST /p/team': { default: 403, anonymous: 302, partnerAdmin: 400, partnerMember: 400, apiKey: 302 },
  'GET /p/api-keys': { default: 403, anonymous: 302, partnerAdmin: 200, apiKey: 302 },
  'POST /p/api-keys': { default: 403, anonymous: 302, partnerAdmin: 400, partnerMember: 400, apiKey: 302 },
  // Public certificate check: an unknown code is a plain 404 for everyone.
  'GET /verify/:code': 404,
  'GET /p/training': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  // The roster is the partner administrator's.
  'GET /p/training/people': { default: 403, anonymous: 302, partnerAdmin: 200, apiKey: 302 },
  // Template and records downloads of the administrator's own roster; without a query: 400.
  'GET /p/training/people/file': { default: 403, anonymous: 302, partnerAdmin: 400, apiKey: 302 },
  'POST /p/training/people': { default: 403, anonymous: 302, partnerAdmin: 422, apiKey: 302 },
  // Courses are taken by people on their organisation's roster; the matrix's partner users are not on one.
  'GET /p/training/:courseId': { default: 403, anonymous: 302, apiKey: 302 },
  'POST /p/training/:courseId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 422,
    partnerMember: 422,
    apiKey: 302,
  },
  'GET /p/training/:courseId/certificate': { default: 403, anonymous: 302, apiKey: 302 },
  // External training certificates: every partner person uploads (a member for themselves).
  'GET /p/training/external': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 200,
    partnerMember: 200,
    apiKey: 302,
  },
  'POST /p/training/external': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 422,
    partnerMember: 422,
    apiKey: 302,
  },
  'GET /p/training/external/:certificateId/file': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  // Attachments of courses assigned to the learner only; anything else is "not found".
  'GET /p/training/attachments/:versionId/:attachmentId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  'GET /p/reviews': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  'GET /p/reviews/:reviewId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  'POST /p/reviews/:reviewId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 400,
    partnerMember: 400,
    apiKey: 302,
  },
  'GET /p/scorecard': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  'GET /s': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/partners': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/partners/new': {
    default: 403,
    anonymous: 302,
    'staff:reviewer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  // Portal actions validate the empty form (400) before the role check of the intent; GET shows who may use the page.
  'POST /s/partners/new': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/partners/:partnerId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/partners/:partnerId': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/applications': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/applications/:applicationId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/applications/:applicationId': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/blacklist': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'POST /s/blacklist': { default: 400, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/requirements': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/requirements/:key': { default: 403, anonymous: 302, 'staff:admin': 200, apiKey: 302 },
  'POST /s/requirements/:key': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/settings': { default: 403, anonymous: 302, 'staff:admin': 200, apiKey: 302 },
  'POST /s/settings': { default: 400, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/reviews': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'POST /s/reviews': { default: 400, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/reviews/:reviewId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/reviews/:reviewId': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/scorecards': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/scorecards/:partnerId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // Training authoring and the external certificate queue: staff with manage:training only.
  'GET /s/training/courses': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  'GET /s/training/courses/new': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  'POST /s/training/courses/new': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  'GET /s/training/courses/:courseId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 404,
    'staff:admin': 404,
    apiKey: 302,
  },
  'POST /s/training/courses/:courseId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  'GET /s/training/attachments/:versionId/:attachmentId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 404,
    'staff:admin': 404,
    apiKey: 302,
  },
  'GET /s/training/external': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  'POST /s/training/external': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  'GET /s/training/external/:certificateId/file': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 404,
    'staff:admin': 404,
    apiKey: 302,
  },
  'GET /s/kpis': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  // Any partner's training records (downloads with ?partner=&format=): every staff role reads training.
  'GET /s/training/records': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // The download itself: without ?format= the request is refused (400) for staff.
  'GET /s/training/records/file': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/kpis': { default: 403, anonymous: 302, 'staff:admin': 422, apiKey: 302 },
  'GET /p/training/compliance': { default: 403, anonymous: 302, partnerAdmin: 200, apiKey: 302 },
  'GET /s/training': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/training/partners/:partnerId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/import': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  'POST /s/import': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  // Policy notices (decision record 029). Partner people read and confirm their own; the matrix's
  // partner users are not on a roster, so opening or confirming one is refused (403) and an
  // attachment is "not found". The list page still opens (an administrator sees the rates).
  'GET /p/training/notices': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 200,
    partnerMember: 200,
    apiKey: 302,
  },
  'GET /p/training/notices/:noticeId': { default: 403, anonymous: 302, apiKey: 302 },
  'POST /p/training/notices/:noticeId': { default: 403, anonymous: 302, apiKey: 302 },
  'GET /p/training/notices/:noticeId/attachments/:attachmentId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  // Staff publish and withdraw notices with manage:training, like course authoring.
  'GET /s/training/notices': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  'GET /s/training/notices/new': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  'POST /s/training/notices/new': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  'GET /s/training/notices/:noticeId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 404,
    'staff:admin': 404,
    apiKey: 302,
  },
  'POST /s/training/notices/:noticeId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 404,
    'staff:admin': 404,
    apiKey: 302,
  },
  'GET /s/training/notices/:noticeId/attachments/:attachmentId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 404,
    'staff:admin': 404,
    apiKey: 302,
  },
  // Risk alerts and rules: every staff role reads them; risk officers and admins act (the empty form: 400).
  'GET /s/risk/alerts': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  // Bulk acknowledge: the empty form chooses no alert.
  'POST /s/risk/alerts': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  // The foreign partner's alert (shared with it): every staff role reads it; partners never reach the staff console.
  'GET /s/risk/alerts/:alertId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/risk/alerts/:alertId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 400,
    'staff:admin': 400,
    apiKey: 302,
  },
  'GET /s/risk/rules': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  // Switching a rule on or off: the empty form names no rule.
  'POST /s/risk/rules': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 404,
    'staff:admin': 404,
    apiKey: 302,
  },
  'GET /s/risk/rules/:ruleId': {
    default: 404,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/risk/rules/:ruleId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 400,
    'staff:admin': 400,
    apiKey: 302,
  },
  // The partner's own training, read-only (decision record 032): its administrators, or a key with
  // the "training" purpose (the matrix key has documents and events only, hence 403). Staff read
  // training per partner in the portal; these routes name no partner, so they refuse staff.
  'GET /api/v1/training/people': { default: 403, anonymous: 401, partnerAdmin: 200 },
  'GET /api/v1/training/completions': { default: 403, anonymous: 401, partnerAdmin: 200 },
  // Partner sharing (decision record 036). A partner reads only its own shared alerts: the foreign
  // partner's alert and its evidence are "not found" for our partner's people; only its administrators answer.
  'GET /p/risk/alerts': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  'GET /p/risk/alerts/:alertId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  'POST /p/risk/alerts/:alertId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  'GET /p/risk/alerts/:alertId/evidence/:evidenceId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  'GET /s/risk/alerts/:alertId/evidence/:evidenceId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/risk/response': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // Risk incidents and emergency plans (decision record 035). Every staff role reads them; risk
  // officers and admins open, work and close incidents and edit plans. The world's incident, its
  // evidence and plan belong to ANOTHER partner: staff read them, partners get "not found".
  'GET /s/risk/incidents': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/risk/incidents/new': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  'POST /s/risk/incidents/new': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  'GET /s/risk/incidents/:incidentId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // The empty form names no action.
  'POST /s/risk/incidents/:incidentId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 400,
    'staff:admin': 400,
    apiKey: 302,
  },
  'GET /s/risk/incidents/:incidentId/evidence/:evidenceId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/risk/plans': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/risk/plans/new': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  'POST /s/risk/plans/new': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  'GET /s/risk/plans/:planId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/risk/plans/:planId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  'GET /p/risk/incidents': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 200,
    partnerMember: 200,
    apiKey: 302,
  },
  'GET /p/risk/incidents/:incidentId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  'POST /p/risk/incidents/:incidentId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  'GET /p/risk/incidents/:incidentId/evidence/:evidenceId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  // A partner's own incidents, read-only, for its people (decision record 035); staff use the console.
  // The foreign incident is "not found" for the matrix's partner.
  'GET /api/v1/risk/incidents': { default: 403, anonymous: 401, partnerAdmin: 200, partnerMember: 200 },
  'GET /api/v1/risk/incidents/:id': { default: 403, anonymous: 401, partnerAdmin: 404, partnerMember: 404 },
  // Contracts (issue 13). Every staff role reads them; legal, risk officers and admins draft (manage:contract).
  // The foreign id is another partner's contract waiting for its signature (fuzz world).
  'GET /s/contracts': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/contracts/new': {
    default: 403,
    anonymous: 302,
    'staff:legal': 200,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  // The empty form chooses no partner or template.
  'POST /s/contracts/new': {
    default: 403,
    anonymous: 302,
    'staff:legal': 422,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  'GET /s/contracts/:contractId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // The empty form names no action; core checks each action's permission.
  'POST /s/contracts/:contractId': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // Only a draft is edited: the contract waiting for its signature is a conflict.
  'GET /s/contracts/:contractId/edit': {
    default: 403,
    anonymous: 302,
    'staff:legal': 409,
    'staff:risk_officer': 409,
    'staff:admin': 409,
    apiKey: 302,
  },
  'POST /s/contracts/:contractId/edit': {
    default: 403,
    anonymous: 302,
    'staff:legal': 409,
    'staff:risk_officer': 409,
    'staff:admin': 409,
    apiKey: 302,
  },
  'GET /s/contracts/:contractId/pdf': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // Not signed yet: no signed copy.
  'GET /s/contracts/:contractId/signed': {
    default: 404,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // The amendment of a contract in force (decision record 040): the matrix's contract has none (404);
  // the empty form names no action (core checks each action's permission).
  'GET /s/contracts/:contractId/amendment': {
    default: 404,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/contracts/:contractId/amendment': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /p/contracts': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  // Another partner's contract is "not found" for partner people, whatever its state.
  'GET /p/contracts/:contractId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  'POST /p/contracts/:contractId': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  'GET /p/contracts/:contractId/pdf': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  'GET /p/contracts/:contractId/signed': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  // Contract archive, history and register fields (decision record 039).
  // No format asked: 400. The foreign contract's first version: staff read it; partners "not found".
  'GET /s/contracts/export': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // People, roles and departments; password links (decision record 042).
  // Public: the token is the credential; a token of another kind (here a partner invitation's) is 404.
  'GET /staff-invitations/:token': 404,
  // An empty form is refused field by field before the token is looked at.
  'POST /staff-invitations/:token': 422,
  'GET /forgot-password': 200,
  'POST /forgot-password': 422,
  'GET /reset-password/:token': 404,
  'POST /reset-password/:token': 422,
  // Administrators only (manage:users); other staff 403; an empty form names no intent (400).
  'GET /s/people': { default: 403, anonymous: 302, 'staff:admin': 200, apiKey: 302 },
  'POST /s/people': { default: 400, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/people/departments': { default: 403, anonymous: 302, 'staff:admin': 200, apiKey: 302 },
  'POST /s/people/departments': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/contracts/:contractId/versions/:version': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /p/contracts/:contractId/versions/:version': {
    default: 403,
    anonymous: 302,
    partnerAdmin: 404,
    partnerMember: 404,
    apiKey: 302,
  },
  // Register fields: staff who manage contracts; an empty form clears nothing that was never set (200).
  'GET /s/contracts/:contractId/register': {
    default: 403,
    anonymous: 302,
    'staff:legal': 200,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  'POST /s/contracts/:contractId/register': {
    default: 403,
    anonymous: 302,
    'staff:legal': 200,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  // Two-step sign-in (decision record 043). The second step needs a pending sign-in's cookie, which
  // no caller here has: everyone is sent back (signed in: home; others: the first step).
  'GET /sign-in/verify': 302,
  'POST /sign-in/verify': 302,
  // Every person's own two-step sign-in page; an empty form names no intent.
  'GET /account/mfa': { default: 200, anonymous: 302, apiKey: 302 },
  'POST /account/mfa': { default: 400, anonymous: 302, apiKey: 302 },
  // The quarterly target dashboard (decision record 046): every staff role reads it; only those who
  // manage KPIs set the baseline (an empty form is an unknown intent for every staff role).
  'GET /s/targets': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'POST /s/targets': { default: 400, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  // Contract execution (decision record 038): every staff role reads the worst-deviation list;
  // legal, risk officers and admins may evaluate a period (manage:contract) — the empty form names none.
  'GET /s/contracts/execution': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/contracts/execution': {
    default: 403,
    anonymous: 302,
    'staff:legal': 422,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  // The outsourcing register (decision record 052): every staff role (auditors too) reads it and
  // downloads its exports (without a format: 400); an empty form names no intent.
  'GET /s/register': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/register/export': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/register/:contractId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/register/:contractId': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/register/partners/:partnerId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/register/partners/:partnerId': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // Incentives, penalties and the allocation of new business (decision record 048): every staff
  // role reads them (read:review:any); the empty form names no intent. A foreign record id is "not
  // found"; the export without a format is refused. Partners read only their own page.
  'GET /s/incentives': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'POST /s/incentives': { default: 400, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/incentives/records/:recordId': {
    default: 404,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/incentives/records/:recordId': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/incentives/allocation': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/incentives/allocation/export': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /p/incentives': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  // Quarterly management reports (decision record 051): management (committee, risk officers,
  // admins) and auditors read them; an empty form names no intent (400) for every staff role.
  'GET /s/reports': {
    default: 403,
    anonymous: 302,
    'staff:committee': 200,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    'staff:auditor': 200,
    apiKey: 302,
  },
  'POST /s/reports': { default: 400, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  // A file of a report: readers get 404 for an id that names none.
  'GET /s/reports/:reportId/:locale/:format': {
    default: 403,
    anonymous: 302,
    'staff:committee': 404,
    'staff:risk_officer': 404,
    'staff:admin': 404,
    'staff:auditor': 404,
    apiKey: 302,
  },
  // Continuity and ownership (decision record 050): every staff role reads exit plans, the
  // concentration view and the rectification items; partners never (they name other partners and
  // the insurer's people). An empty form names no intent: 400 for staff (core checks the role).
  'GET /s/exit-plans': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/exit-plans/:partnerId': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/exit-plans/:partnerId': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/concentration': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // Administrators set the limit (manage:requirements, checked by core); an empty form names no intent.
  'POST /s/concentration': {
    default: 400,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'GET /s/rectification': {
    default: 200,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // Only a target for the ownership forms of other pages: a GET goes back to the work queue.
  'GET /s/ownership': { default: 302, partnerAdmin: 403, partnerMember: 403 },
  'POST /s/ownership': { default: 400, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  // The audit-log viewer, its CSV export and its chain verification (decision record 053): read:audit,
  // i.e. auditors and administrators.
  'GET /s/audit': {
    default: 403,
    anonymous: 302,
    'staff:admin': 200,
    'staff:auditor': 200,
    apiKey: 302,
  },
  'GET /s/audit/export': {
    default: 403,
    anonymous: 302,
    'staff:admin': 200,
    'staff:auditor': 200,
    apiKey: 302,
  },
  'GET /s/audit/verify': {
    default: 403,
    anonymous: 302,
    'staff:admin': 200,
    'staff:auditor': 200,
    apiKey: 302,
  },
  // Supervision tasks (decision record 053): every staff role reads them; risk officers and admins
  // (manage:supervision) create and work them — an empty form names no intent (400); a foreign id is 404.
  'GET /s/supervision': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'GET /s/supervision/new': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 200,
    'staff:admin': 200,
    apiKey: 302,
  },
  'POST /s/supervision/new': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 400,
    'staff:admin': 400,
    apiKey: 302,
  },
  'GET /s/supervision/:taskId': {
    default: 404,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/supervision/:taskId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 404,
    'staff:admin': 404,
    apiKey: 302,
  },
  // Termination cases (decision record 049): every staff role reads them; risk officers and admins
  // open and run them (an empty form is a validation error, or names no action). No case exists in
  // the world, so a case page is "not found" for staff. Partners see only their own at /p/termination.
  'GET /s/terminations': { default: 200, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
  'POST /s/terminations': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 422,
    'staff:admin': 422,
    apiKey: 302,
  },
  'GET /s/terminations/:caseId': {
    default: 404,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  'POST /s/terminations/:caseId': {
    default: 403,
    anonymous: 302,
    'staff:risk_officer': 400,
    'staff:admin': 400,
    apiKey: 302,
  },
  'GET /p/termination': { default: 403, anonymous: 302, partnerAdmin: 200, partnerMember: 200, apiKey: 302 },
  'POST /p/termination': { default: 403, anonymous: 302, partnerAdmin: 400, partnerMember: 400, apiKey: 302 },
  'GET /s/terminations/:caseId/tasks/:taskId/certificate': {
    default: 404,
    anonymous: 302,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 302,
  },
  // Staff-only reads for the insurer's systems (decision record 059): a partner's API key is refused
  // before the route runs. Without category and quarter the allocation is a validation error for
  // everyone signed in (validation runs before core's staff-only check).
  'GET /api/v1/incentives/allocations': { default: 422, anonymous: 401, apiKey: 403 },
  'GET /api/v1/register/arrangements': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 403,
  },
  // The foreign id is another partner's contract: staff read its register record whatever its status.
  'GET /api/v1/register/arrangements/:id': {
    default: 200,
    anonymous: 401,
    partnerAdmin: 403,
    partnerMember: 403,
    apiKey: 403,
  },
  // Staff API keys (decision record 059): administrators only; a POST without an intent is refused
  // (400) before core's permission check, for every member of staff.
  'GET /s/api-keys': { default: 403, anonymous: 302, 'staff:admin': 200, apiKey: 302 },
  'POST /s/api-keys': { default: 400, anonymous: 302, partnerAdmin: 403, partnerMember: 403, apiKey: 302 },
};
