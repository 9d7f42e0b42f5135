//! Problems found in a site, reported the way an editor can act on them:
//! `path:line:col: message`, the offending line, and a hint.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first one, so a
//! single run lists every problem in the site.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::{Lang, Msg};
use crate::msg;
use crate::text::controls::escape;

/// One problem in the user's site, anchored to a file position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path shown to the user, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line in the file (0 when the problem is about the whole file).
    pub line: u32,
    /// 1-based column, counted in characters.
    pub col: u32,
    /// What is wrong, put into words in the chosen language when shown.
    pub message: Msg,
    /// The text of the offending line, when known (an excerpt around the
    /// column, starting with `…`, when the line is very long).
    pub source_line: Option<String>,
    /// Characters of the line left out before `source_line`, less its `…`.
    pub source_skip: usize,
    /// What to do about it.
    pub hint: Option<Msg>,
    /// The output being made when the problem showed (a template error at
    /// run time): said before the hint.
    pub rendering: Option<Box<Rendering>>,
}

/// Where a run-time template error showed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rendering {
    /// `/tin-tuc/bai/ (content/tin-tuc/bai.md)`, `the home page`, …
    pub what: Msg,
    /// How many other outputs hit the very same problem (merged into this one).
    pub also: usize,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<Msg>) -> Self {
        Diagnostic {
            path: path.into(),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
            message: message.into(),
            source_line: None,
            source_skip: 0,
            hint: None,
            rendering: None,
        }
    }

    /// A problem about a whole file (unreadable, not UTF-8, ...): reported at 1:1.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<Msg>) -> Self {
        Self::new(path, 1, 1, message)
    }

    pub fn with_hint(mut self, hint: impl Into<Msg>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attach the offending line, taken from the file's full text. Of a very
    /// long line (a 2 MB paragraph) only an excerpt around the column is kept.
    pub fn with_source(self, text: &str) -> Self {
        match self
            .line
            .checked_sub(1)
            .and_then(|i| text.lines().nth(i as usize))
        {
            Some(l) => self.with_source_line(l),
            None => self,
        }
    }

    /// Attach the offending line itself (the text of line `self.line`).
    pub fn with_source_line(mut self, l: &str) -> Self {
        let l = l.trim_end_matches('\r');
        if l.len() <= EXCERPT_CHARS {
            self.source_line = Some(l.to_string());
        } else {
            let start = (self.col as usize).saturating_sub(1 + EXCERPT_CHARS / 2);
            let mut chars = l.chars().skip(start);
            let mut excerpt: String = chars.by_ref().take(EXCERPT_CHARS).collect();
            if chars.next().is_some() {
                excerpt.push('…');
            }
            if start > 0 {
                excerpt.insert(0, '…');
                self.source_skip = start - 1;
            }
            self.source_line = Some(excerpt);
        }
        self
    }
}

impl Diagnostic {
    /// The diagnostic in words, in `lang`: `path:line:col: message`, the
    /// source line with a caret under the column, and the hint.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        let _ = self.write(&mut out, lang);
        out
    }

    /// Shown in a terminal, a diagnostic's text never carries a control character
    /// (a file name or a value can hold `ESC [2J`): the path, message and hint show
    /// each as `\u{1b}`, the source line as U+FFFD, one character for one, so the
    /// caret stays under its column.
    fn write(&self, f: &mut impl fmt::Write, lang: Lang) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            escape(&self.path.display().to_string()),
            self.line.max(1),
            self.col.max(1),
            escape(&self.message.render(lang))
        )?;
        if let Some(src) = &self.source_line {
            let src = crate::text::controls::replace(src);
            let gutter = self.line.to_string();
            write!(f, "\n {gutter} | {src}")?;
            let pad = " ".repeat(gutter.len());
            let caret_pad: String = src
                .chars()
                .take((self.col as usize).saturating_sub(1 + self.source_skip))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n {pad} | {caret_pad}^")?;
        }
        let hint = match (&self.rendering, &self.hint) {
            (Some(r), hint) => {
                let mut h = if r.also > 0 {
                    msg!(
                        "hint-rendering-also",
                        what = escape(&r.what.render(lang)).into_owned(),
                        n = r.also
                    )
                } else {
                    msg!(
                        "hint-rendering",
                        what = escape(&r.what.render(lang)).into_owned()
                    )
                }
                .render(lang);
                if let Some(hint) = hint {
                    h.push_str("; ");
                    h.push_str(&escape(&hint.render(lang)));
                }
                Some(h)
            }
            (None, Some(hint)) => Some(escape(&hint.render(lang)).into_owned()),
            (None, None) => None,
        };
        if let Some(h) = hint {
            write!(f, "\n  = {}: {h}", lang.text("hint-label"))?;
        }
        Ok(())
    }
}

/// Without a chosen language (tests, logs): Vietnamese.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Lang::Vi)
    }
}

/// Longest source line shown whole in a diagnostic, in bytes; longer ones are cut
/// to this many characters around the column.
const EXCERPT_CHARS: usize = 160;

