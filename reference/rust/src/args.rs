//! The command line: the same flags as `chanbench run` and the Go reference.

use crate::config::{suite, Capacity, Config, Impl, Matrix, Mode};
use std::time::Duration;

pub const USAGE: &str = "chanbench-rust: the Rust reference for ChannelBench (std::sync::mpsc and crossbeam-channel on threads).
Usage: chanbench-rust [--suite quick|race|default] [--impl rust-std-mpsc,rust-crossbeam] [--workload seq,spsc,mpsc,mpmc,pingpong,select_rx,select_both]
  [--producers N,..] [--consumers N,..] [--capacity 0,1,N,unbounded] [--message-size 8,64,1024,..]
  [--messages N,..] [--mode throughput,latency,bare] [--repetitions N] [--warmup N] [--output FILE]
  [--run-timeout SECONDS] [--meta KEY=VALUE]...
Modes: throughput (no clock per message, full oracle), latency (every message stamped, full
oracle), bare (crossbeam's benchmark loop: no clock, no oracle, only the count). Default: throughput,latency.
Rows go to FILE (appended; '#' metadata and the header are written when it is new) or stdout.";

/// Everything the command line decides.
#[derive(Debug)]
pub struct Options {
    pub configs: Vec<Config>,
    pub output: Option<String>,
    pub run_timeout: Duration,
    /// Extra `key: value` metadata lines for a new file.
    pub meta: Vec<String>,
    /// The resolved matrix, recorded in the metadata.
    pub parameters: String,
}

/// `Err(None)` means help was asked for.
pub type ParseResult = Result<Options, Option<String>>;

fn list(flag: &str, s: &str) -> Result<Vec<String>, String> {
    s.split(',')
        .map(|x| {
            let x = x.trim();
            if x.is_empty() {
                Err(format!("--{}: empty item in {:?}", flag, s))
            } else {
                Ok(x.to_string())
            }
        })
        .collect()
}

fn number(flag: &str, s: &str) -> Result<usize, String> {
    let clean = s.replace('_', "");
    if clean.starts_with('-') {
        return Err(format!("--{}: {} is negative", flag, s));
    }
    clean.parse::<usize>().map_err(|_| format!("--{}: {:?} is not a whole number", flag, s))
}

fn numbers(flag: &str, s: &str) -> Result<Vec<usize>, String> {
    list(flag, s)?.iter().map(|x| number(flag, x)).collect()
}

fn one(flag: &str, s: &str) -> Result<usize, String> {
    let v = numbers(flag, s)?;
    if v.len() != 1 {
        return Err(format!("--{} takes one number", flag));
    }
    Ok(v[0])
}

fn capacities(s: &str) -> Result<Vec<Capacity>, String> {
    list("capacity", s)?
        .iter()
        .map(|x| if x == "unbounded" { Ok(Capacity::Unbounded) } else { number("capacity", x).map(Capacity::Bounded) })
        .collect()
}

const FLAGS: [&str; 14] = [
    "impl", "workload", "producers", "consumers", "capacity", "message-size", "messages", "repetitions",
    "warmup", "suite", "output", "run-timeout", "meta", "mode",
];

/// Turns the arguments (without the program name) into Options or a one-line error.
pub fn parse(args: &[String]) -> ParseResult {
    let mut given: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "-h" || a == "--help" {
            return Err(None);
        }
        let body = a.strip_prefix("--").ok_or_else(|| Some(format!("unexpected argument {:?}", a)))?;
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n.to_string(), v.to_string()),
            None => {
                i += 1;
                let v = args.get(i).ok_or_else(|| Some(format!("--{} needs a value", body)))?;
                (body.to_string(), v.clone())
            }
        };
        if !FLAGS.contains(&name.as_str()) {
            return Err(Some(format!("unknown flag --{}", name)));
        }
        if name != "meta" && given.iter().any(|(n, _)| *n == name) {
            return Err(Some(format!("--{} given twice; use a comma list", name)));
        }
        given.push((name, value));
        i += 1;
    }
    build(&given).map_err(Some)
}

