import { getApplication, listDocuments, uploadDocument } from '@outpost/core';
import type { DatabaseConnection } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { validDocumentDates } from '@outpost/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PortalDeps } from '../app/context';
import { applicationActionsFor } from '../app/lib/staff/application-actions.server';
import { reviewDocumentAction } from '../app/lib/staff/review-document.server';
import type { Viewer } from '../app/lib/viewer.server';
import { argsFor, depsFor, pdf, seedCatalogue, staffViewer, submittedApplication } from './staff-support';

let conn: DatabaseConnection;
let deps: PortalDeps;
let reviewer: Viewer;
let members: Viewer[];
let outsider: Viewer;

beforeAll(async () => {
  conn = await createTestDatabase();
  deps = depsFor(conn.db);
  await seedCatalogue(conn.db);
  reviewer = await staffViewer(conn.db, ['reviewer']);
  members = [
    await staffViewer(conn.db, ['committee']),
    await staffViewer(conn.db, ['committee']),
    await staffViewer(conn.db, ['committee']),
  ];
  outsider = await staffViewer(conn.db, ['admin']);
});
afterAll(async () => {
  await conn?.close();
});

describe('working an application through its stages from the staff console', () => {
  test('review, inspection, pilot, assessment, return and the committee vote', async () => {
    const { partner, partnerActor, application, required } = await submittedApplication(deps);
    const act = (
      viewer: Viewer,
      values: Record<string, string | string[]>,
      locale: 'en' | 'zh-CN' = 'en',
    ) => {
      const handlers = applicationActionsFor(application.id);
      return handlers[values.intent as string]!(argsFor(deps, viewer, values, locale));
    };
    const review = (values: Record<string, string>, locale: 'en' | 'zh-CN' = 'en') =>
      reviewDocumentAction(argsFor(deps, reviewer, { intent: 'review', ...values }, locale));

    // A rejection needs a reason, shown under the reason field in the reader's language.
    const documents = await listDocuments(conn.db, reviewer.person.actor, partner.id);
    const [first, ...others] = documents;
    const noReason = await review({ documentId: first!.id, decision: 'reject', reason: ' ' }, 'zh-CN');
    expect(noReason.status).toBe(422);
    expect(noReason.errors?.fields?.reason).toBe('请填写退回理由（至少 3 个字符）。');
    expect(
      (await review({ documentId: first!.id, decision: 'reject', reason: '营业执照复印件不清晰' })).status,
    ).toBe(200);
    for (const d of others) expect((await review({ documentId: d.id, decision: 'accept' })).status).toBe(200);

    // Advancing says which documents are not yet accepted.
    const refused = await act(reviewer, { intent: 'advance' });
    expect(refused.status).toBe(409);
    expect(refused.errors?.form).toBe('Every required document must be accepted first.');
    expect(refused.extra?.pending).toEqual([first!.requirement.key]);

    await uploadDocument(deps.db, partnerActor, deps.storage, {
      requirementId: first!.requirementId,
      fileName: 'licence-v2.pdf',
      bytes: pdf(),
      ...validDocumentDates(required.find((r) => r.id === first!.requirementId)!),
    });
    expect((await review({ documentId: first!.id, decision: 'accept' })).status).toBe(200);
    expect(await act(reviewer, { intent: 'advance' })).toMatchObject({
      status: 200,
      notice: 'The application moved to the next stage.',
    });

    // Inspection: inspectors separated any way people type them; a score out of range is refused on its field.
    const badScore = await act(reviewer, {
      intent: 'inspection',
      inspectedOn: '2026-02-10',
      inspectors: '王检查',
      findings: '良好',
      score: '120',
    });
    expect(badScore.errors?.fields).toEqual({ score: 'Enter a whole number from 0 to 100.' });
    const inspection = await act(reviewer, {
      intent: 'inspection',
      inspectedOn: '2026-02-10',
      inspectors: '王检查，李核实\n赵现场',
      findings: '机房管理规范，数据备份完整。',
      score: '86',
    });
    expect(inspection.status).toBe(200);
    expect(await act(reviewer, { intent: 'advance' })).toMatchObject({ status: 200 });

    // Pilot and assessment; leaving the pilot stage needs both.
    const pilotBackwards = await act(reviewer, {
      intent: 'pilot',
      startsOn: '2026-03-01',
      endsOn: '2026-02-01',
      outcome: 'ok',
      score: '80',
    });
    expect(pilotBackwards.errors?.fields).toEqual({
      endsOn: 'Enter an end date on or after the start date.',
    });
    expect(
      (
        await act(reviewer, {
          intent: 'pilot',
          startsOn: '2026-03-01',
          endsOn: '2026-05-31',
          outcome: '试点期间服务稳定。',
          score: '82',
        })
      ).status,
    ).toBe(200);
    expect(await act(reviewer, { intent: 'advance' })).toMatchObject({
      status: 409,
      errors: { form: 'Record the four-dimension assessment first.' },
    });
    const assessment = await act(reviewer, {
      intent: 'assessment',
      financial: '80',
      capability: '90',
      compliance: '85',
      reputation: '70',
      thirdPartyAssessor: '中诚信评估',
      thirdPartyScore: '',
    });
    expect(assessment.status).toBe(200);
    expect(await act(reviewer, { intent: 'advance' })).toMatchObject({ status: 200 });

    // Returning needs the confirmation box, then a reason.
    expect(
      (await act(reviewer, { intent: 'return', stage: 'pilot', reason: '补充材料' })).errors?.fields,
    ).toEqual({
      confirm: 'Tick the box to confirm.',
    });

    // Committee: a rejection needs a reason; outsiders and second votes are refused with translated messages.
    const rejectNoReason = await act(members[0]!, { intent: 'vote', vote: 'reject', reason: '' }, 'zh-CN');
    expect(rejectNoReason.errors?.fields).toEqual({ reason: '请填写 3 至 2000 字的理由。' });
    expect((await act(outsider, { intent: 'vote', vote: 'approve' })).errors?.form).toBe(
      'You do not have permission to do this.',
    );
    expect(await act(members[0]!, { intent: 'vote', vote: 'approve' })).toMatchObject({
      status: 200,
      notice: 'Your vote was recorded.',
    });
    expect((await act(members[0]!, { intent: 'vote', vote: 'abstain' }, 'zh-CN')).errors?.form).toBe(
      '您已对该申请投过票。',
    );
    expect((await act(members[1]!, { intent: 'vote', vote: 'approve' })).status).toBe(200);
    expect((await act(members[2]!, { intent: 'vote', vote: 'approve' })).errors?.form).toBe(
      'The committee has already decided this application.',
    );

    const view = await getApplication(conn.db, reviewer.person.actor, application.id);
    expect(view.application.status).toBe('approved');
    expect(view.inspection).toMatchObject({ inspectors: ['王检查', '李核实', '赵现场'], score: 86 });
    expect(view.staff?.assessment).toMatchObject({ thirdPartyAssessor: '中诚信评估', thirdPartyScore: null });
    expect(view.staff?.votes.map((v) => v.via)).toEqual(['web', 'web']);
  });

  test('returning an application with a confirmed reason', async () => {
    const { application, partner } = await submittedApplication(deps);
    const handlers = applicationActionsFor(application.id);
    for (const d of await listDocuments(conn.db, reviewer.person.actor, partner.id)) {
      await reviewDocumentAction(argsFor(deps, reviewer, { documentId: d.id, decision: 'accept' }));
    }
    await handlers.advance!(argsFor(deps, reviewer, {}));
    const noReason = await handlers.return!(
      argsFor(deps, reviewer, { stage: 'document_review', reason: '', confirm: 'on' }),
    );
    expect(noReason.errors?.fields).toEqual({ reason: 'Give the reason (3 to 2,000 characters).' });
    const sameStage = await handlers.return!(
      argsFor(deps, reviewer, { stage: 'onsite_inspection', reason: '重新审核', confirm: 'on' }),
    );
    expect(sameStage.errors?.fields).toEqual({ stage: 'Choose a stage before the current one.' });
    const returned = await handlers.return!(
      argsFor(deps, reviewer, { stage: 'document_review', reason: '需补充审计报告', confirm: 'on' }),
    );
    expect(returned.status).toBe(200);
    const view = await getApplication(conn.db, reviewer.person.actor, application.id);
    expect(view.application.stage).toBe('document_review');
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'returned', reason: '需补充审计报告' });
  });
});
