// Run bundled by bench/run.ts: prints the custom-function timings as JSON.
import { functionFigures, junkFunctionFigures } from './laterFigures';

const [qualification, unit] = process.argv.slice(2);
process.stdout.write(JSON.stringify({ ...functionFigures(qualification!, unit!), ...junkFunctionFigures() }));
