import {
  type Actor,
  acceptInvitation,
  advanceApplication,
  castVote,
  inviteColleague,
  invitePartner,
  recordAssessment,
  recordInspection,
  recordPilot,
  submitApplication,
} from '@outpost/core';
import { addDays } from '@outpost/i18n';
import { actorOf, DEMO_PASSWORD, type SeedContext, staffActor } from './context.ts';
import { reviewDocuments, uploadAllDocuments, type UploadOptions } from './documents.ts';
import type { Applicant, DemoPartner } from './partners.ts';

export interface Joined {
  partnerId: string;
  /** The partner administrator, acting in the portal. */
  admin: Actor;
}

const REVIEWER = 'reviewer@outpost.test';

const tokenOf = (acceptPath: string) => acceptPath.split('/').pop()!;

/** A reviewer invites the partner; its administrator (and colleagues) accept their links. */
async function join(context: SeedContext, partner: DemoPartner): Promise<Joined> {
  const { db } = context;
  const { partner: row, invitation } = await invitePartner(db, staffActor(context, REVIEWER), {
    legalName: partner.legalName,
    creditCode: partner.creditCode,
    serviceCategories: partner.serviceCategories,
    criticality: partner.criticality,
    contactEmail: partner.admin.email,
  });
  const accept = (path: string, displayName: string) =>
    acceptInvitation(db, tokenOf(path), { displayName, password: DEMO_PASSWORD }, context.passwords);
  const { userId } = await accept(invitation.acceptPath, partner.admin.displayName);
  const admin = await actorOf(db, userId);
  for (const member of partner.members ?? []) {
    const colleague = await inviteColleague(db, admin, { email: member.email, role: 'partner_member' });
    await accept(colleague.acceptPath, member.displayName);
  }
  return { partnerId: row.id, admin };
}

/** The reviewer's stage work up to the stage named, then (optionally) onward to the committee. */
async function runStages(
  context: SeedContext,
  applicationId: string,
  until: 'onsite_inspection' | 'pilot' | 'committee',
): Promise<void> {
  const { db } = context;
  const reviewer = staffActor(context, REVIEWER);
  await advanceApplication(db, reviewer, applicationId); // → on-site inspection
  if (until === 'onsite_inspection') return;
  await recordInspection(db, reviewer, applicationId, {
    inspectedOn: addDays(context.today, -21),
    inspectors: ['李晓梅', '赵文博'],
    findings: '经营场所、人员配置与信息系统与申报材料一致；档案管理规范。',
    score: 86,
  });
  await advanceApplication(db, reviewer, applicationId); // → pilot
  if (until === 'pilot') return;
  await recordPilot(db, reviewer, applicationId, {
    startsOn: addDays(context.today, -60),
    endsOn: addDays(context.today, -7),
    outcome: '试点期间按时完成全部委托案件，客户满意度良好。',
    score: 88,
  });
  await recordAssessment(db, reviewer, applicationId, {
    financial: 82,
    capability: 88,
    compliance: 90,
    reputation: 85,
  });
  await advanceApplication(db, reviewer, applicationId); // → committee
}

/**
 * Admits an active partner the way a real one is admitted: invitation, documents uploaded and
 * accepted, application, inspection, pilot, assessment and two of three committee votes.
 */
export async function admitPartner(
  context: SeedContext,
  partner: DemoPartner,
  uploads: UploadOptions = {},
): Promise<Joined> {
  const { db } = context;
  const joined = await join(context, partner);
  const documents = await uploadAllDocuments(context, joined.admin, partner, uploads);
  const application = await submitApplication(db, joined.admin, {
    serviceCategories: partner.serviceCategories,
  });
  await reviewDocuments(context, staffActor(context, REVIEWER), documents);
  await runStages(context, application.id, 'committee');
  for (const member of ['committee1@outpost.test', 'committee2@outpost.test']) {
    await castVote(db, staffActor(context, member), { applicationId: application.id, vote: 'approve' });
  }
  return joined;
}

/** An applicant whose application stands at the stage it names. */
export async function seedApplicant(context: SeedContext, applicant: Applicant): Promise<Joined> {
  const { db } = context;
  const joined = await join(context, applicant);
  const documents = await uploadAllDocuments(context, joined.admin, applicant);
  const application = await submitApplication(db, joined.admin, {
    serviceCategories: applicant.serviceCategories,
  });
  const reviewer = staffActor(context, REVIEWER);
  switch (applicant.stage) {
    case 'documents_in_review':
      break; // every document waits for the reviewer
    case 'document_returned':
      await reviewDocuments(context, reviewer, documents, {
        business_licence: '营业执照扫描件不清晰，请上传加盖公章的彩色扫描件。',
      });
      break;
    case 'pilot':
      await reviewDocuments(context, reviewer, documents);
      await runStages(context, application.id, 'pilot');
      break;
    case 'committee':
      await reviewDocuments(context, reviewer, documents);
      await runStages(context, application.id, 'committee');
      // One member has voted; committee1 and committee3 find the ballot in their work queue.
      await castVote(db, staffActor(context, 'committee2@outpost.test'), {
        applicationId: application.id,
        vote: 'approve',
        reason: '资质齐全，试点表现良好。',
      });
      break;
  }
  return joined;
}
