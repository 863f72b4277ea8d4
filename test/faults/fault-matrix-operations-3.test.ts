/** The fault matrix (fault-matrix.ts) for the operations of shard 3 of 3. */
import { describeFaultMatrix } from './fault-matrix';

describeFaultMatrix(2);
