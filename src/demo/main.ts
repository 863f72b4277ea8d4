/**
 * `npm run demo`: the whole review loop on a laptop, with no AWS account. It starts the
 * embedded Bedrock emulator, runs the real `bedrock-pt` CLI against the example app (dev,
 * staging and prod in three accounts and two regions), applies it, then proposes the changes
 * a team would make in a pull request and shows how each is planned.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../emulator';
import { loadState } from '../engine/state';
import { DEV_CUSTOM_V2 } from './app';
import {
  ADDRESS,
  CLI,
  DEMO_APP,
  DEMO_ENVS,
  EMULATOR_STATE_FILE,
  ENV_FILE,
  ROOT,
  demoChildEnv,
  handRunEmulatorArgs,
  handRunPort,
  riskyCallerVariables,
  startDemoEmulator,
  writeProject,
  type DemoEnv,
} from './project';
import { check, DemoFailure, runCli, runCliExpecting, type CliRunOptions } from './run-cli';

const RULE = '='.repeat(78);

function heading(title: string, notice: string): void {
  process.stdout.write(`\n${RULE}\n${title}\n${'-'.repeat(78)}\n${notice}\n\n`);
}

async function stateArns(dir: string): Promise<Record<DemoEnv, string | undefined>> {
  const arns = {} as Record<DemoEnv, string | undefined>;
  for (const env of DEMO_ENVS) arns[env] = (await loadState(path.join(dir, `terraform.${env}.tfstate`))).managed.pts[ADDRESS]?.arn;
  return arns;
}

interface TfPlanJson {
  resource_changes: { address: string; change: { actions: string[] } }[];
}

/** What the demo learnt on the way, for the summary. */
interface Outcome {
  commitmentEnds: string;
  daysLeft: string;
}

