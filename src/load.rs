//! Stage 1, load: walk `content/`, read every file, normalise text and split
//! and parse front matter. The only stage that reads content from disk.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, display_path};
use crate::frontmatter::{self, PAGE_SCHEMA, PageFrontMatter, SECTION_SCHEMA, SectionFrontMatter};
use crate::text::{nfc, normalize_source_owned};

pub const CONTENT_DIR: &str = "content";

/// A Markdown file after front-matter parsing.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// Path relative to `content/`, NFC, with `/` separators: `tin-tuc/bai.md`.
    pub rel: String,
    /// Path shown in messages, relative to the site root: `content/tin-tuc/bai.md`.
    pub shown: PathBuf,
    /// Full normalised text (kept for error excerpts). Shared: `serve` hands
    /// the model its in-memory sources at every rebuild without copying them.
    pub text: std::sync::Arc<str>,
    /// Byte offset of the body in `text`, and its first line in the file.
    pub body_offset: usize,
    pub body_line: usize,
    pub front: Front,
}

impl SourceDoc {
    /// The Markdown after the front matter (empty once the text is released).
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
    /// The YAML text between the fences (for positioning validation errors).
    pub fn yaml(&self) -> &str {
        let start = self
            .text
            .find('\n')
            .map(|i| i + 1)
            .unwrap_or(0)
            .min(self.body_offset);
        let end = self.text[..self.body_offset]
            .trim_end_matches('\n')
            .rfind('\n')
            .unwrap_or(start)
            .max(start);
        &self.text[start..end]
    }

    /// Drops the text once nothing will read it again (a build past its
    /// Markdown stage): `text`, `body()` and `yaml()` are then empty.
    pub fn release_text(&mut self) {
        self.text = "".into();
        self.body_offset = 0;
    }
}

#[derive(Debug, Clone)]
pub enum Front {
    Page(Box<PageFrontMatter>),
    Section(Box<SectionFrontMatter>),
}

/// A non-Markdown file under `content/`, copied to the output.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Relative to `content/`, NFC, `/` separators.
    pub rel: String,
    pub abs: PathBuf,
    pub size: u64,
}

#[derive(Debug, Default)]
pub struct Sources {
    pub docs: Vec<SourceDoc>,
    pub assets: Vec<Asset>,
}

/// Walk and parse `root/content`. Returns what could be loaded plus every problem.
pub fn load_content(root: &Path) -> (Sources, Vec<Diagnostic>) {
    let content = root.join(CONTENT_DIR);
    let mut problems = Vec::new();
    if !content.is_dir() {
        problems.push(
            Diagnostic::file(CONTENT_DIR, crate::msg!("load-no-content"))
                .with_hint(crate::msg!("load-no-content-hint")),
        );
        return (Sources::default(), problems);
    }
    // Markdown files are read and parsed as the walk (on one core) finds them.
    let parsed = std::sync::Mutex::new(Vec::new());
    let mut sources = Sources::default();
    rayon::scope(|scope| {
        visit_files(root, &content, &mut problems, &mut |abs, rel, size| {
            if !is_markdown(&rel) {
                sources.assets.push(Asset { rel, abs, size });
                return;
            }
            let parsed = &parsed;
            scope.spawn(move |_| {
                let doc =
                    crate::bug::catch(&display_path(root, &abs), || load_doc(root, &abs, rel))
                        .map_err(|d| vec![d])
                        .and_then(|r| r);
                if let Ok(mut all) = parsed.lock() {
                    all.push(doc);
                }
            });
        });
    });
    let parsed = parsed.into_inner().unwrap_or_else(|e| e.into_inner());
    for r in parsed {
        match r {
            Ok(doc) => sources.docs.push(doc),
            Err(d) => problems.extend(d),
        }
    }
    sources.docs.sort_by(|a, b| a.rel.cmp(&b.rel));
    sources.assets.sort_by(|a, b| a.rel.cmp(&b.rel));
    (sources, problems)
}

/// Every regular file below `dir` as (absolute path, NFC relative path, size;
/// 0 for Markdown files), refusing symlinks that leave the site and hidden or
/// editor temp files.
pub fn walk_files(
    root: &Path,
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, String, u64)> {
    let mut out = Vec::new();
    visit_files(root, dir, problems, &mut |abs, rel, size| {
        out.push((abs, rel, size))
    });
    out
}

