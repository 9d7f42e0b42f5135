//! The `congxa` command line. Exit codes: 0 ok, 1 content or template error, 2 usage.

#![forbid(unsafe_code)]

mod cli;

// Rendering allocates many short-lived strings; mimalloc is markedly faster than glibc's malloc for that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::cell::Cell;
use std::process::ExitCode;

/// Seeds for the hash maps Tera makes for every function call and loop.
/// aHash's default source is one atomic counter for the whole process, and
/// two cores taking turns on its cache line cost ~4 % of a build's CPU time;
/// a counter per thread gives every map its own seed without that. The keys
/// these seeds are mixed with still come from the OS's random generator.
struct PerThreadSeeds;

impl ahash::random_state::RandomSource for PerThreadSeeds {
    fn gen_hasher_seed(&self) -> usize {
        thread_local!(static COUNTER: Cell<usize> = const { Cell::new(0) });
        COUNTER.with(|counter| {
            // The counter's address differs per thread, so threads' sequences differ.
            let step = counter as *const Cell<usize> as usize;
            let seed = counter.get().wrapping_add(step);
            counter.set(seed);
            seed
        })
    }
}

fn main() -> ExitCode {
    // Before any hash map exists (it fails harmlessly otherwise: the default stays).
    let _ = ahash::random_state::set_random_source(PerThreadSeeds);
    let cli = cli::Cli::parse_localized();
    // A panic is a bug in congxa, never the editor's fault: say so plainly,
    // naming the file being processed, without a backtrace.
    let lang = cli.lang();
    std::panic::set_hook(Box::new(move |info| congxa::bug::panic_hook(info, lang)));
    match std::panic::catch_unwind(|| cli.run()) {
        Ok(code) => code,
        Err(_) => ExitCode::from(101),
    }
}
