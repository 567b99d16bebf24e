//! One point of the benchmark matrix, what applies to it, and the suites.

use crate::message::valid_message_size;

pub const FAMILY: &str = "reference";
pub const DRIVER: &str = "threads";
pub const WORKLOADS: [&str; 7] = ["seq", "spsc", "mpsc", "mpmc", "pingpong", "select_rx", "select_both"];

/// Whether `w` has one channel per producer and consumers that select over all of them
/// (select_rx; select_both, whose producers also select over every sender).
pub fn is_select_workload(w: &str) -> bool {
    w == "select_rx" || w == "select_both"
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Impl {
    /// `std::sync::mpsc`: `sync_channel(n)` bounded (0 = rendezvous), `channel()` unbounded; single consumer.
    StdMpsc,
    /// `crossbeam-channel`: `bounded(n)` (0 = rendezvous) or `unbounded()`; multi-consumer.
    Crossbeam,
}

impl Impl {
    pub const ALL: [Impl; 2] = [Impl::StdMpsc, Impl::Crossbeam];

    pub fn name(self) -> &'static str {
        match self {
            Impl::StdMpsc => "rust-std-mpsc",
            Impl::Crossbeam => "rust-crossbeam",
        }
    }

    pub fn parse(s: &str) -> Result<Impl, String> {
        Impl::ALL
            .iter()
            .copied()
            .find(|i| i.name() == s)
            .ok_or_else(|| format!("unknown implementation {:?} (this binary runs rust-std-mpsc, rust-crossbeam)", s))
    }
}

/// What a run measures. throughput and latency are `chanbench run`'s (no clock per message
/// with the full oracle; every message stamped with the full oracle). bare is crossbeam's own
/// benchmark loop: no clock and no oracle per message, only the received count is checked, so a
/// row is the channel as its users run it, without any harness cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Throughput,
    Latency,
    Bare,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Throughput, Mode::Latency, Mode::Bare];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Throughput => "throughput",
            Mode::Latency => "latency",
            Mode::Bare => "bare",
        }
    }

    pub fn parse(s: &str) -> Result<Mode, String> {
        Mode::ALL
            .iter()
            .copied()
            .find(|m| m.name() == s)
            .ok_or_else(|| format!("unknown mode {:?} (known: throughput, latency, bare)", s))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Capacity {
    /// Holds at most n messages; 0 is a rendezvous.
    Bounded(usize),
    Unbounded,
}

impl Capacity {
    pub fn label(self) -> String {
        match self {
            Capacity::Bounded(n) => n.to_string(),
            Capacity::Unbounded => "unbounded".to_string(),
        }
    }
}

/// One implementation, workload, shape, capacity, message size and message
/// count, run `repetitions` times after `warmup` unrecorded repetitions.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub imp: Impl,
    pub workload: String,
    pub producers: usize,
    pub consumers: usize,
    pub capacity: Capacity,
    pub message_bytes: usize,
    /// Total messages; pingpong: round trips.
    pub messages: usize,
    pub repetitions: usize,
    pub warmup: usize,
    pub mode: Mode,
}

impl Config {
    pub fn label(&self) -> String {
        format!(
            "{} {} p={} c={} cap={} size={} mode={}",
            self.imp.name(),
            self.workload,
            self.producers,
            self.consumers,
            self.capacity.label(),
            self.message_bytes,
            self.mode.name()
        )
    }

    /// Why a valid combination does not apply (skipped with a note), or None.
    pub fn skip_reason(&self) -> Option<String> {
        let one_to_one = self.producers == 1 && self.consumers == 1;
        match self.workload.as_str() {
            "seq" if !one_to_one => return Some("seq is one thread: needs producers=1 consumers=1".into()),
            "seq" => {
                if let Capacity::Bounded(n) = self.capacity {
                    if n < self.messages {
                        return Some("seq needs a capacity that holds every message".into());
                    }
                }
            }
            "spsc" | "pingpong" if !one_to_one => {
                return Some(format!("{} needs producers=1 consumers=1", self.workload))
            }
            "mpsc" if self.consumers != 1 => return Some("mpsc needs consumers=1".into()),
            _ => {}
        }
        if self.imp == Impl::StdMpsc && is_select_workload(&self.workload) {
            return Some("std::sync::mpsc has no select".into());
        }
        if self.imp == Impl::StdMpsc && self.consumers > 1 {
            return Some("std::sync::mpsc is single-consumer".into());
        }
        None
    }

