"use client";

import { useSyncExternalStore } from "react";

let current = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const l of listeners) l();
    }, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * The browser's clock, ticking each second, and null while rendering on the server and
 * hydrating: anything computed from "now" (elapsed times, "2 minutes ago") then renders
 * only in the browser and can never differ from the server's HTML.
 */
export function useMountedNow(): Date | null {
  const ms = useSyncExternalStore(subscribe, () => current, () => null);
  return ms === null ? null : new Date(ms);
}
