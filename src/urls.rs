//! Site paths (`/tin-tuc/bai/`) and how they become links: under the site's
//! base path for a web server, or relative and ending in `index.html` for the
//! kiosk build that runs from a USB stick; which addresses are published at
//! all is [`classify`]'s call.

mod classify;
pub mod fields;

pub use classify::{Refusal, UrlKind, WEB_SCHEMES, classify, is_web};

/// Turns site paths into hrefs for one build mode.
#[derive(Debug, Clone)]
pub struct UrlMaker {
    /// `/` or `/sub/path/`.
    pub base_path: String,
    /// `https://host/sub/path/`.
    pub base_url: String,
    /// Kiosk mode: every link relative to the linking page, ending in `index.html`.
    pub relative: bool,
}

impl UrlMaker {
    /// The href to put in the page at site path `from` for a link to site path `to`
    /// (which may carry `?query` and `#fragment`).
    pub fn href(&self, from: &str, to: &str) -> String {
        if !to.starts_with('/') {
            return to.to_string();
        }
        let split_at = to.find(['#', '?']).unwrap_or(to.len());
        let (path, suffix) = to.split_at(split_at);
        if self.relative {
            relative_href(from, path) + suffix
        } else {
            // Made by hand: `format!` costs more than the copying (a build makes
            // about a hundred links per output).
            [&self.base_path, path.trim_start_matches('/'), suffix].concat()
        }
    }

    /// Absolute URL (for canonical links, feeds, sitemaps, QR codes).
    pub fn absolute(&self, path: &str) -> String {
        [&self.base_url, path.trim_start_matches('/')].concat()
    }
}

fn relative_href(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = {
        let dir = if from.ends_with('/') {
            from
        } else {
            &from[..from.rfind('/').map(|i| i + 1).unwrap_or(0)]
        };
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    let mut to_parts: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let to_is_dir = to.ends_with('/');
    let common = from_dir
        .iter()
        .zip(to_parts.iter())
        .take_while(|(a, b)| a == b)
        .count();
    // A directory target keeps its last segment; a file target's last part is the file.
    let mut out = "../".repeat(from_dir.len() - common);
    let rest = to_parts.split_off(common);
    for part in &rest {
        out.push_str(part);
        out.push('/');
    }
    if to_is_dir || rest.is_empty() && to_parts.len() == common && to.ends_with('/') {
        out.push_str("index.html");
    } else {
        out.pop();
    }
    if out.is_empty() {
        "index.html".into()
    } else {
        out
    }
}

/// Join a content-relative directory and a relative link, resolving `.` and `..`.
/// Returns `None` when the link climbs above `content/`.
pub fn join_relative(dir: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maker(relative: bool) -> UrlMaker {
        UrlMaker {
            base_path: "/xa/".into(),
            base_url: "https://h.vn/xa/".into(),
            relative,
        }
    }

    #[test]
    fn base_path_links() {
        let m = maker(false);
        assert_eq!(m.href("/a/", "/tin-tuc/bai/#muc"), "/xa/tin-tuc/bai/#muc");
        assert_eq!(m.href("/a/", "https://x.vn"), "https://x.vn");
        assert_eq!(m.absolute("/the/"), "https://h.vn/xa/the/");
    }

    #[test]
    fn kiosk_links_are_relative_and_end_in_index_html() {
        let m = maker(true);
        assert_eq!(
            m.href("/tin-tuc/bai/", "/par-index/"),
            "../../par-index/index.html"
        );
        assert_eq!(m.href("/", "/"), "index.html");
        assert_eq!(m.href("/", "/tin-tuc/"), "tin-tuc/index.html");
        assert_eq!(m.href("/tin-tuc/", "/tin-tuc/"), "index.html");
        assert_eq!(m.href("/tin-tuc/bai/", "/style.css"), "../../style.css");
        assert_eq!(m.href("/404.html", "/style.css"), "style.css");
        assert_eq!(m.href("/a/b/", "/a/"), "../index.html");
        assert_eq!(m.href("/a/", "/a/b/#x"), "b/index.html#x");
    }

    #[test]
    fn joining_relative_links() {
        assert_eq!(
            join_relative("tin-tuc", "../par-index/_index.md").as_deref(),
            Some("par-index/_index.md")
        );
        assert_eq!(join_relative("", "../x.md"), None);
    }
}
