import { createHash } from 'node:crypto';
import {
  type Actor,
  addPerson,
  assignCourse,
  createApiKey,
  createCourse,
  decideExternalCertificate,
  publishCourseVersion,
  recordTrainingCompliance,
  setAnnualRule,
} from '@outpost/core';
import {
  type Database,
  partnerMemberships,
  partners,
  type TrainingCategory,
  trainingAttempts,
  trainingCompletions,
  users,
} from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { and, eq, isNull } from 'drizzle-orm';
import { trainingPeople } from '@outpost/db';
import { type FileStorage, uploadExternalCertificate } from '@outpost/core';
import { scanPng } from './files.ts';

const yes = { zh: '是', en: 'Yes' };
const no = { zh: '否', en: 'No' };

/** Five courses, one per training category, each with a short assessment (answers: option indexes). */
const courses: {
  category: TrainingCategory;
  titleZh: string;
  titleEn: string;
  hours: number;
  questions: { zh: string; en: string; options: { zh: string; en: string }[]; correct: number[] }[];
}[] = [
  {
    category: 'law_ethics',
    titleZh: '保险法与销售行为规范（2026 年版）',
    titleEn: 'Insurance law and sales conduct (2026 edition)',
    hours: 6,
    questions: [
      {
        zh: '投保人订立合同时应当履行如实告知义务吗？',
        en: 'Must the applicant disclose truthfully when the contract is made?',
        options: [yes, no],
        correct: [0],
      },
      {
        zh: '以下哪些属于销售误导行为？',
        en: 'Which of these are mis-selling?',
        options: [
          { zh: '夸大保险产品收益', en: 'Overstating a product’s returns' },
          { zh: '隐瞒免责条款', en: 'Hiding the exclusions' },
          { zh: '向客户提供完整条款', en: 'Handing the customer the full terms' },
        ],
        correct: [0, 1],
      },
      {
        zh: '犹豫期内客户解除合同，保险公司应当如何处理？',
        en: 'A customer cancels within the cooling-off period. What must the insurer do?',
        options: [
          { zh: '退还全部保费（扣除少量工本费）', en: 'Refund the premium (less a small fee)' },
          { zh: '不予退费', en: 'Refund nothing' },
        ],
        correct: [0],
      },
    ],
  },
  {
    category: 'information_security',
    titleZh: '客户信息保护与数据安全',
    titleEn: 'Protecting customer data',
    hours: 3,
    questions: [
      {
        zh: '可以用个人微信发送客户身份证照片吗？',
        en: 'May you send a customer’s ID photo over personal WeChat?',
        options: [yes, no],
        correct: [1],
      },
      {
        zh: '发现疑似数据泄露时应当：',
        en: 'When you suspect a data leak you:',
        options: [
          { zh: '立即上报', en: 'Report it at once' },
          { zh: '自行删除痕迹', en: 'Delete the traces yourself' },
        ],
        correct: [0],
      },
    ],
  },
  {
    category: 'risk_compliance',
    titleZh: '反洗钱与反欺诈基础',
    titleEn: 'Anti-money-laundering and fraud basics',
    hours: 4,
    questions: [
      {
        zh: '大额现金缴费需要识别客户身份吗？',
        en: 'Does a large cash premium need customer identification?',
        options: [yes, no],
        correct: [0],
      },
      {
        zh: '理赔材料明显涂改时可以直接受理吗？',
        en: 'May visibly altered claim papers be accepted as they are?',
        options: [yes, no],
        correct: [1],
      },
    ],
  },
  {
    category: 'product',
    titleZh: '百万医疗险产品要点',
    titleEn: 'Medical insurance product essentials',
    hours: 2,
    questions: [
      {
        zh: '百万医疗险通常设有免赔额吗？',
        en: 'Does such a medical policy usually have a deductible?',
        options: [yes, no],
        correct: [0],
      },
    ],
  },
  {
    category: 'professional_skills',
    titleZh: '客户投诉处理技巧',
    titleEn: 'Handling customer complaints',
    hours: 3,
    questions: [
      {
        zh: '投诉应在规定时限内答复客户吗？',
        en: 'Must a complaint be answered within the set time?',
        options: [yes, no],
        correct: [0],
      },
    ],
  },
];

