package main

import "testing"

func TestBucketsBoundRelativeError(t *testing.T) {
	for _, v := range []uint64{0, 1, 127, 128, 129, 1000, 65535, 1 << 20, 123456789, 1 << 62, ^uint64(0)} {
		hi := bucketHighest(bucketIndex(v))
		if hi < v {
			t.Fatalf("bucket of %d tops out at %d, below the value", v, hi)
		}
		if v >= 128 && float64(hi-v) > float64(v)/64 {
			t.Fatalf("bucket of %d tops out at %d: more than 1/64 over", v, hi)
		}
	}
}

func TestPercentilesOfUniformValues(t *testing.T) {
	h := newLatencyHistogram()
	for v := uint64(1); v <= 10000; v++ {
		h.record(v)
	}
	for _, c := range []struct {
		q    float64
		want uint64
	}{{0.5, 5000}, {0.9, 9000}, {0.99, 9900}, {0.999, 9990}, {1, 10000}} {
		got := h.percentile(c.q)
		if got < c.want || float64(got-c.want) > float64(c.want)/64 {
			t.Fatalf("p%v = %d, want %d within 1/64", c.q*100, got, c.want)
		}
	}
	if h.max != 10000 {
		t.Fatalf("max = %d", h.max)
	}
}

func TestMergeAddsCountsAndKeepsMax(t *testing.T) {
	a, b := newLatencyHistogram(), newLatencyHistogram()
	a.record(10)
	b.record(20)
	b.record(5000)
	a.merge(b)
	if a.total != 3 || a.max != 5000 || a.percentile(0.5) != 20 {
		t.Fatalf("merge: total %d max %d p50 %d", a.total, a.max, a.percentile(0.5))
	}
	if newLatencyHistogram().percentile(0.5) != 0 {
		t.Fatal("an empty histogram must report 0")
	}
}
