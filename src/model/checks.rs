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
    use rayon::prelude::*;
    // Looked for in parallel (70,000 paths at 10k pages), reported in order.
    let found: Vec<(&str, Claimant)> = claims
        .par_iter()
        .filter_map(|&(path, _, who)| {
            let long = path.split('/').find(|s| s.len() > MAX_NAME_BYTES)?;
            Some((long, who))
        })
        .collect();
    let mut seen: HashSet<&str> = HashSet::default();
    let mut out = Vec::new();
    for (long, who) in found {
        if !seen.insert(long) {
            continue;
        }
        out.push(who.problem(
            site,
            civic,
            "content".into(),
            |what| {
                crate::msg!(
                    "url-part-too-long",
                    what = what,
                    bytes = long.len(),
                    start = shown(&long.chars().take(40).collect::<String>()),
                    max = MAX_NAME_BYTES
                )
            },
            crate::msg!("url-part-too-long-hint"),
        ));
    }
    out
}

/// Why the alias `path` (already made absolute, ending in `/` or `.html`) is
/// not a clean site path, if it is not: every part a plain name (no `.` at
/// its start, so no `..` and none of congxa's own `.congxa-*` files), no
/// `\`, `?`, `#`, `:` or control character, and a file name a system takes.
pub(super) fn alias_problem(path: &str) -> Option<crate::messages::Msg> {
    use crate::msg;
    let inner = path.trim_start_matches('/').trim_end_matches('/');
    if inner.is_empty() {
        return Some(msg!("alias-is-home"));
    }
    for part in inner.split('/') {
        if part.is_empty() || part.starts_with('.') {
            return Some(msg!("alias-empty-part"));
        }
        if part.contains(['\\', '?', '#', ':']) || part.chars().any(char::is_control) {
            return Some(msg!("alias-bad-char"));
        }
        if part.len() > MAX_NAME_BYTES {
            return Some(msg!("alias-part-too-long"));
        }
    }
    None
}

/// `menu:` and `links:` of `site.yaml` that point inside the site to
/// nothing: a page renamed or removed leaves a dead link on every page.
pub(super) fn site_links(site: &Site) -> Vec<Diagnostic> {
    let config = &site.config;
    let menu = config.menu.as_deref().unwrap_or_default();
    let mut found = Vec::new();
    for (key, list) in [("menu", menu), ("links", &config.links[..])] {
        for link in list {
            let crate::urls::UrlKind::SitePath(path) = crate::urls::classify(&link.url) else {
                continue;
            };
            let Some(path) = path.strip_prefix('/') else {
                continue;
            };
            let path = path.split(['#', '?']).next().unwrap_or("");
            let path = format!("/{path}");
            let routes = &site.routes.paths;
            if routes.contains_key(&path)
                || routes.contains_key(&format!("{path}/"))
                || routes.contains_key(&format!("{path}index.html"))
            {
                continue;
            }
            let candidates = routes
                .keys()
                .filter(|p| p.ends_with('/') && !p.contains("/trang/"));
            let hint = match crate::diagnostics::did_you_mean(&path, candidates.map(String::as_str))
            {
                Some(s) => crate::msg!("menu-link-did-you-mean", name = s),
                None => crate::msg!("menu-link-missing-hint"),
            };
            found.push(
                Diagnostic::new(
                    crate::config::CONFIG_FILE,
                    link.at.0,
                    link.at.1,
                    crate::msg!("menu-link-missing", key = key, url = link.url.trim()),
                )
                .with_source_line(&link.line)
                .with_hint(hint),
            );
        }
    }
    found
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