async function runSteps(dir: string, emulator: Emulator): Promise<Outcome> {
  const cli = (stage: 'initial' | 'changed', redirect?: string): CliRunOptions => ({ cwd: dir, env: demoChildEnv(dir, emulator.url, stage), redirect });
  const removed = riskyCallerVariables();

  heading(
    '1. A local Bedrock with three accounts',
    `The emulator listens on ${emulator.url}. The project in ${dir} has a cdktf.json running the example app\n` +
      'and an AWS credentials file with profiles bedrock-pt-dev/staging/prod, whose keys the emulator maps to\n' +
      'accounts 111111111111, 222222222222 and 333333333333. Every AWS_* variable of your shell is removed\n' +
      "from the CLI's environment and its endpoints point at the emulator, so nothing here can reach a real\n" +
      `AWS account${removed.length ? ` (ignored from your shell: ${removed.join(', ')})` : ''}.`,
  );

  heading(
    '2. Plan and apply the example app',
    'One plan covers all three stacks. Notice the commitments it would buy (model-unit-hours), and that\n' +
      'apply waits for each PT to leave Creating; the plan file is signed and applied exactly as reviewed.',
  );
  await runCliExpecting(0, 'initial plan', ['plan', '--all', '--out', 'initial.plan.json'], cli('initial'));
  await runCliExpecting(0, 'initial apply', ['apply', 'initial.plan.json'], cli('initial'));
  const created = await stateArns(dir);
  for (const env of DEMO_ENVS) check(!!created[env], `the ${env} stack records its PT's ARN in terraform.${env}.tfstate`);

  heading('3. Nothing left to do', 'A second plan finds the cloud matching the code: exit 0 with --detailed-exitcode (2 would mean changes).');
  await runCliExpecting(0, 'plan right after apply', ['plan', '--all', '--detailed-exitcode'], cli('initial'));

  heading(
    '4. A pull request changes all three environments (BEDROCK_PT_DEMO_STAGE=changed)',
    'dev:     rename + newer custom model of the same base  → update in place (same ARN, nothing new bought)\n' +
      'staging: CostCenter cc-1234 → cc-5678, Owner added     → update in place (only the tag difference is sent)\n' +
      'prod:    model units 2 → 3 on a six-month commitment   → replace, BLOCKED until the commitment ends\n' +
      'The command exits 1 because a change is blocked: that is expected. It still writes the PR comment\n' +
      '(plan.md) and the plan file, and prints why prod is blocked and how long its term has left.',
  );
  const proposed = await runCliExpecting(1, 'plan of the changes (blocked)', ['plan', '--all', '--out', 'plan.json', '--markdown', 'plan.md'], cli('changed'));
  const blocked = /commitment of "prod-support-chat" runs until ([^()]+?) \((\d+) days left\)/.exec(proposed.stdout);
  check(!!blocked, "the plan names the end of prod's commitment and the days left");
  check((proposed.stdout.match(/will be updated in-place/g) ?? []).length === 2, 'dev and staging are planned as updates in place');
  const markdown = fs.readFileSync(path.join(dir, 'plan.md'), 'utf8');
  check(markdown.startsWith('<!-- bedrock-pt-plan -->'), 'plan.md starts with the marker a CI job uses to update its comment');
  check(markdown.includes('runs until'), 'plan.md says why prod is blocked');

  heading('5. The same plan for policy tools', "`show --json` renders Terraform's JSON plan (as `terraform show -json` would), for OPA/Conftest and the like.");
  const shown = await runCliExpecting(0, 'show --json', ['show', 'plan.json', '--json'], cli('changed', '> plan.tf.json'));
  fs.writeFileSync(path.join(dir, 'plan.tf.json'), shown.stdout);
  const actions = Object.fromEntries((JSON.parse(shown.stdout) as TfPlanJson).resource_changes.map((c) => [c.address, c.change.actions]));
  for (const [address, act] of Object.entries(actions)) process.stdout.write(`  ${address}: ${JSON.stringify(act)}\n`);
  check(JSON.stringify(actions[`module.dev.${ADDRESS}`]) === '["update"]', 'plan.tf.json: dev is an update');
  check(JSON.stringify(actions[`module.staging.${ADDRESS}`]) === '["update"]', 'plan.tf.json: staging is an update');
  check(JSON.stringify(actions[`module.prod.${ADDRESS}`]) === '["delete","create"]', 'plan.tf.json: prod is a replace');

  heading(
    '6. Apply the reviewed plan where it is allowed',
    'dev and staging are applied from the saved, signed plan (--stack picks them); prod is left as it is.\n' +
      'Notice dev waits for Updating → InService while staging only sends TagResource.',
  );
  await runCliExpecting(0, 'apply of dev and staging', ['apply', 'plan.json', '--stack', 'dev', '--stack', 'staging'], cli('changed'));

  heading('7. What remains', "A fresh plan: dev and staging match the code; only prod's blocked replace is left (exit 1 again).");
  const remaining = await runCli(['plan', '--all'], cli('changed'));
  check(remaining.code === 1, `the final plan exits 1 for prod's blocked change (got ${remaining.code})`);
  check((remaining.stdout.match(/No changes\./g) ?? []).length === 2, 'the final plan has no changes for dev and staging');

  await checkCloud(dir, emulator, created);
  return { commitmentEnds: blocked![1], daysLeft: blocked![2] };
}

/** The emulated cloud and the state files agree with what the demo says happened. */
async function checkCloud(dir: string, emulator: Emulator, created: Record<DemoEnv, string | undefined>): Promise<void> {
  const inventory = emulator.inventory();
  const names = inventory.map((pt) => pt.provisionedModelName).sort();
  check(
    JSON.stringify(names) === JSON.stringify(['dev-support-assistant', 'prod-support-chat', 'staging-support-chat']),
    `exactly three PTs exist, dev renamed (found: ${names.join(', ')})`,
  );
  const after = await stateArns(dir);
  for (const env of DEMO_ENVS) check(after[env] === created[env], `the ${env} PT kept its ARN`);
  const byName = (name: string) => inventory.find((pt) => pt.provisionedModelName === name);
  const dev = byName('dev-support-assistant');
  check(dev?.provisionedModelArn === created.dev && dev?.modelArn === DEV_CUSTOM_V2, 'dev serves devsupport02 from the same PT');
  const staging = byName('staging-support-chat');
  check(staging?.tags.CostCenter === 'cc-5678' && staging?.tags.Owner === 'ml-platform', 'staging carries the new tags');
  check(byName('prod-support-chat')?.modelUnits === 2, 'prod keeps its two committed model units');
  check(
    inventory.every((pt) => pt.status === 'InService'),
    'every PT is InService',
  );
}

