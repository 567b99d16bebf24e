package main

// Go's select takes a fixed list of cases, so waiting on a run-time number of channels is
// written out once per count, up to maxSelectChannels (reflect.Select would allocate and cost
// far more than the channels measured). A nil channel is never ready, as in any Go select.

// maxSelectChannels is the most channels recvAny and sendAny wait on at once.
const maxSelectChannels = 8

// recvAny receives from whichever channel of chans is ready first (Go picks uniformly at random
// among ready ones) and returns its index; ok is false when that channel is closed and drained.
func recvAny[T any](chans []chan T) (i int, m T, ok bool) {
	switch len(chans) {
	case 1:
		m, ok = <-chans[0]
		return 0, m, ok
	case 2:
		select {
		case m, ok = <-chans[0]:
			return 0, m, ok
		case m, ok = <-chans[1]:
			return 1, m, ok
		}
	case 3:
		select {
		case m, ok = <-chans[0]:
			return 0, m, ok
		case m, ok = <-chans[1]:
			return 1, m, ok
		case m, ok = <-chans[2]:
			return 2, m, ok
		}
	case 4:
		select {
		case m, ok = <-chans[0]:
			return 0, m, ok
		case m, ok = <-chans[1]:
			return 1, m, ok
		case m, ok = <-chans[2]:
			return 2, m, ok
		case m, ok = <-chans[3]:
			return 3, m, ok
		}
	case 5:
		select {
		case m, ok = <-chans[0]:
			return 0, m, ok
		case m, ok = <-chans[1]:
			return 1, m, ok
		case m, ok = <-chans[2]:
			return 2, m, ok
		case m, ok = <-chans[3]:
			return 3, m, ok
		case m, ok = <-chans[4]:
			return 4, m, ok
		}
	case 6:
		select {
		case m, ok = <-chans[0]:
			return 0, m, ok
		case m, ok = <-chans[1]:
			return 1, m, ok
		case m, ok = <-chans[2]:
			return 2, m, ok
		case m, ok = <-chans[3]:
			return 3, m, ok
		case m, ok = <-chans[4]:
			return 4, m, ok
		case m, ok = <-chans[5]:
			return 5, m, ok
		}
	case 7:
		select {
		case m, ok = <-chans[0]:
			return 0, m, ok
		case m, ok = <-chans[1]:
			return 1, m, ok
		case m, ok = <-chans[2]:
			return 2, m, ok
		case m, ok = <-chans[3]:
			return 3, m, ok
		case m, ok = <-chans[4]:
			return 4, m, ok
		case m, ok = <-chans[5]:
			return 5, m, ok
		case m, ok = <-chans[6]:
			return 6, m, ok
		}
	case 8:
		select {
		case m, ok = <-chans[0]:
			return 0, m, ok
		case m, ok = <-chans[1]:
			return 1, m, ok
		case m, ok = <-chans[2]:
			return 2, m, ok
		case m, ok = <-chans[3]:
			return 3, m, ok
		case m, ok = <-chans[4]:
			return 4, m, ok
		case m, ok = <-chans[5]:
			return 5, m, ok
		case m, ok = <-chans[6]:
			return 6, m, ok
		case m, ok = <-chans[7]:
			return 7, m, ok
		}
	}
	panic("recvAny: more channels than maxSelectChannels") // skipReason keeps such runs out
}

// sendAny sends m on whichever channel of chans has room (or a receiver) first and returns its index.
func sendAny[T any](chans []chan T, m T) int {
	switch len(chans) {
	case 1:
		chans[0] <- m
		return 0
	case 2:
		select {
		case chans[0] <- m:
			return 0
		case chans[1] <- m:
			return 1
		}
	case 3:
		select {
		case chans[0] <- m:
			return 0
		case chans[1] <- m:
			return 1
		case chans[2] <- m:
			return 2
		}
	case 4:
		select {
		case chans[0] <- m:
			return 0
		case chans[1] <- m:
			return 1
		case chans[2] <- m:
			return 2
		case chans[3] <- m:
			return 3
		}
	case 5:
		select {
		case chans[0] <- m:
			return 0
		case chans[1] <- m:
			return 1
		case chans[2] <- m:
			return 2
		case chans[3] <- m:
			return 3
		case chans[4] <- m:
			return 4
		}
	case 6:
		select {
		case chans[0] <- m:
			return 0
		case chans[1] <- m:
			return 1
		case chans[2] <- m:
			return 2
		case chans[3] <- m:
			return 3
		case chans[4] <- m:
			return 4
		case chans[5] <- m:
			return 5
		}
	case 7:
		select {
		case chans[0] <- m:
			return 0
		case chans[1] <- m:
			return 1
		case chans[2] <- m:
			return 2
		case chans[3] <- m:
			return 3
		case chans[4] <- m:
			return 4
		case chans[5] <- m:
			return 5
		case chans[6] <- m:
			return 6
		}
	case 8:
		select {
		case chans[0] <- m:
			return 0
		case chans[1] <- m:
			return 1
		case chans[2] <- m:
			return 2
		case chans[3] <- m:
			return 3
		case chans[4] <- m:
			return 4
		case chans[5] <- m:
			return 5
		case chans[6] <- m:
			return 6
		case chans[7] <- m:
			return 7
		}
	}
	panic("sendAny: more channels than maxSelectChannels") // skipReason keeps such runs out
}
