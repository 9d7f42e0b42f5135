//! Themes: Tera templates, static files and interface strings, layered so a
//! theme can `extends: default` and override only some templates. The default
//! theme is embedded in the binary, so a bare `site.yaml` + `content/` builds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::Deserialize;

use crate::diagnostics::Diagnostic;

/// The default theme, compiled in.
pub static EMBEDDED_DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub const DEFAULT_THEME: &str = "default";

/// Templates every theme must provide (after layering).
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "home.html",
    "section.html",
    "page.html",
    "index.html",
    "area.html",
    "tags.html",
    "tag.html",
    "documents.html",
    "leaflet.html",
    "search.html",
    "404.html",
];

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // `name` and `description` document the theme; only `extends` drives loading.
struct ThemeManifest {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    extends: Option<String>,
}

/// A file's bytes, from disk or from the binary.
#[derive(Debug, Clone)]
pub enum FileSource {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

impl FileSource {
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            FileSource::Disk(p) => std::fs::read(p).map(Into::into),
            FileSource::Embedded(b) => Ok((*b).into()),
        }
    }
}

/// A theme with its layers merged: later layers override earlier ones.
#[derive(Debug, Default)]
pub struct ThemeFiles {
    /// Template name (`page.html`) → (path shown in errors, source).
    pub templates: BTreeMap<String, (PathBuf, String)>,
    /// Output-relative path → file.
    pub static_files: BTreeMap<String, FileSource>,
    /// Language → key → text.
    pub i18n: BTreeMap<String, BTreeMap<String, String>>,
    /// Directories on disk the theme was read from (for the watcher).
    pub dirs: Vec<PathBuf>,
}

