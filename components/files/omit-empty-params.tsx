"use client";

import { useEffect, useRef } from "react";

/**
 * Leaves the unset fields out of the address the surrounding GET form submits to, so
 * "?q=&printer=&status=" does not clutter it. Rendered inside the form; without
 * script the fields are sent empty and the server ignores them.
 */
export function OmitEmptyParams() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const form = marker.current?.closest("form");
    if (!form) return;
    const omitEmpty = (event: FormDataEvent) => {
      for (const [name, value] of [...event.formData.entries()]) if (value === "") event.formData.delete(name);
    };
    form.addEventListener("formdata", omitEmpty);
    return () => form.removeEventListener("formdata", omitEmpty);
  }, []);
  return <span ref={marker} hidden />;
}
