/**
 * The example app, written with cdktf: the three environments of environments.ts in one App.
 * `cdktf.json` at the repository root runs it.
 */
import { App } from 'cdktf';
import { synthApp } from '../../src/resources';
import { defineEnvironment, ENVIRONMENTS } from './environments';

export * from './environments';

export interface BuildOptions {
  /** Synth output directory. @default CDKTF_OUTDIR or cdktf.out */
  outdir?: string;
  /** Bedrock and STS endpoint for every stack (the local emulator). */
  endpoint?: string;
}

export function buildApp(options: BuildOptions = {}): App {
  const app = new App(options.outdir === undefined ? {} : { outdir: options.outdir });
  for (const env of ENVIRONMENTS) defineEnvironment(app, env, options.endpoint);
  return app;
}

if (require.main === module) synthApp(buildApp({ endpoint: process.env.BEDROCK_PT_ENDPOINT || undefined }));
