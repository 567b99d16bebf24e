//! Command chanbench-rust: see the library docs and `--help`.

use std::io::Write;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use chanbench_rust::args::{self, Options};
use chanbench_rust::config::Config;
use chanbench_rust::csv;
use chanbench_rust::summary::{self, SummaryRow};
use chanbench_rust::workloads::{run_config, Clock, RunResult};

fn main() {
    let argv: Vec<String> = std::env::args().collect();
    std::process::exit(run(&argv[1..]));
}

/// Runs one repetition under a watchdog: a hung run cannot be cancelled from
/// outside its threads, so the process reports it and exits non-zero; every
/// row already written stays in the file.
fn guarded(cfg: &Config, clock: Clock, timeout: Duration) -> RunResult {
    let (done, finished) = mpsc::channel::<()>();
    let label = cfg.label();
    let dog = thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(timeout) {
            eprintln!("FAILED: {}: no progress within --run-timeout {}s; stopping", label, timeout.as_secs());
            std::process::exit(3);
        }
    });
    let r = run_config(cfg, clock);
    drop(done);
    let _ = dog.join();
    r
}

fn run(args: &[String]) -> i32 {
    let opts: Options = match args::parse(args) {
        Ok(o) => o,
        Err(None) => {
            println!("{}", args::USAGE);
            return 0;
        }
        Err(Some(e)) => {
            eprintln!("chanbench-rust: {}", e);
            return 2;
        }
    };
    let mut command = vec!["chanbench-rust".to_string()];
    command.extend(args.iter().cloned());
    let meta = csv::metadata_lines(&opts, &command);
    let stdout = std::io::stdout();
    // `columns`: the layout of the file's header (a `chanbench run` file may have more).
    let (mut out, to_file, columns): (Box<dyn Write>, bool, Vec<String>) = match &opts.output {
        Some(path) => match csv::open_output(path, &meta) {
            Ok((f, cols)) => (Box::new(f), true, cols),
            Err(e) => {
                eprintln!("chanbench-rust: {}", e);
                return 2;
            }
        },
        None => {
            let mut lock = stdout.lock();
            let _ = writeln!(lock, "{}\n{}", meta.join("\n"), csv::HEADER);
            (Box::new(std::io::stdout()), false, csv::columns(csv::HEADER))
        }
    };

    let mut runnable = Vec::new();
    for c in &opts.configs {
        match c.skip_reason() {
            Some(why) => eprintln!("skip: {}: {}", c.label(), why),
            None => runnable.push(c.clone()),
        }
    }
    let total: usize = runnable.iter().map(|c| c.repetitions).sum();
    let clock = Clock::new();
    let (mut done, mut failed) = (0, 0);
    let mut rows: Vec<SummaryRow> = Vec::new();
    for c in runnable {
        for w in 1..=c.warmup {
            eprintln!("[{}/{}] {} warmup {}/{}", done, total, c.label(), w, c.warmup);
            if let Some(f) = guarded(&c, clock, opts.run_timeout).failure {
                eprintln!("FAILED (warmup): {}: {}", c.label(), f);
            }
        }
        let mut summary_row = SummaryRow { config: c.clone(), runs: Vec::new() };
        for rep in 1..=c.repetitions {
            done += 1;
            eprintln!("[{}/{}] {} rep {}/{}", done, total, c.label(), rep, c.repetitions);
            let r = guarded(&c, clock, opts.run_timeout);
            if let Some(f) = &r.failure {
                failed += 1;
                eprintln!("FAILED: {} rep {}: {}", c.label(), rep, f);
            }
            // One write and flush per row: an interrupted run leaves every finished row.
            let line = csv::format_row(&columns, &csv::row_fields(&c, rep, &r));
            if writeln!(out, "{}", line).and_then(|_| out.flush()).is_err() {
                eprintln!("chanbench-rust: cannot write a row");
                return 2;
            }
            summary_row.runs.push((r.seconds * 1e9 / c.messages as f64, r.latency.percentile(0.5) as f64, r.failure.is_none()));
        }
        rows.push(summary_row);
    }
    if !rows.is_empty() {
        if to_file {
            summary::print(&mut std::io::stdout(), &rows);
        } else {
            summary::print(&mut std::io::stderr(), &rows);
        }
    }
    if failed > 0 {
        eprintln!("chanbench-rust: {} run(s) failed verification", failed);
        return 1;
    }
    0
}
