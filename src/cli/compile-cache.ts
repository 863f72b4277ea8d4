/**
 * Node 22.1+ keeps V8's compiled code for the modules loaded after this call in a cache directory
 * (os.tmpdir()/node-compile-cache unless NODE_COMPILE_CACHE names one), so later runs skip
 * compiling the CLI and the AWS SDK. Imported first by main.ts, before any other module loads.
 * On Node 20 the API does not exist and this does nothing; Node itself honours NODE_DISABLE_COMPILE_CACHE=1.
 */
import * as nodeModule from 'node:module';

const enable = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
if (typeof enable === 'function') enable();
