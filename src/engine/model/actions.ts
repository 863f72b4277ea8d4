/**
 * What an action does, said once (Terraform puts `IsReplace()` on its `plans.Action`), so no
 * caller re-derives "is this a replace" or "does this buy a PT" from the action's name.
 */
import type { ChangeAction, ResourceChange } from './plan';

/** Both halves: a new PT is bought and the old one deleted, in either order. */
export function isReplace(action: ChangeAction): boolean {
  return action === 'delete-then-create' || action === 'create-then-delete';
}

/** The action buys a PT: a create, or the create half of a replace. */
export function createsPt(action: ChangeAction): boolean {
  return action === 'create' || isReplace(action);
}

/** The action deletes a PT: a delete, or the delete half of a replace. */
export function deletesPt(action: ChangeAction): boolean {
  return action === 'delete' || isReplace(action);
}

/** The change does something apply must carry out: an API action, or a state-only move or import. */
export function doesSomething(change: Pick<ResourceChange, 'action' | 'movedFrom' | 'importing'>): boolean {
  return change.action !== 'no-op' || !!change.movedFrom || !!change.importing;
}
