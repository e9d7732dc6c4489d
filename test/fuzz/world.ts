import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession } from '@outpost/auth';
import { enrolTotpForTest, TEST_TOTP_KEY } from '@outpost/auth/testing';
import {
  addToBlacklist,
  attachThirdPartyReport,
  createApiKey,
  decideContractApproval,
  defaultRequirements,
  draftContract,
  ensureDefaultContractLibrary,
  draftQuarterlyReviews,
  ensureDefaultKpis,
  finaliseReview,
  getReview,
  ingestEvents,
  inviteColleague,
  invitePartner,
  LocalDiskStorage,
  listReviews,
  listTemplates,
  notify,
  reviewContract,
  requirementsFor,
  saveRequirement,
  setContractApprovers,
  submitApplication,
  submitContract,
  systemActor,
  uploadDocument,
  uploadRectificationEvidence,
  addRemediationTask as addIncidentTask,
  openRiskIncident,
  saveEmergencyPlan,
  uploadTaskEvidence,
} from '@outpost/core';
import { saveRiskRule, shareRiskAlert, uploadRiskAlertEvidence } from '@outpost/core';
import {
  makePartner,
  makePartnerUser,
  makeStaff,
  validCreditCode,
  validDocumentDates,
} from '@outpost/core/testing';
import { assessments, type Database } from '@outpost/db';
import { riskAlerts } from '@outpost/db';

export const fixturesDir = path.resolve(import.meta.dirname, '../../packages/core/test/fixtures');
export const fixture = (name: string) => new Uint8Array(readFileSync(path.join(fixturesDir, name)));

export type ActorName = 'signedOut' | 'staff' | 'partnerAdmin' | 'apiKey';
export const actorNames: ActorName[] = ['signedOut', 'staff', 'partnerAdmin', 'apiKey'];

/**
 * What the fuzzer needs to reach past "not found": a staff member with every deciding
 * role, a partner administrator with an API key (both purposes), and one of each thing
 * the API and the portal address by id — documents, an application with a third-party
 * report, a finalised review with an item and evidence, a blacklist entry, an inbox
 * notification, pending invitations. Ids are grouped by the collection a path puts them under.
 */
export interface World {
  db: Database;
  storage: LocalDiskStorage;
  staffUserId: string;
  partnerUserId: string;
  apiKey: string;
  /** Known ids by collection (`partners`, `applications`, …) and by portal route parameter. */
  ids: Record<string, string[]>;
}

