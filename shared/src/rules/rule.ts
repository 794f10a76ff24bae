import { type ProgramId } from '../contracts/catalogue';
import { type Trace } from './trace';

/** One program's rule: adds its conditions, award and caps to the trace, in the order of the text. */
export type Rule<P extends ProgramId> = (trace: Trace<P>) => void;
