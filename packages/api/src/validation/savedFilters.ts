import { z } from "zod";

import type { StoredContactFilter } from "@marketable/db";

import { contactFilter, type ContactFilter } from "./contacts";
import { recordId, text } from "./primitives";

/** A person keeps at most this many named filters per portal. */
export const SAVED_FILTERS_LIMIT = 50;
export const SAVED_FILTER_NAME_MAX = 60;

export const savedFilterName = text({
  min: 1,
  max: SAVED_FILTER_NAME_MAX,
  notText: "Name the filter",
  tooShort: "Name the filter",
  tooLong: `Keep the name to ${SAVED_FILTER_NAME_MAX} characters or fewer`,
});

/** Saving under a name the person already uses on this portal replaces that filter. */
export const saveFilterInput = z.object({ name: savedFilterName, filter: contactFilter });

export const deleteFilterInput = z.object({ id: recordId("Choose a saved filter") });

// The stored column is typed in @marketable/db (which cannot import this package): fail the
// build if the two shapes ever drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<ContactFilter, StoredContactFilter> = true;
void sameShape;