const body = (zh: string, en: string) => ({
  bodyZh: `## ${zh}\n\n本课程面向在本公司业务中工作的合作机构人员。\n\n- 学习要点一：遵守监管规定\n- 学习要点二：保护客户权益\n\n完成阅读后参加课后考试。`,
  bodyEn: `## ${en}\n\nFor partner staff who work on the insurer’s business.\n\n- Point one: follow the regulations\n- Point two: protect customers\n\nTake the assessment when you have read it.`,
});

/** People without portal accounts on each partner's roster, for a record that looks like a real one. */
const rosterNames = ['周敏', '吴磊', '郑华', '王芳'];

/**
 * Training demo: courses in every category, each assigned to every active partner, people on the
 * rosters with passed, failed and overdue training, and the annual rule per service category. The
 * partner member of 华安 is left with the law course untried, for the newcomer (and the browser
 * test) to take.
 */
export async function seedTraining(db: Database, storage?: FileStorage): Promise<void> {
  const [risk] = await db.select().from(users).where(eq(users.email, 'risk@outpost.test'));
  if (!risk) return;
  const trainer: Actor = { type: 'staff', userId: risk.id, roles: ['risk_officer'] };
  // Sales staff keep the reference rule (36 h, 12 of them law and ethics); the insurer asks less
  // of the other categories, so the demo shows partners meeting the rule as well as lagging.
  for (const category of ['claims', 'customer_service', 'it', 'loss_adjusting', 'underwriting'] as const) {
    await setAnnualRule(db, trainer, category, {
      totalMinutes: 16 * 60,
      categoryMinutes: { law_ethics: 4 * 60 },
    });
  }
  const created = [];
  for (const c of courses) {
    created.push(
      await createCourse(db, trainer, {
        category: c.category,
        titleZh: c.titleZh,
        titleEn: c.titleEn,
        ...body(c.titleZh, c.titleEn),
        creditHours: c.hours,
        passMark: 80,
        attemptLimit: 3,
        shuffle: false,
        questions: c.questions.map((q) => ({
          kind: q.correct.length > 1 ? ('multiple' as const) : ('single' as const),
          promptZh: q.zh,
          promptEn: q.en,
          options: q.options,
          correct: q.correct,
        })),
      }),
    );
  }
  const today = todayInChina();
  const year = today.slice(0, 4);
  const active = await db.select().from(partners).where(eq(partners.status, 'active'));
  for (const partner of active) {
    for (const [index, c] of created.entries()) {
      // The security course fell due a fortnight ago: whoever has not passed it is overdue.
      const dueDate = index === 1 ? addDays(today, -14) : addDays(today, 30 + index * 15);
      await assignCourse(db, trainer, {
        target: 'partner',
        courseId: c.course.id,
        partnerId: partner.id,
        dueDate,
      });
    }
    const members = await db
      .select({ userId: partnerMemberships.userId, role: partnerMemberships.role, name: users.displayName })
      .from(partnerMemberships)
      .innerJoin(users, eq(users.id, partnerMemberships.userId))
      .where(eq(partnerMemberships.partnerId, partner.id));
    const admin = members.find((m) => m.role === 'partner_admin');
    if (!admin) continue;
    const adminActor: Actor = {
      type: 'partner',
      userId: admin.userId,
      partnerId: partner.id,
      role: 'partner_admin',
    };
    const category = partner.serviceCategories[0] ?? 'agency';
    const people = [];
    for (const [i, m] of members.entries()) {
      people.push({
        person: await addPerson(db, adminActor, {
          name: m.name.replace(/\s.*$/, ''),
          staffNumber: `${partner.creditCode.slice(-6)}U${i + 1}`,
          jobRole: m.role === 'partner_admin' ? '业务负责人' : '客户经理',
          serviceCategory: category,
          startDate: `${Number(year) - 2}-03-01`,
          userId: m.userId,
        }),
        hasAccount: true,
        isMember: m.role === 'partner_member',
      });
    }
    for (const [i, name] of rosterNames.entries()) {
      people.push({
        person: await addPerson(db, adminActor, {
          name,
          staffNumber: `${partner.creditCode.slice(-6)}P${i + 1}`,
          jobRole: i % 2 ? '理赔专员' : '坐席代表',
          serviceCategory: category,
          // The last one joined in the summer: they owe a pro-rata share of the year's hours.
          startDate: i === rosterNames.length - 1 ? `${year}-07-01` : `${Number(year) - 1}-05-10`,
        }),
        hasAccount: false,
        isMember: false,
      });
    }
    // Two partners lag (the weakening and the warned one): fewer of their people are trained.
    const lagging = /恒泰|明诚/.test(partner.legalName);
    await seedRecords(db, partner.id, people, created, year, lagging);
    // The product course falls due in three days for the people with a portal account, so the
    // daily reminders job has a 3-day reminder to send (and the security course above, overdue
    // people for the administrators' digest).
    for (const p of people.filter((p) => p.hasAccount)) {
      await assignCourse(db, trainer, {
        target: 'person',
        courseId: created[3]!.course.id,
        personId: p.person.id,
        dueDate: addDays(today, 3),
      });
    }
  }
  // The product course is revised: version 2 is current, the completions stay on version 1.
  const product = created[3]!;
  await publishCourseVersion(db, trainer, product.course.id, {
    titleZh: `${courses[3]!.titleZh}（修订版）`,
    titleEn: `${courses[3]!.titleEn} (revised)`,
    ...body(courses[3]!.titleZh, courses[3]!.titleEn),
    creditHours: courses[3]!.hours,
    passMark: 80,
    attemptLimit: 3,
    shuffle: true,
    questions: product.version.questions.map(({ id: _id, ...q }) => q),
  });
  if (storage) await seedExternalTraining(db, storage, trainer, today);
  await seedTrainingApiKey(db);
  // The KPI as the daily job would have recorded it: each past month of the year at its last day.
  for (let month = 1; month <= Number(today.slice(5, 7)); month++) {
    const monthEnd =
      month === 12 ? `${year}-12-31` : addDays(`${year}-${String(month + 1).padStart(2, '0')}-01`, -1);
    await recordTrainingCompliance(db, monthEnd > today ? today : monthEnd);
  }
}

