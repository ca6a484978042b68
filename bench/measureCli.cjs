// Runs the built CLI in this process and reports its wall time and peak memory on exit (for the benchmark).
const start = process.hrtime.bigint();
process.on('exit', (code) => {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const usage = process.resourceUsage();
  // CPU time (all threads, compression included) is steadier than the clock on a shared machine.
  process.stderr.write(`\nBENCH ${JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMB: usage.maxRSS / 1024, code })}\n`);
});
process.argv.splice(1, 1); // as if bin/vq-matrix.cjs had been run
require('../dist/vq-matrix.cjs');
