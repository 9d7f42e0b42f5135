//! The content of `content/` kept in memory between rebuilds: every Markdown
//! file parsed once and re-read only when the watcher names it (or a directory
//! above it), every asset, and every problem met while reading, keyed by the
//! content path it belongs to so that fixing the file clears it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::{self, Asset, CONTENT_DIR, SourceDoc, Sources};
use crate::text::nfc;

/// A parsed Markdown file and the generation it was read in (unchanged text keeps its generation).
#[derive(Debug, Clone)]
pub struct DocEntry {
    pub generation: u64,
    pub doc: SourceDoc,
}

/// An asset and the generation it was last seen changing in.
#[derive(Debug, Clone)]
pub struct AssetEntry {
    pub generation: u64,
    pub asset: Asset,
    /// Modification time when read (with the size, tells a changed file).
    pub modified: Option<std::time::SystemTime>,
}

/// What one [`SourceCache::apply`] changed.
#[derive(Debug, Default, Clone)]
pub struct Applied {
    /// Markdown files whose text changed (same path before and after).
    pub modified_docs: BTreeSet<String>,
    /// Files appeared or disappeared, assets changed, or problems changed.
    pub structural: bool,
}

impl Applied {
    pub fn merge(&mut self, other: Applied) {
        self.modified_docs.extend(other.modified_docs);
        self.structural |= other.structural;
    }
    pub fn is_empty(&self) -> bool {
        self.modified_docs.is_empty() && !self.structural
    }
}

/// Everything under `content/`, as of the last reading.
#[derive(Debug)]
pub struct SourceCache {
    root: PathBuf,
    content: PathBuf,
    pub docs: BTreeMap<String, DocEntry>,
    pub assets: BTreeMap<String, AssetEntry>,
    /// Problems met while reading, by the content path they belong to (`""` for `content/` itself).
    pub problems: BTreeMap<String, Vec<Diagnostic>>,
    next_gen: u64,
}

/// The NFC, `/`-separated path of `path` inside `content_dir` (`""` for the directory itself).
pub fn content_rel(content_dir: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(content_dir).ok()?;
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            std::path::Component::Normal(s) => parts.push(nfc(&s.to_string_lossy())),
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// Does any segment of a content path name a hidden or editor temp file?
pub fn has_ignored_segment(rel: &str) -> bool {
    rel.split('/')
        .any(|s| !s.is_empty() && load::is_ignored_name(s))
}

impl SourceCache {
    /// Read all of `root/content`.
    pub fn load(root: &Path) -> SourceCache {
        let mut cache = SourceCache {
            root: root.to_path_buf(),
            content: root.join(CONTENT_DIR),
            docs: BTreeMap::new(),
            assets: BTreeMap::new(),
            problems: BTreeMap::new(),
            next_gen: 1,
        };
        cache.reload_all();
        cache
    }

    fn next_generation(&mut self) -> u64 {
        self.next_gen += 1;
        self.next_gen
    }

    /// Forget everything and read `content/` again (old generations are kept for unchanged files).
    pub fn reload_all(&mut self) -> Applied {
        let content = self.content.clone();
        self.apply(&[content])
    }

    /// Re-read the given paths (files or directories inside `content/`, existing or
    /// removed): whatever was known at or below each path is replaced by what is
    /// on disk now. Paths outside `content/` or with hidden/temp segments are skipped.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Applied {
        let mut applied = Applied::default();
        // Outermost paths only: a directory's walk covers everything below it.
        let mut bases: BTreeMap<String, PathBuf> = BTreeMap::new();
        for p in paths {
            let Some(rel) = content_rel(&self.content, p) else {
                continue;
            };
            if has_ignored_segment(&rel) {
                continue;
            }
            bases.insert(rel, p.clone());
        }
        let rels: Vec<String> = bases.keys().cloned().collect();
        bases.retain(|rel, _| {
            !rels
                .iter()
                .any(|other| other != rel && is_below(rel, other))
        });
        for (rel, abs) in bases {
            applied.merge(self.replace_subtree(&rel, &abs));
        }
        applied
    }

    fn replace_subtree(&mut self, rel: &str, abs: &Path) -> Applied {
        let mut applied = Applied::default();
        let old_docs = take_subtree(&mut self.docs, rel);
        let old_assets = take_subtree(&mut self.assets, rel);
        let old_problems = take_subtree(&mut self.problems, rel);

        let mut found: Vec<(PathBuf, String, u64)> = Vec::new();
        let mut problems: Vec<Diagnostic> = Vec::new();
        if rel.is_empty() && !abs.is_dir() {
            problems.push(
                Diagnostic::file(CONTENT_DIR, crate::msg!("load-no-content"))
                    .with_hint(crate::msg!("load-no-content-hint")),
            );
        } else if let Some(p) = (!rel.is_empty() && std::fs::symlink_metadata(abs).is_ok())
            .then(|| crate::paths::source_path_problem_as(rel, abs.is_dir()))
            .flatten()
        {
            // The same names refused as by a build's walk (which judges each
            // folder and file as it meets them; here the path comes whole).
            problems.push(
                Diagnostic::file(crate::diagnostics::display_path(&self.root, abs), p.message)
                    .with_hint(p.hint),
            );
        } else if std::fs::symlink_metadata(abs).is_ok() {
            for (file_abs, sub, size) in load::walk_files(&self.root, abs, &mut problems) {
                let file_rel = match (rel.is_empty(), sub.is_empty()) {
                    (_, true) => rel.to_string(),
                    (true, false) => sub,
                    (false, false) => format!("{rel}/{sub}"),
                };
                found.push((file_abs, file_rel, size));
            }
        }
        let (md, other): (Vec<_>, Vec<_>) = found
            .into_iter()
            .partition(|(_, r, _)| load::is_markdown(r));
        let parsed: Vec<(String, Result<SourceDoc, Vec<Diagnostic>>)> = md
            .into_par_iter()
            .map(|(a, r, _)| (r.clone(), load::load_doc(&self.root, &a, r)))
            .collect();

        let mut new_problem_keys = Vec::new();
        for d in problems {
            let key = self.problem_key(&d, rel);
            new_problem_keys.push(key.clone());
            self.problems.entry(key).or_default().push(d);
        }
        for (r, res) in parsed {
            match res {
                Ok(doc) => {
                    let generation = match old_docs.get(&r) {
                        Some(old) if old.doc.text == doc.text && old.doc.shown == doc.shown => {
                            old.generation
                        }
                        Some(_) => {
                            applied.modified_docs.insert(r.clone());
                            self.next_generation()
                        }
                        None => {
                            applied.structural = true;
                            self.next_generation()
                        }
                    };
                    self.docs.insert(r, DocEntry { generation, doc });
                }
                Err(d) => {
                    new_problem_keys.push(r.clone());
                    self.problems.entry(r).or_default().extend(d);
                }
            }
        }
        for (abs, r, size) in other {
            let modified = std::fs::metadata(&abs).and_then(|m| m.modified()).ok();
            let generation = match old_assets.get(&r) {
                Some(old)
                    if old.asset.abs == abs
                        && old.asset.size == size
                        && old.modified == modified =>
                {
                    old.generation
                }
                _ => {
                    applied.structural = true;
                    self.next_generation()
                }
            };
            self.assets.insert(
                r.clone(),
                AssetEntry {
                    generation,
                    asset: Asset { rel: r, abs, size },
                    modified,
                },
            );
        }
        // Removed files, and any change in problems, change the site's structure.
        if old_docs.keys().any(|k| !self.docs.contains_key(k))
            || old_assets.keys().any(|k| !self.assets.contains_key(k))
            || !old_problems.is_empty()
            || !new_problem_keys.is_empty()
        {
            applied.structural = true;
        }
        applied
    }

    /// The content path a reading problem belongs to.
    fn problem_key(&self, d: &Diagnostic, base: &str) -> String {
        let abs = self.root.join(&d.path);
        content_rel(&self.content, &abs)
            .filter(|r| is_below(r, base) || base.is_empty())
            .unwrap_or_else(|| base.to_string())
    }

    /// Every reading problem.
    pub fn all_problems(&self) -> Vec<Diagnostic> {
        self.problems.values().flatten().cloned().collect()
    }

    /// A copy of the loaded sources, in the order `load::load_content` gives them.
    pub fn sources(&self) -> Sources {
        // Cloning ten thousand documents' text is worth both cores.
        let entries: Vec<&DocEntry> = self.docs.values().collect();
        Sources {
            docs: entries.par_iter().map(|e| e.doc.clone()).collect(),
            assets: self.assets.values().map(|e| e.asset.clone()).collect(),
        }
    }
}

