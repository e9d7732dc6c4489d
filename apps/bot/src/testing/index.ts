/** Test harness for anything that talks to Slack: `import … from '@outpost/bot/testing'`. */
export {
  type FakeMessage,
  type FakeSlackApi,
  type FakeSlackUser,
  type SlackCall,
  startFakeSlackApi,
} from './fake-slack-api.ts';
export {
  buttonClickPayload,
  interactionBody,
  type SlackActor,
  slackRequest,
  slashCommandBody,
  viewSubmissionPayload,
} from './payloads.ts';
export { signSlackRequest } from './sign.ts';
export { committeeStageApplication } from './committee.ts';
export { raiseRiskAlert } from './risk.ts';
