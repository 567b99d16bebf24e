//! select_rx and select_both, crossbeam-channel's own select benchmarks: one channel per
//! producer, and consumers that wait on all of them at once with crossbeam's `Select`. In
//! select_rx each producer sends on its own channel; in select_both each producer also selects
//! over every sender, sending to whichever has room first.

use std::thread;

use crossbeam_channel::{Receiver, Select, Sender};

use crate::channel::{Crossbeam, Factory};
use crate::config::{Capacity, Config};
use crate::histogram::LatencyHistogram;
use crate::message::{Message, Payload};
use crate::oracle::ConsumerOracle;
use crate::workloads::{finish_producers_consumers, receive_on, stamp, Clock, Gate, Measured, RunResult, CAPACITY_CHECK_EVERY};

/// What the select workloads' channels carry: the message in a type of its own, so crossbeam's
/// code is compiled for these channels apart from the other workloads' ones. Shared, Select's calls
/// into the channel's send and receive halves changed how the compiler inlined them for every
/// workload (callgrind, seq 8 B: about 80 more instructions a message inside crossbeam).
struct Selected<P>(Message<P>);

/// Runs one repetition of select_rx or select_both on crossbeam channels of `cfg.capacity`.
/// Each thread builds its `Select` once, before the start barrier, and reuses it for every
/// message (crossbeam's benchmark builds one per message, which allocates its case list each
/// time); a consumer removes a channel from it once that channel is disconnected and drained,
/// and stops when none is left.
pub fn select_producers_consumers<P: Payload, M: Measured>(cfg: &Config, clock: Clock) -> RunResult {
    let per = (cfg.messages / cfg.producers) as u64;
    let size = cfg.message_bytes;
    let both = cfg.workload == "select_both";
    let bound = match cfg.capacity {
        Capacity::Bounded(n) => Some(n),
        Capacity::Unbounded => None,
    };
    let (txs, rxs): (Vec<Sender<Selected<P>>>, Vec<Receiver<Selected<P>>>) =
        (0..cfg.producers).map(|_| Crossbeam.make(cfg.capacity)).unzip();
    let gate = Gate::new(cfg.producers + cfg.consumers);
    thread::scope(|s| {
        let gate = &gate;
        let mut senders = Vec::new();
        for id in 0..cfg.producers {
            // The producers hold the only senders: a channel disconnects when its last one is done.
            let mine: Vec<Sender<Selected<P>>> = if both { txs.clone() } else { vec![txs[id].clone()] };
            senders.push(s.spawn(move || {
                let message = |seq| Message { producer: id as u32, seq, sent_ns: stamp::<M>(clock), payload: P::make(seq, size) };
                let gone = || (clock.now(), Some(format!("harness: producer {} found every receiver gone", id)));
                let mut sel = Select::new();
                for tx in &mine {
                    sel.send(tx);
                }
                gate.arrive();
                if both {
                    for seq in 0..per {
                        let m = message(seq); // stamped before the select waits, as a blocking send is
                        let op = sel.select();
                        let i = op.index();
                        if op.send(&mine[i], Selected(m)).is_err() {
                            return gone();
                        }
                    }
                } else {
                    for seq in 0..per {
                        if mine[0].send(Selected(message(seq))).is_err() {
                            return gone();
                        }
                    }
                }
                (clock.now(), None)
            }));
        }
        drop(txs);
        let mut consumers = Vec::new();
        for idx in 0..cfg.consumers {
            let mine = rxs.clone();
            let producers = cfg.producers;
            consumers.push(s.spawn(move || {
                let mut oracle = ConsumerOracle::with_lanes(idx, producers, mine.len(), per);
                let mut hist = LatencyHistogram::new();
                let mut sel = Select::new();
                for rx in &mine {
                    sel.recv(rx);
                }
                gate.arrive();
                let (mut live, mut n) = (mine.len(), 0u64);
                while live > 0 {
                    let op = sel.select();
                    let i = op.index();
                    match op.recv(&mine[i]) {
                        Ok(Selected(m)) => {
                            receive_on::<P, M>(i, &m, &mut oracle, &mut hist, clock);
                            n += 1;
                            if M::ORACLE && n % CAPACITY_CHECK_EVERY == 0 {
                                if let Some(b) = bound.filter(|&b| mine[i].len() > b) {
                                    let q = mine[i].len();
                                    oracle.fail(format!("capacity bound: {} queued in channel {} of capacity {}", q, i, b));
                                }
                            }
                        }
                        Err(_) => {
                            // Disconnected and drained: selecting over it again would return at once.
                            sel.remove(i);
                            live -= 1;
                        }
                    }
                }
                (clock.now(), oracle, hist)
            }));
        }
        drop(rxs);
        let window = gate.release(clock);
        finish_producers_consumers::<M>(window, senders, consumers, cfg)
    })
}
