/**
 * ReadResource and ImportResourceState. Reads of one refresh share one List per account and
 * region (SharedPtList); a PT missing from it is confirmed with a Get before it is reported gone,
 * because a List taken a moment earlier does not show a PT bought since. Tags are read per PT:
 * the API has no bulk tag read.
 */
import type { CtyObject, ProviderDiagnostic, ReadResponse } from '../contract';
import type { LivePt } from '../../engine/model';
import { getPt } from '../../engine/apply/wait';
import { readTags } from '../../engine/refresh/refresh';
import { errorDiagnostic, fromError } from './diagnostics';
import type { ProviderSession } from './session';
import { managedFrom, stateFromLive } from './state-object';

async function findPt(session: ProviderSession, arn: string): Promise<LivePt | undefined> {
  const listed = (await session.list.get())[arn];
  return listed ?? getPt(session.clients.bedrock, arn);
}

export async function readPt(session: ProviderSession, current: CtyObject): Promise<ReadResponse> {
  const arn = managedFrom(current).arn;
  try {
    const pt = arn ? await findPt(session, arn) : undefined;
    const tags = pt ? await readTags(session.clients, 'terraform', pt.arn) : undefined;
    // Gone (or gone between the two calls): null makes Terraform plan the create.
    if (!pt || !tags) return { newState: null, diagnostics: [] };
    return { newState: stateFromLive(pt, tags, session.settings.config.defaultTags, session.region, current), diagnostics: [] };
  } catch (err) {
    return { newState: current, diagnostics: [fromError(err, `Reading Provisioned Throughput ${arn}`)] };
  }
}

/** By ARN or by name: GetProvisionedModelThroughput accepts either. */
export async function importPt(session: ProviderSession, id: string): Promise<{ imported: CtyObject[]; diagnostics: ProviderDiagnostic[] }> {
  try {
    const pt = await getPt(session.clients.bedrock, id);
    const tags = pt ? await readTags(session.clients, 'terraform', pt.arn) : undefined;
    if (!pt || !tags) {
      return {
        imported: [],
        diagnostics: [
          errorDiagnostic(
            `Cannot import "${id}": no Provisioned Throughput with that ARN or name exists in account ${session.account}, region ${session.region}`,
            'Check the ARN or name, and the provider\'s region and credentials.',
          ),
        ],
      };
    }
    return { imported: [stateFromLive(pt, tags, session.settings.config.defaultTags, session.region, null)], diagnostics: [] };
  } catch (err) {
    return { imported: [], diagnostics: [fromError(err, `Importing Provisioned Throughput "${id}"`)] };
  }
}
