import type { PrusaLinkApi } from "./api";
import type { CameraList } from "./schemas";

/**
 * PrusaLink cameras: only the Pi Prusa-Link has /api/v1/cameras (Buddy answers 404,
 * Core One and MK4 cameras talk to Prusa Connect only). Whether a camera exists is
 * asked once and then again only every `recheckMs`, so snapshots cost nothing on
 * printers without one.
 */
export class PrusaLinkCamera {
  private hasCamera: boolean | null = null;
  private checkedAt = 0;

  constructor(
    private readonly api: PrusaLinkApi,
    private readonly recheckMs = 10 * 60_000,
  ) {}

  /** One image from the default camera (PrusaLink serves what the camera gives, usually JPEG), or null. */
  async snapshot(): Promise<Buffer | null> {
    if (this.hasCamera === null || Date.now() - this.checkedAt > this.recheckMs) {
      const list = await this.api.cameras();
      this.hasCamera = list !== null && cameraCount(list) > 0;
      this.checkedAt = Date.now();
    }
    return this.hasCamera ? this.api.cameraSnapshot() : null;
  }
}

export function cameraCount(list: CameraList): number {
  return Array.isArray(list) ? list.length : list.camera_list.length;
}
