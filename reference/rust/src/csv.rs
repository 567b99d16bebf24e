//! The bench CSV contract shared with `chanbench run` (COMMON.md).

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::process::Command;

use crate::args::Options;
use crate::config::{Config, DRIVER, FAMILY};
use crate::workloads::RunResult;

/// Same columns, same order, same names as `chanbench run`.
pub const HEADER: &str = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,\
seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,\
peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified";

pub fn format_row(c: &Config, rep: usize, r: &RunResult) -> String {
    let (per_sec, ns_per) = if r.seconds > 0.0 {
        (c.messages as f64 / r.seconds, r.seconds * 1e9 / c.messages as f64)
    } else {
        (0.0, 0.0)
    };
    let l = &r.latency;
    format!(
        "{},{},{},{},{},{},{},{},{},{},{:.9},{:.1},{:.3},{:.6},{:.6},{},{},{:.4},{},{},{},{},{},{},{},{}",
        c.imp.name(),
        FAMILY,
        DRIVER,
        c.workload,
        c.producers,
        c.consumers,
        c.capacity.label(),
        c.message_bytes,
        c.messages,
        rep,
        r.seconds,
        per_sec,
        ns_per,
        r.cpu_user_s,
        r.cpu_sys_s,
        r.ctx_voluntary,
        r.ctx_involuntary,
        r.allocs_per_msg,
        r.peak_allocated_bytes,
        r.peak_rss_bytes,
        l.percentile(0.50),
        l.percentile(0.90),
        l.percentile(0.99),
        l.percentile(0.999),
        l.max,
        r.failure.is_none()
    )
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

/// Opens `path` for appending rows. A new or empty file gets the metadata and
/// the header; an existing one must carry the contract columns first. When it
/// has more columns after `verified` (a `chanbench run` file with newer
/// metrics), the second value says how many empty fields each row needs.
pub fn open_output(path: &str, meta: &[String]) -> Result<(std::fs::File, usize), String> {
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
        return Ok((f, 0));
    }
    let header = existing.lines().find(|l| !l.starts_with('#')).unwrap_or("");
    let extra = if header == HEADER {
        0
    } else if header.starts_with(HEADER) && header[HEADER.len()..].starts_with(',') {
        header.matches(',').count() - HEADER.matches(',').count()
    } else {
        return Err(format!("{} has a different header; write to a new file", path));
    };
    if !existing.ends_with('\n') {
        f.write_all(b"\n").map_err(|e| format!("cannot write {}: {}", path, e))?;
    }
    Ok((f, extra))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_the_contract() {
        let contract = "impl,family,driver,workload,producers,consumers,capacity,message_bytes,messages,repetition,seconds,msgs_per_sec,ns_per_msg,cpu_user_s,cpu_sys_s,ctx_voluntary,ctx_involuntary,allocs_per_msg,peak_allocated_bytes,peak_rss_bytes,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,lat_max_ns,verified";
        assert_eq!(HEADER, contract);
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
        std::fs::write(&path, format!("{},lat_mean_ns,x\n", HEADER)).unwrap();
        assert_eq!(open_output(p, &[]).unwrap().1, 2);
        std::fs::write(&path, format!("{}x\n", HEADER)).unwrap();
        assert!(open_output(p, &[]).is_err());
        std::fs::write(&path, "a,b\n").unwrap();
        assert!(open_output(p, &[]).unwrap_err().contains("different header"));
        assert!(open_output("/nonexistent-dir/x.csv", &[]).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
