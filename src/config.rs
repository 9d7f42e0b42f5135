//! `site.yaml`: the raw, strictly-typed file (unknown keys are errors) and the
//! resolved configuration every later stage reads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::tz::Offset;
use serde::{Deserialize, Serialize};

use crate::dates::parse_offset;
use crate::diagnostics::{Diagnostic, yaml_key_position};
use crate::frontmatter::Schema;
use crate::messages::Msg;
use crate::msg;
use crate::urls::fields::{position, refused};

/// `site.yaml` as written by the editor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_timezone")]
    timezone: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_paginate")]
    paginate: usize,
    #[serde(default)]
    organization: Organization,
    menu: Option<Vec<Link>>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    abbreviations: BTreeMap<String, String>,
    /// The commune's logo: a file under `content/`.
    logo: Option<String>,
    /// Focal-point officials (đầu mối liên hệ).
    #[serde(default)]
    contacts: Vec<Contact>,
    admin: Option<crate::admin::AdminConfig>,
    #[serde(default)]
    images: RawImages,
}

/// `images:` as written: variant widths and encoder quality.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImages {
    widths: Option<Vec<u32>>,
    quality: Option<u8>,
}

fn default_language() -> String {
    "vi".into()
}
fn default_timezone() -> String {
    "+07:00".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    10
}

/// The commune's contact block, shown in the footer and on contact pages.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub hours: String,
}

/// A focal-point official (đầu mối liên hệ), shown on the contact pages
/// (NĐ 42/2022/NĐ-CP: name, position, unit, phone and official email).
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

/// A titled link (menu entry or related agency).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
    /// Where `url` is written in `site.yaml` (line, col) and that line, for
    /// problems found once the site's pages are known.
    #[serde(skip)]
    pub at: (usize, usize),
    #[serde(skip)]
    pub line: String,
}

/// The resolved site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    /// `https://host/sub/path/` — always ends with `/`.
    pub base_url: String,
    /// `/sub/path/` — the path part of `base_url`, always starting and ending with `/`.
    pub base_path: String,
    pub language: String,
    pub offset: Offset,
    pub theme: String,
    pub paginate: usize,
    pub organization: Organization,
    pub menu: Option<Vec<Link>>,
    pub links: Vec<Link>,
    pub abbreviations: BTreeMap<String, String>,
    /// `logo:` as written (checked against the content files by the pipeline).
    pub logo: Option<String>,
    pub contacts: Vec<Contact>,
    /// The text of `site.yaml`, for pointing at a key's line.
    pub source: String,
    /// `admin:`: publish `/admin/` (Decap CMS), validated.
    pub admin: Option<crate::admin::AdminConfig>,
    /// `images:`, the photo variants made.
    pub images: crate::images::Settings,
}

pub const CONFIG_FILE: &str = "site.yaml";

impl Config {
    /// Read and validate `<root>/site.yaml`. `base_url_override` is `--base-url`.
    pub fn load(root: &Path, base_url_override: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let shown = PathBuf::from(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            vec![
                Diagnostic::file(&shown, msg!("config-unreadable", error = e.to_string()))
                    .with_hint(msg!(
                        "config-unreadable-hint",
                        root = root.display().to_string()
                    )),
            ]
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            vec![
                Diagnostic::file(
                    &shown,
                    msg!("not-utf8-at", byte = e.utf8_error().valid_up_to()),
                )
                .with_hint(msg!("save-as-utf8-hint")),
            ]
        })?;
        let text = crate::text::normalize_source(&text);
        Self::parse(root, &shown, &text, base_url_override)
    }

    /// Validate a `site.yaml` text (pure: no I/O).
    pub fn parse(
        root: &Path,
        shown: &Path,
        text: &str,
        base_url_override: Option<&str>,
    ) -> Result<Config, Vec<Diagnostic>> {
        crate::yaml_guard::check(text).map_err(|r| vec![r.diagnostic(shown, text, 0)])?;
        let raw: RawConfig = yaml_serde::from_str(text)
            .map_err(|e| crate::frontmatter::explain(shown, text, 0, text, &e, &CONFIG_SCHEMA))?;
        let mut problems = Vec::new();
        let at = |key: &str| yaml_key_position(text, key).unwrap_or((1, 1));
        let offset = parse_offset(&raw.timezone).unwrap_or_else(|e| {
            let (l, c) = at("timezone");
            problems.push(
                Diagnostic::new(shown, l, c, e)
                    .with_source(text)
                    .with_hint(msg!("config-timezone-hint")),
            );
            Offset::UTC
        });
        let base_url = base_url_override.unwrap_or(&raw.base_url);
        let (base_url, base_path) = match split_base_url(base_url) {
            Ok(v) => v,
            Err(e) => {
                let (l, c) = at("base_url");
                let mut d = Diagnostic::new(shown, l, c, e).with_hint(msg!("config-base-url-hint"));
                if base_url_override.is_none() {
                    d = d.with_source(text);
                }
                problems.push(d);
                ("/".into(), "/".into())
            }
        };
        let mut raw = raw;
        let menu = raw.menu.as_deref_mut().unwrap_or_default();
        for (key, list) in [("menu", menu), ("links", &mut raw.links[..])] {
            for (i, link) in list.iter_mut().enumerate() {
                let url = link.url.as_str();
                let (l, c) = position(text, key, Some(("url", i)), url);
                link.at = (l, c);
                link.line = text
                    .lines()
                    .nth(l.saturating_sub(1))
                    .unwrap_or("")
                    .to_string();
                if let Some((message, hint)) = refused(&format!("{key}[].url"), url) {
                    problems.push(
                        Diagnostic::new(shown, l, c, message)
                            .with_source(text)
                            .with_hint(hint),
                    );
                }
            }
        }
        if raw.paginate == 0 {
            let (l, c) = at("paginate");
            problems.push(Diagnostic::new(shown, l, c, msg!("config-paginate")).with_source(text));
        }
        let images = image_settings(&raw.images, shown, text, &mut problems);
        if let Some(admin) = &raw.admin {
            problems.extend(admin.problems(shown, text));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            base_url,
            base_path,
            language: raw.language,
            offset,
            theme: raw.theme,
            paginate: raw.paginate,
            organization: raw.organization,
            menu: raw.menu,
            links: raw.links,
            abbreviations: raw.abbreviations,
            logo: raw.logo.map(|l| l.trim().to_string()),
            contacts: raw.contacts,
            source: text.to_string(),
            admin: raw.admin,
            images,
        })
    }

    /// Absolute URL of a site path (`/tin-tuc/` → `https://host/sub/tin-tuc/`).
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
}

