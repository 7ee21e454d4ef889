/**
 * The device suite on `tfjs-cpu` (tfjs-backend-cpu in Node).
 */
import * as tf from "@tensorflow/tfjs-core";
import { ready } from "../src/index.js";
import { deviceSuite } from "../../core/test/devices/cases.js";

await ready();

deviceSuite("tfjs-cpu", () => tf.memory().numTensors);