fn build(given: &[(String, String)]) -> Result<Options, String> {
    let get = |name: &str| given.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let or = |name: &str, default: &'static str| get(name).unwrap_or(default);

    let repetitions = one("repetitions", or("repetitions", "3"))?;
    let warmup = one("warmup", or("warmup", "1"))?;
    let timeout = one("run-timeout", or("run-timeout", "300"))?;
    if timeout < 1 {
        return Err("--run-timeout must be at least 1 second".into());
    }
    let impl_list = or("impl", "rust-std-mpsc,rust-crossbeam");
    let impls = list("impl", impl_list)?.iter().map(|s| Impl::parse(s)).collect::<Result<Vec<_>, _>>()?;
    let mode_list = or("mode", "throughput,latency");
    let modes = list("mode", mode_list)?.iter().map(|s| Mode::parse(s)).collect::<Result<Vec<_>, _>>()?;
    let mut meta = Vec::new();
    for (_, v) in given.iter().filter(|(n, _)| n == "meta") {
        match v.split_once('=') {
            Some((k, val)) if !k.is_empty() && !v.contains('\n') => meta.push(format!("{}: {}", k, val)),
            _ => return Err("--meta wants KEY=VALUE on one line".into()),
        }
    }

    let (configs, parameters) = if let Some(name) = get("suite") {
        for f in ["workload", "producers", "consumers", "capacity", "message-size"] {
            if get(f).is_some() {
                return Err(format!("--suite fixes the matrix; drop --{} or drop --suite", f));
            }
        }
        let messages = match get("messages") {
            Some(m) => Some(one("messages", m)?),
            None => None,
        };
        let configs = suite(name, &impls, messages, &modes, repetitions, warmup)?;
        let params = format!(
            "suite={} impl={} messages={} mode={} repetitions={} warmup={}",
            name,
            impl_list,
            get("messages").unwrap_or("suite"),
            mode_list,
            repetitions,
            warmup
        );
        (configs, params)
    } else {
        let m = Matrix {
            impls,
            workloads: list("workload", or("workload", "spsc"))?,
            producers: numbers("producers", or("producers", "1"))?,
            consumers: numbers("consumers", or("consumers", "1"))?,
            capacities: capacities(or("capacity", "1024"))?,
            sizes: numbers("message-size", or("message-size", "8"))?,
            messages: numbers("messages", or("messages", "1000000"))?,
            modes,
            repetitions,
            warmup,
        };
        let params = format!(
            "impl={} workload={} producers={} consumers={} capacity={} message_size={} messages={} mode={} repetitions={} warmup={}",
            impl_list,
            or("workload", "spsc"),
            or("producers", "1"),
            or("consumers", "1"),
            or("capacity", "1024"),
            or("message-size", "8"),
            or("messages", "1000000"),
            mode_list,
            repetitions,
            warmup
        );
        (m.expand(), params)
    };
    for c in &configs {
        c.validate()?;
    }
    Ok(Options {
        configs,
        output: get("output").map(str::to_string),
        run_timeout: Duration::from_secs(timeout as u64),
        meta,
        parameters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn matrix_expands_every_combination_sizes_fastest() {
        let o = parse(&args(&[
            "--impl", "rust-crossbeam", "--workload", "spsc,mpmc", "--producers", "1,2", "--consumers=1,2",
            "--capacity", "0,1,unbounded", "--message-size", "8,4096", "--messages", "1000", "--mode", "bare",
        ]))
        .unwrap();
        assert_eq!(o.configs.len(), 2 * 2 * 2 * 3 * 2);
        assert_eq!(o.configs[0].capacity, Capacity::Bounded(0));
        assert_eq!(o.configs[1].message_bytes, 4096);
        assert_eq!(o.configs[4].capacity, Capacity::Unbounded);
    }

    #[test]
    fn race_suite_is_the_issue_8_table() {
        let o = parse(&args(&["--suite", "race", "--messages", "2000", "--repetitions", "1", "--mode", "latency"])).unwrap();
        let got: Vec<String> = o
            .configs
            .iter()
            .filter(|c| c.imp == Impl::Crossbeam)
            .map(|c| format!("{} {}x{} {}", c.workload, c.producers, c.consumers, c.capacity.label()))
            .collect();
        assert_eq!(
            got,
            ["spsc 1x1 1024", "mpsc 4x1 1024", "mpmc 4x4 1024", "mpmc 4x4 unbounded", "spsc 1x1 0", "pingpong 1x1 1"]
        );
        assert!(o.configs.iter().all(|c| c.messages == 2000 && c.repetitions == 1));
        for s in crate::config::SUITES {
            assert!(parse(&args(&["--suite", s])).unwrap().configs.len() >= 12);
        }
    }

    #[test]
    fn skip_rules() {
        let o = parse(&args(&["--workload", "mpmc,spsc,mpsc,pingpong,seq", "--producers", "2", "--consumers", "2",
            "--capacity", "4", "--messages", "10"])).unwrap();
        let runs: Vec<String> = o.configs.iter().filter(|c| c.skip_reason().is_none()).map(|c| c.label()).collect();
        // Default modes, innermost: throughput then latency.
        assert_eq!(runs, [
            "rust-crossbeam mpmc p=2 c=2 cap=4 size=8 mode=throughput",
            "rust-crossbeam mpmc p=2 c=2 cap=4 size=8 mode=latency",
        ]);
    }

    #[test]
    fn bad_input_is_a_one_line_error() {
        for bad in [
            &["--workload", "fanout"][..],
            &["--impl", "go-chan"],
            &["--producers", "0"],
            &["--consumers", "0"],
            &["--capacity", "-1"],
            &["--capacity", "lots"],
            &["--message-size", "100"],
            &["--message-size", "0"],
            &["--messages", "0"],
            &["--workload", "mpsc", "--producers", "3", "--messages", "10"],
            &["--repetitions", "0"],
            &["--warmup", "-2"],
            &["--workload", "spsc,"],
            &["--suite", "huge"],
            &["--suite", "quick", "--capacity", "1"],
            &["--run-timeout", "0"],
            &["--mode", "fast"],
            &["--mode", "bare,"],
            &["--meta", "novalue"],
            &["--bogus", "1"],
            &["--messages"],
            &["--messages", "1", "--messages", "2"],
            &["extra"],
        ] {
            match parse(&args(bad)) {
                Err(Some(e)) => assert!(!e.contains('\n'), "{:?}: multi-line error {:?}", bad, e),
                other => panic!("{:?} accepted: {:?}", bad, other.map(|o| o.configs.len())),
            }
        }
        assert!(matches!(parse(&args(&["--help"])), Err(None)));
    }
}
