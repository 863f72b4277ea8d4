/**
 * Where this machine keeps the Terraform the tests and the benchmarks run: the `terraform` binary
 * on PATH and a filesystem mirror holding hashicorp/aws (there is no network to install it from).
 * Shared by test/ and bench/, which must not import each other.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The root of a filesystem mirror holding hashicorp/aws: TF_AWS_MIRROR, else found on disk. */
export function findAwsMirror(): string | undefined {
  if (process.env.TF_AWS_MIRROR)
    return fs.existsSync(path.join(process.env.TF_AWS_MIRROR, 'registry.terraform.io/hashicorp/aws')) ? process.env.TF_AWS_MIRROR : undefined;
  if (fs.existsSync('/opt/tf-plugins/registry.terraform.io/hashicorp/aws')) return '/opt/tf-plugins';
  try {
    const found = execFileSync('find', ['/', '-maxdepth', '5', '-type', 'd', '-path', '*/registry.terraform.io/hashicorp/aws'], {
      encoding: 'utf8',
      timeout: 20_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const first = found.split('\n').find(Boolean);
    return first ? path.resolve(first, '../../..') : undefined;
  } catch (err) {
    const partial = String((err as { stdout?: string }).stdout ?? '')
      .split('\n')
      .find(Boolean);
    return partial ? path.resolve(partial, '../../..') : undefined;
  }
}

export const TERRAFORM = onPath('terraform');
/** Only looked for when terraform is there: the search walks the disk. */
export const AWS_MIRROR = TERRAFORM ? findAwsMirror() : undefined;
