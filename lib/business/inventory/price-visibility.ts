import type { MaterialView, SpoolView } from "./schemas";

/**
 * Material prices are business figures: operators pick materials and spools for their
 * jobs but see no price (ARCHITECTURE.md, Roles). Callers pass can(role, "business:read").
 */
export function materialForViewer(material: MaterialView, seesPrices: boolean): MaterialView {
  return seesPrices ? material : { ...material, pricePerKgCents: null };
}

export function spoolForViewer(spool: SpoolView, seesPrices: boolean): SpoolView {
  return seesPrices ? spool : { ...spool, material: materialForViewer(spool.material, seesPrices) };
}
