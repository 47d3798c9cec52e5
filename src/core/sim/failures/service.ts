/**
 * Service models: each keeps its own view of the component states and reports the down fraction. One implementation
 * per kind of config: kOfN.ts, series.ts, hotStandby.ts, fleet.ts; plan.ts picks it.
 */

/** What the event loop asks of a service model after every failure and repair. */
export interface Service {
  /** Fraction of users (or of the service) down in the current state, in [0, 1]. */
  down: number;
  /** Sets every component's state (1 up, 0 down) at the start. */
  reset(up: Uint8Array): void;
  /** Component c went up or down; returns the failover downtime it costs (seconds, user-weighted), usually 0. */
  flip(c: number, up: boolean): number;
}
