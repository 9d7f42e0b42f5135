//! The local backend's file system: every path Decap names is a path of the
//! repository (`content/tin-tuc/bai/index.md`), accepted only strictly
//! inside `content/`: relative, no `.` or `..`, no hidden name, no name a
//! Windows PC cannot hold ([`crate::paths::source_component_problem`]), and
//! no symbolic link anywhere between `content/` and the file. `site.yaml`,
//! themes and the output are therefore out of reach.
//!
//! Writes go to a hidden file beside the target (which the loader and the
//! watcher pass over) and are renamed into place: a reader never sees half
//! a file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::load::CONTENT_DIR;
use crate::messages::Msg;

/// Why a path is refused (a catalogue message, said in the chosen language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub Msg);

/// A checked path: `rel` inside `content/` (NFC, `/`-separated, maybe empty
/// for `content/` itself) and its place on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub rel: String,
    pub abs: PathBuf,
}

impl Checked {
    /// The repository path Decap knows it by.
    pub fn repo_path(&self) -> String {
        if self.rel.is_empty() {
            CONTENT_DIR.to_string()
        } else {
            format!("{CONTENT_DIR}/{}", self.rel)
        }
    }
}

/// The site's `content/` directory, as the backend sees it.
#[derive(Debug, Clone)]
pub struct ContentDir {
    pub root: PathBuf,
    pub content: PathBuf,
}

fn refused<T>(path: &str, why: Msg) -> Result<T, Refused> {
    Err(Refused(crate::msg!(
        "backend-path-refused",
        path = crate::paths::shown(path),
        why = why
    )))
}

impl ContentDir {
    /// `root` must be canonical.
    pub fn new(root: &Path) -> ContentDir {
        ContentDir {
            root: root.to_path_buf(),
            content: root.join(CONTENT_DIR),
        }
    }

    /// Check a repository path Decap sent.
    pub fn check(&self, path: &str) -> Result<Checked, Refused> {
        if path.is_empty() || path.contains(['\\', '\0']) || path.starts_with('/') {
            return refused(path, crate::msg!("backend-path-invalid"));
        }
        let path = crate::text::nfc(path.trim_end_matches('/'));
        let mut parts = path.split('/');
        if parts.next() != Some(CONTENT_DIR) {
            return refused(&path, crate::msg!("backend-path-outside"));
        }
        let rest: Vec<&str> = parts.collect();
        for (i, part) in rest.iter().enumerate() {
            let is_dir = i + 1 < rest.len();
            if let Some(p) = crate::paths::source_component_problem(part, is_dir) {
                return refused(
                    &path,
                    crate::msg!("backend-path-bad-name", problem = p.message),
                );
            }
        }
        // No symbolic link from the site root down to the file (content/ included).
        let mut at = self.root.clone();
        for part in std::iter::once(CONTENT_DIR).chain(rest.iter().copied()) {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_symlink() => {
                    return refused(&path, crate::msg!("backend-path-symlink"));
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Ok(Checked {
            rel: rest.join("/"),
            abs: self.content.join(rest.join("/")),
        })
    }
}

/// Files of `dir` (a checked directory) for `entriesByFolder`: its `.ext`
/// files but `_index.md` (a section, not an article), and with `depth` 2 or
/// more each `<name>/index.ext` bundle whose folder is not a section.
/// Hidden files, temp files and symbolic links are passed over.
pub fn list_entries(dir: &Checked, extension: &str, depth: u32) -> Vec<Checked> {
    let suffix = format!(".{}", extension.trim_start_matches('.'));
    let mut out = Vec::new();
    for (name, path, is_dir) in plain_children(&dir.abs) {
        let rel = join(&dir.rel, &name);
        if !is_dir && name.ends_with(&suffix) && name != "_index.md" {
            out.push(Checked { rel, abs: path });
        } else if is_dir && depth >= 2 && !path.join("_index.md").exists() {
            let index = path.join(format!("index{suffix}"));
            if std::fs::symlink_metadata(&index).is_ok_and(|m| m.is_file()) {
                out.push(Checked {
                    rel: join(&rel, &format!("index{suffix}")),
                    abs: index,
                });
            }
        }
    }
    out
}

/// Files directly in `dir` that are not Markdown (`getMedia`).
pub fn list_media(dir: &Checked) -> Vec<Checked> {
    plain_children(&dir.abs)
        .into_iter()
        .filter(|(name, _, is_dir)| !is_dir && !crate::load::is_markdown(name))
        .map(|(name, abs, _)| Checked {
            rel: join(&dir.rel, &name),
            abs,
        })
        .collect()
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// (NFC name, path, is a directory) of the entries of `dir`, sorted, without
/// hidden or temp files, symbolic links or names congxa refuses.
fn plain_children(dir: &Path) -> Vec<(String, PathBuf, bool)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf, bool)> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = crate::text::nfc(e.file_name().to_str()?);
            let kind = e.file_type().ok()?;
            if kind.is_symlink()
                || crate::load::is_ignored_name(&name)
                || crate::paths::source_component_problem(&name, kind.is_dir()).is_some()
            {
                return None;
            }
            Some((name, e.path(), kind.is_dir()))
        })
        .collect();
    out.sort();
    out
}

