/**
 * Global configuration.
 */
export { defaultFloatDtype, setDefaultFloatDtype } from "./core/dtype.js";