/// All problems of one run, kept sorted by file and position for stable output.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Sorted by file and position, duplicates dropped, and one template error
    /// met while rendering many outputs (a mistake in `base.html` shows on every
    /// page) reported once, with the number of the others.
    pub fn sorted(mut self) -> Self {
        self.0.sort();
        self.0.dedup();
        let mut merged: Vec<Diagnostic> = Vec::with_capacity(self.0.len());
        for d in self.0 {
            if let Some(prev) = merged.last_mut()
                && (&prev.path, prev.line, prev.col, &prev.message, &prev.hint)
                    == (&d.path, d.line, d.col, &d.message, &d.hint)
                && let (Some(kept), Some(this)) = (&mut prev.rendering, &d.rendering)
            {
                kept.also += 1 + this.also;
                continue;
            }
            merged.push(d);
        }
        self.0 = merged;
        self
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl Diagnostics {
    /// Every problem, then the count and that nothing was written, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.0 {
            let _ = d.write(&mut out, lang);
            out.push_str("\n\n");
        }
        out.push_str(&msg!("summary-errors", n = self.0.len()).render(lang));
        out
    }

    /// Every warning, then their count, in `lang`.
    pub fn render_warnings(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.0 {
            let _ = d.write(&mut out, lang);
            out.push_str("\n\n");
        }
        out.push_str(&msg!("summary-warnings", n = self.0.len()).render(lang));
        out
    }
}

/// Without a chosen language (tests, logs): Vietnamese.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Vi))
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// The closest candidate to `wrong` by edit distance, for "did you mean" hints.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(wrong, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 2).max(2))
        .min()
        .map(|(_, c)| c)
}

/// Show `path` relative to `root` when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Find the 1-based (line, col) of the first top-level `key:` in a YAML text,
/// pointing at the value when there is one. Used to place validation errors
/// that serde cannot place (bad dates, unknown index keys, ...).
pub fn yaml_key_position(yaml: &str, key: &str) -> Option<(usize, usize)> {
    for (i, line) in yaml.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(key)
            && let Some(after) = rest.strip_prefix(':')
        {
            let value_offset = after.len() - after.trim_start().len();
            let col = key.chars().count() + 1 + value_offset + 1;
            let col = if after.trim().is_empty() { 1 } else { col };
            return Some((i + 1, col));
        }
    }
    None
}

/// Find the position of `item` (a scalar in a list or nested map) at or after the
/// line of top-level `key`. Falls back to the key's own position.
pub fn yaml_item_position(yaml: &str, key: &str, item: &str) -> Option<(usize, usize)> {
    let (key_line, key_col) = yaml_key_position(yaml, key)?;
    for (i, line) in yaml.lines().enumerate().skip(key_line - 1) {
        if i + 1 > key_line && !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            break;
        }
        let search_from = if i + 1 == key_line { key.len() + 1 } else { 0 };
        if let Some(found) = line.get(search_from..).and_then(|s| s.find(item)) {
            let byte = search_from + found;
            return Some((i + 1, line[..byte].chars().count() + 1));
        }
    }
    Some((key_line, key_col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}lỗi ở đây{}", "ă".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::new("a.md", 2, 5001, "x").with_source(&format!("---\n{line}\n"));
        let src = d.source_line.as_deref().unwrap();
        assert!(src.starts_with('…') && src.ends_with('…'), "{src}");
        assert!(src.chars().count() <= EXCERPT_CHARS + 2);
        let shown = d.to_string();
        let caret_line = shown.lines().nth(2).unwrap();
        let src_line = shown.lines().nth(1).unwrap();
        let caret_at = caret_line.chars().position(|c| c == '^').unwrap();
        assert_eq!(src_line.chars().nth(caret_at), Some('l'), "{shown}");
        let short = Diagnostic::new("a.md", 1, 3, "x").with_source("abcdef");
        assert_eq!(short.source_line.as_deref(), Some("abcdef"));
        assert_eq!(short.source_skip, 0);
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let d = Diagnostic::new("content/a\u{1b}[2J.md", 1, 11, "bad `\u{7}\u{9b}`")
            .with_source("ti\u{1b}\u{8}\0le: \u{7f}x\n")
            .with_hint("rename `\u{1b}[31m`");
        let shown = d.to_string();
        assert!(
            !crate::text::controls::any_control(shown.as_bytes()),
            "{shown:?}"
        );
        assert!(
            shown.starts_with("content/a\\u{1b}[2J.md:1:11: bad `\\u{7}\\u{9b}`"),
            "{shown}"
        );
        assert!(shown.contains("rename `\\u{1b}[31m`"), "{shown}");
        // One replacement character for one control: the caret stays under `x`.
        let src_line = shown.lines().nth(1).unwrap();
        let caret_at = shown.lines().nth(2).unwrap().chars().position(|c| c == '^');
        assert_eq!(
            src_line.chars().nth(caret_at.unwrap()),
            Some('x'),
            "{shown}"
        );
    }

    #[test]
    fn key_position_points_at_value() {
        let y = "title: A\ndate: 2024-13-01\n";
        assert_eq!(yaml_key_position(y, "date"), Some((2, 7)));
        assert_eq!(yaml_key_position(y, "dat"), None);
    }

    #[test]
    fn item_position_in_flow_and_block_lists() {
        let y = "title: A\nareas: [abc, tiep-can]\nindices:\n  - par\n  - sipsa\n";
        assert_eq!(yaml_item_position(y, "areas", "tiep-can"), Some((2, 14)));
        assert_eq!(yaml_item_position(y, "indices", "sipsa"), Some((5, 5)));
    }

    #[test]
    fn suggestion_is_close_or_none() {
        let keys = ["tiep-can-dich-vu", "thu-tuc-hanh-chinh"];
        assert_eq!(
            did_you_mean("tiep-can-dich-vuu", keys),
            Some("tiep-can-dich-vu")
        );
        assert_eq!(did_you_mean("xyz", keys), None);
    }
}
