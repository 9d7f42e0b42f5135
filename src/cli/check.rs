use std::process::ExitCode;

use clap::Args;
use congxa::BuildOptions;
use congxa::templating::limits::{self, RenderLimits};

use super::RootArgs;

/// Validate everything `build` validates, without touching the output directory.
#[derive(Debug, Args)]
pub struct CheckCommand {
    #[command(flatten)]
    root: RootArgs,
    /// Also check drafts and future-dated pages.
    #[arg(long)]
    drafts: bool,
    /// Warnings fail the check too (exit 1), e.g. in CI.
    #[arg(long)]
    strict: bool,
}

impl CheckCommand {
    pub fn run(self) -> ExitCode {
        let mut opts = BuildOptions::new(self.root.root);
        // The process ends after this: the system frees the memory faster.
        opts.free_memory = false;
        opts.drafts = self.drafts;
        opts.render_limits = RenderLimits::from_env();
        // A template loop that cannot be interrupted ends the run (exit 1).
        limits::exit_on_runaway();
        match congxa::check(&opts) {
            Ok(r) => {
                super::print_warnings(&r.warnings);
                if self.strict && !r.warnings.is_empty() {
                    eprintln!(
                        "{} cảnh báo, mà `--strict` coi cảnh báo là lỗi: hãy sửa rồi kiểm tra lại.",
                        r.warnings.len()
                    );
                    return ExitCode::from(1);
                }
                println!(
                    "Không có lỗi: đã kiểm tra {} trang, {} tệp.",
                    r.pages, r.files
                );
                ExitCode::SUCCESS
            }
            Err(problems) => super::report(&problems),
        }
    }
}
