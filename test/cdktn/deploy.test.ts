/**
 * `cdktn deploy` (CDK Terrain's CLI) of the Terraform-path example app written with cdktn
 * (examples/cdktn-app), offline, against the emulator: the same cases as `cdktf deploy`.
 * cdktn-cli needs Node.js 22.19 or newer; on an older Node this skips with a printed line, and
 * `npm test` runs it in its Node 24 pass.
 */
import { removeTempDirs } from '../provider/harness';
import { deployCases } from '../cdktf/deploy-cases';

afterAll(removeTempDirs);

deployCases('cdktn');
