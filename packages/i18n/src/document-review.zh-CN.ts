import type { documentReviewEn } from './document-review.en.ts';

/** 资料日期、在线预览与委员会查看申请，中文。 */
export const documentReviewZhCN: Record<keyof typeof documentReviewEn, string> = {
  'errors.document_dates.issued_in_future': '签发日期晚于今天，请填写资料上印的签发日期。',
  'errors.document_dates.does_not_expire': '此类资料长期有效，无需填写到期日期，请留空。',
  'errors.document_dates.before_issue': '到期日期须晚于签发日期。',
  'errors.document_dates.already_expired': '该资料已于 {date} 过期，请上传有效版本。',
  'errors.document_dates.beyond_validity':
    '此类资料自签发之日起有效期为 {months} 个月，最晚到期日为 {latest}，请核对两个日期。',

  'document-review.validity.months': '自签发之日起有效期 {months} 个月。',
  'document-review.validity.derived': '到期日期留空时，按签发日期加有效期计算。',
  'document-review.validity.longTerm': '长期有效，无到期日期。',

  'document-review.preview.show': '显示预览',
  'document-review.preview.title': '{name}（第 {version} 版）预览',
  'document-review.preview.imageAlt': '{name}（第 {version} 版）扫描件',
  'document-review.preview.none': '此文件类型（{type}）无法在线预览，请下载后查看。',
  'document-review.preview.open': '在新标签页中打开',
  'document-review.download': '下载第 {version} 版',
  'document-review.current': '当前版本：{file} · {size} · 上传于 {when}',

  'document-review.application.documentsIntro': '此申请所依据的资质资料。打开资料即可在决策旁边阅读。',
  'document-review.application.openDocument': '查看',
  'document-review.application.allDocuments': '到合作伙伴页面审核资料',
  'document-review.application.jump': '本页导航',
  'document-review.application.jumpVote': '您的投票',
  'document-review.application.jumpDocuments': '资质资料',
  'document-review.application.jumpStages': '各阶段结果',
  'document-review.application.jumpTimeline': '历程',
};
