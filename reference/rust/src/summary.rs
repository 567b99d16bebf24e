//! The end-of-run table: median ns/msg and p50 latency per configuration.

use std::io::Write;

use crate::config::{Config, Mode};

/// One configuration's measured repetitions: (ns/msg, p50 ns, verified).
pub struct SummaryRow {
    pub config: Config,
    pub runs: Vec<(f64, f64, bool)>,
}

pub fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let mut s = xs.to_vec();
    s.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let n = s.len();
    if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 }
}

pub fn print(w: &mut dyn Write, rows: &[SummaryRow]) {
    let _ = writeln!(
        w,
        "{:<15} {:<11} {:>5} {:>9} {:>6} {:<10} {:>13} {:>12} verified",
        "impl", "workload", "PxC", "capacity", "size", "mode", "median ns/msg", "median p50"
    );
    for r in rows {
        let c = &r.config;
        let ns: Vec<f64> = r.runs.iter().map(|x| x.0).collect();
        let p50: Vec<f64> = r.runs.iter().map(|x| x.1).collect();
        // Only latency mode times messages.
        let p50_text = if c.mode == Mode::Latency { format!("{:.0}", median(&p50)) } else { "-".to_string() };
        let _ = writeln!(
            w,
            "{:<15} {:<11} {:>5} {:>9} {:>6} {:<10} {:>13.1} {:>12} {}",
            c.imp.name(),
            c.workload,
            format!("{}x{}", c.producers, c.consumers),
            c.capacity.label(),
            c.message_bytes,
            c.mode.name(),
            median(&ns),
            p50_text,
            r.runs.iter().all(|x| x.2)
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(super::median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(super::median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(super::median(&[]), 0.0);
    }
}
