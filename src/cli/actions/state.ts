/** What the state commands (state list, state rm, import, force-unlock) do once their arguments are parsed; loaded only when one runs. */
import { BedrockPtError } from '../../engine/errors';
import { ClientPool } from '../../engine/aws/clients';
import { loadStacks, readAllStacks } from '../../engine/run/inputs';
import { statePathOf } from '../../engine/run/plan-stacks';
import { refuseRemoteState } from '../../engine/run/remote-state';
import { listAllPts, readTags } from '../../engine/refresh/refresh';
import { forceUnlock, openStateSession } from '../../engine/state';
import { PT_RESOURCE_TYPE, type PendingCreate, type StackConfig } from '../../engine/model';
import { inputOptions, type InputFlags } from '../io';

/** The stack named by --stack, or the app's only stack when it has one. */
async function oneStack(flags: InputFlags, command: string): Promise<StackConfig> {
  if ((flags.stack?.length ?? 0) > 1) {
    throw new BedrockPtError('usage', `${command} works on one stack; name it once with --stack NAME (got ${flags.stack!.join(', ')})`);
  }
  const stack = flags.stack?.length ? (await loadStacks(inputOptions(flags))).stacks[0] : await onlyStack(flags, command);
  refuseRemoteState([stack], command);
  return stack;
}

async function onlyStack(flags: InputFlags, command: string): Promise<StackConfig> {
  const { all } = await readAllStacks(inputOptions(flags));
  if (all.length === 1) return all[0];
  const names = all.map((s) => s.name).sort();
  throw new BedrockPtError('usage', `${command} works on one stack and the app has ${all.length} (${names.join(', ') || 'none'}); name it with --stack NAME`);
}

function checkAddress(address: string): void {
  if (!new RegExp(`^${PT_RESOURCE_TYPE}\\.[A-Za-z_][A-Za-z0-9_-]*$`).test(address)) {
    throw new BedrockPtError('usage', `${address} is not an address of a Provisioned Throughput; expected ${PT_RESOURCE_TYPE}.<name>`, { address });
  }
}

/**
 * An interrupted create at the address may have bought its PT, which only that create's token
 * can find again: importing another PT there would leave two PTs claiming one address.
 */
function refuseOverPendingCreate(stack: string, address: string, intent: PendingCreate | undefined): void {
  if (!intent) return;
  throw new BedrockPtError(
    'usage',
    `${stack}/${address} has an interrupted create of "${intent.name}" (token ${intent.clientRequestToken}, started ${intent.startedAt}) that is not resolved; ` +
      `its PT may exist, so nothing is imported there. Resolve it first: \`bedrock-pt apply --stack ${stack}\` records its PT or re-sends it with the same token (nothing is bought twice), ` +
      `or, if you are sure it never reached Bedrock, \`bedrock-pt state rm --stack ${stack} ${address}\` removes the intent; then import`,
    { stack, address },
  );
}

export async function stateList(flags: InputFlags): Promise<void> {
  const { stacks } = await loadStacks(inputOptions(flags));
  refuseRemoteState(stacks, 'state list');
  for (const stack of stacks) {
    const session = await openStateSession(statePathOf(stack), {
      stack: stack.name,
      operation: 'state list',
      readOnly: true,
      lockTimeoutMs: flags.lockTimeout,
      providerAlias: stack.provider.alias ?? '',
      region: stack.provider.region,
    });
    try {
      for (const pt of Object.values(session.managed.pts).sort((a, b) => a.address.localeCompare(b.address))) {
        process.stdout.write(`${stacks.length > 1 ? `${stack.name}\t` : ''}${pt.address}\t${pt.arn}\t${pt.name}\n`);
      }
    } finally {
      await session.release();
    }
  }
}

