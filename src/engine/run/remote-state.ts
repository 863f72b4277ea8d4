/**
 * The standalone CLI keeps state in local files only. A stack whose backend is remote (s3, HCP
 * Terraform, ...) is refused before any state is read or any call is sent, for all selected
 * stacks at once, so `plan --all` never plans the local stacks and then stops on a remote one.
 * The refusal names each stack's backend and gives the two ways out as commands: the Terraform
 * path, where Terraform reads that state and holds its lock, or a local state file for the stack.
 */
import * as path from 'node:path';
import { BedrockPtError } from '../errors';
import { PT_RESOURCE_TYPE, type RemoteState, type StackConfig } from '../model/desired';

/** The same job on the Terraform path: cdktf's command (when it has one) and Terraform's arguments. */
const TERRAFORM_PATH: Record<string, { cdktf?: string; terraform: string }> = {
  plan: { cdktf: 'plan', terraform: 'plan' },
  apply: { cdktf: 'deploy', terraform: 'apply' },
  'state list': { terraform: 'state list' },
  'state rm': { terraform: 'state rm ADDRESS' },
  import: { terraform: 'import ADDRESS ID' },
  'force-unlock': { terraform: 'force-unlock LOCK_ID' },
};

/** Throws when any of `stacks` has a remote backend; `command` is the bedrock-pt command that was run. */
export function refuseRemoteState(stacks: StackConfig[], command: string): void {
  const remote = stacks.filter((s): s is StackConfig & { remoteState: RemoteState } => !s.statePath && !!s.remoteState);
  if (remote.length === 0) return;
  const local = stacks.filter((s) => s.statePath);
  const names = remote.map((s) => s.name);
  const where =
    remote.length === 1
      ? `stack ${names[0]} keeps its state in ${describeBackend(remote[0].remoteState)}`
      : `stacks ${names.join(', ')} keep their state in remote backends (${remote.map((s) => `${s.name}: ${describeBackend(s.remoteState)}`).join('; ')})`;
  const body = [
    ...remote.flatMap((s) => waysOut(s.name, s.remoteState, command)),
    ...(local.length ? [`The other stacks keep local state: bedrock-pt ${command} ${local.map((s) => `--stack ${s.name}`).join(' ')}`] : []),
  ];
  throw new BedrockPtError(
    'config',
    `${where}, and the bedrock-pt CLI reads and writes local state files only; nothing was read or sent`,
    { stack: names[0], field: 'terraform.backend' },
    { body: body.join('\n') },
  );
}

function describeBackend(remote: RemoteState): string {
  const what = remote.type === 'cloud' ? 'HCP Terraform (a cloud block)' : `the "${remote.type}" backend`;
  return remote.location ? `${what} (${remote.location})` : what;
}

function waysOut(stack: string, remote: RemoteState, command: string): string[] {
  const dir = path.relative(process.cwd(), remote.workingDirectory) || '.';
  const terraform = (args: string) => `terraform -chdir=${dir} ${args}`;
  const job = TERRAFORM_PATH[command] ?? TERRAFORM_PATH.plan;
  const run = job.cdktf ? `cdktf ${job.cdktf} ${stack} (or ${terraform(job.terraform)})` : terraform(job.terraform);
  if (remote.ptResourceType !== PT_RESOURCE_TYPE) {
    // Its PTs are bedrockpt_provisioned_model_throughput (or it has none): only Terraform plans it.
    return [`${stack}: run it on the Terraform path, where Terraform reads that state and holds its lock: ${run}`];
  }
  return [
    `${stack}: either move it to the Terraform path, where Terraform reads that state and holds its lock: set ptResource: 'bedrockpt' and migrateFromAws: true on its EnvironmentStack, synthesize, then ${run};`,
    `  or keep its state in a local file: ${terraform('init')} && ${terraform(`state pull > terraform.${stack}.tfstate`)}, give the stack cdktf's local backend (EnvironmentStack backend: { type: 'local' }), and run bedrock-pt ${command} --stack ${stack} again`,
  ];
}
