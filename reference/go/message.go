package main

import "unsafe"

// message is what travels through the channel: a 24-byte header the oracle
// needs (producer id, per-producer sequence, send timestamp) plus a payload of
// --message-size bytes. P is a fixed-size byte array for sizes below 1024
// (copied by value through the channel, like the Swift engine's inline
// payloads) or []byte for 1024 and up (one heap allocation per message, so the
// allocation cost shows, like the Swift engine's heap-backed payloads).
type message[P any] struct {
	producer uint32
	seq      uint64
	sentNs   int64
	payload  P
}

// payloadOps builds a payload stamped with its sequence number (first and last
// byte) and checks the stamp on receipt, so a torn or mixed-up copy is caught.
type payloadOps[P any] struct {
	make  func(seq uint64) P
	check func(p *P, seq uint64) bool
}

// inlineSizes are the payload sizes carried by value; each needs its own
// array type because Go array lengths are compile-time constants.
var inlineSizes = []int{8, 16, 32, 64, 128, 256, 512}

// heapThreshold is the first payload size that is heap-allocated per message.
const heapThreshold = 1024

func inlineOps[P any]() payloadOps[P] {
	return payloadOps[P]{
		make: func(seq uint64) P {
			var p P
			base := unsafe.Pointer(&p)
			*(*byte)(base) = byte(seq)
			*(*byte)(unsafe.Add(base, unsafe.Sizeof(p)-1)) = byte(seq >> 8)
			return p
		},
		check: func(p *P, seq uint64) bool {
			base := unsafe.Pointer(p)
			return *(*byte)(base) == byte(seq) &&
				*(*byte)(unsafe.Add(base, unsafe.Sizeof(*p)-1)) == byte(seq>>8)
		},
	}
}

func heapOps(size int) payloadOps[[]byte] {
	return payloadOps[[]byte]{
		make: func(seq uint64) []byte {
			b := make([]byte, size)
			b[0] = byte(seq)
			b[size-1] = byte(seq >> 8)
			return b
		},
		check: func(p *[]byte, seq uint64) bool {
			b := *p
			return len(b) == size && b[0] == byte(seq) && b[size-1] == byte(seq>>8)
		},
	}
}

// runConfig picks the payload representation for cfg.MessageBytes and runs one
// measured (or warm-up) repetition.
func runConfig(cfg Config) runResult {
	switch cfg.MessageBytes {
	case 8:
		return runWorkload(cfg, inlineOps[[8]byte]())
	case 16:
		return runWorkload(cfg, inlineOps[[16]byte]())
	case 32:
		return runWorkload(cfg, inlineOps[[32]byte]())
	case 64:
		return runWorkload(cfg, inlineOps[[64]byte]())
	case 128:
		return runWorkload(cfg, inlineOps[[128]byte]())
	case 256:
		return runWorkload(cfg, inlineOps[[256]byte]())
	case 512:
		return runWorkload(cfg, inlineOps[[512]byte]())
	}
	if cfg.MessageBytes >= heapThreshold {
		return runWorkload(cfg, heapOps(cfg.MessageBytes))
	}
	panic("unvalidated message size") // validateConfig rejects every other size first
}
