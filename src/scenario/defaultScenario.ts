/**
 * The scenario `capplan` opens (or prints) without arguments: the photo-sharing example of models/scenarios,
 * embedded in the bundle so that no file is read at run time.
 */
import example from '../../models/scenarios/photo-sharing-viral.json' with { type: 'json' };

/** The default scenario's text (JSON), as if read from models/scenarios/photo-sharing-viral.json. */
export const DEFAULT_SCENARIO_TEXT: string = JSON.stringify(example, null, 2);
export const DEFAULT_SCENARIO_SOURCE = 'models/scenarios/photo-sharing-viral.json (built-in default)';
