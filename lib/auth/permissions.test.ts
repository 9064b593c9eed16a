import { describe, expect, it } from "vitest";
import { can, permissions, permissionsOf, roles } from "./permissions";

describe("permissions", () => {
  it("gives admins everything", () => {
    expect(permissionsOf("admin")).toEqual([...permissions]);
  });

  it("lets operators run printers and files but not manage people or settings", () => {
    for (const permission of ["printers:read", "printers:control", "files:download", "files:manage", "tokens:own"] as const) {
      expect(can("operator", permission)).toBe(true);
    }
    for (const permission of ["printers:manage", "users:manage", "settings:manage", "audit:read"] as const) {
      expect(can("operator", permission)).toBe(false);
    }
  });

  it("keeps viewers to reading", () => {
    expect(permissionsOf("viewer")).toEqual([
      "printers:read",
      "jobs:read",
      "files:read",
      "alerts:read",
      "reports:read",
      "events:read",
      "tokens:own",
    ]);
    expect(can("viewer", "printers:control")).toBe(false);
    expect(can("viewer", "files:download")).toBe(false);
  });

  it("grants nothing to unknown roles", () => {
    expect(permissionsOf("superuser")).toEqual([]);
    expect(permissionsOf("")).toEqual([]);
    expect(can("Admin", "printers:read")).toBe(false);
  });

  it("is monotonic: a higher role has every permission of a lower one", () => {
    const [admin, operator, viewer] = roles;
    for (const permission of permissions) {
      if (can(viewer, permission)) expect(can(operator, permission)).toBe(true);
      if (can(operator, permission)) expect(can(admin, permission)).toBe(true);
    }
  });
});
