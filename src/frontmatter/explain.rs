//! YAML mistakes told the way a commune official can fix them: no parser
//! jargon, what is wrong and what to write instead, at `file:line:col` with
//! the line and a caret. Only runs once a front matter has failed to parse,
//! so a good site pays nothing for it.

use std::path::Path;

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::messages::Msg;
use crate::msg;

/// The keys a YAML text may hold, level by level: `nested` names each block
/// by its path (`document`, `index.areas`) with the keys valid inside it.
#[derive(Debug, Clone, Copy)]
pub struct Schema<'a> {
    pub top: &'a [&'a str],
    pub nested: &'a [(&'a str, &'a [&'a str])],
}

impl<'a> Schema<'a> {
    /// One level of keys (site.yaml's own checks, theme files).
    pub const fn flat(top: &'a [&'a str]) -> Self {
        Schema { top, nested: &[] }
    }

    /// The keys valid at `path` (`""`, `document`, `index.areas[2]`).
    fn keys_at(&self, path: &str) -> &'a [&'a str] {
        let bare: String = strip_indices(path);
        if bare.is_empty() {
            return self.top;
        }
        self.nested
            .iter()
            .find(|(p, _)| *p == bare)
            .map(|(_, k)| *k)
            .unwrap_or(&[])
    }

    /// Every key of every level, for spotting `key:value` with no space.
    fn all_keys(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.top
            .iter()
            .copied()
            .chain(self.nested.iter().flat_map(|(_, k)| k.iter().copied()))
    }
}

fn strip_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every mistake that made `yaml` (starting after `line_offset` lines of the
/// file) fail to parse as front matter: lines indented with tabs, `key:value`
/// without a space, every unknown key at every level; else the parser's one
/// error, explained.
pub fn explain(
    path: &Path,
    file_text: &str,
    line_offset: usize,
    yaml: &str,
    err: &yaml_serde::Error,
    schema: &Schema<'_>,
) -> Vec<Diagnostic> {
    let at = |line: usize, col: usize, msg: Msg, hint: Msg| {
        Diagnostic::new(path, line + line_offset, col, msg)
            .with_source(file_text)
            .with_hint(hint)
    };
    let mut found = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        let indent: &str = &line[..line.len() - line.trim_start().len()];
        if let Some(tab) = indent.find('\t') {
            found.push(at(
                i + 1,
                tab + 1,
                msg!("yaml-tab-indent"),
                msg!("yaml-tab-indent-hint"),
            ));
            continue;
        }
        let body = line.trim_start().trim_start_matches("- ");
        if let Some((key, value)) = body.split_once(':')
            && !value.is_empty()
            && !value.starts_with([' ', '\t'])
            && schema.all_keys().any(|k| k == key)
        {
            let col = line.len() - body.len() + key.len() + 2;
            found.push(at(
                i + 1,
                col,
                msg!("yaml-no-space", key = key),
                msg!("yaml-no-space-hint", key = key, value = value),
            ));
        }
    }
    if !found.is_empty() {
        return found;
    }
    let message = err.to_string();
    if message.contains("unknown field `")
        && let Ok(value) = yaml_serde::from_str::<yaml_serde::Value>(yaml)
    {
        let mut unknown = Vec::new();
        unknown_keys(&value, "", schema, &mut unknown);
        let mut used_lines = Vec::new();
        for (parent, key) in unknown {
            let (l, c) = key_line(yaml, &parent, &key, &used_lines);
            used_lines.push(l);
            let mut hint = unknown_hint(&key, schema.keys_at(&parent));
            if let Some((block, _)) = schema
                .nested
                .iter()
                .find(|(_, k)| k.contains(&key.as_str()))
                && !block.contains('.')
            {
                hint = msg!("yaml-key-belongs-under", key = &key, block = *block);
            }
            found.push(at(l, c, unknown_message(&parent, &key), hint));
        }
        if !found.is_empty() {
            return found;
        }
    }
    vec![explain_one(path, file_text, line_offset, yaml, err, schema)]
}

/// (parent path, key) of every key the schema does not know, in file order.
fn unknown_keys(
    value: &yaml_serde::Value,
    path: &str,
    schema: &Schema<'_>,
    out: &mut Vec<(String, String)>,
) {
    let Some(map) = value.as_mapping() else {
        return;
    };
    let known = schema.keys_at(path);
    for (k, v) in map {
        let Some(k) = k.as_str() else { continue };
        if !known.contains(&k) {
            out.push((path.to_string(), k.to_string()));
            continue;
        }
        let child = if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        };
        if !schema.nested.iter().any(|(p, _)| *p == child) {
            continue;
        }
        match v {
            yaml_serde::Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    unknown_keys(item, &format!("{child}[{i}]"), schema, out);
                }
            }
            v => unknown_keys(v, &child, schema, out),
        }
    }
}

