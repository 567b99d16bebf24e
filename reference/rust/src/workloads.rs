//! The workloads: spsc/mpsc/mpmc (producers and consumers), seq and pingpong,
//! each behind a start barrier with the clock covering traffic only.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Barrier;
use std::thread::{self, ScopedJoinHandle};
use std::time::Instant;

use crate::alloc;
use crate::channel::{Crossbeam, Factory, Rx, StdBounded, StdUnbounded, Tx};
use crate::config::{Capacity, Config, Impl, Mode};
use crate::histogram::LatencyHistogram;
use crate::message::{Heap, Inline, Message, Payload};
use crate::metrics::{self, Usage};
use crate::oracle::{merge_oracles, ConsumerOracle};
use crate::selecting::select_producers_consumers;

/// Monotonic nanoseconds since the process's epoch (CLOCK_MONOTONIC), the same
/// clock on every thread so send and receive timestamps subtract.
#[derive(Clone, Copy)]
pub struct Clock(Instant);

impl Clock {
    pub fn new() -> Self {
        Clock(Instant::now())
    }
    #[inline]
    pub fn now(&self) -> u64 {
        self.0.elapsed().as_nanos() as u64
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}

/// A measurement mode as a type, so each mode's loops are compiled on their own and the
/// per-message choices below are constants, not branches on the hot path.
pub trait Measured {
    /// Stamp every message with the clock and record its latency.
    const STAMPS: bool;
    /// Run the full oracle per message (bare mode counts only).
    const ORACLE: bool;
}
pub struct ThroughputMode;
pub struct LatencyMode;
pub struct BareMode;
impl Measured for ThroughputMode {
    const STAMPS: bool = false;
    const ORACLE: bool = true;
}
impl Measured for LatencyMode {
    const STAMPS: bool = true;
    const ORACLE: bool = true;
}
impl Measured for BareMode {
    const STAMPS: bool = false;
    const ORACLE: bool = false;
}

/// One repetition's measurements and verdict.
pub struct RunResult {
    pub seconds: f64,
    pub cpu_user_s: f64,
    pub cpu_sys_s: f64,
    pub ctx_voluntary: i64,
    pub ctx_involuntary: i64,
    pub allocs_per_msg: f64,
    pub peak_allocated_bytes: u64,
    pub peak_rss_bytes: u64,
    pub latency: LatencyHistogram,
    /// None when every invariant held.
    pub failure: Option<String>,
}

/// How often (in messages) a consumer samples the queue length against the
/// capacity bound, where the channel can report it.
pub(crate) const CAPACITY_CHECK_EVERY: u64 = 4096;

/// The start barrier: workers count themselves ready and block; the main
/// thread snapshots the counters once all are ready, then releases them.
pub(crate) struct Gate {
    ready: AtomicUsize,
    workers: usize,
    barrier: Barrier,
}

pub(crate) struct Window {
    before: Usage,
    allocations: u64,
    t0: u64,
}

impl Gate {
    pub(crate) fn new(workers: usize) -> Self {
        Gate { ready: AtomicUsize::new(0), workers, barrier: Barrier::new(workers + 1) }
    }

    pub(crate) fn arrive(&self) {
        self.ready.fetch_add(1, SeqCst);
        self.barrier.wait();
    }