    /// Rejects input that is wrong whatever the implementation.
    pub fn validate(&self) -> Result<(), String> {
        if !WORKLOADS.contains(&self.workload.as_str()) {
            return Err(format!("unknown workload {:?} (known: {})", self.workload, WORKLOADS.join(", ")));
        }
        if self.producers < 1 {
            return Err(format!("producers must be at least 1, got {}", self.producers));
        }
        if self.consumers < 1 {
            return Err(format!("consumers must be at least 1, got {}", self.consumers));
        }
        if !valid_message_size(self.message_bytes) {
            return Err(format!(
                "message size {}: inline sizes are 8,16,32,64,128,256,512; 1024 and up are heap-backed",
                self.message_bytes
            ));
        }
        if self.messages < 1 {
            return Err(format!("messages must be at least 1, got {}", self.messages));
        }
        if self.skip_reason().is_none() && self.messages % self.producers != 0 {
            return Err(format!("messages {} not divisible by producers {}", self.messages, self.producers));
        }
        if self.repetitions < 1 {
            return Err(format!("repetitions must be at least 1, got {}", self.repetitions));
        }
        Ok(())
    }
}

/// One rectangular set of parameter lists.
pub struct Matrix {
    pub impls: Vec<Impl>,
    pub workloads: Vec<String>,
    pub producers: Vec<usize>,
    pub consumers: Vec<usize>,
    pub capacities: Vec<Capacity>,
    pub sizes: Vec<usize>,
    pub messages: Vec<usize>,
    pub modes: Vec<Mode>,
    pub repetitions: usize,
    pub warmup: usize,
}

impl Matrix {
    /// Every combination, the last list varying fastest.
    pub fn expand(&self) -> Vec<Config> {
        let mut out = Vec::new();
        for &imp in &self.impls {
            for w in &self.workloads {
                for &p in &self.producers {
                    for &c in &self.consumers {
                        for &capacity in &self.capacities {
                            for &s in &self.sizes {
                                for &n in &self.messages {
                                    for &mode in &self.modes {
                                        out.push(Config {
                                            imp,
                                            workload: w.clone(),
                                            producers: p,
                                            consumers: c,
                                            capacity,
                                            message_bytes: s,
                                            messages: n,
                                            repetitions: self.repetitions,
                                            warmup: self.warmup,
                                            mode,
                                        });
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

pub const SUITES: [&str; 3] = ["quick", "race", "default"];

struct Group(&'static str, usize, usize, Capacity, &'static [usize], usize);

/// The issue-8 race table, the same list as the Go reference's raceGroups.
fn race(messages: usize) -> Vec<Group> {
    use Capacity::*;
    vec![
        Group("spsc", 1, 1, Bounded(1024), &[8], messages),
        Group("mpsc", 4, 1, Bounded(1024), &[8], messages),
        Group("mpmc", 4, 4, Bounded(1024), &[8], messages),
        Group("mpmc", 4, 4, Unbounded, &[8], messages),
        Group("spsc", 1, 1, Bounded(0), &[8], messages),
        Group("pingpong", 1, 1, Bounded(1), &[8], messages),
    ]
}

/// quick: the race table at 100k messages; race: at 1M (what `make reference`
/// runs); default: race plus seq, message sizes, more capacities and the select
/// workloads in crossbeam's shape (4 producers; select_both with 4 consumers).
pub fn suite(
    name: &str,
    impls: &[Impl],
    messages: Option<usize>,
    modes: &[Mode],
    repetitions: usize,
    warmup: usize,
) -> Result<Vec<Config>, String> {
    let groups = match name {
        "quick" => race(100_000),
        "race" => race(1_000_000),
        "default" => {
            let mut g = race(1_000_000);
            g.push(Group("seq", 1, 1, Capacity::Unbounded, &[8], 1_000_000));
            g.push(Group("seq", 1, 1, Capacity::Bounded(1_000_000), &[8], 1_000_000)); // Go has no unbounded chan
            g.push(Group("spsc", 1, 1, Capacity::Bounded(1024), &[64, 1024, 4096], 200_000));
            g.push(Group("mpmc", 4, 4, Capacity::Bounded(1), &[8], 200_000));
            g.push(Group("mpsc", 4, 1, Capacity::Bounded(0), &[8], 200_000));
            for (w, consumers) in [("select_rx", 1), ("select_both", 4)] {
                g.push(Group(w, 4, consumers, Capacity::Bounded(1024), &[8], 1_000_000));
                g.push(Group(w, 4, consumers, Capacity::Unbounded, &[8], 1_000_000));
                g.push(Group(w, 4, consumers, Capacity::Bounded(0), &[8], 200_000));
            }
            g
        }
        _ => return Err(format!("unknown suite {:?} (known: quick, race, default)", name)),
    };
    let mut out = Vec::new();
    for &imp in impls {
        for g in &groups {
            for &size in g.4 {
                for &mode in modes {
                    out.push(Config {
                        imp,
                        workload: g.0.to_string(),
                        producers: g.1,
                        consumers: g.2,
                        capacity: g.3,
                        message_bytes: size,
                        messages: messages.unwrap_or(g.5),
                        repetitions,
                        warmup,
                        mode,
                    });
                }
            }
        }
    }
    Ok(out)
}
