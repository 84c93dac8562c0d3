//! Three-point estimates (optimistic / most likely / pessimistic) and the
//! distributions a schedule risk simulation draws durations from: triangular, PERT
//! (Beta) and uniform. Every draw is an inverse CDF of a uniform number, so tasks can
//! be correlated through their uniforms and a duration's rank is its uniform's rank.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How a task's duration is spread between its optimistic and pessimistic values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Distribution {
    #[default]
    Triangular,
    Pert,
    Uniform,
}

impl Distribution {
    pub const ALL: [Distribution; 3] = [
        Distribution::Triangular,
        Distribution::Pert,
        Distribution::Uniform,
    ];

    /// The name files and the CLI use.
    pub fn id(self) -> &'static str {
        match self {
            Distribution::Triangular => "triangular",
            Distribution::Pert => "pert",
            Distribution::Uniform => "uniform",
        }
    }

    /// Reads a name as files write it (English or Chinese, any case).
    pub fn parse(text: &str) -> Option<Distribution> {
        match text.trim().to_lowercase().as_str() {
            "triangular" | "triangle" | "tri" | "三角" | "三角分布" => {
                Some(Distribution::Triangular)
            }
            "pert" | "beta" | "beta-pert" | "betapert" | "贝塔" | "pert分布" => {
                Some(Distribution::Pert)
            }
            "uniform" | "均匀" | "均匀分布" => Some(Distribution::Uniform),
            _ => None,
        }
    }
}

/// A task's three-point estimate, in the same minutes as its duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Estimate {
    pub optimistic: i64,
    pub most_likely: i64,
    pub pessimistic: i64,
    #[serde(default)]
    pub distribution: Distribution,
}

/// Why an estimate cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EstimateProblem {
    #[error("an estimate cannot be negative")]
    Negative,
    #[error("the estimates must be optimistic ≤ most likely ≤ pessimistic")]
    OutOfOrder,
}

impl Estimate {
    /// Checks the three values are in order and not negative.
    pub fn check(&self) -> Result<(), EstimateProblem> {
        if self.optimistic < 0 {
            return Err(EstimateProblem::Negative);
        }
        if self.optimistic > self.most_likely || self.most_likely > self.pessimistic {
            return Err(EstimateProblem::OutOfOrder);
        }
        Ok(())
    }

    /// An estimate around `duration` as a range in percent: `-10` and `30` give
    /// 90 % / 100 % / 130 % of it.
    pub fn from_range(
        duration: i64,
        low_percent: i64,
        high_percent: i64,
        distribution: Distribution,
    ) -> Estimate {
        let d = duration.max(0);
        let at = |p: i64| (d * (100 + p)).div_euclid(100).max(0);
        let (lo, hi) = (at(low_percent.min(0)), at(high_percent.max(0)));
        Estimate {
            optimistic: lo.min(d),
            most_likely: d,
            pessimistic: hi.max(d),
            distribution,
        }
    }

    /// The mean of its distribution.
    pub fn mean(&self) -> f64 {
        let (a, m, b) = self.values();
        match self.distribution {
            Distribution::Triangular => (a + m + b) / 3.0,
            Distribution::Pert => (a + 4.0 * m + b) / 6.0,
            Distribution::Uniform => (a + b) / 2.0,
        }
    }

    fn values(&self) -> (f64, f64, f64) {
        (
            self.optimistic as f64,
            self.most_likely as f64,
            self.pessimistic as f64,
        )
    }
}

/// Quantiles of a standard Beta shape on 0..1, for PERT draws: 256 steps, linear
/// between them.
#[derive(Clone, Debug, PartialEq)]
pub struct BetaQuantiles(Box<[f64]>);

const QUANTILE_STEPS: usize = 256;

impl BetaQuantiles {
    /// The PERT shape of a most likely value at `mode` (0..1) of the range:
    /// α = 1 + 4·mode, β = 1 + 4·(1 − mode). The density is bounded (α, β ≥ 1), so
    /// its CDF is integrated on a fine grid and inverted.
    pub fn pert(mode: f64) -> BetaQuantiles {
        let mode = mode.clamp(0.0, 1.0);
        let (alpha, beta) = (1.0 + 4.0 * mode, 1.0 + 4.0 * (1.0 - mode));
        const GRID: usize = 4096;
        let density = |x: f64| x.powf(alpha - 1.0) * (1.0 - x).powf(beta - 1.0);
        let mut cdf = Vec::with_capacity(GRID + 1);
        cdf.push(0.0);
        let h = 1.0 / GRID as f64;
        let mut total = 0.0;
        let mut prev = density(0.0);
        for i in 1..=GRID {
            let next = density(i as f64 * h);
            total += (prev + next) * 0.5 * h;
            cdf.push(total);
            prev = next;
        }
        let mut out = Vec::with_capacity(QUANTILE_STEPS + 1);
        let mut j = 0usize;
        for k in 0..=QUANTILE_STEPS {
            let target = total * k as f64 / QUANTILE_STEPS as f64;
            while j < GRID && cdf[j + 1] < target {
                j += 1;
            }
            let (c0, c1) = (cdf[j], cdf[(j + 1).min(GRID)]);
            let within = if c1 > c0 {
                (target - c0) / (c1 - c0)
            } else {
                0.0
            };
            out.push(((j as f64 + within.clamp(0.0, 1.0)) * h).clamp(0.0, 1.0));
        }
        // The ends are the range's ends, whatever rounding did to a flat tail.
        out[0] = 0.0;
        out[QUANTILE_STEPS] = 1.0;
        BetaQuantiles(out.into_boxed_slice())
    }

