/**
 * Exact null distribution of the two-sample two-sided KS statistic, ported from scipy:
 * `_compute_prob_outside_square` (n1 == n2) and `_compute_outer_prob_inside_method`
 * (Hodges 1958, with Viehmann's 1-p recursion) from scipy/stats/_stats_py.py / _stats_pythran.py.
 */

/** P(D_{n,n} >= h/n), via a Horner-like alternating sum. */
export function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
    k -= 1;
  }
  return 2 * p;
}

/**
 * Proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m - y/n| < h/lcm(m,n),
 * i.e. P(D_{m,n} >= h/lcm). g = gcd(m, n).
 */
export function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const a = new Float64Array(lenA).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (a[jj + minj - lastminj]! * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1]!;
}