/// [`walk_files`], handing each file to `visit` as it is found.
fn visit_files(
    root: &Path,
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
    visit: &mut dyn FnMut(PathBuf, String, u64),
) {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            // (A name holding `\` is never passed over as hidden: `..\x` is
            // refused, not ignored.)
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !is_ignored_name(&name) || name.contains('\\')
        });
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| dir.to_path_buf());
                let msg = if e.loop_ancestor().is_some() {
                    crate::msg!("load-link-loop")
                } else {
                    crate::msg!(
                        "cannot-read",
                        error = e
                            .io_error()
                            .map(|e| e.to_string())
                            .unwrap_or_else(|| e.to_string())
                    )
                };
                problems.push(
                    Diagnostic::file(path, msg).with_hint(crate::msg!("load-link-loop-hint")),
                );
                continue;
            }
        };
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .map(|t| t.starts_with(&canonical_root))
                .unwrap_or(false);
            if !inside {
                if entry.file_type().is_dir() {
                    // Never even list what lies outside the site.
                    walker.skip_current_dir();
                }
                problems.push(
                    Diagnostic::file(
                        display_path(root, entry.path()),
                        crate::msg!("load-link-outside"),
                    )
                    .with_hint(crate::msg!("load-link-outside-hint")),
                );
                continue;
            }
        }
        if entry.file_type().is_dir() && entry.depth() > 0 {
            // A folder is judged once: nothing below a refused one is read.
            let name = entry.file_name().to_string_lossy();
            if let Some(p) = crate::paths::source_component_problem(&name, true) {
                walker.skip_current_dir();
                problems.push(
                    Diagnostic::file(display_path(root, entry.path()), p.message).with_hint(p.hint),
                );
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel_os = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        // (Walking a single file, as `serve` does for one that changed, gives
        // an empty path: its caller judges the file's name.)
        let rel = match source_rel(rel_os) {
            _ if rel_os.as_os_str().is_empty() => String::new(),
            Ok(rel) => rel,
            Err(p) => {
                problems.push(
                    Diagnostic::file(display_path(root, entry.path()), p.message).with_hint(p.hint),
                );
                continue;
            }
        };
        // Only assets need their size (the register shows attachments'); a stat
        // per Markdown file would cost the walk, which runs on one core, a third.
        let size = match is_markdown(&rel) {
            true => 0,
            false => entry.metadata().map(|m| m.len()).unwrap_or(0),
        };
        visit(entry.path().to_path_buf(), rel, size);
    }
}

/// The NFC, `/`-separated form of a path found below a walked directory, if
/// every name in it may be published ([`crate::paths::source_path_problem`]).
/// Components are taken as the system gives them: a `\` inside a Linux file
/// name stays a character of that name (and is refused), never a separator.
pub fn source_rel(rel: &Path) -> Result<String, crate::paths::NameProblem> {
    let mut out = String::new();
    for part in rel.components() {
        let std::path::Component::Normal(name) = part else {
            return Err(crate::paths::NameProblem {
                message: crate::msg!("name-not-plain", name = rel.display().to_string()),
                hint: crate::msg!("name-rename-hint"),
            });
        };
        let Some(name) = name.to_str() else {
            return Err(crate::paths::NameProblem {
                message: crate::msg!("name-not-utf8"),
                hint: crate::msg!("name-not-utf8-hint"),
            });
        };
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&nfc(name));
    }
    match crate::paths::source_path_problem(&out) {
        Some(p) => Err(p),
        None => Ok(out),
    }
}

/// Is this content file a Markdown document (else it is an asset copied as is)?
pub fn is_markdown(rel: &str) -> bool {
    rel.ends_with(".md")
}

/// Hidden files and editor temp files are never content (and never trigger rebuilds).
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with("#")
        || name == "4913"
}

