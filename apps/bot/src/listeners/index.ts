import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { registerMarkRead } from './actions/mark-read.ts';
import { registerOpenLinks } from './actions/open-links.ts';
import { registerOutpostCommand } from './commands/outpost.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerOutpostCommand(app, deps);
  registerMarkRead(app, deps);
  registerOpenLinks(app);
}
