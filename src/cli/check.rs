use std::process::ExitCode;

use clap::Args;
use congxa::BuildOptions;
use congxa::messages::Lang;
use congxa::msg;
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
    pub fn run(self, lang: Lang) -> ExitCode {
        let mut opts = BuildOptions::new(self.root.root);
        opts.lang = lang;
        // The process ends after this: the system frees the memory faster.
        opts.free_memory = false;
        opts.drafts = self.drafts;
        opts.render_limits = RenderLimits::from_env();
        // A template loop that cannot be interrupted ends the run (exit 1).
        limits::exit_on_runaway(lang);
        match congxa::check(&opts) {
            Ok(r) => {
                super::print_warnings(&r.warnings, lang);
                if self.strict && !r.warnings.is_empty() {
                    let strict = msg!("check-strict-failed", n = r.warnings.len());
                    eprintln!("{}", strict.render(lang));
                    return ExitCode::from(1);
                }
                let done = msg!("check-done", pages = r.pages, files = r.files);
                println!("{}", done.render(lang));
                ExitCode::SUCCESS
            }
            Err(problems) => super::report(&problems, lang),
        }
    }
}
