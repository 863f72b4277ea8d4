/**
 * One JSON object per line, shaped as Terraform's machine-readable UI (`terraform plan -json`):
 * every line has `@level`, `@message`, `@module`, `@timestamp` and `type`, plus the payload of
 * its type under Terraform's field names. What bedrock-pt adds (stacks, blocked and replace
 * counts, commitments, why a change is blocked) sits under a `bedrock_pt` field, so a consumer
 * written for Terraform reads the rest unchanged.
 */
import type { ChangeAction, ResourceChange } from '../../engine/model';
import type { Diagnostic } from '../../engine/diagnostics';
import { label } from '../../engine/render/diagnostic';
import { VERSION } from '../../version';
import type { ViewStreams } from './streams';

export const JSON_UI_VERSION = '1.2';
const MODULE = 'bedrock-pt.ui';

export type Level = 'info' | 'warn' | 'error';

export class JsonLines {
  constructor(
    private readonly out: ViewStreams['out'],
    private readonly now: () => Date = () => new Date(),
  ) {}

  emit(type: string, level: Level, message: string, payload: Record<string, unknown> = {}): void {
    const line = { '@level': level, '@message': message, '@module': MODULE, '@timestamp': this.now().toISOString(), type, ...payload };
    this.out.write(`${JSON.stringify(line)}\n`);
  }

  version(): void {
    this.emit('version', 'info', `bedrock-pt ${VERSION}`, { terraform: VERSION, ui: JSON_UI_VERSION, bedrock_pt: { version: VERSION } });
  }

  /**
   * Any diagnostic, a plan's or the error a run stops on, in one shape: Terraform's `diagnostic`
   * (a note is a warning there), and under `bedrock_pt` where it is (stack, address, field) and
   * what raised it (the planner's `code`, or the error's `kind`).
   */
  diagnostic(d: Diagnostic): void {
    const level: Level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warn' : 'info';
    const severity = d.severity === 'note' ? 'warning' : d.severity;
    this.emit('diagnostic', level, `${label(d)} ${d.summary}`, {
      diagnostic: { severity, summary: d.summary, detail: d.detail ?? '', ...(d.address ? { address: d.address } : {}) },
      bedrock_pt: {
        ...(d.stack ? { stack: d.stack } : {}),
        ...(d.address ? { address: d.address } : {}),
        ...(d.field ? { field: d.field } : {}),
        ...(d.code ? { code: d.code } : {}),
        ...(d.kind ? { kind: d.kind } : {}),
        ...(d.severity === 'note' ? { note: true } : {}),
      },
    });
  }
}

/** Terraform's `resource` object for an address such as `aws_bedrock_provisioned_model_throughput.chat`. */
export function resourceOf(address: string): Record<string, unknown> {
  const dot = address.indexOf('.');
  const type = address.slice(0, dot);
  return {
    addr: address,
    module: '',
    resource: address,
    implied_provider: type.split('_')[0],
    resource_type: type,
    resource_name: address.slice(dot + 1),
    resource_key: null,
  };
}

/** Terraform's action word for a planned change ("create", "update", "delete", "replace", "noop", "import", "move"). */
export function jsonAction(change: Pick<ResourceChange, 'action' | 'importing' | 'movedFrom'>): string {
  if (change.action === 'no-op') return change.importing ? 'import' : change.movedFrom ? 'move' : 'noop';
  return engineAction(change.action);
}

/** The same word for an action the applier reports (ProgressEvent.action). */
export function engineAction(action: ChangeAction | string): string {
  switch (action) {
    case 'delete-then-create':
    case 'create-then-delete':
      return 'replace';
    case 'no-op':
      return 'noop';
    default:
      return action;
  }
}
