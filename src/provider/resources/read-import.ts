/**
 * ReadResource and ImportResourceState. Reads of one refresh share one List per account and
 * region (SharedPtList); a PT missing from it is confirmed with a Get before it is reported gone,
 * because a List taken a moment earlier does not show a PT bought since. Tags are read per PT:
 * the API has no bulk tag read.
 *
 * A PT outside the provider's partition, account and region is never reported gone (Terraform
 * would drop it and plan a second purchase): the read fails, naming both scopes. An ARN that a
 * second resource of the same run reads or imports is refused: one PT, one resource.
 */
import type { CtyObject, ProviderDiagnostic, ReadResponse } from '../contract';
import type { LivePt, ManagedPt } from '../../engine/model';
import { getPt } from '../../engine/apply/wait';
import { readTags } from '../../engine/refresh/refresh';
import { findForeignEntries, scopeOfArn, sameScope } from '../../engine/plan/scope';
import { SINGLE_RESOURCE_ADDRESS } from '../../engine/plan/single-resource';
import { errorDiagnostic, fromError, fromPlanner } from './diagnostics';
import type { ProviderSession } from './session';
import { managedFrom, stateFromLive } from './state-object';
import { writtenModel } from './written-models';

async function findPt(session: ProviderSession, arn: string): Promise<LivePt | undefined> {
  const listed = (await session.list.get())[arn];
  return listed ?? getPt(session.clients.bedrock, arn);
}

/** The engine's scope rule on one record, worded for Terraform; empty when the record is in scope. */
function outOfScope(session: ProviderSession, record: Omit<ManagedPt, 'address'>): ProviderDiagnostic[] {
  const live = { account: session.account, region: session.region, partition: session.scope.partition, pts: {}, models: {} };
  const stack = { name: 'terraform', provider: { region: session.region, profile: session.settings.config.profile } };
  const found = findForeignEntries(stack, [{ ...record, address: SINGLE_RESOURCE_ADDRESS }], [], live);
  const wording = { tracked: () => false, live, workspace: session.journal.workspace };
  return found.diagnostics.map((d) => fromPlanner(d, undefined, wording));
}

/** The second resource of a run read with an ARN another one holds is refused: one PT, one resource. */
function trackedTwice(session: ProviderSession, arn: string): ProviderDiagnostic[] {
  const wording = {
    tracked: () => true,
    live: { account: session.account, region: session.region, pts: {}, models: {} },
    workspace: session.journal.workspace,
  };
  return [
    fromPlanner(
      { severity: 'error', code: 'arn-tracked-twice', summary: `${arn} is held in Terraform's state by this resource and by another one` },
      undefined,
      wording,
    ),
  ];
}

export async function readPt(session: ProviderSession, current: CtyObject): Promise<ReadResponse> {
  const record = managedFrom(current);
  const arn = record.arn;
  const foreign = outOfScope(session, record);
  if (foreign.length) return { newState: current, diagnostics: foreign };
  if (!session.registry.read(arn)) return { newState: current, diagnostics: trackedTwice(session, arn) };
  try {
    const pt = arn ? await findPt(session, arn) : undefined;
    const tags = pt ? await readTags(session.clients, 'terraform', pt.arn) : undefined;
    // Gone (or gone between the two calls): null makes Terraform plan the create.
    if (!pt || !tags) return { newState: null, diagnostics: [] };
    await session.journal.settle(pt, session.scope).catch(() => undefined);
    return {
      newState: stateFromLive(pt, tags, session.settings.config.defaultTags, session.region, current, writtenModel(session.writtenModels, pt.name)),
      diagnostics: [],
    };
  } catch (err) {
    return { newState: current, diagnostics: [fromError(err, `Reading Provisioned Throughput ${arn}`)] };
  }
}

/** By ARN or by name: GetProvisionedModelThroughput accepts either. */
export async function importPt(session: ProviderSession, id: string): Promise<{ imported: CtyObject[]; diagnostics: ProviderDiagnostic[] }> {
  const named = scopeOfArn(id);
  if (id.startsWith('arn:') && (!named || !sameScope(named, session.scope))) {
    return {
      imported: [],
      diagnostics: [
        errorDiagnostic(
          `Cannot import "${id}": it is not a Provisioned Throughput ARN of partition ${session.scope.partition}, account ${session.account}, region ${session.region}`,
          'The provider imports from the account and region it is configured for; configure a provider (or an alias) for where the PT lives.',
        ),
      ],
    };
  }
  try {
    const pt = await getPt(session.clients.bedrock, id);
    const tags = pt ? await readTags(session.clients, 'terraform', pt.arn) : undefined;
    if (!pt || !tags) {
      return {
        imported: [],
        diagnostics: [
          errorDiagnostic(
            `Cannot import "${id}": no Provisioned Throughput with that ARN or name exists in account ${session.account}, region ${session.region}`,
            "Check the ARN or name, and the provider's region and credentials.",
          ),
        ],
      };
    }
    if (session.registry.isTracked(pt.arn)) {
      return {
        imported: [],
        diagnostics: [
          errorDiagnostic(
            `Cannot import ${pt.arn}: another resource of this configuration already holds it in Terraform's state`,
            'One Provisioned Throughput must belong to one resource. Import it into that resource only, or move it with a `moved` block.',
          ),
        ],
      };
    }
    session.registry.track(pt.arn);
    await session.journal.settle(pt, session.scope).catch(() => undefined);
    return {
      imported: [stateFromLive(pt, tags, session.settings.config.defaultTags, session.region, null, writtenModel(session.writtenModels, pt.name))],
      diagnostics: [],
    };
  } catch (err) {
    return { imported: [], diagnostics: [fromError(err, `Importing Provisioned Throughput "${id}"`)] };
  }
}
