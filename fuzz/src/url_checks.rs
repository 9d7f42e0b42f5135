//! What the `url` fuzz target checks: `urls::classify`, the one function that
//! decides which addresses front matter and `site.yaml` may publish, against a
//! browser's reading of the address written here independently. Kept apart
//! from `checks.rs` so the test suite replays its corpus
//! (`tests/testsuite/safety_input.rs`) without the page machinery.

use congxa::urls::{UrlKind, WEB_SCHEMES, classify, fields};

/// The scheme (lower case) a browser reads at the start of `href`, as the
/// WHATWG URL Standard's "scheme start" and "scheme" states do: C0 controls
/// and spaces at either end ignored, tabs and newlines anywhere removed, an
/// ASCII letter then letters, digits, `+`, `-` or `.` up to a `:`.
pub fn browser_scheme(href: &str) -> Option<String> {
    let mut scheme = String::new();
    let kept = href
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    for c in kept {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme.to_ascii_lowercase()),
            c if c.is_ascii_alphabetic() => scheme.push(c),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c)
            }
            _ => return None,
        }
    }
    None
}

/// Would a browser read `href` as protocol-relative (`//host`, with `\` as `/`)?
fn protocol_relative(href: &str) -> bool {
    let kept: String = href
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(2)
        .collect();
    kept.len() == 2 && kept.chars().all(|c| c == '/' || c == '\\')
}

/// `Web`, `SitePath` or `Refused`, as a name.
fn kind(k: &UrlKind<'_>) -> &'static str {
    match k {
        UrlKind::Web(_) => "web",
        UrlKind::SitePath(_) => "site path",
        UrlKind::Refused(_) => "refused",
    }
}

/// Target `url`: any text through `classify` and `fields::alias_path`.
pub fn url(data: &[u8]) {
    let Ok(href) = std::str::from_utf8(data) else {
        return;
    };
    let scheme = browser_scheme(href);
    let web = scheme.as_deref().is_some_and(|s| WEB_SCHEMES.contains(&s));
    let k = classify(href);
    match &k {
        UrlKind::Web(w) => {
            assert!(web, "{href:?} published as web address, scheme {scheme:?}");
            assert_eq!(browser_scheme(w), scheme, "{href:?} → {w:?}");
            let lower = w.to_ascii_lowercase();
            assert!(
                WEB_SCHEMES
                    .iter()
                    .any(|s| lower.starts_with(&format!("{s}:"))),
                "{href:?} → {w:?} starts with no web scheme"
            );
            assert!(!w.contains(['\t', '\n', '\r']), "{w:?}");
        }
        UrlKind::SitePath(p) => {
            assert_eq!(scheme, None, "{href:?} is a site path with a scheme");
            assert_eq!(browser_scheme(p), None, "{href:?} → {p:?}");
            assert!(!protocol_relative(p), "{href:?} → {p:?} leaves the site");
            assert!(!p.contains(['\t', '\n', '\r']), "{p:?}");
            assert_eq!(
                p.trim_matches(|c: char| c <= ' '),
                &p[..],
                "{p:?} is not trimmed"
            );
        }
        UrlKind::Refused(_) => {
            assert!(
                !web && (scheme.is_some() || protocol_relative(href)),
                "{href:?} refused, scheme {scheme:?}"
            );
        }
    }
    // What a browser ignores changes nothing: case, tabs and newlines inside,
    // controls and spaces around.
    let mut with_tab = href.to_string();
    if let Some((i, _)) = href.char_indices().nth(1) {
        with_tab.insert(i, '\t');
    }
    for variant in [
        href.to_ascii_uppercase(),
        with_tab,
        format!(" \u{1}{href}\n\u{1f} "),
    ] {
        assert_eq!(
            kind(&classify(&variant)),
            kind(&k),
            "{href:?} vs {variant:?}"
        );
    }
    // An alias is a clean site path or refused.
    if let Ok(p) = fields::alias_path(href) {
        assert!(
            p.starts_with('/') && !p.starts_with("//"),
            "{href:?} → alias {p:?}"
        );
        assert!(
            !p.contains("..") && !p.contains('\\'),
            "{href:?} → alias {p:?}"
        );
        assert_eq!(browser_scheme(&p), None, "{href:?} → alias {p:?}");
        assert!(matches!(k, UrlKind::SitePath(_)), "{href:?} → alias {p:?}");
    }
}
