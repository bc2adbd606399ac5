import { useCallback, useState, type ComponentType } from "react";

/**
 * A component whose code is fetched on first use (a press, or the pointer or focus arriving as a
 * head start) instead of with the page. Until it has arrived the caller shows its light
 * stand-in, so nothing on screen changes while it loads. `load` should be a module-level function
 * so every caller shares one import.
 */
export function useOnDemand<P extends object>(
  load: () => Promise<ComponentType<P>>,
): { Loaded: ComponentType<P> | null; fetch: () => Promise<void> } {
  const [Loaded, setLoaded] = useState<ComponentType<P> | null>(null);
  const fetch = useCallback(async () => {
    const component = await load();
    setLoaded(() => component);
  }, [load]);
  return { Loaded, fetch };
}