export async function buildWorld(db: Database): Promise<World> {
  const storage = new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-fuzz-files-')));
  for (const r of defaultRequirements) await saveRequirement(db, systemActor('fuzz'), r);
  await ensureDefaultKpis(db);
  const staff = await makeStaff(db, ['admin', 'reviewer', 'risk_officer', 'committee']);
  // These roles must use two-step sign-in by default (decision record 043): this person has it.
  await enrolTotpForTest(db, staff.user.id, TEST_TOTP_KEY);
  const partner = await makePartner(db, { legalName: '模糊测试理赔有限公司', status: 'invited' });
  const admin = await makePartnerUser(db, partner.id, 'partner_admin');
  const pdf = fixture('licence.pdf');

  const documentIds: string[] = [];
  const versionIds: string[] = [];
  const requirementIds = (await requirementsFor(db, ['claims'])).map((r) => r.id);
  for (const r of (await requirementsFor(db, ['claims'])).filter((x) => x.mandatory)) {
    const { document, version } = await uploadDocument(db, admin.actor, storage, {
      requirementId: r.id,
      fileName: `${r.key}.pdf`,
      bytes: pdf,
      ...validDocumentDates(r),
    });
    documentIds.push(document.id);
    versionIds.push((version as { id: string }).id);
  }
  const application = await submitApplication(db, admin.actor, { serviceCategories: ['claims'] });
  await db.insert(assessments).values({
    applicationId: application.id,
    financial: 70,
    capability: 70,
    compliance: 70,
    reputation: 70,
  });
  await attachThirdPartyReport(db, staff.actor, storage, application.id, {
    fileName: 'assessment-report.pdf',
    bytes: pdf,
    assessor: '第三方评估机构',
  });

  const documentsAndEvents = await createApiKey(db, admin.actor, {
    name: 'Fuzz system',
    scopes: ['documents', 'events'],
  });
  // A second key the fuzzer may revoke without locking its own API-key actor out.
  const spareKey = await createApiKey(db, admin.actor, { name: 'Spare', scopes: ['events'] });
  await ingestEvents(
    db,
    { type: 'api_key', keyId: documentsAndEvents.apiKey.id, partnerId: partner.id, scopes: ['events'] },
    {
      events: [
        {
          externalId: 'fz-rating',
          type: 'customer_rating',
          occurredAt: '2026-08-03T10:00:00+08:00',
          rating: 4,
        },
        { externalId: 'fz-loss', type: 'loss', occurredAt: '2026-08-03T11:00:00+08:00', amount: 1200.5 },
      ],
    },
  );

  // An active partner with a finalised review, a rectification item and evidence.
  const active = await makePartner(db, { legalName: '模糊测试代理有限公司' });
  const activeAdmin = await makePartnerUser(db, active.id, 'partner_admin');
  await draftQuarterlyReviews(db, '2026-Q3', systemActor('fuzz'), new Date('2026-10-02T09:00:00+08:00'));
  const [review] = (await listReviews(db, systemActor('fuzz'), { partnerId: active.id })).items;
  await finaliseReview(db, systemActor('fuzz'), {
    reviewId: review!.id,
    comments: '整改要求',
    decision: 'rectification',
    items: [{ description: '完善投诉处理流程', dueDate: '2099-12-31' }],
  });
  const item = (await getReview(db, systemActor('fuzz'), review!.id)).items[0]!;
  const evidence = await uploadRectificationEvidence(db, activeAdmin.actor, storage, {
    itemId: item.id,
    fileName: 'evidence.pdf',
    bytes: pdf,
  });

  // The active partner's contract, approved and waiting for its signature (visible to that partner).
  await ensureDefaultContractLibrary(db);
  const [template] = await listTemplates(db, staff.actor, { serviceCategory: 'claims' });
  await setContractApprovers(db, staff.actor, { serviceCategory: 'claims', userIds: [staff.user.id] });
  const contract = await draftContract(db, staff.actor, {
    partnerId: active.id,
    templateId: template!.id,
    terms: {
      startDate: '2027-01-01',
      endDate: '2028-12-31',
      noticeDays: 60,
      annualValueCents: 30_000_000,
      governingLaw: '中华人民共和国法律',
    },
    values: {
      sla_cure_months: 3,
      service_credit_percent: 5,
      confidentiality_years: 5,
      incident_report_hours: 2,
      liability_cap: 100_000_000,
      audit_notice_days: 10,
      service_locations: '上海市浦东新区',
      recovery_hours: 4,
      termination_notice_days: 90,
      data_return_days: 30,
      training_hours: 36,
    },
    slaTargets: [{ kpiKey: 'processing_timeliness', comparator: 'gte', target: 95 }],
  });
  const submitted = await submitContract(db, staff.actor, contract.id);
  if (submitted.status === 'legal_review') {
    await reviewContract(db, staff.actor, contract.id, { decision: 'approve' });
  }
  await decideContractApproval(db, staff.actor, { contractId: contract.id, decision: 'approve' });

  const entry = await addToBlacklist(db, staff.actor, {
    creditCode: validCreditCode(),
    name: '黑名单测试公司',
    reason: '伪造理赔材料',
  });
  const [notification] = await db.transaction((tx) =>
    notify(tx, {
      userIds: [admin.user.id, staff.user.id],
      template: 'notify.partner_created',
      params: { name: 'fuzz', creditCode: partner.creditCode },
    }),
  );
  const colleague = await inviteColleague(db, admin.actor, { email: 'colleague@fuzz.test' });
  const invited = await invitePartner(db, staff.actor, {
    legalName: '模糊测试受邀公司',
    creditCode: validCreditCode(),
    serviceCategories: ['it'],
    contactEmail: 'invited@fuzz.test',
  });
  const token = (path: string) => path.split('/').pop()!;
  // A risk incident of the active partner with a partner task and its evidence, and an emergency plan.
  const plan = await saveEmergencyPlan(db, staff.actor, {
    scenario: 'other',
    titleZh: '模糊测试预案',
    titleEn: 'Fuzz plan',
    bodyZh: '步骤',
    bodyEn: 'Steps',
  });
  const { incident } = await openRiskIncident(db, staff.actor, {
    partnerId: active.id,
    title: '模糊测试事件',
    severity: 'warning',
    responsibleId: staff.user.id,
    planId: plan.id,
  });
  const incidentTask = await addIncidentTask(db, staff.actor, {
    incidentId: incident.id,
    assignee: 'partner',
    description: '提交整改材料',
    dueDate: '2099-12-31',
  });
  const incidentEvidence = await uploadTaskEvidence(db, activeAdmin.actor, storage, {
    taskId: incidentTask.id,
    fileName: 'incident-evidence.pdf',
    bytes: pdf,
  });

  // A risk alert on the (foreign) partner, shared with it, with an evidence file (decision record 036).
  const rule = (await saveRiskRule(db, staff.actor, {
    kind: 'blacklist_hit',
    nameZh: '模糊测试规则',
    nameEn: 'Fuzz rule',
    level: 'warning',
    serviceCategories: [],
    params: {},
  })) as { id: string };
  const [riskAlert] = await db
    .insert(riskAlerts)
    .values({
      partnerId: partner.id,
      ruleId: rule.id,
      ruleVersion: 1,
      ruleSnapshot: { kind: 'blacklist_hit', nameZh: '模糊测试规则', nameEn: 'Fuzz rule' },
      conditionKey: 'fuzz',
      level: 'warning',
      evidence: { listedName: '模糊' },
      raisedAt: new Date(),
      responseDeadline: new Date(Date.now() + 86_400_000),
    })
    .returning();
  await shareRiskAlert(db, staff.actor, riskAlert!.id);
  const alertEvidence = await uploadRiskAlertEvidence(db, admin.actor, storage, {
    alertId: riskAlert!.id,
    fileName: 'alert-evidence.pdf',
    bytes: pdf,
  });

  const partners = [partner.id, active.id, invited.partner.id];
  const applications = [application.id];
  const reviews = [review!.id];
  const invitations = [token(colleague.acceptPath), token(invited.invitation.acceptPath)];
  const requirements = defaultRequirements.map((r) => r.key);
  return {
    db,
    storage,
    staffUserId: staff.user.id,
    partnerUserId: admin.user.id,
    apiKey: documentsAndEvents.key,
    ids: {
      // API collections (the path segment before the id)
      partners,
      documents: documentIds,
      applications,
      notifications: [notification!],
      'api-keys': [spareKey.apiKey.id],
      invitations,
      requirements,
      kpis: ['customer_satisfaction', 'loss_rate', 'new_kpi'],
      reviews,
      'rectification-items': [item.id],
      'rectification-evidence': [evidence.id],
      blacklist: [entry.entry.id],
      contracts: [contract.id],
      alerts: [riskAlert!.id],
      evidence: [alertEvidence.file.id],
      'incidents/evidence': [incidentEvidence.id],
      // A contract version number (/contracts/:contractId/versions/:version; decision record 039).
      'contracts/versions': ['1'],
      // Ids that bodies and queries name (thirdPartyReportVersionId, partnerId, requirementId…)
      requirementId: requirementIds,
      any: [...partners, ...documentIds, ...versionIds, application.id, review!.id, item.id],
      // Portal route parameters
      partnerId: partners,
      applicationId: applications,
      reviewId: reviews,
      contractId: [contract.id],
      key: requirements,
      token: invitations,
      incidentId: [incident.id],
      evidenceId: [incidentEvidence.id],
      planId: [plan.id],
      // The register's arrangements are contracts (/v1/register/arrangements/:id; decision record 059).
      arrangements: [contract.id],
    },
  };
}

/** Fresh cookies for the people (a fuzzed request may sign a session out). */
export async function signIn(world: World): Promise<Record<ActorName, Record<string, string>>> {
  const cookie = async (userId: string) => `outpost_session=${(await createSession(world.db, userId)).token}`;
  return {
    signedOut: {},
    staff: { cookie: await cookie(world.staffUserId) },
    partnerAdmin: { cookie: await cookie(world.partnerUserId) },
    apiKey: { authorization: `Bearer ${world.apiKey}` },
  };
}
