/** A numeric column of a per-class table (the class names make the first column). */
export interface ClassColumn {
  label: string;
  /** A longer explanation, shown on hover. */
  title?: string;
  /** Test id of the column's cells. */
  testid?: string;
}

/** One class's row: its name and one formatted value per column. */
export interface ClassRow {
  key: number;
  name: string;
  cells: string[];
}
