import { Badge, type BadgeTone } from '@outpost/ui';
import { useT } from '../../lib/i18n';

const tones: Record<string, BadgeTone> = {
  overdue: 'negative',
  due_soon: 'caution',
  missing: 'negative',
  ok: 'positive',
};

/** Where an exit plan's yearly review stands, or that the plan is missing (decision record 050). */
export function ReviewStateBadge({ state }: { state: 'overdue' | 'due_soon' | 'missing' | 'ok' }) {
  const t = useT();
  return <Badge tone={tones[state] ?? 'neutral'}>{t(`continuity.state.${state}`)}</Badge>;
}
