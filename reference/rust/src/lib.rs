//! ChannelBench's Rust reference: `std::sync::mpsc` (impl `rust-std-mpsc`) and
//! `crossbeam-channel` (impl `rust-crossbeam`) on OS threads (driver
//! `threads`), under the same workloads, oracle and CSV columns as
//! `chanbench run`.

pub mod alloc;
pub mod args;
pub mod channel;
pub mod config;
pub mod csv;
pub mod histogram;
pub mod message;
pub mod metrics;
pub mod oracle;
pub mod selecting;
pub mod summary;
pub mod workloads;

#[global_allocator]
static GLOBAL: alloc::CountingAllocator = alloc::CountingAllocator;