    /// The quantile at `u` (0..1).
    pub fn at(&self, u: f64) -> f64 {
        let x = u.clamp(0.0, 1.0) * QUANTILE_STEPS as f64;
        let i = (x as usize).min(QUANTILE_STEPS - 1);
        let f = x - i as f64;
        self.0[i] + (self.0[i + 1] - self.0[i]) * f
    }
}

/// An estimate ready to draw from: `draw(u)` is the inverse CDF at `u`.
#[derive(Clone, Debug)]
pub enum Draw {
    Fixed(f64),
    Uniform {
        low: f64,
        width: f64,
    },
    Triangular {
        low: f64,
        mode: f64,
        high: f64,
        /// The CDF at the mode.
        split: f64,
    },
    Pert {
        low: f64,
        width: f64,
        shape: Arc<BetaQuantiles>,
    },
}

impl Draw {
    /// `shapes` caches PERT shapes by their mode (to a thousandth): plans estimated
    /// as one range share one.
    pub fn new(e: &Estimate, shapes: &mut Vec<(i64, Arc<BetaQuantiles>)>) -> Draw {
        let (a, m, b) = e.values();
        if b <= a {
            return Draw::Fixed(m);
        }
        match e.distribution {
            Distribution::Uniform => Draw::Uniform {
                low: a,
                width: b - a,
            },
            Distribution::Triangular => Draw::Triangular {
                low: a,
                mode: m,
                high: b,
                split: (m - a) / (b - a),
            },
            Distribution::Pert => {
                let mode = (m - a) / (b - a);
                let key = (mode * 1000.0).round() as i64;
                let shape = match shapes.iter().find(|(k, _)| *k == key) {
                    Some((_, s)) => s.clone(),
                    None => {
                        let s = Arc::new(BetaQuantiles::pert(key as f64 / 1000.0));
                        shapes.push((key, s.clone()));
                        s
                    }
                };
                Draw::Pert {
                    low: a,
                    width: b - a,
                    shape,
                }
            }
        }
    }

    /// The value at `u` (0..1) of the distribution's CDF.
    pub fn draw(&self, u: f64) -> f64 {
        match self {
            Draw::Fixed(v) => *v,
            Draw::Uniform { low, width } => low + width * u,
            Draw::Triangular {
                low,
                mode,
                high,
                split,
            } => {
                let range = high - low;
                if u < *split {
                    low + (u * range * (mode - low)).sqrt()
                } else {
                    high - ((1.0 - u) * range * (high - mode)).sqrt()
                }
            }
            Draw::Pert { low, width, shape } => low + width * shape.at(u),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn est(a: i64, m: i64, b: i64, distribution: Distribution) -> Estimate {
        Estimate {
            optimistic: a,
            most_likely: m,
            pessimistic: b,
            distribution,
        }
    }

    /// The mean of many draws at evenly spread uniforms.
    fn mean_of(d: &Draw) -> f64 {
        let n = 100_000;
        (0..n)
            .map(|i| d.draw((i as f64 + 0.5) / n as f64))
            .sum::<f64>()
            / n as f64
    }

    #[test]
    fn draws_have_their_distributions_means() {
        let mut shapes = Vec::new();
        for dist in Distribution::ALL {
            for (a, m, b) in [(10, 20, 60), (0, 0, 100), (50, 100, 100), (8, 9, 30)] {
                let e = est(a, m, b, dist);
                let d = Draw::new(&e, &mut shapes);
                let got = mean_of(&d);
                assert!(
                    (got - e.mean()).abs() < 0.002 * (b - a) as f64 + 1e-9,
                    "{dist:?} {a}/{m}/{b}: mean {got}, expected {}",
                    e.mean()
                );
                assert!((d.draw(0.0) - a as f64).abs() < 1e-6);
                assert!((d.draw(1.0) - b as f64).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn pert_quantiles_match_the_beta_median() {
        // The symmetric PERT (mode in the middle) is Beta(3, 3): median 0.5, and its
        // CDF at 0.25 is 0.103515625 (the regularised incomplete beta).
        let q = BetaQuantiles::pert(0.5);
        assert!((q.at(0.5) - 0.5).abs() < 1e-3);
        assert!((q.at(0.103_515_625) - 0.25).abs() < 2e-3);
    }

    #[test]
    fn draws_grow_with_the_uniform() {
        let mut shapes = Vec::new();
        for dist in Distribution::ALL {
            let d = Draw::new(&est(5, 8, 20, dist), &mut shapes);
            let mut last = f64::MIN;
            for i in 0..=1000 {
                let v = d.draw(i as f64 / 1000.0);
                assert!(v >= last, "{dist:?} falls at {i}");
                last = v;
            }
        }
    }

    #[test]
    fn ranges_and_checks() {
        let e = Estimate::from_range(4800, -10, 30, Distribution::Pert);
        assert_eq!(
            (e.optimistic, e.most_likely, e.pessimistic),
            (4320, 4800, 6240)
        );
        assert_eq!(e.check(), Ok(()));
        assert_eq!(
            est(5, 4, 9, Distribution::Uniform).check(),
            Err(EstimateProblem::OutOfOrder)
        );
        assert_eq!(
            est(-1, 4, 9, Distribution::Uniform).check(),
            Err(EstimateProblem::Negative)
        );
        assert_eq!(Distribution::parse(" PERT "), Some(Distribution::Pert));
        assert_eq!(
            Distribution::parse("三角分布"),
            Some(Distribution::Triangular)
        );
        assert_eq!(Distribution::parse("normal"), None);
    }
}
