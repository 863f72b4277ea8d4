/** `cdktf deploy` of the Terraform-path example app, offline, against the emulator (cases in deploy-cases.ts). */
import { removeTempDirs } from '../provider/harness';
import { deployCases } from './deploy-cases';

afterAll(removeTempDirs);

deployCases('cdktf');
