//! The `congxa` command line. Exit codes: 0 ok, 1 content or template error, 2 usage.

mod cli;

// Rendering allocates many short-lived strings; mimalloc is markedly faster than glibc's malloc for that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    // A panic is a bug in congxa, never the editor's fault: say so plainly,
    // naming the file being processed, without a backtrace.
    std::panic::set_hook(Box::new(congxa::bug::panic_hook));
    match std::panic::catch_unwind(|| cli.run()) {
        Ok(code) => code,
        Err(_) => ExitCode::from(101),
    }
}
