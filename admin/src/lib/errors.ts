/**
 * How an API error reaches the person: next to the field it blames, or as a banner.
 *
 * The API names the field in `details.field` for validation errors; a few
 * codes blame a field without naming it (a taken name), mapped here.
 */
import { ApiError } from "@ecommerce/sdk";

/** An error as the UI shows it. */
export interface ShownError {
  /** The form field to show it next to; absent: show it as a banner. */
  field?: string;
  /** The API's `message` (or a generic one for network failures). */
  message: string;
}

/** Codes that blame one field without a `details.field`. */
const CODE_FIELDS: Record<string, string> = {
  name_taken: "name",
  slug_taken: "slug",
  email_taken: "email",
  username_taken: "username",
};

/**
 * Where and how to show `error`: `fields` are the inputs the current form has;
 * `aliases` sends a field the form has no input for to one it has (a slug
 * derived from the name blames the name).
 */
export function showError(
  error: unknown,
  fields: readonly string[] = [],
  aliases: Readonly<Record<string, string>> = {},
): ShownError {
  if (error instanceof ApiError) {
    const raw = error.field ?? CODE_FIELDS[error.code];
    // `category_ids[0]` or `body.name` blame the input named `category_ids` / `name`.
    const named = raw?.replace(/^body\./, "").replace(/\[\d+\]$/, "");
    const field = named === undefined ? undefined : (aliases[named] ?? named);
    if (field !== undefined && fields.includes(field)) {
      return { field, message: error.message };
    }
    return { message: error.message };
  }
  if (error instanceof Error) {
    return { message: `The API could not be reached: ${error.message}` };
  }
  return { message: "Something went wrong" };
}
