/**
 * The seam that picks cdktf or CDK Terrain (src/resources/cdk.ts): which one it loads, and the
 * refusal when an app's App comes from the other one (both installed, as in this repository).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chooseFlavour, flavour, CDK_PACKAGES, type CdkFlavour } from '../../src/resources/cdk';
import { EnvironmentStack } from '../../src/resources';
import { prodApp, prodStackProps, removeTempDirs } from './builders';

afterAll(removeTempDirs);

describe('choosing cdktf or cdktn', () => {
  it.each<[string, string | undefined, CdkFlavour[], CdkFlavour | undefined, CdkFlavour]>([
    ['BEDROCK_PT_CDK wins over what is installed or loaded', 'cdktn', ['cdktf', 'cdktn'], 'cdktf', 'cdktn'],
    ['the only library installed (a cdktn project)', undefined, ['cdktn'], undefined, 'cdktn'],
    ['the only library installed (a cdktf project)', undefined, ['cdktf'], undefined, 'cdktf'],
    ['both installed: the one the app loaded first', undefined, ['cdktf', 'cdktn'], 'cdktn', 'cdktn'],
    ['both installed, neither loaded yet: cdktf', undefined, ['cdktf', 'cdktn'], undefined, 'cdktf'],
  ])('%s', (_title, asked, installed, loadedFirst, expected) => {
    expect(chooseFlavour(asked, installed, loadedFirst)).toBe(expected);
  });

  it('refuses an unknown BEDROCK_PT_CDK, naming the two it takes', () => {
    expect(() => chooseFlavour('cdk8s', ['cdktf'], undefined)).toThrow('BEDROCK_PT_CDK is "cdk8s"; it must be cdktf or cdktn');
  });

  it('says what to install when neither library is there', () => {
    expect(() => chooseFlavour(undefined, [], undefined)).toThrow(
      /need cdktf 0\.21 \(with @cdktf\/provider-aws\) or cdktn 0\.24 \(with @cdktn\/provider-aws\)/,
    );
  });
});

describe('the library loaded here, where both are installed', () => {
  it('is the one BEDROCK_PT_CDK names, else cdktf, and it synthesizes the stacks', () => {
    expect(flavour).toBe(process.env.BEDROCK_PT_CDK ?? 'cdktf');
    const { version } = require(`${CDK_PACKAGES[flavour].core}/package.json`);
    const { app } = prodApp();
    app.synth();
    const stack = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    expect(stack['//'].metadata.version).toBe(version);
  });
});

describe('an App of the other library', () => {
  const other: CdkFlavour = flavour === 'cdktf' ? 'cdktn' : 'cdktf';

  it(`is refused with the fix, instead of synthesizing a mix of the two (loaded: ${flavour})`, () => {
    const { App } = require(CDK_PACKAGES[other].core);
    expect(() => new EnvironmentStack(new App(), 'prod', prodStackProps())).toThrow(
      `EnvironmentStack prod: the app's App comes from ${other}, but bedrock-pt loaded ${flavour} (both are installed here). Set BEDROCK_PT_CDK=${other}, or import ${other} before bedrock-pt.`,
    );
  });
});
