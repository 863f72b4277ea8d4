/** The fault matrix (fault-matrix.ts) for the operations of shard 2 of 3. */
import { describeFaultMatrix } from './fault-matrix';

describeFaultMatrix(1);
