/** How many blank rows the exit checklist card offers after the saved tasks (to add a task). */
export const BLANK_CHECKLIST_ROWS = 2;