/** The directory as the user would type it: relative to where they ran the demo when it lies inside. */
function shown(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : dir;
}

/** The two commands that bring the demo's cloud back and plan against it by hand (run as printed by test/demo). */
function handRunCommands(dir: string, port: number): { emulator: string; plan: string } {
  const enter = `cd ${shown(dir)} && . ./${ENV_FILE}`;
  return { emulator: `${enter} && bedrock-pt ${handRunEmulatorArgs(port).join(' ')}`, plan: `${enter} && bedrock-pt plan --all` };
}

function summary(dir: string, port: number, outcome: Outcome, seconds: number): void {
  const files = ['plan.md', 'plan.json', 'plan.tf.json', ...DEMO_ENVS.map((env) => `terraform.${env}.tfstate`), EMULATOR_STATE_FILE, ENV_FILE];
  const hand = handRunCommands(dir, port);
  heading(
    `Demo complete in ${seconds.toFixed(1)} s`,
    `Files written (project in ${dir}):\n` +
      `${files.map((f) => `  ${path.join(dir, f)}`).join('\n')}\n` +
      '  plan.md: the pull-request comment; plan.json: the signed plan `bedrock-pt apply` accepts;\n' +
      "  plan.tf.json: Terraform's JSON plan; terraform.<stack>.tfstate: Terraform state (v4), one per stack;\n" +
      `  ${EMULATOR_STATE_FILE}: the emulated cloud; ${ENV_FILE}: the demo's environment for your shell.\n\n` +
      'What happened:\n' +
      '  - three PTs created in three accounts (dev in us-east-1, staging in us-west-2, prod in us-east-1);\n' +
      '  - dev renamed to dev-support-assistant and moved to custom model devsupport02, in place, same ARN;\n' +
      '  - staging re-tagged in place (CostCenter cc-5678, Owner ml-platform);\n' +
      `  - prod's 2 → 3 model units refused: its SixMonths commitment runs until ${outcome.commitmentEnds} (${outcome.daysLeft} days left).\n\n` +
      "Try it by hand: serve the demo's cloud again in a second terminal (Ctrl-C stops it),\n" +
      `  ${hand.emulator}\n` +
      `then plan against it here (${ENV_FILE} clears your AWS_* variables, points the CLI at the emulator\n` +
      'and defines a `bedrock-pt` function; BEDROCK_PT_DEMO_STAGE=initial plans the app before the PR):\n' +
      `  ${hand.plan}`,
  );
}

async function main(): Promise<number> {
  const started = Date.now();
  const dir = path.resolve(process.env.BEDROCK_PT_DEMO_DIR || path.join(ROOT, 'demo-out'));
  if (!fs.existsSync(CLI) || !fs.existsSync(DEMO_APP)) {
    process.stderr.write('Error: dist/ is missing; run `npm run build` (or `npm run demo`, which builds first)\n');
    return 1;
  }
  let port: number;
  try {
    port = handRunPort();
    writeProject(dir, port);
  } catch (err) {
    process.stderr.write(`Demo failed: ${(err as Error).message}\n`);
    return 1;
  }
  const emulator = await startDemoEmulator(dir);
  try {
    const outcome = await runSteps(dir, emulator);
    summary(dir, port, outcome, (Date.now() - started) / 1000);
    return 0;
  } catch (err) {
    const what = err instanceof DemoFailure ? err.message : `unexpected error: ${(err as Error).stack ?? String(err)}`;
    process.stderr.write(`\nDemo failed: ${what}\nFiles so far are in ${dir}\n`);
    return 1;
  } finally {
    await emulator.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`Demo failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