type Created = Awaited<ReturnType<typeof createCourse>>;

/**
 * Past attempts and completions, written as the assessment would have written them (people without
 * accounts cannot sit the assessment in the portal, and history has to exist before the demo starts).
 */
async function seedRecords(
  db: Database,
  partnerId: string,
  people: { person: { id: string }; hasAccount: boolean; isMember: boolean }[],
  created: Created[],
  year: string,
  lagging: boolean,
) {
  let serial = 0;
  const pass = async (personId: string, c: Created, month: number) => {
    serial += 1;
    const [attempt] = await db
      .insert(trainingAttempts)
      .values({
        personId,
        partnerId,
        courseId: c.course.id,
        courseVersionId: c.version.id,
        attempt: 1,
        answers: {},
        score: 100,
        passed: true,
      })
      .returning();
    await db.insert(trainingCompletions).values({
      personId,
      partnerId,
      source: 'course',
      courseId: c.course.id,
      courseVersionId: c.version.id,
      attemptId: attempt!.id,
      category: c.course.category,
      minutes: c.version.creditMinutes,
      completedOn: `${year}-${String(month).padStart(2, '0')}-15`,
      certificateCode: demoCode(partnerId, serial),
    });
  };
  const fail = async (personId: string, c: Created, times: number) => {
    for (let attempt = 1; attempt <= times; attempt++) {
      await db.insert(trainingAttempts).values({
        personId,
        partnerId,
        courseId: c.course.id,
        courseVersionId: c.version.id,
        attempt,
        answers: {},
        score: 50,
        passed: false,
      });
    }
  };
  const [law, security, risk, product, skills] = created as [Created, Created, Created, Created, Created];
  for (const [i, p] of people.entries()) {
    const id = p.person.id;
    if (p.isMember) {
      // The demo member: security passed, the risk course failed once, the law course untried.
      await pass(id, security, 3);
      await fail(id, risk, 1);
      continue;
    }
    if (i % 4 === 0 || (i % 4 === 1 && !lagging)) {
      for (const [k, c] of [law, security, risk, product, skills].entries()) await pass(id, c, 1 + k);
    } else if (i % 4 === 1) {
      await pass(id, law, 4);
      await fail(id, security, 3);
    } else if (i % 4 === 2) {
      await pass(id, product, 5);
    }
  }
}

