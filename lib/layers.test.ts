import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The import layering of lib (ARCHITECTURE.md) is checked by `npm run lint` through
 * eslint.config.mjs; these cases prove the check refuses what it must and allows the rest.
 */
const root = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result.messages.filter((message) => message.ruleId === "import/no-restricted-paths").map((message) => message.message);
}

describe("lib's import layers", { timeout: 60_000 }, () => {
  it("refuses a kernel importing a domain, by alias or relative path", async () => {
    const errors = await layerErrors(
      "lib/events/layer-probe.ts",
      'import { printerKinds } from "@/lib/printers/types";\nimport { audit } from "../audit/audit";\nexport const probe = [printerKinds, audit];\n',
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/Kernels import no domain/);
  });

  it("refuses a kernel importing a catalog", async () => {
    const errors = await layerErrors("lib/api/layer-probe.ts", 'import { apiRoutes } from "@/lib/catalog/routes";\nexport const probe = apiRoutes;\n');
    expect(errors).toEqual([expect.stringMatching(/Kernels import no domain/)]);
  });

  it("refuses a domain importing a catalog", async () => {
    const errors = await layerErrors("lib/jobs/layer-probe.ts", 'import { eventSchemas } from "@/lib/catalog/events";\nexport const probe = eventSchemas;\n');
    expect(errors).toEqual([expect.stringMatching(/catalogs and the client data layer sit above them/)]);
  });

  it("refuses lib importing components or app, in code and in tests", async () => {
    const component = 'import { PageHeader } from "@/components/shell/page-header";\nexport const probe = PageHeader;\n';
    expect(await layerErrors("lib/printers/layer-probe.ts", component)).toHaveLength(1);
    expect(await layerErrors("lib/catalog/layer-probe.ts", component)).toHaveLength(1);
    expect(await layerErrors("lib/printers/layer-probe.test.ts", component)).toHaveLength(1);
    expect(await layerErrors("lib/jobs/layer-probe.ts", 'import { GET } from "@/app/api/jobs/route";\nexport const probe = GET;\n')).toHaveLength(1);
  });

  it("allows kernels importing kernels, domains importing kernels and domains, catalogs importing domains", async () => {
    expect(await layerErrors("lib/events/layer-probe.ts", 'import { db } from "@/lib/db";\nimport { logger } from "../log/logger";\nexport const probe = [db, logger];\n')).toEqual([]);
    expect(await layerErrors("lib/jobs/layer-probe.ts", 'import { appendEvent } from "@/lib/events/append";\nimport { printerKinds } from "@/lib/printers/types";\nexport const probe = [appendEvent, printerKinds];\n')).toEqual([]);
    expect(await layerErrors("lib/catalog/layer-probe.ts", 'import { jobEventSchemas } from "@/lib/jobs/events";\nexport const probe = jobEventSchemas;\n')).toEqual([]);
  });
});
