//! Front matter: splitting a Markdown file into YAML and body, and the strict
//! schemas of page and section front matter.
//!
//! Everything here is pure (text in, values or diagnostics out) so it can be
//! tested on strings and fuzzed.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;

mod explain;

pub use explain::{Schema, explain};

/// A Markdown file cut in two. Lines are 1-based and counted in the whole file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line of the file where `yaml` starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Line of the file where `body` starts.
    pub body_line: usize,
}

/// Split normalised text (LF line ends, no BOM) at its `---` fences.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::new(path, 1, 1, crate::msg!("fm-missing"))
            .with_source(text)
            .with_hint(crate::msg!("fm-missing-hint")));
    }
    let yaml_start = first_line.len() + 1;
    let mut offset = yaml_start.min(text.len());
    for (line_no, line) in (2..).zip(text[offset..].split_inclusive('\n')) {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start.min(offset)..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    // Where the front matter most likely ends: its first blank line, or the
    // first line that is no `key: value`.
    let end = text
        .lines()
        .enumerate()
        .skip(1)
        .find(|(_, l)| l.trim().is_empty() || (!l.starts_with([' ', '-', '#']) && !l.contains(':')))
        .map(|(i, _)| i + 1);
    let (line, hint) = match end {
        Some(l) => (l, crate::msg!("fm-unclosed-hint-before", line = l)),
        None => (1, crate::msg!("fm-unclosed-hint")),
    };
    Err(Diagnostic::new(path, line, 1, crate::msg!("fm-unclosed"))
        .with_source(text)
        .with_hint(hint))
}

/// Turn a YAML error into a diagnostic positioned in the file, in plain
/// Vietnamese. `line_offset` is the number of file lines before the YAML
/// text; `known_keys` are the keys of the text's top level.
pub fn yaml_error(
    path: &Path,
    file_text: &str,
    line_offset: usize,
    err: &yaml_serde::Error,
    known_keys: &[&str],
) -> Diagnostic {
    let start: usize = file_text
        .split_inclusive('\n')
        .take(line_offset)
        .map(str::len)
        .sum();
    let yaml = file_text.get(start..).unwrap_or("");
    let mut all = explain::explain(
        path,
        file_text,
        line_offset,
        yaml,
        err,
        &Schema::flat(known_keys),
    );
    all.swap_remove(0)
}

/// Front matter of a page (any `.md` other than `_index.md`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub indices: Vec<String>,
    #[serde(default)]
    pub areas: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// A photo album shown under the article.
    #[serde(default)]
    pub gallery: Vec<GalleryFrontMatter>,
    pub author: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub weight: i64,
    pub lang: Option<String>,
    /// Content-relative path of the same page in the other language.
    pub translation: Option<String>,
    pub document: Option<DocumentFrontMatter>,
    /// First in its section's lists and on the home page (standing notices).
    #[serde(default)]
    pub pinned: bool,
}

pub const PAGE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "indices",
    "areas",
    "tags",
    "image",
    "image_alt",
    "gallery",
    "alt",
    "caption",
    "author",
    "draft",
    "slug",
    "aliases",
    "weight",
    "lang",
    "translation",
    "document",
    "pinned",
];

/// Keys of a page's `document:` block.
pub const DOCUMENT_KEYS: &[&str] = &[
    "number",
    "issued",
    "issuer",
    "type",
    "file",
    "effective",
    "status",
    "excerpt",
];

/// One photo of a `gallery:`: its file, what it shows (required) and a caption.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GalleryFrontMatter {
    pub file: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
}

/// A page's keys, level by level.
pub const PAGE_SCHEMA: Schema<'static> = Schema {
    top: PAGE_KEYS,
    nested: &[("document", DOCUMENT_KEYS)],
};

/// An official document's register entry (`document:` block): the fields
/// NĐ 42/2022/NĐ-CP asks of a published document (form, issuer, number,
/// issue and effective dates, excerpt, a file to download).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFrontMatter {
    pub number: String,
    pub issued: String,
    pub issuer: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub file: Option<String>,
    /// Date the document takes effect (ngày hiệu lực).
    pub effective: Option<String>,
    /// Its legal force as written (`Còn hiệu lực`, `Hết hiệu lực`, ...).
    pub status: Option<String>,
    /// Trích yếu; the page title when absent.
    pub excerpt: Option<String>,
}

/// Front matter of a section (`_index.md`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    pub title: Option<String>,
    #[serde(default)]
    pub description: String,
    pub sort_by: Option<SortBy>,
    pub paginate: Option<usize>,
    pub menu: Option<i64>,
    /// Language of the section's own pages (list pages): `vi` or `en`.
    pub lang: Option<String>,
    pub index: Option<IndexFrontMatter>,
}

pub const SECTION_KEYS: &[&str] = &[
    "title",
    "description",
    "sort_by",
    "paginate",
    "menu",
    "lang",
    "index",
];

/// A section's keys, level by level (`index:`, its areas and scores).
pub const SECTION_SCHEMA: Schema<'static> = Schema {
    top: SECTION_KEYS,
    nested: &[
        ("index", &["code", "name", "publisher", "areas", "scores"]),
        ("index.areas", &["key", "title", "summary"]),
        (
            "index.scores",
            &["year", "value", "unit", "scope", "rank", "source"],
        ),
    ],
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    Date,
    Weight,
    Title,
}

