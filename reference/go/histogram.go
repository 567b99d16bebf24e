package main

import "math/bits"

// latencyHistogram is a log-linear histogram of nanosecond values: exact below
// 2^subBucketBits, and 2^(subBucketBits-1) linear sub-buckets per power of two
// above that, so every recorded value is off by less than 1/64 (1.6%). It is
// not safe for concurrent use: each consumer owns one and the runs merge them.
type latencyHistogram struct {
	counts []uint64
	total  uint64
	max    uint64
}

const subBucketBits = 7
const subBucketHalf = 1 << (subBucketBits - 1)

func newLatencyHistogram() *latencyHistogram {
	return &latencyHistogram{counts: make([]uint64, bucketIndex(^uint64(0))+1)}
}

func bucketIndex(v uint64) int {
	if v < 1<<subBucketBits {
		return int(v)
	}
	shift := 63 - bits.LeadingZeros64(v) - (subBucketBits - 1)
	mantissa := v >> uint(shift)
	return 1<<subBucketBits + (shift-1)*subBucketHalf + int(mantissa-subBucketHalf)
}

// bucketHighest is the largest value that lands in bucket i (HdrHistogram's
// "highest equivalent value"), so reported percentiles never understate.
func bucketHighest(i int) uint64 {
	if i < 1<<subBucketBits {
		return uint64(i)
	}
	j := i - 1<<subBucketBits
	shift := uint(j/subBucketHalf + 1)
	mantissa := uint64(j%subBucketHalf + subBucketHalf)
	return (mantissa+1)<<shift - 1
}

func (h *latencyHistogram) record(v uint64) {
	h.counts[bucketIndex(v)]++
	h.total++
	if v > h.max {
		h.max = v
	}
}

func (h *latencyHistogram) merge(o *latencyHistogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.total += o.total
	if o.max > h.max {
		h.max = o.max
	}
}

// percentile returns the value at quantile q (0 < q <= 1), 0 when empty.
func (h *latencyHistogram) percentile(q float64) uint64 {
	if h.total == 0 {
		return 0
	}
	rank := uint64(q*float64(h.total) + 0.999999)
	if rank < 1 {
		rank = 1
	}
	if rank > h.total {
		rank = h.total
	}
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			v := bucketHighest(i)
			if v > h.max {
				v = h.max
			}
			return v
		}
	}
	return h.max
}
