use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use congxa::BuildOptions;
use congxa::messages::Lang;
use congxa::msg;
use congxa::templating::limits::{self, RenderLimits};

use super::RootArgs;

/// Build the site into the output directory (atomically: a failed build changes nothing).
#[derive(Debug, Args)]
pub struct BuildCommand {
    #[command(flatten)]
    root: RootArgs,
    /// Output directory [default: <root>/output].
    #[arg(long)]
    output: Option<PathBuf>,
    /// Override `base_url` from site.yaml (e.g. for a preview host).
    #[arg(long)]
    base_url: Option<String>,
    /// Include drafts and future-dated pages.
    #[arg(long)]
    drafts: bool,
    /// Kiosk build: every link relative and ending in `index.html`, for file:// and USB sticks.
    #[arg(long)]
    relative: bool,
    /// Print nothing on success.
    #[arg(long, short)]
    quiet: bool,
}

impl BuildCommand {
    pub fn run(self, lang: Lang) -> ExitCode {
        let mut opts = BuildOptions::new(self.root.root);
        opts.lang = lang;
        // The process ends after this: the system frees the memory faster.
        opts.free_memory = false;
        opts.output = self.output;
        opts.base_url = self.base_url;
        opts.drafts = self.drafts;
        opts.relative = self.relative;
        opts.render_limits = RenderLimits::from_env();
        // A template loop that cannot be interrupted ends the run (exit 1).
        limits::exit_on_runaway(lang);
        match congxa::build(&opts) {
            Ok(r) => {
                super::print_warnings(&r.warnings, lang);
                if !self.quiet {
                    let done = msg!(
                        "build-done",
                        pages = r.pages,
                        files = r.files,
                        mb = format!("{:.1}", r.bytes as f64 / 1_048_576.0),
                        output = r.output.display().to_string(),
                        ms = r.elapsed.as_millis().to_string()
                    );
                    println!("{}", done.render(lang));
                    if std::env::var_os("CONGXA_TIMINGS").is_some() {
                        for (stage, d) in &r.timings {
                            println!("  {stage}: {} ms", d.as_millis());
                        }
                    }
                }
                ExitCode::SUCCESS
            }
            Err(problems) => super::report(&problems, lang),
        }
    }
}
