use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::RootArgs;

/// Create a new article with valid front matter and today's date (Asia/Ho_Chi_Minh).
#[derive(Debug, Args)]
pub struct NewCommand {
    #[command(flatten)]
    root: RootArgs,
    /// Path of the new file inside `content/`, e.g. `tin-tuc/hoi-nghi-sipas.md`.
    path: PathBuf,
    /// Title [default: made from the file name].
    #[arg(long)]
    title: Option<String>,
    /// Governance index key (`par-index`, `papi`, `sipas`).
    #[arg(long)]
    index: Vec<String>,
    /// Area key(s) of that index.
    #[arg(long, num_args = 1..)]
    area: Vec<String>,
}

#[derive(Serialize)]
struct NewFrontMatter {
    title: String,
    date: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    indices: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    areas: Vec<String>,
    draft: bool,
}

impl NewCommand {
    pub fn run(self) -> ExitCode {
        let rel = self
            .path
            .strip_prefix("content")
            .unwrap_or(&self.path)
            .to_path_buf();
        let rel = if rel.extension().is_none() {
            rel.with_extension("md")
        } else {
            rel
        };
        let target = self.root.root.join("content").join(&rel);
        if target.exists() {
            eprintln!(
                "{}: already exists\n  = gợi ý (hint): choose another file name",
                target.display()
            );
            return ExitCode::from(1);
        }
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let title = self.title.unwrap_or_else(|| title_from_stem(&stem));
        let offset = jiff::tz::Offset::from_hours(7).expect("+07:00 is a valid offset");
        let today = offset
            .to_datetime(jiff::Timestamp::now())
            .date()
            .to_string();
        let fm = NewFrontMatter {
            title,
            date: today,
            indices: self.index,
            areas: self.area,
            draft: false,
        };
        let yaml = match yaml_serde::to_string(&fm) {
            Ok(y) => y,
            Err(e) => {
                eprintln!("congxa: cannot write front matter: {e}");
                return ExitCode::from(1);
            }
        };
        let text = format!("---\n{yaml}---\n\nViết nội dung bài ở đây.\n");
        if let Some(parent) = target.parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            eprintln!("{}: cannot create directory: {e}", parent.display());
            return ExitCode::from(1);
        }
        match std::fs::write(&target, text) {
            Ok(()) => {
                println!("Đã tạo {}", target.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: cannot write: {e}", target.display());
                ExitCode::from(1)
            }
        }
    }
}

/// `hoi-nghi-sipas` → `Hoi nghi sipas` (an editor replaces it anyway).
fn title_from_stem(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Bài viết mới".into(),
    }
}
