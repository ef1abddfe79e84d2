import type { z } from 'zod';

/**
 * One line naming each problem zod found in an admin request, by its path (`root` names a
 * problem of the whole value), for the JSON 400s of wharf's own endpoints.
 */
export function problemsOf(error: z.ZodError, root?: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.') || root;
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
