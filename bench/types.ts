/** The shape every bench module default-exports (bench/run.ts runs them in order and prints the figures). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** e.g. ">= 5000" */
  target?: string;
  /** Whether the target was met (omit when there is no target). */
  pass?: boolean;
  note?: string;
}

export interface Bench {
  name: string;
  run(): Promise<Figure[]>;
}
