use std::process::ExitCode;

use clap::Args;
use congxa::audit::{self, Lang};

use super::RootArgs;

/// List what the law on state agencies' portals (NĐ 42/2022/NĐ-CP) asks of the site, provided or missing.
///
/// One line per item of articles 4 and 7: "có" (provided, and where: a URL, a file,
/// a `site.yaml` key) or "thiếu" (missing, and what to add), with the article and clause.
#[derive(Debug, Args)]
pub struct AuditCommand {
    #[command(flatten)]
    root: RootArgs,
    /// Exit with status 1 while any item is missing.
    #[arg(long)]
    strict: bool,
}

impl AuditCommand {
    pub fn run(self, lang: Lang) -> ExitCode {
        let site = match audit::load(&self.root.root) {
            Ok(site) => site,
            Err(problems) => return super::report(&problems, lang),
        };
        let lines = audit::audit(&site, lang);
        print!("{}", audit::report(&lines, lang));
        if self.strict && audit::missing(&lines) > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}
