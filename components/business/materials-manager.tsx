"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Button, FormMessage, SelectField, TextField } from "@/components/auth/form-controls";
import type { MaterialView, SpoolView } from "@/lib/business/inventory/schemas";
import { createMaterial, createSpool, setSpoolRemaining } from "@/lib/client/use-materials";

interface Props {
  materials: MaterialView[];
  spools: SpoolView[];
  printers: { id: string; name: string }[];
  canEdit: boolean;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** Materials and spools: lists, and for staff the forms to add them and to correct a spool's weight. */
export function MaterialsManager({ materials, spools, printers, canEdit }: Props) {
  const t = useTranslations("business.materials");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function run(action: () => Promise<unknown>) {
    setMessage(null);
    try {
      await action();
      setMessage({ kind: "success", text: t("saved") });
      router.refresh();
    } catch (err) {
      setMessage({ kind: "error", text: t("error", { message: errorMessage(err) }) });
    }
  }

  function addMaterial(form: FormData) {
    return run(() =>
      createMaterial({ type: text(form, "type"), brand: text(form, "brand"), color: text(form, "color"), diameterMm: text(form, "diameterMm") || "1.75", pricePerKgCents: Number(text(form, "pricePerKgCents")) }),
    );
  }

  function addSpool(form: FormData) {
    const printerId = text(form, "printerId");
    return run(() =>
      createSpool({
        materialId: text(form, "materialId"),
        initialGrams: Number(text(form, "initialGrams")),
        location: text(form, "location") || null,
        printerId: printerId || null,
        slot: printerId ? text(form, "slot") || null : null,
      }),
    );
  }

  function updateRemaining(id: string, form: FormData) {
    return run(() => setSpoolRemaining(id, Number(text(form, "remainingGrams"))));
  }

  const printerName = new Map(printers.map((printer) => [printer.id, printer.name]));
  // Prices come as null for who may not read the business (operators): no price column then.
  const showsPrices = materials.some((material) => material.pricePerKgCents !== null);
  const th = "px-3 py-2 text-left";
  return (
    <div className="space-y-8">
      {message ? <FormMessage kind={message.kind} testId="materials-message">{message.text}</FormMessage> : null}
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("materials")}</h2>
        {materials.length === 0 ? <p className="text-sm">{t("none")}</p> : (
          <table className="min-w-full text-sm" data-testid="materials-table">
            <thead><tr><th className={th}>{t("type")}</th><th className={th}>{t("brand")}</th><th className={th}>{t("color")}</th><th className={th}>{t("diameter")}</th>{showsPrices ? <th className={th}>{t("pricePerKg")}</th> : null}</tr></thead>
            <tbody>
              {materials.map((material) => (
                <tr key={material.id} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="px-3 py-2">{material.type}</td><td className="px-3 py-2">{material.brand}</td><td className="px-3 py-2">{material.color}</td>
                  <td className="px-3 py-2">{material.diameterMm}</td>{showsPrices ? <td className="px-3 py-2 tabular-nums">{material.pricePerKgCents}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canEdit ? (
          <form action={addMaterial} className="mt-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="material-form">
            <TextField label={t("type")} name="type" required maxLength={40} />
            <TextField label={t("brand")} name="brand" required maxLength={80} />
            <TextField label={t("color")} name="color" required maxLength={60} />
            <TextField label={t("diameter")} name="diameterMm" defaultValue="1.75" />
            <TextField label={t("pricePerKg")} name="pricePerKgCents" type="number" min={0} required />
            <div className="flex items-end"><Button type="submit">{t("add")}</Button></div>
          </form>
        ) : null}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("spools")}</h2>
        {spools.length === 0 ? <p className="text-sm">{t("none")}</p> : (
          <table className="min-w-full text-sm" data-testid="spools-table">
            <thead><tr><th className={th}>{t("material")}</th><th className={th}>{t("remainingGrams")}</th><th className={th}>{t("printer")}</th><th className={th}>{t("slot")}</th><th className={th}>{t("location")}</th></tr></thead>
            <tbody>
              {spools.map((spool) => (
                <tr key={spool.id} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="px-3 py-2">{spool.material.brand} {spool.material.type} {spool.material.color}</td>
                  <td className="px-3 py-2">
                    {canEdit ? (
                      <form action={(form) => updateRemaining(spool.id, form)} className="flex items-center gap-2">
                        <input name="remainingGrams" type="number" min={0} step="0.1" defaultValue={Math.round(spool.remainingGrams * 10) / 10} aria-label={t("remainingGrams")} className="w-24 rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900" />
                        <Button type="submit" variant="secondary">✓</Button>
                      </form>
                    ) : (
                      <span className="tabular-nums">{Math.round(spool.remainingGrams)}</span>
                    )}
                    {spool.lowStock ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900" data-testid="low-stock">{t("lowStock")}</span> : null}
                  </td>
                  <td className="px-3 py-2">{spool.printerId ? (printerName.get(spool.printerId) ?? spool.printerId) : ""}</td>
                  <td className="px-3 py-2">{spool.slot ?? ""}</td>
                  <td className="px-3 py-2">{spool.location ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canEdit && materials.length > 0 ? (
          <form action={addSpool} className="mt-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="spool-form">
            <SelectField label={t("material")} name="materialId" options={materials.filter((m) => !m.archived).map((m) => ({ value: m.id, label: `${m.brand} ${m.type} ${m.color}` }))} />
            <TextField label={t("initialGrams")} name="initialGrams" type="number" min={1} defaultValue={1000} required />
            <SelectField label={t("printer")} name="printerId" options={[{ value: "", label: "—" }, ...printers.map((printer) => ({ value: printer.id, label: printer.name }))]} />
            <TextField label={t("slot")} name="slot" placeholder="ams0-tray0 / tool0" pattern="[a-z0-9-]{1,32}" />
            <TextField label={t("location")} name="location" maxLength={120} />
            <div className="flex items-end"><Button type="submit">{t("add")}</Button></div>
          </form>
        ) : null}
      </section>
    </div>
  );
}
