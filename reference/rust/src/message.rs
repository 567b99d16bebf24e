//! What travels through the channels.

/// A 24-byte header the oracle needs (producer id, per-producer sequence, send
/// timestamp) plus `--message-size` bytes of payload: `Inline<N>` (a `[u8; N]`
/// moved by value, like the Swift engine's inline payloads) below 1024 bytes,
/// `Heap` (one allocation per message, like its heap-backed payloads) from 1024.
pub struct Message<P> {
    pub producer: u32,
    pub seq: u64,
    pub sent_ns: u64,
    pub payload: P,
}

/// A payload stamped with its sequence number (first and last byte) so the
/// receiver can tell a torn or mixed-up copy.
pub trait Payload: Send + 'static {
    fn make(seq: u64, size: usize) -> Self;
    fn intact(&self, seq: u64) -> bool;
}

pub struct Inline<const N: usize>([u8; N]);

impl<const N: usize> Payload for Inline<N> {
    #[inline]
    fn make(seq: u64, _size: usize) -> Self {
        let mut a = [0u8; N];
        a[0] = seq as u8;
        a[N - 1] = (seq >> 8) as u8;
        Inline(a)
    }

    #[inline]
    fn intact(&self, seq: u64) -> bool {
        self.0[0] == seq as u8 && self.0[N - 1] == (seq >> 8) as u8
    }
}

pub struct Heap(Box<[u8]>);

impl Payload for Heap {
    #[inline]
    fn make(seq: u64, size: usize) -> Self {
        let mut b = vec![0u8; size].into_boxed_slice();
        b[0] = seq as u8;
        b[size - 1] = (seq >> 8) as u8;
        Heap(b)
    }

    #[inline]
    fn intact(&self, seq: u64) -> bool {
        let n = self.0.len();
        self.0[0] == seq as u8 && self.0[n - 1] == (seq >> 8) as u8
    }
}

/// Payload sizes carried inline; each is its own array type.
pub const INLINE_SIZES: [usize; 7] = [8, 16, 32, 64, 128, 256, 512];
/// The first payload size allocated on the heap per message.
pub const HEAP_THRESHOLD: usize = 1024;

pub fn valid_message_size(n: usize) -> bool {
    n >= HEAP_THRESHOLD || INLINE_SIZES.contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_identify_the_sequence() {
        let p = Inline::<64>::make(300, 64);
        assert!(p.intact(300) && !p.intact(301));
        let h = Heap::make(7, 1024);
        assert!(h.intact(7) && !h.intact(8));
        assert!(valid_message_size(8) && valid_message_size(4096) && !valid_message_size(100) && !valid_message_size(0));
    }
}
