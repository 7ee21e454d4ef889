/**
 * The device suite on `wasm` (tfjs-backend-wasm in Node), and mixing it with `tfjs-cpu`.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@orrery/backend-tfjs-cpu";
import { ready } from "../src/index.js";
import { deviceSuite, mixingSuite } from "../../core/test/devices/cases.js";

await ready();

deviceSuite("wasm", () => tf.memory().numTensors);
mixingSuite("wasm", "tfjs-cpu");
