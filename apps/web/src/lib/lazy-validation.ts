import { useEffect, useState } from "react";

import type * as ValidationModule from "@marketable/api/validation";

/** The server's input schemas (zod), as `@marketable/api/validation` exports them. */
export type Validation = typeof ValidationModule;

let loading: Promise<Validation> | undefined;
let loaded: Validation | undefined;

/**
 * The server's input schemas, fetched on first use. zod is about a quarter of a page's JavaScript
 * (54 kB compressed) and most visits to a page that reads numbers never type one: the roll-up's
 * search and price editor load it when someone starts typing or editing.
 */
export function loadValidation(): Promise<Validation> {
  loading ??= import("@marketable/api/validation").then((module) => (loaded = module));
  return loading;
}

/** The schemas once `needed` has been true and they arrived (undefined until then). */
export function useValidation(needed: boolean): Validation | undefined {
  const [module, setModule] = useState<Validation | undefined>(() => loaded);
  useEffect(() => {
    if (!needed || module) return;
    let live = true;
    void loadValidation().then((m) => live && setModule(m));
    return () => {
      live = false;
    };
  }, [needed, module]);
  return module;
}
