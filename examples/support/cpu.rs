//! CPU time of a process, for the benchmarks (`bench_engine`, `bench_serve`):
//! unlike wall time, it does not grow when other programs share the cores.

/// CPU time (user + system, ms) process `pid` (`"self"` for this one) used so
/// far, read from `/proc/PID/stat` (Linux only; 0 elsewhere).
pub fn cpu_ms(pid: &str) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces): utime is the 14th
    // field of the line, stime the 15th, in clock ticks (100 per second).
    let rest = stat.rsplit_once(')').map_or("", |x| x.1);
    let f: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    f.iter().sum::<f64>() * 10.0
}
