/**
 * A problem found while decoding or validating input against the model. Each service turns
 * issues into its own AWS error (SQS: MissingParameter / InvalidParameterValue; Kinesis and SNS:
 * Coral-style "1 validation error detected" messages), so the text lives with the service.
 */
export type ValidationIssue =
  | { kind: 'required'; path: string; member: string }
  | { kind: 'type'; path: string; member: string; expected: string; value: unknown }
  | { kind: 'enum'; path: string; member: string; value: string; allowed: string[]; shape: string }
  | { kind: 'length'; path: string; member: string; value: unknown; min?: number; max?: number }
  | { kind: 'range'; path: string; member: string; value: number; min?: number; max?: number }
  | { kind: 'pattern'; path: string; member: string; value: string; pattern: string };

export class InputIssues extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`${issues.length} input issue(s)`);
  }
}
