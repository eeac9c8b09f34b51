// Who may mark a task done (RES-1: each step has an owner). The owner, those above it on the
// platform's side, and the system's automatic outcome. Money leaves only by finance's hand; the
// merchant does its own tasks (and platform staff may record them for it), never the platform's.
import type { Role } from '../../shared/vocabulary.ts';

const PLATFORM_HANDLERS: readonly Role[] = ['agent', 'specialist', 'supervisor', 'admin'];

const COMPLETERS: Readonly<Record<string, readonly Role[]>> = {
  finance: ['finance', 'admin'],
  merchant: ['merchant', ...PLATFORM_HANDLERS],
  agent: PLATFORM_HANDLERS,
  specialist: PLATFORM_HANDLERS,
  supervisor: ['supervisor', 'admin'],
};

export function mayCompleteTask(ownerRole: string, actorRole: Role): boolean {
  if (actorRole === 'system') return true;
  return (COMPLETERS[ownerRole] ?? PLATFORM_HANDLERS).includes(actorRole);
}
