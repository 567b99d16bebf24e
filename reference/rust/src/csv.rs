//! The bench CSV contract shared with `chanbench run` (COMMON.md).

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::process::Command;

use crate::args::Options;
use crate::config::{Config, Mode, DRIVER, FAMILY};
use crate::workloads::RunResult;

/// The bench CSV contract: same columns, same order, same names as `chanbench run`; readers
/// look columns up by name.
pub const CONTRACT: &str = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,\
seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,\
peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified";

/// What this binary writes to a new file: the contract, then `chanbench run`'s own columns
/// after `verified`, in its order, so compare and the report read both alike.
pub const HEADER: &str = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,\
seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,\
peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified,\
lossy,lost_messages,rate_msgs_per_sec,failure,fork,latency_sample_every,generic_path,mode";

/// One repetition's values by column name. Latency columns are empty outside latency mode
/// (nothing was timed); latency_sample_every is 1 there (every message stamped).
pub fn row_fields(c: &Config, rep: usize, r: &RunResult) -> Vec<(&'static str, String)> {
    let (per_sec, ns_per) = if r.seconds > 0.0 {
        (c.messages as f64 / r.seconds, r.seconds * 1e9 / c.messages as f64)
    } else {
        (0.0, 0.0)
    };
    let timed = c.mode == Mode::Latency;
    let l = &r.latency;
    let lat = |v: u64| if timed { v.to_string() } else { String::new() };
    vec![
        ("impl", c.imp.name().to_string()),
        ("family", FAMILY.to_string()),
        ("driver", DRIVER.to_string()),
        ("workload", c.workload.clone()),
        ("producers", c.producers.to_string()),
        ("consumers", c.consumers.to_string()),
        ("capacity", c.capacity.label()),
        ("message_bytes", c.message_bytes.to_string()),
        ("messages", c.messages.to_string()),
        ("repetition", rep.to_string()),
        ("seconds", format!("{:.9}", r.seconds)),
        ("msgs_per_sec", format!("{:.1}", per_sec)),
        ("ns_per_msg", format!("{:.3}", ns_per)),
        ("cpu_user_s", format!("{:.6}", r.cpu_user_s)),
        ("cpu_sys_s", format!("{:.6}", r.cpu_sys_s)),
        ("ctx_voluntary", r.ctx_voluntary.to_string()),
        ("ctx_involuntary", r.ctx_involuntary.to_string()),
        ("allocs_per_msg", format!("{:.4}", r.allocs_per_msg)),
        ("peak_allocated_bytes", r.peak_allocated_bytes.to_string()),
        ("peak_rss_bytes", r.peak_rss_bytes.to_string()),
        ("lat_p50_ns", lat(l.percentile(0.50))),
        ("lat_p90_ns", lat(l.percentile(0.90))),
        ("lat_p99_ns", lat(l.percentile(0.99))),
        ("lat_p999_ns", lat(l.percentile(0.999))),
        ("lat_max_ns", lat(l.max)),
        ("verified", r.failure.is_none().to_string()),
        ("lossy", "false".to_string()),
        // The oracle names the first broken invariant, not a loss count.
        ("lost_messages", if r.failure.is_none() { "0".to_string() } else { String::new() }),
        ("failure", r.failure.as_deref().unwrap_or("").replace(',', ";").replace('\n', " ")),
        ("fork", "1".to_string()),
        ("latency_sample_every", if timed { "1" } else { "0" }.to_string()),
        ("mode", c.mode.name().to_string()),
    ]
}

/// Lays fields out under `columns`; a column this binary does not fill stays empty.
pub fn format_row(columns: &[String], fields: &[(&'static str, String)]) -> String {
    columns
        .iter()
        .map(|col| fields.iter().find(|(n, _)| n == col).map(|(_, v)| v.as_str()).unwrap_or(""))
        .collect::<Vec<_>>()
        .join(",")
}

fn command_output(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

fn git_commit() -> String {
    let head = command_output("git", &["rev-parse", "HEAD"]);
    if head.is_empty() {
        return "unknown".into();
    }
    if command_output("git", &["status", "--porcelain", "--untracked-files=no"]).is_empty() {
        head
    } else {
        head + "-dirty"
    }
}

fn file_field(path: &str, prefix: &str) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(prefix).map(|v| v.trim().trim_matches('"').to_string()))
        .unwrap_or_default()
}

/// UTC time as RFC 3339, from the system clock (no date crate offline).
fn utc_now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, month, day, rem / 3600, rem % 3600 / 60, rem % 60)
}

