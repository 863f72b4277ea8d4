/** The fault matrix (fault-matrix.ts) for the operations of shard 1 of 3. */
import { describeFaultMatrix } from './fault-matrix';

describeFaultMatrix(0);