/// Is content path `rel` equal to `base` or below it?
fn is_below(rel: &str, base: &str) -> bool {
    base.is_empty()
        || rel == base
        || (rel.len() > base.len() && rel.starts_with(base) && rel.as_bytes()[base.len()] == b'/')
}

/// Remove and return every entry at or below content path `base`.
fn take_subtree<V>(map: &mut BTreeMap<String, V>, base: &str) -> BTreeMap<String, V> {
    if base.is_empty() {
        return std::mem::take(map);
    }
    let mut out = BTreeMap::new();
    if let Some(v) = map.remove(base) {
        out.insert(base.to_string(), v);
    }
    let prefix = format!("{base}/");
    let keys: Vec<String> = map
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .map(|(k, _)| k.clone())
        .collect();
    for k in keys {
        if let Some(v) = map.remove(&k) {
            out.insert(k, v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below() {
        assert!(is_below("a/b.md", "a"));
        assert!(is_below("a", "a"));
        assert!(!is_below("a-b/c.md", "a"));
        assert!(!is_below("ab", "a"));
        assert!(is_below("x", ""));
    }

    #[test]
    fn subtree_taking_skips_siblings_that_sort_between() {
        let mut m: BTreeMap<String, u8> = ["a", "a-b", "a/x", "a/y/z", "b"]
            .iter()
            .map(|k| (k.to_string(), 0))
            .collect();
        let taken = take_subtree(&mut m, "a");
        assert_eq!(taken.keys().collect::<Vec<_>>(), ["a", "a/x", "a/y/z"]);
        assert_eq!(m.keys().collect::<Vec<_>>(), ["a-b", "b"]);
    }

    #[test]
    fn content_paths_are_nfc() {
        let c = Path::new("/s/content");
        let nfd = "Tin tu\u{31b}\u{301}c/bai.md";
        assert_eq!(
            content_rel(c, &c.join(nfd)).unwrap(),
            "Tin tức/bai.md".to_string()
        );
        assert_eq!(content_rel(c, c).unwrap(), "");
        assert_eq!(content_rel(c, Path::new("/s/site.yaml")), None);
        assert!(has_ignored_segment("a/.git/x"));
        assert!(has_ignored_segment("a/bai.md~"));
        assert!(!has_ignored_segment("a/bai.md"));
    }
}
