//! `/admin/`: a Decap CMS page for editors who never open a terminal, and
//! its `config.yml` generated from the site itself (sections, indices and
//! areas, the front-matter schema), so that the form never drifts from what
//! `congxa check` accepts.
//!
//! Published only with `admin:` in `site.yaml`, and never by the kiosk build
//! (`--relative`: the office computer edits nothing). The two files are
//! outside the sitemap, the search index and the feeds (those list pages
//! only), and the page says `noindex`.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, yaml_key_position};
use crate::model::Site;
use crate::render::OutputFile;
use crate::urls::{UrlKind, UrlMaker, classify};

mod decap;
#[cfg(test)]
mod tests;

pub use decap::{DecapConfig, decap_config};

/// Site path of the admin page.
pub const ADMIN_PATH: &str = "/admin/";

/// Where `decap-cms.js` is loaded from unless `admin.script` says otherwise:
/// a pinned release on a public CDN (a new release is taken by changing this
/// line, after trying it on `congxa serve`).
pub const DEFAULT_SCRIPT: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";

/// The Git host the published admin commits to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Github,
    Gitlab,
    Gitea,
}

impl Backend {
    /// Decap's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Github => "github",
            Backend::Gitlab => "gitlab",
            Backend::Gitea => "gitea",
        }
    }
}

/// `admin:` in `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminConfig {
    pub backend: Backend,
    /// `owner/name` (GitLab: `group/subgroup/name`).
    pub repo: String,
    #[serde(default = "default_branch")]
    pub branch: String,
    /// Where `decap-cms.js` comes from: an `https://` address or a site path.
    #[serde(default = "default_script")]
    pub script: String,
    /// OAuth application id (GitLab and Gitea sign in with it, PKCE: no server).
    pub app_id: Option<String>,
    /// API of a self-hosted GitLab or Gitea: `https://git.example.vn/api/v1`.
    pub api_root: Option<String>,
    /// Sign-in server: the Gitea or GitLab address, or GitHub's OAuth proxy.
    pub auth_url: Option<String>,
}

fn default_branch() -> String {
    "main".into()
}
fn default_script() -> String {
    DEFAULT_SCRIPT.into()
}

impl AdminConfig {
    /// What is wrong with the block, positioned in `site.yaml` (`text`).
    pub fn problems(&self, shown: &Path, text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        use crate::messages::Msg;
        use crate::msg;
        let mut refuse = |key: &str, value: &str, message: Msg, hint: Msg| {
            let (l, c) = crate::urls::fields::position(text, "admin", Some((key, 0)), value);
            let (l, c) = if (l, c) == (1, 1) {
                yaml_key_position(text, "admin").unwrap_or((1, 1))
            } else {
                (l, c)
            };
            out.push(
                Diagnostic::new(shown, l, c, message)
                    .with_source(text)
                    .with_hint(hint),
            );
        };
        if !repo_ok(&self.repo) {
            refuse(
                "repo",
                &self.repo,
                msg!("admin-repo", value = &self.repo),
                msg!("admin-repo-hint"),
            );
        }
        if self.branch.trim().is_empty()
            || self.branch.contains(char::is_whitespace)
            || self.branch.contains("..")
        {
            refuse(
                "branch",
                &self.branch,
                msg!("admin-branch", value = &self.branch),
                msg!("admin-branch-hint"),
            );
        }
        let script_ok = match classify(&self.script) {
            UrlKind::Web(u) => u.starts_with("https://"),
            UrlKind::SitePath(p) => p.starts_with('/') && !p.contains(['"', '<', '>']),
            UrlKind::Refused(_) => false,
        };
        if !script_ok {
            refuse(
                "script",
                &self.script,
                msg!("admin-script", value = &self.script),
                msg!("admin-script-hint", default = DEFAULT_SCRIPT),
            );
        }
        for (key, value) in [("api_root", &self.api_root), ("auth_url", &self.auth_url)] {
            let Some(value) = value else { continue };
            let ok = matches!(classify(value), UrlKind::Web(u) if u.starts_with("https://") || u.starts_with("http://"));
            if !ok {
                refuse(
                    key,
                    value,
                    msg!("admin-url", key = key, value = value.as_str()),
                    msg!("admin-url-hint"),
                );
            }
        }
        if let Some(id) = &self.app_id
            && (id.trim().is_empty() || id.contains(char::is_whitespace))
        {
            refuse(
                "app_id",
                id,
                msg!("admin-app-id"),
                msg!("admin-app-id-hint"),
            );
        }
        out
    }
}

/// `owner/name`, `group/sub/name`: segments of letters, digits, `-`, `_`, `.`.
fn repo_ok(repo: &str) -> bool {
    let parts: Vec<&str> = repo.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && *p != "."
                && *p != ".."
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

/// `admin/index.html` and `admin/config.yml`, when the site has `admin:` (and
/// the build is not the kiosk's). `local_backend` is the address of
/// `congxa serve`'s local backend (`http://127.0.0.1:1112/api/v1`), put in
/// the config that `serve` publishes only.
pub fn outputs(site: &Site, urls: &UrlMaker, local_backend: Option<&str>) -> Vec<OutputFile> {
    let Some(admin) = &site.config.admin else {
        return Vec::new();
    };
    if urls.relative {
        return Vec::new();
    }
    let config = decap_config(site, admin, local_backend);
    let yaml = yaml_serde::to_string(&config).unwrap_or_default();
    let text = format!("{CONFIG_HEADER}{yaml}");
    let script = match classify(&admin.script) {
        UrlKind::SitePath(p) => urls.href(ADMIN_PATH, &p),
        _ => admin.script.clone(),
    };
    vec![
        OutputFile::bytes("admin/config.yml".into(), text.into_bytes()),
        OutputFile::bytes(
            "admin/index.html".into(),
            index_html(&site.config.title, &script).into_bytes(),
        ),
    ]
}

const CONFIG_HEADER: &str = "# Cấu hình Decap CMS do congxa tạo từ site.yaml và content/ ở mỗi lần dựng.\n# Đừng sửa tệp này: sửa mục `admin:` trong site.yaml hoặc các mục trong content/.\n";

/// The admin page: Decap CMS reads `config.yml` beside it.
pub fn index_html(site_title: &str, script: &str) -> String {
    let title = quick_xml::escape::escape(site_title);
    let script = quick_xml::escape::escape(script);
    format!(
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>Biên tập nội dung — {title}</title>\n</head>\n<body>\n<noscript><p>Trang biên tập cần bật JavaScript.</p></noscript>\n<script src=\"{script}\"></script>\n</body>\n</html>\n"
    )
}
