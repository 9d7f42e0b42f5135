//! Checks of what the model will make the build write, so that `check`
//! refuses what `build` would fail on: names too long for a file system and
//! aliases that are not clean site paths. (A feature's own checks, such as
//! civic's QR codes, come in through `Feature::checks`.)

use rustc_hash::FxHashSet as HashSet;

use super::{Claimant, Generated, Site};
use crate::diagnostics::Diagnostic;
use crate::paths::{MAX_NAME_BYTES, shown};

/// Claimed site paths holding a name longer than a file system takes: one
/// problem per such name, at the first claimant (a page's leaflet and
/// broadcast script share its path).
pub(super) fn long_names(
    site: &Site,
    civic: &Generated,
    claims: &[(&str, super::Target, Claimant)],
) -> Vec<Diagnostic> {
    let mut seen: HashSet<&str> = HashSet::default();
    let mut out = Vec::new();
    for &(path, _, who) in claims {
        let Some(long) = path.split('/').find(|s| s.len() > MAX_NAME_BYTES) else {
            continue;
        };
        if !seen.insert(long) {
            continue;
        }
        out.push(who.problem(
            site,
            civic,
            "content".into(),
            |what| {
                format!(
                    "the URL of {what} has a part {} bytes long (`{}…`); file systems take at most {MAX_NAME_BYTES} bytes per name",
                    long.len(),
                    shown(&long.chars().take(40).collect::<String>())
                )
            },
            "give a shorter `slug:` (or file name)",
        ));
    }
    out
}

/// Why the alias `path` (already made absolute, ending in `/` or `.html`) is
/// not a clean site path, if it is not: every part a plain name (no `.` at
/// its start, so no `..` and none of congxa's own `.congxa-*` files), no
/// `\`, `?`, `#`, `:` or control character, and a file name a system takes.
pub(super) fn alias_problem(path: &str) -> Option<&'static str> {
    let inner = path.trim_start_matches('/').trim_end_matches('/');
    if inner.is_empty() {
        return Some("it is the home page");
    }
    for part in inner.split('/') {
        if part.is_empty() || part.starts_with('.') {
            return Some("a part of it is empty or starts with `.`");
        }
        if part.contains(['\\', '?', '#', ':']) || part.chars().any(char::is_control) {
            return Some("it holds `\\`, `?`, `#`, `:` or a control character");
        }
        if part.len() > MAX_NAME_BYTES {
            return Some("a part of it is longer than a file name may be");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths() {
        for bad in [
            "/",
            "/.congxa-output/",
            "/.congxa-output",
            "/a/../b/",
            "/../x/",
            "/a//b/",
            "/a\\b/",
            "/tin?id=5/",
            "/a#b/",
            "/c:/x/",
            "/a\u{1b}b/",
            "/.hidden/",
        ] {
            assert!(alias_problem(bad).is_some(), "{bad:?}");
        }
        for good in ["/tin-cu/ke-hoach/", "/old.html", "/a/b/c/", "/tin-cũ/"] {
            assert_eq!(alias_problem(good), None, "{good:?}");
        }
    }
}