/// 1-based (line, col) in `yaml` of `key:` under `parent`, on a line not yet
/// used for another unknown key (a key repeated in list items).
fn key_line(yaml: &str, parent: &str, key: &str, used: &[usize]) -> (usize, usize) {
    let top = strip_indices(parent);
    let top = top.split('.').next().unwrap_or("");
    let start = if top.is_empty() {
        0
    } else {
        crate::diagnostics::yaml_key_position(yaml, top)
            .map(|(l, _)| l - 1)
            .unwrap_or(0)
    };
    let field = format!("{key}:");
    for (i, line) in yaml.lines().enumerate().skip(start) {
        if top.is_empty() && line.starts_with(&field) {
            return (i + 1, 1);
        }
        if i > start && !top.is_empty() && !line.starts_with([' ', '-']) && !line.is_empty() {
            break;
        }
        if top.is_empty() || used.contains(&(i + 1)) {
            continue;
        }
        for (at, _) in line.match_indices(&field) {
            let before = line[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            return (i + 1, line[..at].chars().count() + 1);
        }
    }
    (start + 1, 1)
}

fn unknown_message(parent: &str, key: &str) -> Msg {
    if parent.is_empty() {
        msg!("yaml-unknown-key", key = key)
    } else {
        msg!(
            "yaml-unknown-key-in",
            key = key,
            block = strip_indices(parent)
        )
    }
}

fn unknown_hint(key: &str, known: &[&str]) -> Msg {
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match did_you_mean(key, known.iter().copied()) {
        Some(s) => msg!("yaml-unknown-key-did-you-mean", name = s, list = list),
        None => msg!("yaml-unknown-key-hint", list = list),
    }
}

/// The parser's one error, in plain Vietnamese.
fn explain_one(
    path: &Path,
    file_text: &str,
    line_offset: usize,
    yaml: &str,
    err: &yaml_serde::Error,
    schema: &Schema<'_>,
) -> Diagnostic {
    let full = err.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) if !full[..i].contains(" at line ") => &full[..i],
        _ => full.split(" at line ").next().unwrap_or(&full),
    };
    let (mut line, mut col) = err
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    // `path.to.key: detail`, the path serde adds for a value's problem.
    let (key_path, detail) = match message.split_once(": ") {
        Some((p, d)) if !p.contains(' ') && !p.is_empty() => (p, d),
        _ => ("", message),
    };
    let key = key_path.rsplit('.').next().unwrap_or(key_path);
    let key = strip_indices(key);
    let source = yaml.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let (msg, hint): (Msg, Msg) = if let Some(field) = between(detail, "unknown field `", "`") {
        (
            unknown_message(key_path, field),
            unknown_hint(field, schema.keys_at(key_path)),
        )
    } else if let Some(field) = between(detail, "missing field `", "`") {
        if key_path.is_empty() {
            (
                msg!("yaml-missing-key", key = field),
                msg!("yaml-missing-key-hint", key = field),
            )
        } else {
            let block = strip_indices(key_path);
            (
                msg!("yaml-missing-key-in", key = field, block = &block),
                msg!("yaml-missing-key-in-hint", key = field, block = &block),
            )
        }
    } else if let Some(field) = between(detail, "duplicate field `", "`")
        .or_else(|| between(detail, "duplicate entry with key \"", "\""))
    {
        if let Some((l, c)) = second_key_line(yaml, field) {
            (line, col) = (l, c);
        }
        (
            msg!("yaml-duplicate-key", key = field),
            msg!("yaml-duplicate-key-hint"),
        )
    } else if let Some(rest) = detail.strip_prefix("invalid type: ") {
        type_mistake(&key, rest)
    } else if detail.starts_with("invalid value: ") {
        (
            msg!("yaml-invalid-value", key = &key),
            msg!("yaml-check-value-hint"),
        )
    } else if detail.contains("mapping values are not allowed") {
        (msg!("yaml-colon-in-value"), quote_hint(source))
    } else if detail.contains("tab character") {
        (msg!("yaml-tab"), msg!("yaml-tab-hint"))
    } else if detail.contains("could not find expected ':'") {
        // The scanner notices only on the line after the one lacking `:`.
        line = line.saturating_sub(1).max(1);
        col = 1;
        (msg!("yaml-no-colon"), msg!("yaml-no-colon-hint"))
    } else if full.contains("quoted scalar") {
        if let Some((l, c)) = open_quote(yaml) {
            (line, col) = (l, c);
        }
        (msg!("yaml-open-quote"), msg!("yaml-open-quote-hint"))
    } else {
        (msg!("yaml-syntax"), msg!("yaml-syntax-hint"))
    };
    Diagnostic::new(path, line + line_offset, col, msg)
        .with_source(file_text)
        .with_hint(hint)
}

