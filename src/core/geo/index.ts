export { assertLatLon, greatCircleKm, type LatLon, MEAN_EARTH_RADIUS_KM } from './greatCircle.js';
export { type Place, type RttResult, rttBetween } from './rtt.js';
export {
  estimateRttMs,
  FIBRE_FLOOR_MS_PER_KM,
  fitRttModel,
  RTT_FIT_METHOD,
  type RttModel,
  type RttPoint,
  rttFitQuality,
} from './rttModel.js';
