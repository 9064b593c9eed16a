/**
 * First-order heater model: heats toward the target at a limited rate with lag, holds
 * there, and cools toward room temperature when switched off. Exact exponential steps,
 * so any step length is stable.
 */
export interface HeaterParams {
  /** Time constant while heating or holding (s). */
  tauHeat: number;
  /** Time constant while cooling (s). */
  tauCool: number;
  /** Fastest possible rise (degrees C per second). */
  maxRiseRate: number;
}

export const ambientC = 23;

export const nozzleParams: HeaterParams = { tauHeat: 8, tauCool: 70, maxRiseRate: 4 };
export const bedParams: HeaterParams = { tauHeat: 35, tauCool: 500, maxRiseRate: 0.9 };

/** A "time scale" below 1 makes short test prints heat and cool proportionally faster. */
export function scaled(params: HeaterParams, timeScale: number): HeaterParams {
  return {
    tauHeat: params.tauHeat * timeScale,
    tauCool: params.tauCool * timeScale,
    maxRiseRate: params.maxRiseRate / timeScale,
  };
}

export function stepHeater(current: number, target: number, dt: number, params: HeaterParams): number {
  if (dt <= 0) return current;
  const goal = target > 0 ? target : ambientC;
  const tau = target > 0 && goal >= current ? params.tauHeat : params.tauCool;
  const next = goal + (current - goal) * Math.exp(-dt / tau);
  return next > current ? Math.min(next, current + params.maxRiseRate * dt) : next;
}