/// `invalid type: string "có", expected a boolean` for key `draft`.
fn type_mistake(key: &str, rest: &str) -> (Msg, Msg) {
    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let written = between(found, "\"", "\"")
        .map(|s| msg!("yaml-not-taken", value = s))
        .unwrap_or_else(|| msg!("empty"));
    let name = if key.is_empty() {
        msg!("yaml-the-value")
    } else {
        msg!("yaml-the-key", key = key)
    };
    if found.starts_with("unit") || found.starts_with("null") {
        return (
            msg!("yaml-empty", name = name),
            msg!("yaml-empty-hint", key = key),
        );
    }
    if expected.contains("boolean") {
        (
            msg!("yaml-bool", name = name, written = written),
            msg!("yaml-bool-hint", key = key),
        )
    } else if expected.starts_with("i64")
        || expected.starts_with("i32")
        || expected.starts_with("u")
        || expected.contains("integer")
    {
        (
            msg!("yaml-integer", name = name, written = written),
            msg!("yaml-integer-hint", key = key),
        )
    } else if expected.starts_with("f64") || expected.starts_with("f32") {
        (
            msg!("yaml-number", name = name, written = written),
            msg!("yaml-number-hint", key = key),
        )
    } else if expected.contains("sequence") {
        (
            msg!("yaml-list", name = name, written = written),
            msg!("yaml-list-hint", key = key),
        )
    } else if expected.contains("string") {
        (
            msg!("yaml-scalar", name = name),
            msg!("yaml-scalar-hint", key = key),
        )
    } else if expected.starts_with("struct") || expected.contains("map") {
        (
            msg!("yaml-map", name = name),
            msg!("yaml-map-hint", key = key),
        )
    } else {
        (
            msg!("yaml-wrong-type", name = name, written = written),
            msg!("yaml-check-value-hint"),
        )
    }
}

/// `title: "Thông báo: lịch tiếp dân"` for the line `title: Thông báo: lịch tiếp dân`.
fn quote_hint(source: &str) -> Msg {
    let indent = &source[..source.len() - source.trim_start().len()];
    match source.trim_start().split_once(": ") {
        Some((key, value)) if !key.contains(' ') => msg!(
            "yaml-quote-hint",
            line = format!(
                "{indent}{key}: \"{}\"",
                value.trim().replace('\\', "\\\\").replace('"', "\\\"")
            )
        ),
        _ => msg!(
            "yaml-quote-hint",
            line = "title: \"Thông báo: lịch tiếp dân\""
        ),
    }
}

/// The line of the second `key:` at the start of a line.
fn second_key_line(yaml: &str, key: &str) -> Option<(usize, usize)> {
    let field = format!("{key}:");
    let mut lines = yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(&field));
    lines.next()?;
    lines
        .next()
        .map(|(i, l)| (i + 1, l.len() - l.trim_start().len() + 1))
}

/// The first value that opens a quote it does not close on its line.
fn open_quote(yaml: &str) -> Option<(usize, usize)> {
    for (i, line) in yaml.lines().enumerate() {
        let Some((_, value)) = line.split_once(": ") else {
            continue;
        };
        let v = value.trim();
        for q in ['"', '\''] {
            if v.starts_with(q) && (v.len() == 1 || !v.ends_with(q)) {
                let byte = line.len() - value.trim_start().len();
                return Some((i + 1, line[..byte].chars().count() + 1));
            }
        }
    }
    None
}

pub(super) fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(yaml: &str, schema: &Schema<'_>) -> Vec<Diagnostic> {
        let err = yaml_serde::from_str::<crate::frontmatter::PageFrontMatter>(yaml)
            .expect_err("the YAML is wrong");
        explain(Path::new("a.md"), yaml, 0, yaml, &err, schema)
    }

    #[test]
    fn levels_have_their_own_keys() {
        let s = crate::frontmatter::SECTION_SCHEMA;
        assert!(s.keys_at("").contains(&"sort_by"));
        assert!(s.keys_at("index").contains(&"publisher"));
        assert_eq!(s.keys_at("index.areas[3]"), &["key", "title", "summary"]);
        assert!(s.keys_at("nowhere").is_empty());
        assert_eq!(strip_indices("index.scores[12].year"), "index.scores.year");
    }

    #[test]
    fn unknown_keys_in_list_items_are_each_placed() {
        let yaml = "title: A\ndocument:\n  number: 1\n  foo: 1\n  bar: 2\nbaz: 3\n";
        let found = problems(yaml, &crate::frontmatter::PAGE_SCHEMA);
        let at: Vec<(u32, u32)> = found.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(at, [(4, 3), (5, 3), (6, 1)], "{found:?}");
    }

    #[test]
    fn the_quoted_line_to_write_keeps_its_quotes_escaped() {
        assert_eq!(
            quote_hint("  title: Họp: \"SIPAS\"").to_string(),
            "đặt cả giá trị trong ngoặc kép: `  title: \"Họp: \\\"SIPAS\\\"\"`"
        );
    }

    #[test]
    fn a_url_value_is_no_missing_space() {
        // `url:` is a key, but `https:` inside a value is none.
        let yaml = "title: A\nimage: https://x.vn/a.png\ndraft: có\n";
        let found = problems(yaml, &crate::frontmatter::PAGE_SCHEMA);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("`draft`"), "{found:?}");
    }

    #[test]
    fn the_second_of_a_repeated_key_is_shown() {
        assert_eq!(second_key_line("a: 1\nb: 2\na: 3\n", "a"), Some((3, 1)));
        assert_eq!(open_quote("a: 1\nb: \"x\nc: 'y'\n"), Some((2, 4)));
    }
}