/// Load theme `name` for the site at `root`.
pub fn load_theme(root: &Path, name: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let mut chain: Vec<Layer> = Vec::new();
    let mut current = name.to_string();
    loop {
        if chain.iter().any(|l| l.name == current) {
            return Err(vec![Diagnostic::file(
                format!("themes/{current}/theme.yaml"),
                crate::msg!("theme-extends-itself", theme = &current),
            )]);
        }
        let layer = open_layer(root, &current)?;
        let parent = layer.manifest.extends.clone();
        chain.push(layer);
        match parent {
            Some(p) => current = p,
            None => break,
        }
    }
    let mut files = ThemeFiles::default();
    let mut problems = Vec::new();
    for layer in chain.iter().rev() {
        layer.collect(&mut files, &mut problems);
    }
    for t in REQUIRED_TEMPLATES {
        if !files.templates.contains_key(*t) {
            problems.push(
                Diagnostic::file(
                    format!("themes/{name}/templates/{t}"),
                    crate::msg!("theme-missing-template", theme = name, template = *t),
                )
                .with_hint(crate::msg!("theme-missing-template-hint")),
            );
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

struct Layer {
    name: String,
    manifest: ThemeManifest,
    source: LayerSource,
}

enum LayerSource {
    Disk(PathBuf),
    Embedded,
}

fn open_layer(root: &Path, name: &str) -> Result<Layer, Vec<Diagnostic>> {
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        let manifest_path = dir.join("theme.yaml");
        let shown = PathBuf::from(format!("themes/{name}/theme.yaml"));
        let manifest = match std::fs::read_to_string(&manifest_path) {
            Ok(text) => {
                let text = crate::text::normalize_source(&text);
                crate::yaml_guard::check(&text)
                    .map_err(|r| vec![r.diagnostic(&shown, &text, 0)])?;
                yaml_serde::from_str::<Option<ThemeManifest>>(&text)
                    .map_err(|e| {
                        vec![crate::frontmatter::yaml_error(
                            &shown,
                            &text,
                            0,
                            &e,
                            &["name", "description", "extends"],
                        )]
                    })?
                    .unwrap_or_default()
            }
            Err(_) => ThemeManifest::default(),
        };
        return Ok(Layer {
            name: name.into(),
            manifest,
            source: LayerSource::Disk(dir),
        });
    }
    if name == DEFAULT_THEME {
        return Ok(Layer {
            name: name.into(),
            manifest: ThemeManifest::default(),
            source: LayerSource::Embedded,
        });
    }
    let available: Vec<String> = std::fs::read_dir(root.join("themes"))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let hint = match crate::diagnostics::did_you_mean(
        name,
        available.iter().map(String::as_str).chain([DEFAULT_THEME]),
    ) {
        Some(s) => crate::msg!("did-you-mean", name = format!("theme: {s}")),
        None => crate::msg!("theme-missing-hint"),
    };
    Err(vec![
        Diagnostic::file("site.yaml", crate::msg!("theme-missing", theme = name)).with_hint(hint),
    ])
}

impl Layer {
    fn collect(&self, files: &mut ThemeFiles, problems: &mut Vec<Diagnostic>) {
        match &self.source {
            LayerSource::Embedded => {
                for file in all_embedded(&EMBEDDED_DEFAULT) {
                    let rel = file.path().to_string_lossy().replace('\\', "/");
                    let shown = PathBuf::from(format!("<built-in>/themes/default/{rel}"));
                    self.add(
                        files,
                        problems,
                        &rel,
                        shown,
                        FileSource::Embedded(file.contents()),
                    );
                }
            }
            LayerSource::Disk(dir) => {
                files.dirs.push(dir.clone());
                let root = dir.parent().and_then(Path::parent).unwrap_or(dir);
                let mut walk_problems = Vec::new();
                for (abs, rel, _) in crate::load::walk_files(root, dir, &mut walk_problems) {
                    let shown = PathBuf::from(format!("themes/{}/{rel}", self.name));
                    self.add(files, problems, &rel, shown, FileSource::Disk(abs));
                }
                problems.extend(walk_problems);
            }
        }
    }

    fn add(
        &self,
        files: &mut ThemeFiles,
        problems: &mut Vec<Diagnostic>,
        rel: &str,
        shown: PathBuf,
        src: FileSource,
    ) {
        if let Some(name) = rel.strip_prefix("templates/") {
            match src.read().map(|b| String::from_utf8(b.into_owned())) {
                Ok(Ok(text)) => {
                    files.templates.insert(
                        name.to_string(),
                        (shown, crate::text::normalize_source(&text)),
                    );
                }
                _ => problems.push(Diagnostic::file(
                    shown,
                    crate::msg!("theme-template-not-utf8"),
                )),
            }
        } else if let Some(file) = rel.strip_prefix("static/") {
            files.static_files.insert(file.to_string(), src);
        } else if let Some(file) = rel.strip_prefix("i18n/") {
            let Some(lang) = file.strip_suffix(".yaml") else {
                return;
            };
            let text = match src.read().map(|b| String::from_utf8(b.into_owned())) {
                Ok(Ok(t)) => crate::text::normalize_source(&t),
                _ => {
                    let m = crate::msg!("theme-file-not-utf8");
                    return problems.push(Diagnostic::file(shown, m));
                }
            };
            if let Err(r) = crate::yaml_guard::check(&text) {
                return problems.push(r.diagnostic(&shown, &text, 0));
            }
            match yaml_serde::from_str::<BTreeMap<String, String>>(&text) {
                Ok(map) => files.i18n.entry(lang.to_string()).or_default().extend(map),
                Err(e) => problems.push(crate::frontmatter::yaml_error(&shown, &text, 0, &e, &[])),
            }
        }
    }
}

fn all_embedded(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out: Vec<_> = dir.files().collect();
    for d in dir.dirs() {
        out.extend(all_embedded(d));
    }
    out.sort_by_key(|f| f.path());
    out
}

/// Write the embedded default theme into `dir` (for `congxa init`).
pub fn write_embedded_default(dir: &Path) -> std::io::Result<()> {
    for f in all_embedded(&EMBEDDED_DEFAULT) {
        let target = dir.join(f.path());
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, f.contents())?;
    }
    Ok(())
}
