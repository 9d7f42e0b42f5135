use std::path::{Path, PathBuf};

use congxa::diagnostics::Diagnostic;
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
        let content = self.root.root.join("content");
        let target = match place_inside(&content, &rel) {
            Ok(t) => t,
            Err(d) => {
                eprintln!("{d}");
                return ExitCode::from(1);
            }
        };
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
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
        match written {
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

/// Where the new article `rel` goes: strictly inside `content`, under names
/// a build accepts, ending in `.md`, through no link that leaves `content`,
/// and not over an existing file.
fn place_inside(content: &Path, rel: &Path) -> Result<PathBuf, Diagnostic> {
    let refuse = |msg: String, hint: &str| {
        Err(Diagnostic::file(rel.display().to_string(), msg).with_hint(hint))
    };
    let clean = match congxa::load::source_rel(rel) {
        Ok(clean) => clean,
        Err(p) => {
            return refuse(
                format!("cannot create an article here: {}", p.message),
                "give a path inside `content/`, e.g. `tin-tuc/hoi-nghi-sipas.md`",
            );
        }
    };
    if !clean.ends_with(".md") {
        return refuse(
            "an article's file name must end in `.md`".into(),
            "e.g. `tin-tuc/hoi-nghi-sipas.md`",
        );
    }
    let target = content.join(rel);
    // The deepest folder that exists must lie inside `content/` once links are
    // followed (a linked folder could lead anywhere).
    let canonical_content = content.canonicalize().map_err(|e| {
        Diagnostic::file("content", format!("cannot read the `content/` folder: {e}"))
            .with_hint("run the command in the site's folder, or give `--root`")
    })?;
    let mut existing = target.parent().map(Path::to_path_buf);
    while let Some(dir) = &existing {
        if dir.exists() {
            break;
        }
        existing = dir.parent().map(Path::to_path_buf);
    }
    let inside = existing
        .and_then(|d| d.canonicalize().ok())
        .is_some_and(|d| d.starts_with(&canonical_content));
    if !inside {
        return refuse(
            "this path leads outside the `content/` folder (through a link)".into(),
            "give a path inside `content/`, e.g. `tin-tuc/hoi-nghi-sipas.md`",
        );
    }
    if std::fs::symlink_metadata(&target).is_ok() {
        return refuse("already exists".into(), "choose another file name");
    }
    Ok(target)
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
