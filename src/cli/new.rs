use std::path::{Path, PathBuf};

use congxa::diagnostics::Diagnostic;
use congxa::messages::Lang;
use congxa::msg;
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
    pub fn run(self, lang: Lang) -> ExitCode {
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
                eprintln!("{}", d.render(lang));
                return ExitCode::from(1);
            }
        };
        let problems = check_indices(&content, &self.index, &self.area);
        if !problems.is_empty() {
            for d in &problems {
                // Not a place in a file: `--index: không có chỉ số ...`.
                eprintln!(
                    "{}: {}\n  = {}: {}\n",
                    d.path.display(),
                    d.message.render(lang),
                    lang.text("hint-label"),
                    d.hint.as_ref().map(|h| h.render(lang)).unwrap_or_default()
                );
            }
            let summary = msg!("new-summary-errors", n = problems.len());
            eprintln!("{}", summary.render(lang));
            return ExitCode::from(1);
        }
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let title = self.title.unwrap_or_else(|| title_from_stem(&stem));
        let offset = jiff::tz::Offset::from_hours(7).expect("+07:00 is a valid offset");
        // Written the way officials write dates (`16/07/2024`), which congxa reads.
        let today = congxa::dates::short_vi(offset.to_datetime(jiff::Timestamp::now()).date());
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
                let e = msg!("new-cannot-serialize", error = e.to_string());
                eprintln!("congxa: {}", e.render(lang));
                return ExitCode::from(1);
            }
        };
        // Site content, not a message: Vietnamese whatever `--lang` says.
        let text = format!("---\n{yaml}---\n\nViết nội dung bài ở đây.\n");
        if let Some(parent) = target.parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            let e = msg!("new-cannot-mkdir", error = e.to_string());
            eprintln!("{}: {}", parent.display(), e.render(lang));
            return ExitCode::from(1);
        }
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
        match written {
            Ok(()) => {
                let done = msg!("new-done", path = target.display().to_string());
                println!("{}", done.render(lang));
                ExitCode::SUCCESS
            }
            Err(e) => {
                let e = msg!("new-cannot-write", error = e.to_string());
                eprintln!("{}: {}", target.display(), e.render(lang));
                ExitCode::from(1)
            }
        }
    }
}

/// Where the new article `rel` goes: strictly inside `content`, under names
/// a build accepts, ending in `.md`, through no link that leaves `content`,
/// and not over an existing file.
fn place_inside(content: &Path, rel: &Path) -> Result<PathBuf, Diagnostic> {
    let refuse = |message: congxa::messages::Msg, hint: congxa::messages::Msg| {
        Err(Diagnostic::file(rel.display().to_string(), message).with_hint(hint))
    };
    let clean = match congxa::load::source_rel(rel) {
        Ok(clean) => clean,
        Err(p) => {
            return refuse(
                msg!("new-bad-place", reason = p.message),
                msg!("new-inside-content-hint"),
            );
        }
    };
    if !clean.ends_with(".md") {
        return refuse(msg!("new-not-md"), msg!("new-not-md-hint"));
    }
    let target = content.join(rel);
    // The deepest folder that exists must lie inside `content/` once links are
    // followed (a linked folder could lead anywhere).
    let canonical_content = content.canonicalize().map_err(|e| {
        Diagnostic::file("content", msg!("new-no-content", error = e.to_string()))
            .with_hint(msg!("new-no-content-hint"))
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
        return refuse(msg!("new-outside"), msg!("new-inside-content-hint"));
    }
    if std::fs::symlink_metadata(&target).is_ok() {
        return refuse(msg!("new-exists"), msg!("new-exists-hint"));
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

/// The governance indices the site declares: (key, area keys), from every
/// `content/<key>/_index.md` with an `index:` block. Unreadable sections are
/// skipped (`check` reports them).
fn site_indices(content: &Path) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(content)
        .max_depth(4)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == "_index.md")
    {
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let rel = entry
            .path()
            .strip_prefix(content)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let Ok(doc) = congxa::load::parse_doc(entry.path().to_path_buf(), rel.clone(), &bytes)
        else {
            continue;
        };
        if let congxa::load::Front::Section(s) = &doc.front
            && let Some(ix) = &s.index
        {
            let dir = rel.trim_end_matches("_index.md").trim_end_matches('/');
            let key = dir.rsplit('/').next().unwrap_or(dir).to_string();
            found.push((key, ix.areas.iter().map(|a| a.key.clone()).collect()));
        }
    }
    found.sort();
    found
}

/// `--index` and `--area` checked against the site's indices, with "did you mean".
fn check_indices(content: &Path, index: &[String], area: &[String]) -> Vec<Diagnostic> {
    if index.is_empty() && area.is_empty() {
        return Vec::new();
    }
    let known = site_indices(content);
    let list = |keys: &mut dyn Iterator<Item = &str>| {
        keys.map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut problems = Vec::new();
    for i in index {
        if known.iter().any(|(k, _)| k == i) {
            continue;
        }
        let hint = match congxa::diagnostics::did_you_mean(i, known.iter().map(|(k, _)| k.as_str()))
        {
            Some(s) => msg!("new-index-did-you-mean", name = s),
            None if known.is_empty() => msg!("new-no-indices"),
            None => msg!(
                "new-indices-are",
                list = list(&mut known.iter().map(|(k, _)| k.as_str()))
            ),
        };
        problems.push(
            Diagnostic::file("--index", msg!("new-unknown-index", name = i.as_str()))
                .with_hint(hint),
        );
    }
    let chosen: Vec<&(String, Vec<String>)> =
        known.iter().filter(|(k, _)| index.contains(k)).collect();
    for a in area {
        if chosen.iter().any(|(_, areas)| areas.contains(a)) {
            continue;
        }
        let owner = known.iter().find(|(_, areas)| areas.contains(a));
        let hint = match owner {
            Some((k, _)) => msg!("new-area-of", area = a.as_str(), index = k.as_str()),
            None => {
                let pool: Vec<&str> = if chosen.is_empty() {
                    known.iter().collect::<Vec<_>>()
                } else {
                    chosen.clone()
                }
                .iter()
                .flat_map(|(_, areas)| areas.iter().map(String::as_str))
                .collect();
                match congxa::diagnostics::did_you_mean(a, pool.iter().copied()) {
                    Some(s) => msg!("new-area-did-you-mean", name = s),
                    None if index.is_empty() => msg!("new-index-first"),
                    None => msg!("new-areas-are", list = list(&mut pool.iter().copied())),
                }
            }
        };
        problems.push(
            Diagnostic::file("--area", msg!("new-unknown-area", name = a.as_str())).with_hint(hint),
        );
    }
    problems
}
