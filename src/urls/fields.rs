//! The URL-bearing fields of front matter and `site.yaml`, checked with
//! [`classify`]: each problem is a message and a hint for a diagnostic at the
//! field.

use super::{UrlKind, classify};
use crate::diagnostics::{yaml_item_position, yaml_key_position};
use crate::messages::Msg;
use crate::msg;

/// A problem with a field: message and hint.
pub type Problem = (Msg, Msg);

/// The problem with `value` in the URL field `field` (`image`, `menu[].url`,
/// ...), if [`classify`] refuses it; web addresses and site paths pass.
pub fn refused(field: &str, value: &str) -> Option<Problem> {
    match classify(value) {
        UrlKind::Refused(r) => Some((r.message(field, value), r.hint())),
        UrlKind::Web(_) | UrlKind::SitePath(_) => None,
    }
}

/// The site path an `aliases:` entry redirects from (`tin-cu/a` →
/// `/tin-cu/a/`). An alias is an old address of this very site, so only a
/// clean site path is one.
pub fn alias_path(alias: &str) -> Result<String, Problem> {
    let clean = || msg!("alias-clean-hint");
    let p = match classify(alias) {
        UrlKind::SitePath(p) => p,
        UrlKind::Web(_) => {
            return Err((msg!("alias-outside", alias = alias), clean()));
        }
        UrlKind::Refused(r) => return Err((r.message("aliases", alias), clean())),
    };
    let mut p = if p.starts_with('/') {
        p.into_owned()
    } else {
        format!("/{p}")
    };
    if !p.ends_with('/') && !p.ends_with(".html") {
        p.push('/');
    }
    if p.contains("..") || p.contains('\\') {
        return Err((msg!("alias-not-clean", alias = alias), clean()));
    }
    Ok(p)
}

/// 1-based (line, col) in `yaml` at which to report `value`, the URL in the
/// `nth` (0-based) field `sub` of the top-level `key` (`document` → `file`,
/// `menu` → `url`), or an item of `key` itself (`sub` `None`): where `value`
/// is written, when it is found as written; else (a quoted value with
/// escapes) the value of the `nth` `sub:` in `key`'s block; else `key`.
pub fn position(yaml: &str, key: &str, sub: Option<(&str, usize)>, value: &str) -> (usize, usize) {
    let Some(key_at) = yaml_key_position(yaml, key) else {
        return (1, 1);
    };
    if let Some(found) = yaml_item_position(yaml, key, value).filter(|&p| p != key_at) {
        return found;
    }
    let Some((sub, nth)) = sub else {
        return key_at;
    };
    let field = format!("{sub}:");
    let block = yaml.lines().enumerate().skip(key_at.0 - 1);
    let mut seen = 0;
    for (i, line) in block {
        if i + 1 > key_at.0 && !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            break;
        }
        let from = if i + 1 == key_at.0 { key.len() + 1 } else { 0 };
        for (at, _) in line.get(from..).unwrap_or("").match_indices(&field) {
            let before = line[..from + at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if seen == nth {
                let after = &line[from + at + field.len()..];
                let byte = line.len() - after.trim_start().len();
                return (i + 1, line[..byte].chars().count() + 1);
            }
            seen += 1;
        }
    }
    key_at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_escaped_values_are_their_fields() {
        let y = "title: A\ndocument:\n  number: 1\n  file: \"java\\tscript:x\"\nmenu:\n  - {title: A, url: /a/}\n  - {title: B, url: \"\\e\"}\n  - title: C\n    url:   \"C:\\\\x\"\nlinks: [{title: X, url: javascript:x}]\n";
        assert_eq!(
            position(y, "document", Some(("file", 0)), "java\tscript:x"),
            (4, 9)
        );
        assert_eq!(position(y, "menu", Some(("url", 1)), "\u{1b}"), (7, 21));
        assert_eq!(position(y, "menu", Some(("url", 2)), "C:\\x"), (9, 12));
        assert_eq!(position(y, "menu", Some(("url", 0)), "/a/"), (6, 21));
        assert_eq!(
            position(y, "links", Some(("url", 0)), "javascript:x"),
            (10, 25)
        );
        assert_eq!(position(y, "nope", None, "x"), (1, 1));
        assert_eq!(position(y, "document", None, "\t"), (2, 1));
    }

    #[test]
    fn aliases_are_site_paths() {
        assert_eq!(alias_path("tin-cu/a").unwrap(), "/tin-cu/a/");
        assert_eq!(alias_path(" /tin-cu/a.html ").unwrap(), "/tin-cu/a.html");
        for bad in [
            "javascript:alert(1)",
            "https://x.vn/a/",
            "//evil.example/",
            "/a/../../b",
            "a\\b",
        ] {
            assert!(alias_path(bad).is_err(), "{bad}");
        }
        assert!(refused("image", "JaVaScRiPt:x").is_some());
        assert!(refused("image", "anh.jpg").is_none());
        assert!(refused("image", "https://x.vn/a.jpg").is_none());
    }
}