/// The hidden file a write goes to before it is renamed into place.
pub fn temp_beside(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.congxa-admin"))
}

/// Write `bytes` to the hidden temp file beside `target` (folders made as
/// needed); [`std::fs::rename`] it into place afterwards.
pub fn write_temp(target: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temp = temp_beside(target);
    let mut f = std::fs::File::create(&temp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(temp)
}

/// The topmost folder between `content` and `target` that does not exist
/// yet (the first [`write_temp`] will make), if any.
pub fn first_missing(content: &Path, target: &Path) -> Option<PathBuf> {
    let parent = target.parent()?;
    let rel = parent.strip_prefix(content).ok()?;
    let mut at = content.to_path_buf();
    for part in rel.components() {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_err() {
            return Some(at);
        }
    }
    None
}

/// Remove `dir` and its parents up to `top` (included) while they are empty.
pub fn remove_empty_dirs(dir: Option<&Path>, top: &Path) {
    let mut at = dir;
    while let Some(d) = at {
        if !d.starts_with(top) || std::fs::remove_dir(d).is_err() {
            return;
        }
        if d == top {
            return;
        }
        at = d.parent();
    }
}

/// An identifier of a file's bytes (Decap uses it to tell versions apart).
pub fn content_id(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("{:016x}{:08x}", h.finish(), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_inside_content() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/tin-tuc")).unwrap();
        let c = ContentDir::new(&root);
        let ok = c.check("content/tin-tuc/bai/index.md").unwrap();
        assert_eq!(ok.rel, "tin-tuc/bai/index.md");
        assert_eq!(ok.abs, root.join("content/tin-tuc/bai/index.md"));
        assert_eq!(c.check("content").unwrap().rel, "");
        for bad in [
            "",
            "/etc/passwd",
            "site.yaml",
            "themes/default/templates/base.html",
            "output/index.html",
            "content/../site.yaml",
            "content/tin-tuc/../../site.yaml",
            "content/./x.md",
            "content//x.md",
            "content/.git/config",
            "content/a\\..\\..\\x.md",
            "content/C:x.md",
            "content/a\u{1b}b.md",
            "contents/x.md",
        ] {
            assert!(c.check(bad).is_err(), "{bad:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("content/vong")).unwrap();
        std::os::unix::fs::symlink(root.join("site.yaml"), root.join("content/cau-hinh.md"))
            .unwrap();
        let c = ContentDir::new(&root);
        assert!(c.check("content/vong/site.yaml").is_err());
        assert!(c.check("content/cau-hinh.md").is_err());
    }
}