    /// Waits until every worker exists and is at the barrier, then opens the
    /// measurement window and releases them; thread creation is outside it.
    pub(crate) fn release(&self, clock: Clock) -> Window {
        while self.ready.load(SeqCst) < self.workers {
            thread::yield_now();
        }
        metrics::reset_peak_rss();
        alloc::reset_peak();
        let w = Window { allocations: alloc::allocation_count(), before: metrics::read_usage(), t0: clock.now() };
        self.barrier.wait();
        w
    }
}

impl Window {
    fn close(self, t_end: u64, messages: usize, latency: LatencyHistogram, failure: Option<String>) -> RunResult {
        let after = metrics::read_usage();
        RunResult {
            seconds: t_end.saturating_sub(self.t0) as f64 / 1e9,
            cpu_user_s: after.user_s - self.before.user_s,
            cpu_sys_s: after.sys_s - self.before.sys_s,
            ctx_voluntary: after.voluntary - self.before.voluntary,
            ctx_involuntary: after.involuntary - self.before.involuntary,
            allocs_per_msg: (alloc::allocation_count() - self.allocations) as f64 / messages as f64,
            peak_allocated_bytes: alloc::peak_bytes() as u64,
            peak_rss_bytes: metrics::peak_rss(),
            latency,
            failure,
        }
    }
}

/// Runs one repetition of `cfg` (the caller has already filtered skips).
pub fn run_config(cfg: &Config, clock: Clock) -> RunResult {
    match cfg.message_bytes {
        8 => by_impl::<Inline<8>>(cfg, clock),
        16 => by_impl::<Inline<16>>(cfg, clock),
        32 => by_impl::<Inline<32>>(cfg, clock),
        64 => by_impl::<Inline<64>>(cfg, clock),
        128 => by_impl::<Inline<128>>(cfg, clock),
        256 => by_impl::<Inline<256>>(cfg, clock),
        512 => by_impl::<Inline<512>>(cfg, clock),
        _ => by_impl::<Heap>(cfg, clock),
    }
}

fn by_impl<P: Payload>(cfg: &Config, clock: Clock) -> RunResult {
    match (cfg.imp, cfg.capacity) {
        (Impl::Crossbeam, _) => by_workload::<P, _>(cfg, &Crossbeam, clock),
        (Impl::StdMpsc, Capacity::Unbounded) => by_workload::<P, _>(cfg, &StdUnbounded, clock),
        (Impl::StdMpsc, Capacity::Bounded(_)) => by_workload::<P, _>(cfg, &StdBounded, clock),
    }
}

fn by_workload<P: Payload, F: Factory<Message<P>>>(cfg: &Config, f: &F, clock: Clock) -> RunResult {
    match cfg.mode {
        Mode::Throughput => by_workload_in::<P, F, ThroughputMode>(cfg, f, clock),
        Mode::Latency => by_workload_in::<P, F, LatencyMode>(cfg, f, clock),
        Mode::Bare => by_workload_in::<P, F, BareMode>(cfg, f, clock),
    }
}

fn by_workload_in<P: Payload, F: Factory<Message<P>>, M: Measured>(cfg: &Config, f: &F, clock: Clock) -> RunResult {
    match cfg.workload.as_str() {
        "seq" => seq::<P, F, M>(cfg, f, clock),
        "pingpong" => pingpong::<P, F, M>(cfg, f, clock),
        // crossbeam's Select, whatever F is: skip_reason keeps every other implementation out.
        "select_rx" | "select_both" => select_producers_consumers::<P, M>(cfg, clock),
        _ => producers_consumers::<P, F, M>(cfg, f, clock),
    }
}

/// M's oracle without its clock: what a side that times nothing (pingpong's responder) runs.
struct ThroughputOf<M>(std::marker::PhantomData<M>);
impl<M: Measured> Measured for ThroughputOf<M> {
    const STAMPS: bool = false;
    const ORACLE: bool = M::ORACLE;
}

/// The send timestamp: the clock in latency mode, 0 (never read) otherwise.
#[inline]
pub(crate) fn stamp<M: Measured>(clock: Clock) -> u64 {
    if M::STAMPS {
        clock.now()
    } else {
        0
    }
}

/// One received message through the mode's checks: the full oracle and, in latency mode, the
/// latency since its stamp; bare mode only counts it.
#[inline]
fn receive<P: Payload, M: Measured>(m: &Message<P>, oracle: &mut ConsumerOracle, hist: &mut LatencyHistogram, clock: Clock) {
    receive_on::<P, M>(0, m, oracle, hist, clock)
}

/// `receive` for a message that came from channel `lane` of several.
#[inline]
pub(crate) fn receive_on<P: Payload, M: Measured>(
    lane: usize,
    m: &Message<P>,
    oracle: &mut ConsumerOracle,
    hist: &mut LatencyHistogram,
    clock: Clock,
) {
    if M::ORACLE {
        let now = stamp::<M>(clock);
        oracle.observe_on(lane, m.producer, m.seq, m.payload.intact(m.seq));
        if M::STAMPS {
            hist.record(now.saturating_sub(m.sent_ns));
        }
    } else {
        oracle.count += 1;
    }
}

/// The run's verdict: the full oracle, or in bare mode only the total count.
fn verdict<M: Measured>(oracles: &[ConsumerOracle], producers: usize, per_producer: u64) -> Option<String> {
    if M::ORACLE {
        return merge_oracles(oracles, producers, per_producer);
    }
    let total: u64 = oracles.iter().map(|o| o.count).sum();
    let want = producers as u64 * per_producer;
    if total == want {
        None
    } else {
        Some(format!("total count: received {} messages, sent {}", total, want))
    }
}

fn panicked(what: &str) -> String {
    format!("harness: a {} thread panicked", what)
}

/// spsc, mpsc and mpmc: each producer sends messages/producers; consumers
/// compete until the channel disconnects after the last producer is done.
fn producers_consumers<P: Payload, F: Factory<Message<P>>, M: Measured>(cfg: &Config, f: &F, clock: Clock) -> RunResult {
    let per = (cfg.messages / cfg.producers) as u64;
    let (producers, size) = (cfg.producers, cfg.message_bytes);
    let bound = match cfg.capacity {
        Capacity::Bounded(n) => Some(n),
        Capacity::Unbounded => None,
    };
    let (tx, rx) = f.make(cfg.capacity);
    let receivers = f.receivers(rx, cfg.consumers).expect("skip_reason keeps single-consumer channels at one consumer");
    let gate = Gate::new(cfg.producers + cfg.consumers);
    thread::scope(|s| {
        let gate = &gate;
        let mut senders = Vec::new();
        for id in 0..producers {
            let tx = tx.clone();
            senders.push(s.spawn(move || {
                gate.arrive();
                for seq in 0..per {
                    let m = Message { producer: id as u32, seq, sent_ns: stamp::<M>(clock), payload: P::make(seq, size) };
                    if !tx.send(m) {
                        return (clock.now(), Some(format!("harness: producer {} found every receiver gone", id)));
                    }
                }
                (clock.now(), None)
            }));
        }
        drop(tx); // the producers hold the only senders: the channel disconnects when they finish
        let mut consumers = Vec::new();
        for (idx, rx) in receivers.into_iter().enumerate() {
            consumers.push(s.spawn(move || {
                let mut oracle = ConsumerOracle::new(idx, producers, per);
                let mut hist = LatencyHistogram::new();
                gate.arrive();
                let mut n = 0u64;
                while let Some(m) = rx.recv() {
                    receive::<P, M>(&m, &mut oracle, &mut hist, clock);
                    n += 1;
                    if M::ORACLE && n % CAPACITY_CHECK_EVERY == 0 {
                        if let (Some(b), Some(q)) = (bound, rx.queued()) {
                            if q > b {
                                oracle.fail(format!("capacity bound: {} queued in a channel of capacity {}", q, b));
                            }
                        }
                    }
                }
                (clock.now(), oracle, hist)
            }));
        }
        let window = gate.release(clock);
        finish_producers_consumers::<M>(window, senders, consumers, cfg)
    })
}

/// Joins a producers/consumers run's threads and closes its window: the last finish time, the
/// first failure (a producer's, a panic, then the oracle's verdict) and the merged latency.
pub(crate) fn finish_producers_consumers<M: Measured>(
    window: Window,
    producers: Vec<ScopedJoinHandle<'_, (u64, Option<String>)>>,
    consumers: Vec<ScopedJoinHandle<'_, (u64, ConsumerOracle, LatencyHistogram)>>,
    cfg: &Config,
) -> RunResult {
    let mut t_end = 0;
    let mut failure = None;
    for h in producers {
        match h.join() {
            Ok((end, f)) => {
                t_end = t_end.max(end);
                failure = failure.or(f);
            }
            Err(_) => failure = failure.or_else(|| Some(panicked("producer"))),
        }
    }
    let mut oracles = Vec::new();
    let mut latency = LatencyHistogram::new();
    for h in consumers {
        match h.join() {
            Ok((end, o, hist)) => {
                t_end = t_end.max(end);
                latency.merge(&hist);
                oracles.push(o);
            }
            Err(_) => failure = failure.or_else(|| Some(panicked("consumer"))),
        }
    }
    let per = (cfg.messages / cfg.producers) as u64;
    let failure = failure.or_else(|| verdict::<M>(&oracles, cfg.producers, per));
    window.close(t_end, cfg.messages, latency, failure)
}

/// One thread sends every message into the buffer, then receives them all:
/// the channel's cost with no contention and no blocking.
fn seq<P: Payload, F: Factory<Message<P>>, M: Measured>(cfg: &Config, f: &F, clock: Clock) -> RunResult {
    let (n, size) = (cfg.messages as u64, cfg.message_bytes);
    let (tx, rx) = f.make(cfg.capacity);
    let gate = Gate::new(1);
    thread::scope(|s| {
        let gate = &gate;
        let worker = s.spawn(move || {
            let mut oracle = ConsumerOracle::new(0, 1, n);
            let mut hist = LatencyHistogram::new();
            gate.arrive();
            for seq in 0..n {
                if !tx.send(Message { producer: 0, seq, sent_ns: stamp::<M>(clock), payload: P::make(seq, size) }) {
                    oracle.fail("harness: the receiver is gone".to_string());
                }
            }
            drop(tx);
            for _ in 0..n {
                match rx.recv() {
                    Some(m) => receive::<P, M>(&m, &mut oracle, &mut hist, clock),
                    None => break,
                }
            }
            if rx.recv().is_some() {
                oracle.fail("total count: messages left in the channel".to_string());
            }
            (clock.now(), oracle, hist)
        });
        let window = gate.release(clock);
        match worker.join() {
            Ok((end, oracle, hist)) => {
                let failure = verdict::<M>(&[oracle], 1, n);
                window.close(end, cfg.messages, hist, failure)
            }
            Err(_) => window.close(clock.now(), cfg.messages, LatencyHistogram::new(), Some(panicked("seq"))),
        }
    })
}

/// An initiator sends each message to a responder, which sends it back, over
/// two channels of the configured capacity (1 in the suites). Latency is the
/// round trip, from the send timestamp the message carries.
fn pingpong<P: Payload, F: Factory<Message<P>>, M: Measured>(cfg: &Config, f: &F, clock: Clock) -> RunResult {
    let (n, size) = (cfg.messages as u64, cfg.message_bytes);
    let (ping_tx, ping_rx) = f.make(cfg.capacity);
    let (pong_tx, pong_rx) = f.make(cfg.capacity);
    let gate = Gate::new(2);
    thread::scope(|s| {
        let gate = &gate;
        let responder = s.spawn(move || {
            let mut echoed = ConsumerOracle::new(1, 1, n);
            gate.arrive();
            let mut untimed = LatencyHistogram::new(); // the responder times nothing
            while let Some(m) = ping_rx.recv() {
                receive::<P, ThroughputOf<M>>(&m, &mut echoed, &mut untimed, clock);
                if !pong_tx.send(m) {
                    echoed.fail("harness: the initiator is gone".to_string());
                    break;
                }
            }
            (clock.now(), echoed)
        });
        let initiator = s.spawn(move || {
            let mut back = ConsumerOracle::new(0, 1, n);
            let mut hist = LatencyHistogram::new();
            gate.arrive();
            for seq in 0..n {
                if !ping_tx.send(Message { producer: 0, seq, sent_ns: stamp::<M>(clock), payload: P::make(seq, size) }) {
                    back.fail("harness: the responder is gone".to_string());
                    break;
                }
                match pong_rx.recv() {
                    Some(m) => {
                        receive::<P, M>(&m, &mut back, &mut hist, clock);
                        if M::ORACLE && m.seq != seq {
                            back.fail(format!("per-producer FIFO: round trip {} came back as seq {}", seq, m.seq));
                        }
                    }
                    None => {
                        back.fail("harness: the responder is gone".to_string());
                        break;
                    }
                }
            }
            drop(ping_tx);
            (clock.now(), back, hist)
        });
        let window = gate.release(clock);
        let r = responder.join();
        let i = initiator.join();
        match (r, i) {
            (Ok((end_r, echoed)), Ok((end_i, back, hist))) => {
                let failure = verdict::<M>(&[echoed], 1, n).or_else(|| verdict::<M>(&[back], 1, n));
                window.close(end_r.max(end_i), cfg.messages, hist, failure)
            }
            _ => window.close(clock.now(), cfg.messages, LatencyHistogram::new(), Some(panicked("pingpong"))),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::parse;

    #[test]
    fn every_workload_capacity_and_size_runs_verified() {
        let args: Vec<String> = [
            "--workload", "seq,spsc,mpsc,mpmc,pingpong", "--producers", "1,3", "--consumers", "1,2",
            "--capacity", "0,1,5000,unbounded", "--message-size", "8,512,1024", "--messages", "3000",
            "--mode", "latency",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let clock = Clock::new();
        let mut ran = 0;
        for cfg in parse(&args).unwrap().configs.iter().filter(|c| c.skip_reason().is_none()) {
            let r = run_config(cfg, clock);
            assert_eq!(r.failure, None, "{}", cfg.label());
            assert_eq!(r.latency.total, cfg.messages as u64, "{}", cfg.label());
            assert!(r.seconds > 0.0);
            ran += 1;
        }
        // crossbeam: seq 2 caps x 3 sizes, spsc/pingpong 4x3 each, mpsc p=1,3 4x3x2, mpmc 4 shapes 4x3;
        // std: the same without the two-consumer mpmc shapes.
        assert_eq!(ran, (6 + 12 + 12 + 24 + 48) + (6 + 12 + 12 + 24 + 24));
    }

    #[test]
    fn select_workloads_run_verified_in_every_mode() {
        let args: Vec<String> = [
            "--impl", "rust-crossbeam,rust-std-mpsc", "--workload", "select_rx,select_both", "--producers", "1,3",
            "--consumers", "1,2", "--capacity", "0,1,64,unbounded", "--message-size", "8,1024", "--messages", "3000",
            "--mode", "throughput,latency,bare",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let clock = Clock::new();
        let configs = parse(&args).unwrap().configs;
        let mut ran = 0;
        for cfg in configs.iter().filter(|c| c.skip_reason().is_none()) {
            assert_eq!(cfg.imp, Impl::Crossbeam, "std::sync::mpsc has no select: {}", cfg.label());
            let r = run_config(cfg, clock);
            assert_eq!(r.failure, None, "{}", cfg.label());
            if cfg.mode == Mode::Latency {
                assert_eq!(r.latency.total, cfg.messages as u64, "{}", cfg.label());
            }
            ran += 1;
        }
        // crossbeam only: 2 workloads x 2 producer counts x 2 consumer counts x 4 capacities x 2 sizes x 3 modes.
        assert_eq!(ran, 2 * 2 * 2 * 4 * 2 * 3);
    }

    /// A deliberately broken channel: crossbeam underneath, but the sender
    /// loses, duplicates or swaps one message, so the oracle must catch it.
    #[derive(Clone, Copy, PartialEq)]
    enum Fault {
        Lose,
        Duplicate,
        Swap,
    }

    struct Broken(Fault);

    #[derive(Clone)]
    struct BrokenTx {
        fault: Fault,
        inner: crossbeam_channel::Sender<Message<Inline<8>>>,
        held: std::sync::Arc<std::sync::Mutex<Option<Message<Inline<8>>>>>,
    }

    impl Tx<Message<Inline<8>>> for BrokenTx {
        fn send(&self, m: Message<Inline<8>>) -> bool {
            match (self.fault, m.seq) {
                (Fault::Lose, 5) => true,
                (Fault::Duplicate, 5) => {
                    let copy = Message { producer: m.producer, seq: m.seq, sent_ns: m.sent_ns, payload: Inline::make(5, 8) };
                    self.inner.send(copy).is_ok() && self.inner.send(m).is_ok()
                }
                (Fault::Swap, 5) => {
                    *self.held.lock().unwrap() = Some(m);
                    true
                }
                (Fault::Swap, 6) => {
                    let held = self.held.lock().unwrap().take().unwrap();
                    self.inner.send(m).is_ok() && self.inner.send(held).is_ok()
                }
                _ => self.inner.send(m).is_ok(),
            }
        }
    }

    impl Factory<Message<Inline<8>>> for Broken {
        type S = BrokenTx;
        type R = crossbeam_channel::Receiver<Message<Inline<8>>>;
        fn make(&self, capacity: Capacity) -> (Self::S, Self::R) {
            let (tx, rx) = Crossbeam.make(capacity);
            (BrokenTx { fault: self.0, inner: tx, held: Default::default() }, rx)
        }
        fn receivers(&self, r: Self::R, consumers: usize) -> Option<Vec<Self::R>> {
            Factory::<Message<Inline<8>>>::receivers(&Crossbeam, r, consumers)
        }
    }

    #[test]
    fn a_broken_channel_fails_with_the_invariant_named() {
        let cfg = Config {
            imp: Impl::Crossbeam,
            workload: "spsc".into(),
            producers: 1,
            consumers: 1,
            capacity: Capacity::Bounded(16),
            message_bytes: 8,
            messages: 100,
            repetitions: 1,
            warmup: 0,
            mode: Mode::Throughput,
        };
        for (fault, invariant) in
            [(Fault::Lose, "total count"), (Fault::Duplicate, "per-producer FIFO"), (Fault::Swap, "per-producer FIFO")]
        {
            let r = producers_consumers::<Inline<8>, _, ThroughputMode>(&cfg, &Broken(fault), Clock::new());
            let columns = crate::csv::columns("impl,verified");
            assert!(crate::csv::format_row(&columns, &crate::csv::row_fields(&cfg, 1, &r)).ends_with(",false"));
            let f = r.failure.expect("the oracle must catch a broken channel");
            assert!(f.contains(invariant), "{:?} not named in {:?}", invariant, f);
        }
        // Bare mode checks the count only: a lost or an extra message still fails the run.
        for fault in [Fault::Lose, Fault::Duplicate] {
            let r = producers_consumers::<Inline<8>, _, BareMode>(&cfg, &Broken(fault), Clock::new());
            assert!(r.failure.expect("bare mode must catch a wrong count").contains("total count"));
        }
    }
}
