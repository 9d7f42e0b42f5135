//! Names that become paths, guarded at both ends.
//!
//! On the way in, [`source_name_problem`] decides whether a file name found
//! under `content/` or a theme is one congxa will publish: a name that a
//! Windows PC cannot hold (`\`, `:`, `?`, ...), a control character, or a
//! directory whose name gives no URL segment is refused with the file named.
//! On the way out, [`output_path_problem`] is the writer's own check that an
//! output path stays strictly inside the staging directory, whatever an
//! earlier stage let through (defence in depth: it is tested on its own).
//!
//! Both are pure: text in, a problem or nothing out.

use crate::messages::Msg;
use crate::msg;

/// The file that marks a directory as congxa's output (the writer puts it
/// there; no output may take its name).
pub const MARKER: &str = ".congxa-output";

/// Longest file or directory name most file systems accept, in bytes.
pub const MAX_NAME_BYTES: usize = 255;

/// Characters a Windows file name cannot hold (and `\`, which Windows reads
/// as a separator): a site that carries them cannot be checked out on the
/// editors' PCs, and `\` would turn into `/` there, with `..` after it.
const RESERVED: &[char] = &['\\', '<', '>', ':', '"', '|', '?', '*'];

/// What is wrong with one name, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameProblem {
    pub message: Msg,
    pub hint: Msg,
}

fn problem(message: Msg, hint: Msg) -> Option<NameProblem> {
    Some(NameProblem { message, hint })
}

/// Shows a name in a message with control characters escaped, so that a name
/// holding ESC cannot drive the terminal.
pub fn shown(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether one component of a file name found on disk may be published:
/// `is_dir` components (every one but the last) become URL segments, so they
/// must give a slug.
pub fn source_component_problem(name: &str, is_dir: bool) -> Option<NameProblem> {
    if name.is_empty() || name == "." || name == ".." {
        return problem(
            msg!("name-not-a-name", name = shown(name)),
            msg!("name-rename-hint"),
        );
    }
    // (The walk passes hidden files over; one that reaches here, such as
    // `..\x`, is refused for what else it holds, or for being hidden.)
    if let Some(c) = name.chars().find(|c| RESERVED.contains(c)) {
        let c = shown(&c.to_string());
        return problem(
            msg!("name-reserved", name = shown(name), char = c),
            msg!("name-reserved-hint"),
        );
    }
    if name.starts_with('.') {
        return problem(
            msg!("name-hidden", name = shown(name)),
            msg!("name-hidden-hint"),
        );
    }
    if name.chars().any(char::is_control) {
        return problem(
            msg!("name-control", name = shown(name)),
            msg!("name-control-hint"),
        );
    }
    if name.len() > MAX_NAME_BYTES {
        return problem(
            msg!("name-too-long", bytes = name.len(), max = MAX_NAME_BYTES),
            msg!("name-too-long-hint"),
        );
    }
    if is_dir && crate::text::slugify(name).is_empty() {
        return problem(
            msg!("name-folder-no-slug", name = shown(name)),
            msg!("name-folder-no-slug-hint"),
        );
    }
    None
}

/// [`source_component_problem`] for every component of a `/`-separated path
/// relative to `content/` or a theme directory.
pub fn source_path_problem(rel: &str) -> Option<NameProblem> {
    source_path_problem_as(rel, false)
}

/// [`source_path_problem`] for a path whose last part is a folder when `is_dir`.
pub fn source_path_problem_as(rel: &str, is_dir: bool) -> Option<NameProblem> {
    let mut parts = rel.split('/').peekable();
    while let Some(part) = parts.next() {
        let is_dir = is_dir || parts.peek().is_some();
        if let Some(p) = source_component_problem(part, is_dir) {
            return Some(p);
        }
    }
    None
}

/// Why the writer refuses the output path `rel` (relative to the staging
/// directory, `/`-separated), or `None` when it lies strictly inside it: not
/// empty, not absolute, no empty, `.` or `..` component, no `\`, `:` or
/// control character (a drive letter, a stream name or a second separator on
/// Windows), no name over [`MAX_NAME_BYTES`], and not congxa's own marker.
pub fn output_path_problem(rel: &str) -> Option<Msg> {
    if rel.is_empty() {
        return Some(msg!("out-path-empty"));
    }
    if rel.starts_with('/') {
        return Some(msg!("out-path-absolute", path = shown(rel)));
    }
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Some(msg!("out-path-dots", path = shown(rel)));
        }
        if part.contains(['\\', ':']) || part.chars().any(char::is_control) {
            return Some(msg!("out-path-chars", path = shown(rel)));
        }
        if part.len() > MAX_NAME_BYTES {
            return Some(msg!(
                "out-path-too-long",
                path = shown(&rel.chars().take(60).collect::<String>()),
                bytes = part.len(),
                max = MAX_NAME_BYTES
            ));
        }
    }
    if rel == MARKER || rel.starts_with(&format!("{MARKER}/")) {
        return Some(msg!("out-path-marker", path = rel));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_names_refused() {
        for bad in [
            "a\\..\\..\\..\\tmp\\victim",
            "..\\x.md",
            "C:\\Users\\x.md",
            "c:x.md",
            "a?b.md",
            "a*.md",
            "a|b.md",
            "\"q\".md",
            "<x>.md",
            "a\u{1b}[2Jb.md",
            "bell\u{7}.md",
            "",
            ".",
            "..",
            ".congxa-output",
            ".htaccess",
        ] {
            assert!(source_component_problem(bad, false).is_some(), "{bad:?}");
        }
        assert!(source_component_problem(&"a".repeat(256), false).is_some());
        for good in [
            "bai.md",
            "Ảnh họp thôn.JPG",
            "2024-07-16-ke-hoach.md",
            "a#b.pdf",
            "100%.pdf",
            "_index.md",
        ] {
            assert_eq!(source_component_problem(good, false), None, "{good:?}");
        }
        assert_eq!(source_component_problem(&"a".repeat(255), false), None);
    }

    #[test]
    fn folders_must_give_a_url_segment() {
        assert!(source_path_problem("?/x.md").is_some());
        assert!(source_path_problem("---/x.md").is_some());
        assert!(source_path_problem("(!)/x.md").is_some());
        assert!(
            source_path_problem("tin-tuc/---.pdf").is_none(),
            "files keep their names"
        );
        assert!(source_path_problem("Tin tức/bai.md").is_none());
        assert!(source_path_problem("a/b\\c/d.md").is_some());
    }

    #[test]
    fn output_paths_stay_inside() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a/./b",
            "a//b",
            "a/",
            "..",
            "a\\..\\..\\x",
            "C:/x",
            "c:x",
            "a/b:stream",
            "a\0b",
            "a\u{1b}b",
            ".congxa-output",
            ".congxa-output/index.html",
        ] {
            assert!(output_path_problem(bad).is_some(), "{bad:?}");
        }
        assert!(output_path_problem(&format!("a/{}", "x".repeat(256))).is_some());
        for good in [
            "index.html",
            "tin-tuc/bai/index.html",
            "Ảnh họp thôn.JPG",
            "a#b.pdf",
            ".well-known/x",
            "congxa-output",
        ] {
            assert_eq!(output_path_problem(good), None, "{good:?}");
        }
    }

    #[test]
    fn shown_names_escape_control_characters() {
        assert_eq!(shown("a\u{1b}[2J"), "a\\u{1b}[2J");
        assert_eq!(shown("Ảnh"), "Ảnh");
    }
}
