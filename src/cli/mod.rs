//! Commands, one file each; shared options are flattened in.

mod audit;
mod build;
mod check;
mod init;
mod new;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use congxa::diagnostics::Diagnostics;

/// congxa — trang thông tin điện tử xã từ Markdown.
/// Builds a Vietnamese commune's information site from `content/` and a Tera theme.
#[derive(Debug, Parser)]
#[command(name = "congxa", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Build(build::BuildCommand),
    Check(check::CheckCommand),
    Audit(audit::AuditCommand),
    New(new::NewCommand),
    Init(init::InitCommand),
    Serve(serve::ServeCommand),
}

/// Where the site is.
#[derive(Debug, Args, Clone)]
pub struct RootArgs {
    /// Site directory (holding `site.yaml` and `content/`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

impl Cli {
    pub fn run(self) -> ExitCode {
        match self.command {
            Command::Build(c) => c.run(),
            Command::Audit(c) => c.run(),
            Command::Check(c) => c.run(),
            Command::New(c) => c.run(),
            Command::Init(c) => c.run(),
            Command::Serve(c) => c.run(),
        }
    }
}

/// Print the warnings of a successful run (on stderr, like problems).
pub fn print_warnings(warnings: &Diagnostics) {
    if warnings.is_empty() {
        return;
    }
    for w in warnings.iter() {
        eprintln!("{w}\n");
    }
    eprintln!("{} cảnh báo (warnings).", warnings.len());
}

/// Print every problem and return exit code 1.
pub fn report(problems: &Diagnostics) -> ExitCode {
    eprintln!("{problems}");
    ExitCode::from(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
