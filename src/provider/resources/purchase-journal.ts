/**
 * The Terraform provider's create intents, kept on disk in Terraform's working directory.
 *
 * Terraform saves its state only after ApplyResourceChange returns, so a provider cannot record
 * a create before sending it the way the CLI does. The journal is that record: an entry is
 * written (and fsynced) before the first Create is sent, gets the ARN once Bedrock answers, and
 * is removed when the PT is handed back to Terraform, when the service refused the request, or
 * when a later run finds the ARN in Terraform's state. An entry that survives is a create whose
 * PT may exist in no state (Terraform was killed while it waited): the next plan resumes it when
 * a resource asks for exactly that PT, and buys nothing else until it is settled.
 *
 * Entries live under `<TF_DATA_DIR or .terraform>/bedrock-pt/purchases/<workspace>/`, one file
 * per token, so each Terraform workspace of a working directory has its own.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../../engine/fs/atomic-write';
import { BedrockPtError } from '../../engine/errors';
import type { LivePt, PendingCreate } from '../../engine/model';
import { mayBeResultOf } from '../../engine/pt/adoption';
import { sameScope, type Scope } from '../../engine/plan/scope';

export interface JournalEntry extends PendingCreate {
  partition: string;
  account: string;
  region: string;
  /** The Terraform workspace the create ran in. */
  workspace: string;
}

/** How long after its start a create whose PT never appeared can still take effect (see `isStale`). */
export const IN_FLIGHT_WINDOW_MS = 30 * 60_000;

/**
 * An entry whose PT is not found, started longer ago than any of its sends could still be
 * accepted: the provider's sends of one token end within minutes of the intent (five rounds of
 * SDK retries with 30 s timeouts), and Bedrock refuses a signed request more than five minutes
 * after it was signed. Such a create never took effect.
 */
export function isStale(entry: JournalEntry, nowMs: number): boolean {
  return nowMs - Date.parse(entry.startedAt) > IN_FLIGHT_WINDOW_MS;
}

/** The workspace Terraform runs in: TF_WORKSPACE, else what `terraform workspace select` wrote, else "default". */
export async function currentWorkspace(dataDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.TF_WORKSPACE) return env.TF_WORKSPACE;
  try {
    return (await fs.readFile(path.join(dataDir, 'environment'), 'utf8')).trim() || 'default';
  } catch {
    return 'default';
  }
}

export class PurchaseJournal {
  private constructor(
    readonly dir: string,
    readonly workspace: string,
  ) {}

  /** The journal of the working directory Terraform started the provider in. */
  static async open(workingDir: string, env: NodeJS.ProcessEnv): Promise<PurchaseJournal> {
    const dataDir = path.resolve(workingDir, env.TF_DATA_DIR || '.terraform');
    const workspace = await currentWorkspace(dataDir, env);
    return new PurchaseJournal(path.join(dataDir, 'bedrock-pt', 'purchases', encodeURIComponent(workspace)), workspace);
  }

  private file(token: string): string {
    return path.join(this.dir, `${token}.json`);
  }

  /** Written before the first Create is sent: when this fails, nothing may be sent. */
  async record(entry: JournalEntry): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.file(entry.clientRequestToken), `${JSON.stringify(entry, null, 2)}\n`);
    } catch (err) {
      throw new BedrockPtError(
        'apply',
        `Cannot record the create of "${entry.name}" in ${this.dir} before sending it (${(err as Error).message}); nothing was sent. ` +
          'The provider keeps each create there until Terraform has its result, so an interrupted apply never loses a PT: make the directory writable.',
        { field: 'provisioned_model_name' },
        { cause: err },
      );
    }
  }

  async update(entry: JournalEntry): Promise<void> {
    await writeFileAtomic(this.file(entry.clientRequestToken), `${JSON.stringify(entry, null, 2)}\n`);
  }

  async remove(token: string): Promise<void> {
    await fs.rm(this.file(token), { force: true });
  }

  /** Entries of creates sent to `scope`, oldest first. Unreadable files are skipped: they name no token we could resend. */
  async entries(scope: Scope): Promise<JournalEntry[]> {
    let names: string[];
    try {
      names = (await fs.readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    } catch {
      return [];
    }
    const entries: JournalEntry[] = [];
    for (const name of names) {
      try {
        const entry = JSON.parse(await fs.readFile(path.join(this.dir, name), 'utf8')) as JournalEntry;
        if (entry && typeof entry.clientRequestToken === 'string' && sameScope(entry, scope)) entries.push(entry);
      } catch {
        // A torn or foreign file: atomic writes never leave one, so it is not ours.
      }
    }
    return entries.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.clientRequestToken.localeCompare(b.clientRequestToken));
  }

  /**
   * Terraform's state holds `pt` now (read or imported): the create that bought it is settled.
   * An entry whose answer was lost is matched by name, when the PT may be its result.
   */
  async settle(pt: LivePt, scope: Scope): Promise<void> {
    for (const entry of await this.entries(scope)) {
      if (entry.arn === pt.arn || (!entry.arn && entry.name === pt.name && mayBeResultOf(pt, entry))) await this.remove(entry.clientRequestToken);
    }
  }
}
