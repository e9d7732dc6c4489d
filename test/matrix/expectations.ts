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
};
