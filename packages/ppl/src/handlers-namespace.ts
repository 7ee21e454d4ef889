/**
 * Every handler under one namespace, as `numpyro.handlers` (with `do`, which JavaScript
 * reserves as a keyword, reachable as `handlers.do`).
 */
export { block, condition, inferConfig, intervene, lift, replay, scale, scope, seed, substitute, trace, uncondition } from "./handlers.js";
export { maskHandler as mask } from "./mask.js";
export { reparam } from "./reparam.js";
export { intervene as do } from "./handlers.js";
