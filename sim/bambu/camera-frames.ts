import { encodeJpeg } from "./jpeg-encoder";

export const frameWidth = 640;
export const frameHeight = 360;
const framesPerCycle = 8;

type Rgb = [number, number, number];

function fillRect(pixels: Uint8Array, x0: number, y0: number, w: number, h: number, color: Rgb): void {
  for (let y = Math.max(0, y0); y < Math.min(frameHeight, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(frameWidth, x0 + w); x++) {
      const i = (y * frameWidth + x) * 3;
      pixels[i] = color[0];
      pixels[i + 1] = color[1];
      pixels[i + 2] = color[2];
    }
  }
}

function dim(color: Rgb, factor: number): Rgb {
  return [Math.round(color[0] * factor), Math.round(color[1] * factor), Math.round(color[2] * factor)];
}

// The view of the chamber camera: back wall, textured plate, the part, the toolhead.
function renderFrame(index: number, lightOn: boolean): Buffer {
  const light = lightOn ? 1 : 0.35;
  const pixels = new Uint8Array(frameWidth * frameHeight * 3);
  for (let y = 0; y < frameHeight; y++) {
    const shade = 40 + Math.round((y / frameHeight) * 30);
    fillRect(pixels, 0, y, frameWidth, 1, dim([shade, shade, shade + 6], light));
  }
  fillRect(pixels, 80, 250, 480, 70, dim([58, 58, 62], light));
  fillRect(pixels, 90, 240, 460, 12, dim([120, 112, 96], light));
  fillRect(pixels, 290, 190, 60, 50, dim([0, 174, 66], light));
  const travel = Math.round(Math.sin((index / framesPerCycle) * Math.PI * 2) * 150);
  fillRect(pixels, 0, 110, frameWidth, 10, dim([150, 150, 155], light));
  fillRect(pixels, 290 + travel, 95, 60, 70, dim([220, 220, 225], light));
  fillRect(pixels, 314 + travel, 165, 12, 14, dim([200, 140, 40], light));
  return encodeJpeg(frameWidth, frameHeight, pixels, 75);
}

const cache = new Map<boolean, Buffer[]>();

/** A short loop of camera frames, rendered once per process and shared by all printers. */
export function cameraFrames(lightOn: boolean): Buffer[] {
  let frames = cache.get(lightOn);
  if (!frames) {
    frames = Array.from({ length: framesPerCycle }, (_, i) => renderFrame(i, lightOn));
    cache.set(lightOn, frames);
  }
  return frames;
}
