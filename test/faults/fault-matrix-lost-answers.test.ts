/** The fault matrix's lost-create-answer cases (fault-matrix.ts): no adoption, and replaces whose create keeps failing. */
import { describeLostCreateAnswers } from './fault-matrix';

describeLostCreateAnswers();
