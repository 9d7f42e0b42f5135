//! The `congxa` command line. Exit codes: 0 ok, 1 content or template error, 2 usage.

mod cli;

// Rendering allocates many short-lived strings; mimalloc is markedly faster than glibc's malloc for that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    // A panic is a bug in congxa, never the editor's fault: say so plainly.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "congxa: internal error (a bug in congxa, not in your site): {info}\n\
             Please report it with the command you ran and the file named above, if any."
        );
    }));
    match std::panic::catch_unwind(|| cli.run()) {
        Ok(code) => code,
        Err(_) => ExitCode::from(101),
    }
}