export async function stateRm(address: string, flags: InputFlags): Promise<void> {
  checkAddress(address);
  const stack = await oneStack(flags, 'state rm');
  const session = await openStateSession(statePathOf(stack), {
    stack: stack.name,
    operation: 'state rm',
    lockTimeoutMs: flags.lockTimeout,
    providerAlias: stack.provider.alias ?? '',
    region: stack.provider.region,
  });
  try {
    const pt = session.managed.pts[address];
    const intent = session.managed.pending[address];
    if (!pt && !intent) throw new BedrockPtError('usage', `${stack.name}/${address} is not in state`, { stack: stack.name, address });
    await session.update((m) => {
      delete m.pts[address];
      delete m.pending[address];
    });
    if (intent) {
      process.stdout.write(
        `Removed the interrupted create of "${intent.name}" (token ${intent.clientRequestToken}) for ${stack.name}/${address} from state. ` +
          `If a PT named "${intent.name}" appears after all, it is not managed: import it or delete it.\n`,
      );
    }
    if (pt)
      process.stdout.write(
        `Removed ${stack.name}/${address} (${pt.arn}) from state. The Provisioned Throughput still exists and still bills; ` +
          `remove it from the configuration too, or the next plan will try to create it again.\n`,
      );
  } finally {
    await session.release();
  }
}

export async function importPt(address: string, id: string, flags: InputFlags): Promise<void> {
  checkAddress(address);
  const stack = await oneStack(flags, 'import');
  const desired = stack.resources.find((r) => r.address === address);
  if (!desired)
    throw new BedrockPtError('usage', `${stack.name}/${address} is not in the configuration; add the resource first, then import`, {
      stack: stack.name,
      address,
    });
  const pool = new ClientPool();
  const clients = pool.forProvider(stack.provider);
  let session: Awaited<ReturnType<typeof openStateSession>> | undefined;
  try {
    // Read before the lock is taken, so an import of a PT that does not exist leaves no state file behind.
    const live = await listAllPts(clients, stack.name);
    const pt = live[id] ?? Object.values(live).find((p) => p.name === id);
    if (!pt) throw new BedrockPtError('usage', `no Provisioned Throughput ${id} in ${clients.region} for stack ${stack.name}`, { stack: stack.name, address });
    session = await openStateSession(statePathOf(stack), {
      stack: stack.name,
      operation: 'import',
      lockTimeoutMs: flags.lockTimeout,
      providerAlias: stack.provider.alias ?? '',
      region: stack.provider.region,
    });
    if (session.managed.pts[address])
      throw new BedrockPtError('usage', `${stack.name}/${address} is already managed (${session.managed.pts[address].arn})`, { stack: stack.name, address });
    refuseOverPendingCreate(stack.name, address, session.managed.pending[address]);
    const owner = Object.values(session.managed.pts).find((m) => m.arn === pt.arn);
    if (owner) throw new BedrockPtError('usage', `${pt.arn} is already managed as ${stack.name}/${owner.address}`, { stack: stack.name, address });
    const tags = (await readTags(clients, stack.name, pt.arn)) ?? {};
    await session.update((m) => {
      m.pts[address] = {
        address,
        arn: pt.arn,
        name: pt.name,
        modelArn: pt.modelArn,
        modelUnits: pt.modelUnits,
        commitment: pt.commitment,
        tags: Object.fromEntries(Object.entries(tags).filter(([k]) => k in desired.tags)),
        tagsAll: tags,
        region: clients.region,
        timeouts: desired.timeouts,
      };
    });
    process.stdout.write(`Imported ${pt.arn} (${pt.name}) as ${stack.name}/${address}. Run plan to see how it differs from the configuration.\n`);
  } finally {
    await session?.release();
    pool.destroy();
  }
}

export async function unlockStack(lockId: string, flags: InputFlags): Promise<void> {
  const stack = await oneStack(flags, 'force-unlock');
  await forceUnlock(statePathOf(stack), lockId);
  process.stdout.write(`Removed the lock ${lockId} from the state of stack ${stack.name}.\n`);
}
