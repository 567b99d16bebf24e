package main

import "fmt"

// suiteGroup is one row of a suite: a shape at a capacity, over some sizes.
type suiteGroup struct {
	workload             string
	producers, consumers int
	capacity             int
	sizes                []int
	messages             int
}

// raceGroups is the issue-8 race table: the configurations every Swift
// implementation is compared against. The Rust reference defines the same list.
func raceGroups(messages int) []suiteGroup {
	return []suiteGroup{
		{"spsc", 1, 1, 1024, []int{8}, messages},
		{"mpsc", 4, 1, 1024, []int{8}, messages},
		{"mpmc", 4, 4, 1024, []int{8}, messages},
		{"mpmc", 4, 4, unbounded, []int{8}, messages},
		{"spsc", 1, 1, 0, []int{8}, messages},
		{"pingpong", 1, 1, 1, []int{8}, messages},
	}
}

// suites: quick (the race table at 100k messages, well under a minute),
// race (the race table at 1M messages, what `make reference` runs) and
// default (race plus seq, message sizes, more capacities and the select
// workloads in crossbeam's shape: 4 producers, select_both with 4 consumers).
var suiteNames = []string{"quick", "race", "default"}

func suiteGroups(name string) ([]suiteGroup, error) {
	switch name {
	case "quick":
		return raceGroups(100_000), nil
	case "race":
		return raceGroups(1_000_000), nil
	case "default":
		g := raceGroups(1_000_000)
		g = append(g,
			suiteGroup{"seq", 1, 1, unbounded, []int{8}, 1_000_000},
			suiteGroup{"seq", 1, 1, 1_000_000, []int{8}, 1_000_000}, // Go has no unbounded chan
			suiteGroup{"spsc", 1, 1, 1024, []int{64, 1024, 4096}, 200_000},
			suiteGroup{"mpmc", 4, 4, 1, []int{8}, 200_000},
			suiteGroup{"mpsc", 4, 1, 0, []int{8}, 200_000},
			suiteGroup{"select_rx", 4, 1, 1024, []int{8}, 1_000_000},
			suiteGroup{"select_rx", 4, 1, unbounded, []int{8}, 1_000_000},
			suiteGroup{"select_rx", 4, 1, 0, []int{8}, 200_000},
			suiteGroup{"select_both", 4, 4, 1024, []int{8}, 1_000_000},
			suiteGroup{"select_both", 4, 4, unbounded, []int{8}, 1_000_000},
			suiteGroup{"select_both", 4, 4, 0, []int{8}, 200_000},
		)
		return g, nil
	}
	return nil, fmt.Errorf("unknown suite %q (known: quick, race, default)", name)
}

// suiteConfigs expands a suite for the given implementations; messages > 0
// overrides every group's message count.
func suiteConfigs(name string, impls []string, modes []string, messages, repetitions, warmup int) ([]Config, error) {
	groups, err := suiteGroups(name)
	if err != nil {
		return nil, err
	}
	var out []Config
	for _, impl := range impls {
		for _, g := range groups {
			n := g.messages
			if messages > 0 {
				n = messages
			}
			for _, s := range g.sizes {
				for _, mode := range modes {
					out = append(out, Config{impl, g.workload, g.producers, g.consumers, g.capacity, s, n, repetitions, warmup, mode})
				}
			}
		}
	}
	return out, nil
}
