/**
 * Polynomial coefficients (constant term first) of the float32 special-function kernels in
 * lowering-special.ts. Each was fitted for this file by iteratively reweighted least squares
 * towards the minimax relative error against mpmath at 40+ digits; the comment gives the
 * variable, the interval and the fit's relative error (float32 Horner evaluation adds ~1e-7).
 */

/** erf(x)/x in u = x², |x| ≤ 0.75 (1.4e-9) */
export const ERF_SMALL: readonly number[] = [1.12837911, -0.3761262, 0.112833768, -0.0268346239, 0.00511434488, -0.00067495089];

/** erfcx(x)/t with t = 1/(1 + x/2), in w = 2.75t − 1, x ≥ 0.75 (3.0e-9) */
export const ERFCX_T: readonly number[] = [0.427057564, 0.197961569, 0.06389229, 0.010395606, -0.00140658324, -0.000971073867, 2.4538107e-05, 9.4503026e-05, -7.72594376e-07, -8.36924028e-06];

/** erfinv(y)/y in u = y², |y| ≤ 1/2 (1.3e-8) */
export const ERFINV_CENTRAL: readonly number[] = [0.886226892, 0.232016817, 0.127413794, 0.088872321, 0.0483149886, 0.103114977];

/** erfcinv(z) in w = (s − 1.51818)/0.981820, s = √(−log(z(2 − z))) ∈ [0.53636, 2.5] (2.8e-8) */
export const ERFCINV_LOW: readonly number[] = [1.37873805, 0.929585874, 0.0295872018, -0.00161734002, -0.0034446537, 0.000442798366, 0.000498398324, -3.46311608e-05, -6.60033184e-05];

/** erfcinv(z)/s in w = (1/s − 0.249261)/0.150739, s ∈ [2.5, 10.15] (3.8e-8) */
export const ERFCINV_HIGH: readonly number[] = [0.960092425, -0.0298938844, 0.00179445196, 0.00190859323, -0.000449820625, 5.87403883e-05, -4.40763797e-05, 9.44800377e-06];

/** lgamma(2 + w)/w, w ∈ [−1/2, 1] (5.0e-9) */
export const LGAMMA_2P: readonly number[] = [0.422784328, 0.322467029, -0.0673524886, 0.0205813199, -0.0073827575, 0.00288425293, -0.00120451965, 0.000541312911, -0.000220889589, 4.95958702e-05];

/** x·(lgamma(x) − (x − 1/2) log x + x − log(2π)/2) in u = 1/x², x ≥ 3 (7.3e-9) */
export const STIRLING: readonly number[] = [0.0833333358, -0.00277759507, 0.000784928328, -0.00045567943];

/** sin(πr)/r in u = r², |r| ≤ 1/2 (5.3e-9) */
export const SINPI: readonly number[] = [3.14159274, -5.16770983, 2.55006981, -0.598242104, 0.0775603801];

/** digamma(x)/(x − x₀) in d = x − x₀, x ∈ [1, 2], x₀ the positive zero (2.2e-8) */
export const DIGAMMA_ROOT: readonly number[] = [0.967672288, -0.442762911, 0.258496255, -0.163957611, 0.1079432, -0.0719811991, 0.0473737344, -0.0340759382, 0.0295253545, -0.0162202902];

/** (log x − 1/(2x) − digamma(x))·x² in u = 1/x², x ≥ 6 (3.5e-10) */
export const DIGAMMA_ASYM: readonly number[] = [0.0833333358, -0.00833329838, 0.00396189932, -0.00378697831];

/** √x·i0e(x) in w = 2t − 1, t = 8/x, x ≥ 8 (1.2e-9) */
export const I0E_LARGE: readonly number[] = [0.402176499, 0.00336055551, 0.000136217408, 1.11127729e-05, 1.47562866e-06, 3.62156499e-07, 1.08940128e-07];

/** √x·i1e(x) in w = 2t − 1, t = 8/x, x ≥ 8 (1.4e-9) */
export const I1E_LARGE: readonly number[] = [0.389398456, -0.00974958111, -0.000219237787, -1.50046399e-05, -1.82407848e-06, -4.20486344e-07, -1.23746588e-07];

