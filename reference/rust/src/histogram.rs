//! Log-linear latency histogram, the same bucketing as the Go reference.

const SUB_BUCKET_BITS: u32 = 7;
const SUB_BUCKET_HALF: u64 = 1 << (SUB_BUCKET_BITS - 1);

/// Nanosecond values, exact below 128 and with 64 linear sub-buckets per power
/// of two above, so a reported value is at most 1/64 above the true one. Not
/// shared between threads: each consumer owns one and the run merges them.
pub struct LatencyHistogram {
    counts: Vec<u64>,
    pub total: u64,
    pub max: u64,
}

pub fn bucket_index(v: u64) -> usize {
    if v < 1 << SUB_BUCKET_BITS {
        return v as usize;
    }
    let shift = 63 - v.leading_zeros() - (SUB_BUCKET_BITS - 1);
    let mantissa = v >> shift;
    (1usize << SUB_BUCKET_BITS) + (shift as usize - 1) * SUB_BUCKET_HALF as usize + (mantissa - SUB_BUCKET_HALF) as usize
}

/// Largest value that lands in bucket `i` (HdrHistogram's highest equivalent
/// value), so percentiles never understate.
pub fn bucket_highest(i: usize) -> u64 {
    if i < 1 << SUB_BUCKET_BITS {
        return i as u64;
    }
    let j = (i - (1 << SUB_BUCKET_BITS)) as u64;
    let shift = j / SUB_BUCKET_HALF + 1;
    let mantissa = j % SUB_BUCKET_HALF + SUB_BUCKET_HALF;
    ((mantissa + 1) << shift).wrapping_sub(1)
}

impl LatencyHistogram {
    pub fn new() -> Self {
        LatencyHistogram { counts: vec![0; bucket_index(u64::MAX) + 1], total: 0, max: 0 }
    }

    #[inline]
    pub fn record(&mut self, v: u64) {
        self.counts[bucket_index(v)] += 1;
        self.total += 1;
        if v > self.max {
            self.max = v;
        }
    }

    pub fn merge(&mut self, other: &LatencyHistogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += *b;
        }
        self.total += other.total;
        self.max = self.max.max(other.max);
    }

    /// Value at quantile `q` (0 < q <= 1); 0 when empty.
    pub fn percentile(&self, q: f64) -> u64 {
        if self.total == 0 {
            return 0;
        }
        let rank = ((q * self.total as f64 + 0.999999) as u64).clamp(1, self.total);
        let mut seen = 0;
        for (i, c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return bucket_highest(i).min(self.max);
            }
        }
        self.max
    }
}

impl Default for LatencyHistogram {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_bound_relative_error() {
        for v in [0u64, 1, 127, 128, 129, 1000, 65535, 1 << 20, 123456789, 1 << 62, u64::MAX] {
            let hi = bucket_highest(bucket_index(v));
            assert!(hi >= v, "bucket of {} tops out at {}", v, hi);
            if v >= 128 {
                assert!((hi - v) as f64 <= v as f64 / 64.0, "bucket of {} tops out at {}", v, hi);
            }
        }
    }

    #[test]
    fn percentiles_of_uniform_values() {
        let mut h = LatencyHistogram::new();
        for v in 1..=10_000u64 {
            h.record(v);
        }
        for (q, want) in [(0.5, 5000u64), (0.9, 9000), (0.99, 9900), (0.999, 9990), (1.0, 10000)] {
            let got = h.percentile(q);
            assert!(got >= want && (got - want) as f64 <= want as f64 / 64.0, "p{} = {}", q, got);
        }
        assert_eq!(h.max, 10_000);
    }

    #[test]
    fn merge_adds_counts_and_keeps_max() {
        let (mut a, mut b) = (LatencyHistogram::new(), LatencyHistogram::new());
        a.record(10);
        b.record(20);
        b.record(5000);
        a.merge(&b);
        assert_eq!((a.total, a.max, a.percentile(0.5)), (3, 5000, 20));
        assert_eq!(LatencyHistogram::new().percentile(0.5), 0);
    }
}
