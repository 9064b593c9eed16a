import { describe, expect, it } from "vitest";
import { PrusaLinkApi } from "./api";
import { PrusaLinkCamera } from "./camera";
import type { HttpRequest, HttpResponse, PrusaLinkTransport } from "./client";
import { fixtureText } from "@/testing/printers/prusalink/fixtures";

/** Answers from a table of path → [status, body]; records the paths asked. */
function transport(routes: Record<string, [number, string | Buffer]>): PrusaLinkTransport & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async send(req: HttpRequest): Promise<HttpResponse> {
      asked.push(req.path);
      const [status, body] = routes[req.path] ?? [404, ""];
      return { status, headers: {}, body: Buffer.from(body) };
    },
    stream: () => Promise.reject(new Error("unused")),
    close: async () => undefined,
  };
}

describe("PrusaLinkCamera", () => {
  it("Buddy has no camera endpoint: null, and it is not asked again soon", async () => {
    const t = transport({});
    const camera = new PrusaLinkCamera(new PrusaLinkApi(t));
    expect(await camera.snapshot()).toBeNull();
    expect(await camera.snapshot()).toBeNull();
    expect(t.asked).toEqual(["/api/v1/cameras"]);
  });

  it("Pi without cameras (pi-v1-cameras.json): null", async () => {
    const t = transport({ "/api/v1/cameras": [200, fixtureText("pi-v1-cameras.json")] });
    expect(await new PrusaLinkCamera(new PrusaLinkApi(t)).snapshot()).toBeNull();
  });

  it("Pi with a camera: the snapshot bytes", async () => {
    const jpeg = Buffer.from("ffd8ffe000104a464946", "hex");
    const t = transport({
      "/api/v1/cameras": [200, JSON.stringify({ camera_list: [{ camera_id: "abc", connected: true, config: { name: "Cam" } }] })],
      "/api/v1/cameras/snap": [200, jpeg],
    });
    expect(await new PrusaLinkCamera(new PrusaLinkApi(t)).snapshot()).toEqual(jpeg);
  });
});
