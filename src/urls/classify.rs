//! Which addresses congxa publishes. One function, [`classify`], decides for
//! every URL-bearing field of front matter and `site.yaml` (`image`,
//! `document.file`, `aliases`, `menu[].url`, `links[].url`) and tells Markdown
//! links to outside addresses from links into the site.
//!
//! Published: web addresses (`http:`, `https:`), `mailto:` and `tel:`, and
//! paths inside the site (`kh-93.pdf`, `../tai-lieu/a.pdf`, `/gioi-thieu/`).
//! Refused: every other scheme (`javascript:`, `data:`, `vbscript:`, `file:`,
//! `C:` ...) and protocol-relative addresses (`//host/`, `/\host/`, `\\host`)
//! that leave the site without saying for which scheme.
//!
//! The address is read the way a browser reads an `href` (WHATWG URL
//! Standard): leading and trailing C0 controls and spaces are ignored, tabs and
//! newlines anywhere are removed, the scheme is case-insensitive, and `\` is
//! `/`. So ` JaVaScRiPt:`, `java\tscript:` and `java\nscript:` are refused
//! like `javascript:`.

use std::borrow::Cow;

/// Schemes congxa publishes, lower case.
pub const WEB_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// What an address is, by [`classify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlKind<'a> {
    /// An address outside the site with a published scheme, as a browser reads
    /// it (trimmed, tabs and newlines removed).
    Web(Cow<'a, str>),
    /// A path inside the site, relative (`kh-93.pdf`) or from its root
    /// (`/gioi-thieu/`), trimmed, tabs and newlines removed.
    SitePath(Cow<'a, str>),
    /// Never published.
    Refused(Refusal),
}

/// Why an address is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A scheme other than those of [`WEB_SCHEMES`], lower case (`javascript`).
    Scheme(String),
    /// `//host/...` (or with `\`): another site, scheme left to the browser.
    ProtocolRelative,
}

impl Refusal {
    /// The problem, for a diagnostic about the field `field` holding `value`.
    pub fn message(&self, field: &str, value: &str) -> crate::messages::Msg {
        // On one line: the tab or newline a browser would skip, shown as escapes.
        let value = value
            .replace('\t', "\\t")
            .replace('\n', "\\n")
            .replace('\r', "\\r");
        match self {
            Refusal::Scheme(s) => crate::msg!(
                "url-refused-scheme",
                field = field,
                value = value,
                scheme = s
            ),
            Refusal::ProtocolRelative => {
                crate::msg!("url-protocol-relative", field = field, value = value)
            }
        }
    }

    /// What to do about it.
    pub fn hint(&self) -> crate::messages::Msg {
        match self {
            Refusal::Scheme(_) => crate::msg!("url-refused-scheme-hint"),
            Refusal::ProtocolRelative => crate::msg!("url-protocol-relative-hint"),
        }
    }
}

/// Is `c` ignored at either end of an address (a C0 control or space)?
fn edge(c: char) -> bool {
    c <= ' '
}

/// Classify `url` as a browser would read it in an `href` or `src`.
pub fn classify(url: &str) -> UrlKind<'_> {
    let trimmed = url.trim_matches(edge);
    let clean: Cow<'_, str> = if trimmed.contains(['\t', '\n', '\r']) {
        Cow::Owned(
            trimmed
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect(),
        )
    } else {
        Cow::Borrowed(trimmed)
    };
    if let Some(scheme) = scheme(&clean) {
        let scheme = scheme.to_ascii_lowercase();
        return if WEB_SCHEMES.contains(&scheme.as_str()) {
            UrlKind::Web(clean)
        } else {
            UrlKind::Refused(Refusal::Scheme(scheme))
        };
    }
    let slash = |b: Option<&u8>| matches!(b, Some(b'/' | b'\\'));
    if slash(clean.as_bytes().first()) && slash(clean.as_bytes().get(1)) {
        return UrlKind::Refused(Refusal::ProtocolRelative);
    }
    UrlKind::SitePath(clean)
}

/// The scheme of `url` (before `:`, an ASCII letter then letters, digits, `+`,
/// `-` or `.`), if it has one; otherwise it is relative.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let s = &url[..end];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(s)
}

/// Is `url` published as an outside address (not checked against the site)?
pub fn is_web(url: &str) -> bool {
    matches!(classify(url), UrlKind::Web(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(url: &str) -> &'static str {
        match classify(url) {
            UrlKind::Web(_) => "web",
            UrlKind::SitePath(_) => "site",
            UrlKind::Refused(Refusal::Scheme(_)) => "scheme",
            UrlKind::Refused(Refusal::ProtocolRelative) => "protocol-relative",
        }
    }

    #[test]
    fn web_addresses_and_site_paths_pass() {
        for url in [
            "https://dichvucong.gov.vn",
            "HTTP://x.vn/a?b#c",
            " https://x.vn/ ",
            "mailto:ubnd@hoaphu.gov.vn",
            "tel:0243",
            "Tel:+84-24",
            "ht\ttps://x.vn",
        ] {
            assert_eq!(kind(url), "web", "{url:?}");
        }
        for url in [
            "kh-93.pdf",
            "../tai-lieu/a.pdf",
            "/gioi-thieu/",
            "/",
            "",
            "#muc",
            "?q=1",
            "anh hội nghị.jpg",
            "a/b:c",
            "1abc:x",
            "javascript%3Aalert(1)",
            "./javascript:alert(1)",
            "/javascript:alert(1)",
            "-x:y",
        ] {
            assert_eq!(kind(url), "site", "{url:?}");
        }
        assert_eq!(classify(" /a/\t"), UrlKind::SitePath("/a/".into()));
        assert_eq!(classify("ht\ntps://x"), UrlKind::Web("https://x".into()));
    }

    #[test]
    fn other_schemes_and_protocol_relative_are_refused() {
        for url in [
            "javascript:alert(1)",
            "javascript://%0aalert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}\u{1f}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "javascript\t:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/svg+xml;base64,PHN2Zz4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "C:\\anh.jpg",
            "c:/anh.jpg",
            "blob:https://x/1",
            "x-custom+a.b:1",
        ] {
            assert_eq!(kind(url), "scheme", "{url:?}");
        }
        // NUL is no scheme character: as for a browser, a relative path.
        assert_eq!(kind("https\u{0}:x"), "site");
        assert_eq!(
            classify(" JaVa\tScRiPt:x"),
            UrlKind::Refused(Refusal::Scheme("javascript".into()))
        );
        for url in [
            "//evil.example",
            "//evil.example/a.pdf",
            " //evil.example",
            "\\\\evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
        ] {
            assert_eq!(kind(url), "protocol-relative", "{url:?}");
        }
    }

    #[test]
    fn messages_name_field_and_scheme() {
        let r = Refusal::Scheme("javascript".into());
        assert!(r.message("image", "javascript:x").contains("`javascript:`"));
        assert!(
            r.hint()
                .render(crate::messages::Lang::En)
                .contains("https://")
        );
        assert!(
            r.message("image", "java\tscript:\n")
                .contains("`java\\tscript:\\n`")
        );
        assert!(
            Refusal::ProtocolRelative
                .message("document.file", "//x")
                .contains("`document.file`")
        );
    }
}
