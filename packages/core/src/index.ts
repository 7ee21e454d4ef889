/**
 * @orrery/core: arrays, autodiff, vmap, random and special functions for TypeScript,
 * in the way of JAX.
 */
import { setLinalgMethods } from "./core/methods.js";
import { dot, matmul } from "./np/linalg.js";

setLinalgMethods({ matmul, dot });

export { Array, ConcreteArray } from "./core/array.js";
export { ShapedArray } from "./core/aval.js";
export type { DType, TypedArray } from "./core/dtype.js";
export { promoteTypes } from "./core/dtype.js";
export * as np from "./np/index.js";
export * as lax from "./lax/index.js";
export * as tree from "./tree/index.js";
export * as special from "./special/index.js";
export * as nn from "./nn/index.js";
export * as random from "./random/index.js";
export * as config from "./config.js";
export { grad, valueAndGrad, jvp, vjp, vjpWithAux, linearize, jacfwd, jacrev, hessian } from "./api/ad.js";
export type { GradOptions } from "./api/ad.js";
export { vmap } from "./api/vmap.js";
export type { VmapOptions } from "./api/vmap.js";
export { customJvp, customVjp } from "./api/custom.js";
export type { CustomJvpFunction, CustomVjpFunction } from "./api/custom.js";
export { stopGradient } from "./primitives/stop-gradient.js";
export { registeredPrimitives } from "./core/primitive.js";
export type { Primitive } from "./core/primitive.js";
export { makeJaxpr } from "./api/make-jaxpr.js";
export { jit } from "./api/jit.js";
export { loadProgram } from "./backend/cpu/compiler/index.js";
export type { ProgramDescription, CompiledProgram } from "./backend/cpu/compiler/index.js";
export type { JitOptions, JittedFunction, JitCacheInfo, CompiledFunction } from "./api/jit.js";
export { devicePut, scope } from "./backend/tfjs/api.js";
export { defaultDevice, withDevice, devices, deviceReady, registerTfjsDevice } from "./backend/tfjs/device.js";
export type { TfjsDevice, TfjsDeviceSpec } from "./backend/tfjs/device.js";
export { TfjsArray } from "./backend/tfjs/tfjs-array.js";
export { fallbackPrimitives } from "./backend/tfjs/lowering.js";
export { tfjsFallbackCounts } from "./backend/tfjs/execute.js";
export { tfjsCpuKernels } from "./backend/tfjs/cpu-kernels.js";
