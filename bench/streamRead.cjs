// exceljs's own streaming read of a file, doing nothing with the cells: the floor for `check`.
const ExcelJS = require('exceljs');
(async () => {
  const start = process.hrtime.bigint();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  let rows = 0;
  for await (const ws of reader) for await (const row of ws) rows += row.values.length > 0 ? 1 : 0;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rows, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
})();
