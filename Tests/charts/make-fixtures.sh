#!/usr/bin/env bash
# Regenerates the SYNTHETIC chart fixtures under Tests/Fixtures/charts/ (checked in; rerun only when
# the contracts change). The numbers are shaped like real ChannelBench output (rendezvous slower than
# buffered, contention growing with threads, unbounded memory growing while bounded stays flat,
# unsupported combinations absent, one failed row) but they are NOT measurements: every file says so
# in its `#` metadata. Deterministic (fixed seed), so regenerating gives identical files.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=Tests/Fixtures/charts
mkdir -p "$out"
rm -f "$out"/*.csv

meta() {
    cat <<META
# fixture: SYNTHETIC data for the chart tests (Tests/charts/make-fixtures.sh), not a measurement
# git_commit: 0000000000000000000000000000000000000000
# date: 2026-11-29T01:30:00Z
# swift_version: Swift version 6.3.1 (fixture)
# os: Debian GNU/Linux 12 (fixture)
# cpu_model: Fixture CPU @ 2.00GHz
# cores: 2
# command: $1
# parameters: $2
META
}

# ---------------------------------------------------------------- bench CSV (issue 3 contract)
{
meta "chanbench run --suite default (fixture)" "messages=1000000 repetitions=3 warmup=1"
echo "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified,rate"
awk 'BEGIN {
    srand(42)
    # impl family driver base-ns (spsc, cap 1024, 64 B) support-flags
    # flags: z=cap0 b=bounded>=1 u=unbounded m=multi-consumer s=seq
    n = 0
    I[++n] = "condvar lock threads 120 zbums"
    I[++n] = "dispatch dispatch threads 420 zbums"
    I[++n] = "ring lock-free threads 35 bms"
    I[++n] = "actor actor tasks 900 zbums"
    I[++n] = "asyncstream ecosystem tasks 260 us"
    I[++n] = "asyncstream-oldest ecosystem tasks 280 b"
    I[++n] = "asyncchannel ecosystem tasks 2600 zm"
    I[++n] = "mpsc-channel ecosystem tasks 310 bus"
    I[++n] = "null baseline threads 6 zbums"
    I[++n] = "go-chan reference goroutines 63 zbms"
    I[++n] = "rust-std-mpsc reference threads 38 zbus"
    I[++n] = "rust-crossbeam reference threads 40 zbums"
    NI = n
    for (i = 1; i <= NI; i++) {
        split(I[i], p, " "); NAME[i] = p[1]; FAM[i] = p[2]; DRV[i] = p[3]; BASE[i] = p[4]; FLAGS[i] = p[5]
        ID[p[1]] = i
    }
    # the core matrix: seq/spsc/mpsc/mpmc x capacity 0, 1, 1024, unbounded at 64 B
    split("seq spsc mpsc mpmc", WL, " ")
    split("0 1 1024 unbounded", CAPS, " ")
    for (i = 1; i <= NI; i++) for (w = 1; w <= 4; w++) for (c = 1; c <= 4; c++) {
        wl = WL[w]; cap = CAPS[c]
        if (wl == "seq" && cap != "unbounded") continue     # seq only where the capacity holds all
        pp = (wl == "mpsc" || wl == "mpmc") ? 4 : 1; cc = (wl == "mpmc") ? 4 : 1
        emit(i, wl, pp, cc, cap, 64)
    }
    # capacity sweep (spsc 1x1, 64 B)
    split("condvar ring actor rust-crossbeam", S, " ")
    split("0 1 4 16 64 256 1024 4096 unbounded", SC, " ")
    for (s = 1; s <= 4; s++) for (c = 1; c <= 9; c++) emit(ID[S[s]], "spsc", 1, 1, SC[c], 64)
    # producer scaling (mpsc p x 1, cap 1024) and consumer scaling (mpmc 4 x c, cap 1024)
    split("condvar ring mpsc-channel go-chan rust-std-mpsc", S, " ")
    for (s = 1; s <= 5; s++) for (pp = 1; pp <= 16; pp *= 2) emit(ID[S[s]], pp == 1 ? "spsc" : "mpsc", pp, 1, 1024, 64)
    split("condvar ring actor rust-crossbeam go-chan", S, " ")
    for (s = 1; s <= 5; s++) for (cc = 1; cc <= 16; cc *= 2) emit(ID[S[s]], "mpmc", 4, cc, 1024, 64)
    # message size sweep (spsc 1x1, cap 1024)
    split("condvar ring actor rust-crossbeam", S, " ")
    split("8 64 256 1024 4096 65536", SZ, " ")
    for (s = 1; s <= 4; s++) for (z = 1; z <= 6; z++) emit(ID[S[s]], "spsc", 1, 1, 1024, SZ[z])
    # ping-pong (round trip over two capacity-1 channels; AsyncChannel is rendezvous only)
    for (i = 1; i <= NI; i++) {
        if (NAME[i] == "asyncstream") continue
        emit(i, "pingpong", 1, 1, NAME[i] == "asyncchannel" ? 0 : 1, 64)
    }
}
function supported(i, wl, cc, cap,    f) {
    f = FLAGS[i]
    if (cap == "0" && index(f, "z") == 0) return 0
    if (cap == "unbounded" && index(f, "u") == 0) return 0
    if (cap != "0" && cap != "unbounded" && index(f, "b") == 0) return 0
    if (cc > 1 && index(f, "m") == 0) return 0
    if (wl == "seq" && index(f, "s") == 0) return 0
    return 1
}
function noise(spread) { return exp(spread * (rand() + rand() + rand() - 1.5)) }
function emit(i, wl, pp, cc, cap, size,    key, r, ns, capf, wf, sec, lat, allocs, base, ver, mps, t) {
    if (!supported(i, wl, cc, cap)) return
    key = i SUBSEP wl SUBSEP pp SUBSEP cc SUBSEP cap SUBSEP size
    if (key in DONE) return
    DONE[key] = 1
    base = BASE[i]
    if (cap == "0") capf = 20; else if (cap == "unbounded") capf = 0.9; else capf = 1 + 7 / (cap ^ 0.6)
    if (wl == "seq") wf = 0.5; else if (wl == "pingpong") wf = 1; else wf = (1 + 0.35 * log(pp) / log(2)) * (1 + 0.3 * log(cc) / log(2))
    if (FAM[i] == "baseline") { capf = 1; wf = 1 }
    for (r = 1; r <= 3; r++) {
        ns = base * capf * wf * (1 + size / 900) * noise(0.25)
        if (size >= 1024 && FAM[i] != "reference") ns += 70
        msgs = (wl == "pingpong") ? 100000 : 1000000
        sec = ns * msgs / 1e9
        mps = 1e9 / ns
        if (FAM[i] == "reference") allocs = ""
        else allocs = sprintf("%.3f", (size >= 1024 ? 1 : 0) + (DRV[i] == "tasks" ? 0.02 : 0) + (cap == "unbounded" ? 0.004 : 0))
        if (wl == "pingpong") lat = base * 25 * noise(0.2)
        else if (cap == "unbounded") lat = ns * 4000
        else if (cap == "0") lat = ns * 1.5
        else lat = ns * (cap > 512 ? 512 : cap) * 0.8 + ns
        if (FAM[i] == "baseline") lat = (wl == "pingpong") ? 120 : 40
        ver = (NAME[i] == "condvar" && wl == "mpmc" && cap == "1" && r == 2) ? "false" : "true"
        printf "%s,%s,%s,%s,%d,%d,%s,%d,%d,%d,%.6f,%.1f,%.2f,%.4f,%.4f,%d,%d,%s,%d,%d,%d,%d,%d,%d,%d,%s,\n", \
            NAME[i], FAM[i], DRV[i], wl, pp, cc, cap, size, msgs, r, sec, mps, ns, sec * 1.7, sec * 0.2, \
            int(msgs / 50 * rand()), int(200 * rand()), allocs, \
            2000000 + (cap == "unbounded" ? 60000000 : 0) + size * 1100, 9000000 + (cap == "unbounded" ? 70000000 : 0), \
            lat, lat * 1.6 * noise(0.1), lat * 4 * noise(0.2), lat * 12 * noise(0.3), lat * 60 * noise(0.5), ver
    }
}'
} > "$out/bench.csv"

# --------------------------------------------------------------- memory CSVs (issue 4 contract)
ts=20261129T013500Z
summary="$out/memory-summary.csv"
echo "impl,family,capacity,message_bytes,messages,baseline_bytes,peak_bytes,growth_bytes,bytes_per_queued_msg,peak_queued,after_drain_bytes,producer_seconds,consumer_seconds,file" > "$summary"
while read -r impl family cap perMsg prodS consS; do
    f="$out/memory-$impl-$cap-$ts.csv"
    {
        meta "chanbench memory --impl $impl --capacity $cap (fixture)" "messages=200000 message_size=64 consumer_delay_us=10 interval_ms=50 producers=1"
        echo "impl,capacity,message_bytes,t_ms,allocated_bytes,resident_bytes,rss_bytes,queued,sent,received"
        awk -v impl="$impl" -v cap="$cap" -v per="$perMsg" -v prod="$prodS" -v cons="$consS" 'BEGIN {
            srand(length(impl) + (cap == "unbounded")); M = 200000; base = 3145728 + 40000 * rand() + 90000 * length(impl)
            for (t = 0; t <= cons * 1000 + 150; t += 50) {
                recvd = (t / 1000.0 >= cons) ? M : int(M * t / 1000.0 / cons)
                if (cap == "unbounded") sent = (t / 1000.0 >= prod) ? M : int(M * t / 1000.0 / prod)
                else { sent = recvd + cap; if (sent > M) sent = M }
                q = sent - recvd
                # unbounded buffers keep their peak capacity until the drain ends (never given back
                # mid-drain), so allocation tracks the high-water mark, then drops to a residue
                if (q > hw) hw = q
                held = (recvd == M) ? 0.02 * hw : hw
                if (cap != "unbounded") held = cap
                alloc = base + held * per + 20000 * rand()
                printf "%s,%s,64,%d,%d,%d,%d,%d,%d,%d\n", impl, cap, t, alloc, alloc * 1.1 + 1048576, alloc * 1.2 + 8388608, q, sent, recvd
            }
        }'
    } > "$f"
    awk -F, -v impl="$impl" -v fam="$family" -v cap="$cap" -v prod="$prodS" -v cons="$consS" -v file="results/$(basename "$f")" '
        /^#/ || /^impl,/ { next }
        NR > 0 { if (!b) b = $5; if ($5 > pk) { pk = $5 }; if ($8 > pq) pq = $8; last = $5 }
        END { printf "%s,%s,%s,64,200000,%d,%d,%d,%.1f,%d,%d,%.3f,%.3f,%s\n", impl, fam, cap, b, pk, pk - b, (pq ? (pk - b) / pq : 0), pq, last - b, prod, cons, file }' "$f" >> "$summary"
done <<'RUNS'
condvar ecosystem 1024 72 2.0 2.0
condvar lock unbounded 72 0.08 2.0
actor actor 1024 96 2.1 2.1
actor actor unbounded 96 0.35 2.1
asyncstream-oldest ecosystem 1024 80 2.0 2.0
asyncstream ecosystem unbounded 120 0.30 2.0
mpsc-channel ecosystem 1024 88 2.0 2.0
mpsc-channel ecosystem unbounded 88 0.20 2.0
RUNS
# condvar is family `lock` in both runs (the heredoc keeps columns aligned; fix the first line)
sed -i 's/^condvar,ecosystem,/condvar,lock,/' "$summary"

# -------------------------------------------------------------- compare CSV (issue 6 contract)
{
echo "impl,family,driver,workload,producers,consumers,capacity,message_bytes,metric,base_n,new_n,base_median,new_median,ratio,ci_low,ci_high,p_value,verdict"
cat <<'CMP'
ring,lock-free,threads,spsc,1,1,1024,64,ns_per_msg,5,5,35.2,46.1,1.310,1.22,1.41,0.008,regression
ring,lock-free,threads,mpsc,4,1,1024,64,ns_per_msg,5,5,70.3,71.0,1.010,0.95,1.08,0.69,unchanged
ring,lock-free,threads,mpmc,4,4,1024,64,ns_per_msg,5,5,121.0,98.2,0.812,0.74,0.88,0.008,improvement
condvar,lock,threads,spsc,1,1,0,64,ns_per_msg,5,5,2410,2388,0.991,0.90,1.09,0.84,unchanged
condvar,lock,threads,spsc,1,1,1024,64,ns_per_msg,5,5,121.5,126.0,1.037,0.97,1.12,0.42,unchanged
condvar,lock,threads,mpmc,4,4,1,64,ns_per_msg,5,5,1530,1790,1.170,1.03,1.33,0.03,failed
actor,actor,tasks,spsc,1,1,1024,64,ns_per_msg,5,5,905,1104,1.220,1.12,1.35,0.008,regression
actor,actor,tasks,mpsc,4,1,unbounded,64,ns_per_msg,5,5,1490,1402,0.941,0.86,1.02,0.15,unchanged
dispatch,dispatch,threads,spsc,1,1,1024,64,ns_per_msg,5,5,420,388,0.924,0.88,0.97,0.016,improvement
asyncstream,ecosystem,tasks,spsc,1,1,unbounded,64,ns_per_msg,5,5,236,241,1.021,0.96,1.09,0.55,unchanged
asyncchannel,ecosystem,tasks,spsc,1,1,0,64,ns_per_msg,5,0,52000,,,,,,missing
mpsc-channel,ecosystem,tasks,mpsc,4,1,1024,64,ns_per_msg,0,5,,612,,,,,new
ring,lock-free,threads,spsc,1,1,1024,64,lat_p99_ns,5,5,52000,50100,0.963,0.88,1.05,0.42,unchanged
actor,actor,tasks,pingpong,1,1,1,64,lat_p99_ns,5,5,91000,118000,1.297,1.15,1.46,0.008,regression
CMP
} > "$out/compare.csv"

# Every ChannelBench CSV ends with its status trailer (the chart readers refuse files without one).
for f in "$out"/*.csv; do
    printf '# status: complete rows=%d\n' "$(awk '!/^#/ && NF { n++ } END { print n - 1 }' "$f")" >> "$f"
done

ls -la "$out"
