// A sequence's options, shared by sequences and identity columns.
export interface SequenceOptions {
  readonly dataType: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}
