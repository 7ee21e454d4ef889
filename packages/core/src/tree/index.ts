/**
 * The `tree` namespace: pytree utilities (as `jax.tree_util`).
 */
export { flatten, unflatten, leaves, structure, map, registerNode, treedefEqual, numLeaves } from "./tree.js";
export type { TreeDef } from "./tree.js";
