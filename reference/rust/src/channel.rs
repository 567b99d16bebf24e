//! The channels under test behind two small traits, so one generic workload
//! drives std::sync::mpsc and crossbeam-channel alike.

use crossbeam_channel as cb;
use std::sync::mpsc;

use crate::config::Capacity;

/// The sending side. `send` blocks while a bounded channel is full and
/// returns false once every receiver is gone.
pub trait Tx<T>: Send + Clone {
    fn send(&self, value: T) -> bool;
}

/// The receiving side. `recv` blocks until a value arrives and returns `None`
/// once every sender is gone and the channel is drained.
pub trait Rx<T>: Send {
    fn recv(&self) -> Option<T>;
    /// Messages queued right now, where the channel can tell.
    fn queued(&self) -> Option<usize>;
}

impl<T: Send> Tx<T> for cb::Sender<T> {
    #[inline]
    fn send(&self, value: T) -> bool {
        cb::Sender::send(self, value).is_ok()
    }
}

impl<T: Send> Rx<T> for cb::Receiver<T> {
    #[inline]
    fn recv(&self) -> Option<T> {
        cb::Receiver::recv(self).ok()
    }
    fn queued(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: Send> Tx<T> for mpsc::SyncSender<T> {
    #[inline]
    fn send(&self, value: T) -> bool {
        mpsc::SyncSender::send(self, value).is_ok()
    }
}

impl<T: Send> Tx<T> for mpsc::Sender<T> {
    #[inline]
    fn send(&self, value: T) -> bool {
        mpsc::Sender::send(self, value).is_ok()
    }
}

impl<T: Send> Rx<T> for mpsc::Receiver<T> {
    #[inline]
    fn recv(&self) -> Option<T> {
        mpsc::Receiver::recv(self).ok()
    }
    fn queued(&self) -> Option<usize> {
        None
    }
}

/// Makes channels of one flavor for messages of type T. `receivers` hands out
/// one receiver per consumer, or `None` for a single-consumer channel asked
/// for more.
pub trait Factory<T> {
    type S: Tx<T>;
    type R: Rx<T>;
    fn make(&self, capacity: Capacity) -> (Self::S, Self::R);
    fn receivers(&self, r: Self::R, consumers: usize) -> Option<Vec<Self::R>>;
}

/// crossbeam-channel: `bounded(n)` (n = 0 is a rendezvous) or `unbounded()`.
pub struct Crossbeam;

impl<T: Send> Factory<T> for Crossbeam {
    type S = cb::Sender<T>;
    type R = cb::Receiver<T>;
    fn make(&self, capacity: Capacity) -> (Self::S, Self::R) {
        match capacity {
            Capacity::Bounded(n) => cb::bounded(n),
            Capacity::Unbounded => cb::unbounded(),
        }
    }
    fn receivers(&self, r: Self::R, consumers: usize) -> Option<Vec<Self::R>> {
        Some((0..consumers).map(|_| r.clone()).collect())
    }
}

/// std::sync::mpsc bounded: `sync_channel(n)` (n = 0 is a rendezvous).
pub struct StdBounded;

impl<T: Send> Factory<T> for StdBounded {
    type S = mpsc::SyncSender<T>;
    type R = mpsc::Receiver<T>;
    fn make(&self, capacity: Capacity) -> (Self::S, Self::R) {
        match capacity {
            Capacity::Bounded(n) => mpsc::sync_channel(n),
            Capacity::Unbounded => unreachable!("dispatch sends unbounded std channels to StdUnbounded"),
        }
    }
    fn receivers(&self, r: Self::R, consumers: usize) -> Option<Vec<Self::R>> {
        if consumers == 1 { Some(vec![r]) } else { None }
    }
}

/// std::sync::mpsc unbounded: `channel()`.
pub struct StdUnbounded;

impl<T: Send> Factory<T> for StdUnbounded {
    type S = mpsc::Sender<T>;
    type R = mpsc::Receiver<T>;
    fn make(&self, _capacity: Capacity) -> (Self::S, Self::R) {
        mpsc::channel()
    }
    fn receivers(&self, r: Self::R, consumers: usize) -> Option<Vec<Self::R>> {
        if consumers == 1 { Some(vec![r]) } else { None }
    }
}