/// A governance index, declared on its section.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndexFrontMatter {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub areas: Vec<AreaFrontMatter>,
    #[serde(default)]
    pub scores: Vec<Score>,
}

/// A component area of an index (PAPI dimension, SIPAS factor, PAR INDEX field).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AreaFrontMatter {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
}

/// A published score of an index; must be real and sourced.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub year: i32,
    pub value: f64,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub scope: String,
    pub rank: Option<String>,
    pub source: String,
}

/// Parse front matter YAML of a kind `T`, reporting errors at file positions:
/// every mistake the failed parse lets us find (see [`explain::explain`]).
pub fn parse_yaml<T: for<'de> Deserialize<'de> + Default>(
    path: &Path,
    file_text: &str,
    split: &Split<'_>,
    schema: &Schema<'_>,
) -> Result<T, Vec<Diagnostic>> {
    let offset = split.yaml_line - 1;
    if split.yaml.trim().is_empty() {
        // `---\n---` is an empty mapping; let serde say which key is missing.
        return yaml_serde::from_str::<T>("{}").map_err(|e| {
            let mut d = yaml_error(path, file_text, offset, &e, schema.top);
            d.line = 1;
            d.col = 1;
            vec![d.with_source(file_text)]
        });
    }
    crate::yaml_guard::check(split.yaml)
        .map_err(|r| vec![r.diagnostic(path, file_text, offset)])?;
    yaml_serde::from_str::<T>(split.yaml)
        .map_err(|e| explain::explain(path, file_text, offset, split.yaml, &e, schema))
}

/// Deepest `[`/`{` nesting accepted in YAML. The YAML scanner takes time
/// quadratic in the nesting (20,000 levels: minutes), and real front matter
/// never goes past three.
pub const MAX_FLOW_DEPTH: usize = 32;

/// 1-based (line, col) of the first `[` or `{` nested deeper than
/// `MAX_FLOW_DEPTH`, outside quotes and comments. Conservative: a quote it
/// misreads only hides brackets, so it never refuses YAML nested less deeply.
pub fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    // Nesting deeper than the brackets there are is impossible (the usual case:
    // a few `[...]` lists), and counting them is one quick pass over the bytes.
    let openers = yaml.bytes().filter(|&b| b == b'[' || b == b'{').count();
    if openers <= MAX_FLOW_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    for (i, line) in yaml.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        let mut chars = line.chars().enumerate().peekable();
        while let Some((col, c)) = chars.next() {
            match (quote, c) {
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if prev.is_whitespace() => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some((i + 1, col + 1));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            prev = c;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_reports_lines_in_the_file() {
        let text = "---\ntitle: A\n---\nbody\n";
        let s = split(Path::new("a.md"), text).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn missing_fences() {
        let e = split(Path::new("a.md"), "title: A\n").unwrap_err();
        assert!(e.message.contains("dòng đầu tiên của tệp phải là `---`"));
        let e = split(Path::new("a.md"), "---\ntitle: A\n").unwrap_err();
        assert!(e.message.contains("chưa được đóng"), "{e}");
        let e = split(
            Path::new("a.md"),
            "---\ntitle: A\ndate: 2024-01-01\n\nThân bài\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 4, "{e}");
    }

    #[test]
    fn yaml_errors_carry_file_lines() {
        let text = "---\ntitle: A\ntitel: B\n---\n";
        let s = split(Path::new("a.md"), text).unwrap();
        let e = parse_yaml::<PageFrontMatter>(Path::new("a.md"), text, &s, &PAGE_SCHEMA)
            .unwrap_err()
            .remove(0);
        assert_eq!((e.line, e.col), (3, 1), "{e}");
        assert!(e.hint.unwrap().contains("có phải là `title`"));
    }

    #[test]
    fn deep_flow_nesting_is_refused_quickly() {
        let text = format!(
            "---\ntitle: A\ntags: {}{}\n---\n",
            "[".repeat(20_000),
            "]".repeat(20_000)
        );
        let s = split(Path::new("a.md"), &text).unwrap();
        let e = parse_yaml::<PageFrontMatter>(Path::new("a.md"), &text, &s, &PAGE_SCHEMA)
            .unwrap_err()
            .remove(0);
        assert_eq!((e.line, e.col as usize), (3, 7 + MAX_FLOW_DEPTH), "{e}");
        // Brackets in quotes and comments do not count; ordinary nesting passes.
        let ok = format!(
            "title: \"{}\" # {}\nareas: [[a, {{b: [c]}}]]\n",
            "[".repeat(99),
            "{".repeat(99)
        );
        assert_eq!(too_deep(&ok), None);
        assert_eq!(too_deep("a: '[[[''[[['\n"), None);
    }

    #[test]
    fn empty_front_matter_names_the_missing_title() {
        let text = "---\n---\nbody";
        let s = split(Path::new("a.md"), text).unwrap();
        let e = parse_yaml::<PageFrontMatter>(Path::new("a.md"), text, &s, &PAGE_SCHEMA)
            .unwrap_err()
            .remove(0);
        assert!(e.message.contains("title"), "{e}");
    }
}
