import { describe, expect, it } from "vitest";
import { can, permissions, permissionsOf, roles } from "./permissions";

describe("permissions", () => {
  it("gives admins everything", () => {
    expect(permissionsOf("admin")).toEqual([...permissions]);
  });

  it("lets operators run printers and files but not manage people or settings", () => {
    for (const permission of ["printers:read", "printers:control", "files:download", "files:manage", "queue:manage", "tokens:own"] as const) {
      expect(can("operator", permission)).toBe(true);
    }
    for (const permission of ["printers:manage", "users:manage", "settings:manage", "audit:read"] as const) {
      expect(can("operator", permission)).toBe(false);
    }
  });

  it("keeps viewers to watching, without customer, order or money", () => {
    expect(permissionsOf("viewer")).toEqual(["printers:read", "jobs:read", "files:read", "queue:read", "alerts:read", "events:read", "tokens:own", "tokens:create"]);
    expect(can("viewer", "printers:control")).toBe(false);
    expect(can("viewer", "queue:manage")).toBe(false);
    expect(can("viewer", "files:download")).toBe(false);
  });

  it("lets operators enter customer, order and materials but see no money or exports", () => {
    for (const permission of ["jobs:customer", "materials:read", "business:edit"] as const) expect(can("operator", permission)).toBe(true);
    for (const permission of ["business:read", "business:export", "months:close", "quotes:manage"] as const) expect(can("operator", permission)).toBe(false);
  });

  it("lets accountants read, export and close the books but control no printer", () => {
    for (const permission of ["business:read", "business:export", "months:close", "jobs:customer", "quotes:manage"] as const) expect(can("accountant", permission)).toBe(true);
    for (const permission of ["printers:control", "files:manage", "files:download", "alerts:acknowledge", "printers:manage", "settings:manage", "queue:manage"] as const) {
      expect(can("accountant", permission)).toBe(false);
    }
  });

  it("grants nothing to unknown roles", () => {
    expect(permissionsOf("superuser")).toEqual([]);
    expect(permissionsOf("")).toEqual([]);
    expect(can("Admin", "printers:read")).toBe(false);
  });

  it("gives a viewer nothing the other roles lack, and an admin everything any role has", () => {
    for (const permission of permissions) {
      if (can("viewer", permission)) for (const role of roles) expect(can(role, permission)).toBe(true);
      for (const role of roles) if (can(role, permission)) expect(can("admin", permission)).toBe(true);
    }
  });
});