/// The keys of `site.yaml`, level by level.
const CONFIG_SCHEMA: Schema<'static> = Schema {
    top: &[
        "title",
        "description",
        "base_url",
        "language",
        "timezone",
        "theme",
        "paginate",
        "organization",
        "menu",
        "links",
        "abbreviations",
        "logo",
        "contacts",
        "admin",
        "images",
    ],
    nested: &[
        (
            "organization",
            &["name", "address", "phone", "email", "hours"],
        ),
        ("menu", &["title", "url"]),
        ("links", &["title", "url"]),
        ("contacts", &["name", "position", "unit", "phone", "email"]),
        ("images", &["widths", "quality"]),
        (
            "admin",
            &[
                "backend", "repo", "branch", "script", "app_id", "api_root", "auth_url",
            ],
        ),
    ],
};

/// Narrowest and widest variant width `images.widths` may ask for (WebP
/// stores at most 16383 pixels a side).
const WIDTH_RANGE: std::ops::RangeInclusive<u32> = 16..=8192;

/// `images:` resolved, its problems added to `problems`.
fn image_settings(
    raw: &RawImages,
    shown: &Path,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> crate::images::Settings {
    let mut settings = crate::images::Settings::default();
    let at =
        |key: &str| crate::diagnostics::yaml_item_position(text, "images", key).unwrap_or((1, 1));
    if let Some(widths) = &raw.widths {
        if widths.is_empty() || widths.iter().any(|w| !WIDTH_RANGE.contains(w)) {
            let (l, c) = at("widths");
            problems.push(
                Diagnostic::new(
                    shown,
                    l,
                    c,
                    crate::msg!(
                        "images-widths",
                        min = WIDTH_RANGE.start().to_string(),
                        max = WIDTH_RANGE.end().to_string()
                    ),
                )
                .with_source(text)
                .with_hint(crate::msg!("images-widths-hint")),
            );
        } else {
            let mut w = widths.clone();
            w.sort_unstable();
            w.dedup();
            settings.widths = w;
        }
    }
    if let Some(q) = raw.quality {
        if (1..=100).contains(&q) {
            settings.quality = q;
        } else {
            let (l, c) = at("quality");
            problems.push(
                Diagnostic::new(shown, l, c, crate::msg!("images-quality"))
                    .with_source(text)
                    .with_hint(crate::msg!("images-quality-hint")),
            );
        }
    }
    settings
}

/// Split `https://host/sub` into (`https://host/sub/`, `/sub/`).
fn split_base_url(url: &str) -> Result<(String, String), Msg> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| msg!("config-base-url-scheme", url = url))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(msg!("config-base-url-host", url = url));
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    let scheme_len = url.len() - rest.len();
    Ok((format!("{}{}{}", &url[..scheme_len], host, path), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_with_sub_path() {
        assert_eq!(
            split_base_url("https://host.vn/xa-hoa-phu").unwrap(),
            (
                "https://host.vn/xa-hoa-phu/".to_string(),
                "/xa-hoa-phu/".to_string()
            )
        );
        assert_eq!(split_base_url("http://h").unwrap().1, "/");
        assert!(split_base_url("host.vn").is_err());
    }

    #[test]
    fn menu_and_link_urls_must_be_web_addresses_or_site_paths() {
        let text = "title: A\nbase_url: https://a.vn/\nmenu:\n  - {title: Ok, url: /gioi-thieu/}\n  - {title: X, url: \"JaVaScRiPt:alert(1)\"}\nlinks:\n  - {title: Y, url: //evil.example/}\n  - {title: Z, url: https://dichvucong.gov.vn}\n";
        let err = Config::parse(Path::new("."), Path::new("site.yaml"), text, None).unwrap_err();
        let shown: Vec<String> = err
            .iter()
            .map(|d| d.render(crate::messages::Lang::En))
            .collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("site.yaml:5:22: `menu[].url` is `JaVaScRiPt:alert(1)`"),
            "{}",
            shown[0]
        );
        assert!(
            shown[1].starts_with("site.yaml:7:21: `links[].url` is `//evil.example/`"),
            "{}",
            shown[1]
        );
    }

    #[test]
    fn unknown_key_is_an_error_with_suggestion() {
        let text = "title: A\nbase_url: https://a.vn/\npaginte: 3\n";
        let err = Config::parse(Path::new("."), Path::new("site.yaml"), text, None).unwrap_err();
        let shown = err[0].to_string();
        assert!(shown.starts_with("site.yaml:3:"), "{shown}");
        assert!(shown.contains("paginate"), "{shown}");
    }
}
