"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "@/i18n/navigation";
import { isEventType } from "@/lib/client/live-event";
import { useLive } from "@/lib/client/use-live";
import type { EventType } from "@/lib/catalog/events";

const DEBOUNCE_MS = 500;

/**
 * Re-renders a server-rendered page when one of the named events arrives (optionally
 * only for one printer), at most once per half second however many arrive.
 */
export function RefreshOnEvents({ types, printerId }: { types: EventType[]; printerId?: string }) {
  const router = useRouter();
  const { subscribe } = useLive();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const key = types.join(",");
  useEffect(() => {
    const unsubscribers = key.split(",").filter(isEventType).map((type) =>
      subscribe(type, (event) => {
        if (printerId && event.printerId !== printerId) return;
        if (timer.current) return;
        timer.current = setTimeout(() => {
          timer.current = null;
          router.refresh();
        }, DEBOUNCE_MS);
      }),
    );
    return () => {
      unsubscribers.forEach((u) => u());
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [key, printerId, subscribe, router]);
  return null;
}
