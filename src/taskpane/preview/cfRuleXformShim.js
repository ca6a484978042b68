/*
 * Stands in for exceljs/lib/xlsx/xform/sheet/cf/cf-rule-xform.js in the browser bundle (webpack
 * alias). The xlsx adapter patches that Node class so conditional formats keep stopIfTrue; the
 * browser build of exceljs bundles its own copy, which cannot be reached from outside. Patching
 * this stand-in is harmless: preview downloads are written without stopIfTrue, which only changes
 * criteria-rows grids in that an amber (claimed) code cell is not also made bold by the red rule.
 */
function CfRuleXform() {}
CfRuleXform.prototype.renderExpression = function renderExpression() {};
module.exports = CfRuleXform;
