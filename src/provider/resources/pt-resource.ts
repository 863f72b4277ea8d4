/**
 * The `bedrockpt_provisioned_model_throughput` resource type: each protocol call, gated by the
 * provider's session (configured, not stopping), handed to the module that does it.
 */
import type { ApplyResponse, CtyObject, MoveRequest, PlanResponse, ProviderDiagnostic, ResourceType } from '../contract';
import { applyChange } from './apply-change';
import { errorDiagnostic, fromError } from './diagnostics';
import { moveState, upgradeState } from './move-upgrade';
import { ptResourceOutline } from './outline';
import { planChange } from './plan-change';
import { importPt, readPt } from './read-import';
import type { CallGate, ProviderOptions, ProviderSession } from './session';
import { DEFAULT_WAIT_POLICY } from '../../engine/apply/wait';

export interface ResourceHost {
  session(): ProviderSession | undefined;
  gate: CallGate;
  options: ProviderOptions;
}

const NOT_CONFIGURED = errorDiagnostic(
  'The bedrockpt provider is not configured',
  'Terraform calls ConfigureProvider first; its diagnostics say why it failed.',
);

export function ptResource(host: ResourceHost): ResourceType {
  const now = () => host.options.now?.() ?? new Date();
  /** Runs `fn` with the session, turning a missing session, a stop or an unexpected throw into diagnostics. */
  const withSession = async <T extends { diagnostics: ProviderDiagnostic[] }>(what: string, failed: T, fn: (s: ProviderSession) => Promise<T>): Promise<T> => {
    const session = host.session();
    if (!session) return { ...failed, diagnostics: [NOT_CONFIGURED] };
    try {
      return await host.gate.run(() => fn(session));
    } catch (err) {
      return { ...failed, diagnostics: [fromError(err, what)] };
    }
  };
  return {
    ...ptResourceOutline(host.options),
    plan: (request) =>
      withSession<PlanResponse>('Planning a Provisioned Throughput', { planned: null, requiresReplace: [], diagnostics: [] }, (s) =>
        planChange(s, request, now()),
      ),
    apply: (request) =>
      withSession<ApplyResponse>('Applying a Provisioned Throughput', { newState: request.prior, diagnostics: [] }, (s) =>
        applyChange({ session: s, signal: host.gate.signal, now: now(), waitPolicy: { ...DEFAULT_WAIT_POLICY, ...host.options.waitPolicy } }, request),
      ),
    read: (current: CtyObject) => withSession('Reading a Provisioned Throughput', { newState: current, diagnostics: [] }, (s) => readPt(s, current)),
    importState: (id: string) => withSession('Importing a Provisioned Throughput', { imported: [] as CtyObject[], diagnostics: [] }, (s) => importPt(s, id)),
    upgradeState: (version, raw) => upgradeState(version, raw),
    moveState: (request: MoveRequest) => moveState(request, host.session()?.region),
  };
}
