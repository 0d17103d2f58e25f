import { PayloadValidationError } from '../errors/PayloadValidationError.js';
import type { StandardIssue, StandardSchemaV1 } from './StandardSchema.js';

/** Renders issues as `path: message; path: message`, at most five, without echoing values. */
export function formatIssues(issues: ReadonlyArray<StandardIssue>): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const path = (issue.path ?? [])
      .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
      .join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return shown.join('; ') + more;
}

/** Validates a decoded payload; throws `PayloadValidationError` naming the failing fields. */
export async function validatePayload<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
  messageId: string,
): Promise<T> {
  const result = await schema['~standard'].validate(value);
  if (result.issues !== undefined) {
    throw new PayloadValidationError(
      `Message ${messageId} failed its payload schema: ${formatIssues(result.issues)}. Fix the producer; the message is left for the queue's redrive.`,
      { issues: result.issues },
    );
  }
  return result.value;
}