/** Deterministic demo certificate codes in the verification format (base32 letters and digits). */
function demoCode(partnerId: string, serial: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = createHash('sha256').update(`demo-certificate:${partnerId}:${serial}`).digest();
  const out = [...bytes.subarray(0, 12)].map((b) => alphabet[b % 32]).join('');
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/**
 * 华安's external training: one certificate the member uploaded for themselves, waiting for review,
 * and one the administrator uploaded for a colleague, accepted (its hours count in the KPI).
 */
async function seedExternalTraining(db: Database, storage: FileStorage, trainer: Actor, today: string) {
  const [partner] = await db.select().from(partners).where(eq(partners.legalName, '华安保险代理有限公司'));
  if (!partner) return;
  const members = await db
    .select({ userId: partnerMemberships.userId, role: partnerMemberships.role })
    .from(partnerMemberships)
    .where(eq(partnerMemberships.partnerId, partner.id));
  const admin = members.find((m) => m.role === 'partner_admin');
  const member = members.find((m) => m.role === 'partner_member');
  if (!admin || !member) return;
  const people = await db
    .select()
    .from(trainingPeople)
    .where(and(eq(trainingPeople.partnerId, partner.id), isNull(trainingPeople.removedAt)))
    .orderBy(trainingPeople.staffNumber);
  const self = people.find((p) => p.userId === member.userId);
  const colleague = people.find((p) => p.userId === null);
  if (!self || !colleague) return;
  const year = today.slice(0, 4);
  const day = (back: number) => {
    const d = addDays(today, -back);
    return d < `${year}-01-01` ? `${year}-01-01` : d;
  };
  const adminActor: Actor = {
    type: 'partner',
    userId: admin.userId,
    partnerId: partner.id,
    role: 'partner_admin',
  };
  const memberActor: Actor = {
    type: 'partner',
    userId: member.userId,
    partnerId: partner.id,
    role: 'partner_member',
  };
  const accepted = await uploadExternalCertificate(db, adminActor, storage, {
    personId: colleague.id,
    title: '反洗钱与客户身份识别专题培训',
    provider: '中国保险行业协会',
    completedOn: day(60),
    hours: 4,
    category: 'risk_compliance',
    fileName: '反洗钱培训证明.png',
    bytes: scanPng(11),
  });
  await decideExternalCertificate(db, trainer, { certificateId: accepted.id, decision: 'accept' });
  await uploadExternalCertificate(db, memberActor, storage, {
    personId: self.id,
    title: '保险消费者权益保护培训',
    provider: '上海市保险同业公会',
    completedOn: day(20),
    hours: 3,
    category: 'law_ethics',
    fileName: '消费者权益保护培训证书.png',
    bytes: scanPng(12),
  });
}

/** 华安's learning system reads its roster and completions through the training API (record 032). */
async function seedTrainingApiKey(db: Database) {
  const [partner] = await db.select().from(partners).where(eq(partners.legalName, '华安保险代理有限公司'));
  if (!partner) return;
  const [admin] = await db
    .select({ userId: partnerMemberships.userId })
    .from(partnerMemberships)
    .where(and(eq(partnerMemberships.partnerId, partner.id), eq(partnerMemberships.role, 'partner_admin')));
  if (!admin) return;
  await createApiKey(
    db,
    { type: 'partner', userId: admin.userId, partnerId: partner.id, role: 'partner_admin' },
    { name: '学习管理系统', scopes: ['training'] },
  );
}
