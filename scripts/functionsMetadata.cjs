// functions.json as Excel needs it. custom-functions-metadata generates it from the JSDoc in
// src/functions/functions.ts but has no tag for allowErrorForDataTypeAny ("only with manually
// created JSON metadata", Microsoft's custom-functions-errors page), so this plugin adds it to the
// generated file. Without it, one error cell anywhere in a range argument (a #VALUE! in a grid's
// formula row) means Excel never calls the function and shows a bare error; with it, the error
// values arrive and the functions ignore them, or name the cell where a mark belongs.
// https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json#allowerrorfordatatypeany
// https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors
const { Compilation, sources } = require('webpack');

/** The generated metadata, with errors allowed into the functions' `any` (range) parameters. */
function withErrorsAllowed(json) {
  const metadata = JSON.parse(json);
  return JSON.stringify({ ...metadata, allowErrorForDataTypeAny: true }, null, 4);
}

class AllowErrorsInRangesPlugin {
  constructor(options = { file: 'functions.json' }) {
    this.file = options.file;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('AllowErrorsInRangesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'AllowErrorsInRangesPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const asset = compilation.getAsset(this.file);
        if (!asset) return; // the metadata plugin reported its errors already
        compilation.updateAsset(this.file, new sources.RawSource(withErrorsAllowed(asset.source.source().toString())));
      });
    });
  }
}

module.exports = { withErrorsAllowed, AllowErrorsInRangesPlugin };