/// Read and parse one Markdown file (`rel` is its NFC path inside `content/`).
pub fn load_doc(root: &Path, abs: &Path, rel: String) -> Result<SourceDoc, Vec<Diagnostic>> {
    let shown = display_path(root, abs);
    crate::bug::test_panic_point("load", &shown);
    // Read into a buffer each thread keeps (the text is copied out of it into a
    // `String` of its own size anyway): no size query and no allocation per file.
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with(|buffer| {
        let mut bytes = buffer.borrow_mut();
        bytes.clear();
        // (Through `take`: `File`'s own `read_to_end` asks for the size first.)
        std::fs::File::open(abs)
            .and_then(|f| {
                std::io::Read::read_to_end(&mut std::io::Read::take(f, u64::MAX), &mut bytes)
            })
            .map_err(|e| {
                vec![Diagnostic::file(
                    &shown,
                    crate::msg!("cannot-read", error = e.to_string()),
                )]
            })?;
        let doc = parse_doc(shown, rel, &bytes);
        // A rare huge file does not stay in memory.
        if bytes.capacity() > 1 << 20 {
            *bytes = Vec::new();
        }
        doc
    })
}

/// Parse one Markdown file from its bytes (pure; used by the fuzzer too).
pub fn parse_doc(shown: PathBuf, rel: String, bytes: &[u8]) -> Result<SourceDoc, Vec<Diagnostic>> {
    if let Some(kind) = office_file(bytes) {
        return Err(vec![
            Diagnostic::file(&shown, crate::msg!("load-office-file", kind = kind))
                .with_hint(crate::msg!("load-office-file-hint")),
        ]);
    }
    // simdutf8 checks Vietnamese text (a third of it multi-byte) about ten times
    // faster than the standard library, which is asked only for the position of
    // a bad byte.
    let raw = simdutf8::basic::from_utf8(bytes)
        .or_else(|_| std::str::from_utf8(bytes))
        .map(str::to_owned)
        .map_err(|e| {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let col = String::from_utf8_lossy(
                &valid[valid
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map(|i| i + 1)
                    .unwrap_or(0)..],
            )
            .chars()
            .count()
                + 1;
            vec![
                Diagnostic::new(&shown, line, col, crate::msg!("load-not-utf8"))
                    .with_hint(crate::msg!("load-not-utf8-hint")),
            ]
        })?;
    let text = normalize_source_owned(raw);
    let split = frontmatter::split(&shown, &text).map_err(|d| vec![d])?;
    let is_section = rel == "_index.md" || rel.ends_with("/_index.md");
    let front = if is_section {
        Front::Section(Box::new(frontmatter::parse_yaml(
            &shown,
            &text,
            &split,
            &SECTION_SCHEMA,
        )?))
    } else {
        Front::Page(Box::new(frontmatter::parse_yaml(
            &shown,
            &text,
            &split,
            &PAGE_SCHEMA,
        )?))
    };
    let body_offset = text.len() - split.body.len();
    let body_line = split.body_line;
    Ok(SourceDoc {
        rel,
        shown,
        text: text.into(),
        body_offset,
        body_line,
        front,
    })
}

/// What an office file or PDF given a `.md` name really is, by its first bytes.
fn office_file(bytes: &[u8]) -> Option<crate::messages::Msg> {
    use crate::msg;
    if bytes.starts_with(b"%PDF-") {
        return Some(msg!("office-pdf"));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(msg!("office-old"));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    // The first entries of an Office file name its parts: `word/`, `xl/`, `ppt/`.
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    Some(if has(b"word/") {
        msg!("office-docx")
    } else if has(b"xl/") {
        msg!("office-xlsx")
    } else if has(b"ppt/") {
        msg!("office-pptx")
    } else {
        msg!("office-zip")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_doc_accepts_bom_and_crlf() {
        let doc = parse_doc(
            "a.md".into(),
            "a.md".into(),
            "\u{feff}---\r\ntitle: Á\r\n---\r\nThân bài\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(doc.body(), "Thân bài\n");
        assert_eq!(doc.body_line, 4);
        assert_eq!(doc.yaml(), "title: Á");
    }

    #[test]
    fn a_released_text_reads_as_empty() {
        let mut doc =
            parse_doc("a.md".into(), "a.md".into(), b"---\ntitle: A\n---\nBody\n").unwrap();
        doc.release_text();
        assert_eq!((&*doc.text, doc.body(), doc.yaml()), ("", "", ""));
        assert_eq!(doc.body_line, 4, "positions stay");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let e = parse_doc("a.md".into(), "a.md".into(), b"---\ntitle: a\xff\n---\n")
            .unwrap_err()
            .remove(0);
        assert_eq!((e.line, e.col), (2, 9));
    }
}
