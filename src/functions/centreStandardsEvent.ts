/**
 * Dispatched on the window by the task pane (the same shared runtime as the custom functions) after
 * it stores centre standards in the workbook, so the functions read the workbook's standards again.
 */
export const CENTRE_STANDARDS_CHANGED = 'vq-centre-standards-changed';
