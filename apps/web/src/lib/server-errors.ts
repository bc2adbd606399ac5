import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

interface TRPCLikeError {
  message: string;
  data?: { zodError?: { fieldErrors?: Record<string, string[] | undefined>; formErrors?: string[] } | null } | null;
}

/**
 * Puts the server's zod messages on the form's fields; returns the message that belongs to the
 * form as a whole (a rule broken, a conflict), if any. `refusalField`: the field a refusal that
 * names none is about (a webhook's private address, an email already a member), said there too.
 */
export function applyServerErrors<T extends FieldValues>(
  error: TRPCLikeError,
  setError: UseFormSetError<T>,
  refusalField?: Path<T>,
): string | null {
  const zod = error.data?.zodError;
  if (!zod && refusalField) {
    setError(refusalField, { type: "server", message: error.message });
    return null;
  }
  if (!zod) return error.message;
  let placed = false;
  for (const [field, messages] of Object.entries(zod.fieldErrors ?? {})) {
    if (messages?.[0]) {
      setError(field as Path<T>, { type: "server", message: messages[0] });
      placed = true;
    }
  }
  return zod.formErrors?.[0] ?? (placed ? null : error.message);
}

/**
 * For procedures whose form values travel under one key (`{ rules: {...} }`): the server's
 * flattened zod errors are all filed under that key, so they belong to the form as a whole.
 */
export function nestedAsFormErrors(error: TRPCLikeError, key: string): TRPCLikeError {
  const zod = error.data?.zodError;
  const nested = zod?.fieldErrors?.[key];
  if (!zod || !nested?.length) return error;
  const { [key]: _lifted, ...fieldErrors } = zod.fieldErrors ?? {};
  return { ...error, data: { ...error.data, zodError: { fieldErrors, formErrors: [...(zod.formErrors ?? []), nested.join(" ")] } } };
}
