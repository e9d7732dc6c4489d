import type { apiEn } from './api.en.ts';

export const apiZhCN: Record<keyof typeof apiEn, string> = {
  'api.errors.no_such_reference': '所引用的对象不存在，请从列表中重新选择。',
  'api.errors.already_taken': '该值已被使用，请换一个。',
  'api.errors.value_out_of_range': '有数值超出范围、内容过长或格式不正确，请检查数字和日期后重试。',
  'api.errors.notAForm': '此地址只接受从页面提交的表单。',
  'api.errors.badForm': '无法读取该表单，请刷新页面后重新提交。',
  'api.keys.authTitle': '系统如何使用密钥',
  'api.keys.authIntro':
    '每次请求都在 Authorization 请求头中以 Bearer 令牌的形式发送密钥。请把密钥保存在服务器端：任何持有密钥的人都能在其用途范围内代表贵机构操作。',
  'api.keys.headerLabel': '请求头',
  'api.keys.exampleLabel': '示例：发送一条服务事件（需要用途为“业务事件”的密钥）',
  'api.keys.copyHeader': '复制请求头',
  'api.keys.copyExample': '复制示例',
  'api.keys.docsLink': 'API 参考文档列出了每个接口及其所需的用途。',
  'api.keys.checkKey': '如需检查密钥，请调用 GET /api/v1/me：返回该密钥所属机构及其用途。',
};