fn quote(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if a.is_empty() || a.contains(|c: char| " \t'\"$".contains(c)) {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How the file was made, as `# key: value` lines.
pub fn metadata_lines(opts: &Options, command: &[String]) -> Vec<String> {
    let kernel = file_field("/proc/sys/kernel/osrelease", "");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let mut lines = vec![
        format!("git_commit: {}", git_commit()),
        format!("date: {}", utc_now()),
        format!("rustc_version: {}", env!("CHANBENCH_RUSTC_VERSION")),
        "crossbeam_channel: 0.5 (Debian librust-crossbeam-channel-dev, offline)".to_string(),
        format!("os: {} (Linux {})", file_field("/etc/os-release", "PRETTY_NAME="), kernel),
        format!("cpu_model: {}", file_field("/proc/cpuinfo", "model name\t:")),
        format!("cores: {}", cores),
        format!("command: {}", quote(command)),
        format!("parameters: {}", opts.parameters),
        "message_layout: 24-byte header (producer u32, seq u64, send ns) + message_bytes payload; <1024 inline array, >=1024 heap-allocated per message".to_string(),
        "latency: send-to-receive ns (pingpong: round trip), CLOCK_MONOTONIC, log-linear histogram, highest equivalent value (<1.6% over)".to_string(),
        "peak_allocated_bytes: live bytes high-water mark of a counting global allocator over the system malloc".to_string(),
    ];
    lines.extend(opts.meta.iter().cloned());
    lines.iter().map(|l| format!("# {}", l.replace('\n', " "))).collect()
}

/// Opens `path` for appending rows and returns the columns rows must be laid out under. A new
/// or empty file gets the metadata and HEADER; an existing one must start with the contract
/// columns (a `chanbench run` file, or one of ours), so rows never land under different
/// columns; its own header is then the layout, so rows fill every column both know.
pub fn open_output(path: &str, meta: &[String]) -> Result<(std::fs::File, Vec<String>), String> {
    let existing = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {}", path, e)),
    };
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("cannot write {}: {}", path, e))?;
    if existing.is_empty() {
        let mut text = meta.join("\n");
        text.push('\n');
        text.push_str(HEADER);
        text.push('\n');
        f.write_all(text.as_bytes()).map_err(|e| format!("cannot write {}: {}", path, e))?;
        return Ok((f, columns(HEADER)));
    }
    let header = existing.lines().find(|l| !l.starts_with('#')).unwrap_or("");
    if header != CONTRACT && !(header.starts_with(CONTRACT) && header[CONTRACT.len()..].starts_with(',')) {
        return Err(format!("{} has a different header; write to a new file", path));
    }
    if !existing.ends_with('\n') {
        f.write_all(b"\n").map_err(|e| format!("cannot write {}: {}", path, e))?;
    }
    Ok((f, columns(header)))
}

pub fn columns(header: &str) -> Vec<String> {
    header.split(',').map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_chanbench_runs() {
        // BenchCSV.header + extraColumns in the Swift package.
        let chanbench = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified,lossy,lost_messages,rate_msgs_per_sec,failure,fork,latency_sample_every,generic_path,mode";
        assert_eq!(HEADER, chanbench);
        assert!(HEADER.starts_with(CONTRACT));
    }

    #[test]
    fn utc_date_is_rfc3339() {
        let d = utc_now();
        assert_eq!(d.len(), 20, "{}", d);
        assert!(d.starts_with("20") && d.ends_with('Z') && &d[10..11] == "T");
    }

    #[test]
    fn appending_needs_the_same_header() {
        let dir = std::env::temp_dir().join(format!("chanbench-rust-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.csv");
        let p = path.to_str().unwrap();
        let _ = std::fs::remove_file(&path);
        drop(open_output(p, &["# a: b".to_string()]).unwrap());
        drop(open_output(p, &["# ignored: on append".to_string()]).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, format!("# a: b\n{}\n", HEADER));
        let fields = vec![("impl", "x".to_string()), ("mode", "bare".to_string())];
        let cols = columns("impl,verified,mode");
        assert_eq!(format_row(&cols, &fields), "x,,bare");
        std::fs::write(&path, format!("{},lat_mean_ns,mode\n", CONTRACT)).unwrap();
        assert_eq!(open_output(p, &[]).unwrap().1.len(), 28);
        std::fs::write(&path, format!("{}x\n", CONTRACT)).unwrap();
        assert!(open_output(p, &[]).is_err());
        std::fs::write(&path, "a,b\n").unwrap();
        assert!(open_output(p, &[]).unwrap_err().contains("different header"));
        assert!(open_output("/nonexistent-dir/x.csv", &[]).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
