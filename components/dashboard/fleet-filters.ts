import type { SummaryGroup } from "@/components/printers/state-style";
import { searchParam, type SearchParams } from "@/lib/http/search-params";

export const fleetViews = ["cards", "list", "wall"] as const;
export type FleetViewMode = (typeof fleetViews)[number];
export const summaryGroups: readonly SummaryGroup[] = ["printing", "idle", "finished", "offline", "error", "disabled"];

export interface FleetFilters {
  view: FleetViewMode;
  state: SummaryGroup | "";
  location: string;
}

function isView(value: string): value is FleetViewMode {
  return (fleetViews as readonly string[]).includes(value);
}

function isGroup(value: string): value is SummaryGroup {
  return (summaryGroups as readonly string[]).includes(value);
}

/** The dashboard's view and filters from its search params; anything unknown falls back to the default. */
export function fleetFiltersFrom(params: SearchParams): FleetFilters {
  const view = searchParam(params, "view");
  const state = searchParam(params, "state");
  return { view: isView(view) ? view : "cards", state: isGroup(state) ? state : "", location: searchParam(params, "location").slice(0, 120) };
}

export function groupOrAll(value: string): SummaryGroup | "" {
  return isGroup(value) ? value : "";
}
