/** How fast a heater follows its target: first-order lag, slower when cooling. */
export interface HeaterSpec {
  /** Time constant while heating, simulated seconds. */
  heatTau: number;
  /** Time constant while cooling passively, simulated seconds. */
  coolTau: number;
}

export const nozzleHeater: HeaterSpec = { heatTau: 12, coolTau: 45 };
export const bedHeater: HeaterSpec = { heatTau: 50, coolTau: 400 };
export const chamberAir: HeaterSpec = { heatTau: 600, coolTau: 900 };

/** One step of T' = (T_target - T) / tau, where an unheated body tends to ambient. */
export function approach(current: number, target: number, ambient: number, dtSeconds: number, spec: HeaterSpec): number {
  const goal = Math.max(target, ambient);
  const tau = goal >= current ? spec.heatTau : spec.coolTau;
  return goal + (current - goal) * Math.exp(-dtSeconds / tau);
}

/** Rounds to the sensor's resolution (1/32 °C on A1/P1, whole degrees on X1). */
export function quantize(value: number, step: number): number {
  return Math.round(value / step) * step;
}
