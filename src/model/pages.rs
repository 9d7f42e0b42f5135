//! Pages, each on its own: the checks and values of one page file that need
//! no other page (slug, dates, indices and areas, the attached document,
//! aliases). Pages are prepared in parallel; `lists` joins them after.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use jiff::Timestamp;

use super::{
    Config, Document, GovIndex, IndexId, ModelOptions, Page, SectionId, checks, dir_path,
    last_segment, nearest_section, parent_dir,
};
use crate::dates::PageDate;
use crate::diagnostics::{Diagnostic, did_you_mean, yaml_item_position, yaml_key_position};
use crate::frontmatter::{DocumentFrontMatter, PageFrontMatter};
use crate::load::{Front, SourceDoc};
use crate::messages::Msg;
use crate::msg;
use crate::text::slugify;
use crate::urls::{UrlKind, fields::refused, join_relative};

/// What every page's preparation reads.
pub(super) struct PageContext<'a> {
    pub(super) config: &'a Config,
    pub(super) opts: &'a ModelOptions,
    pub(super) indices: &'a [GovIndex],
    pub(super) index_by_key: &'a HashMap<String, IndexId>,
    pub(super) section_by_dir: &'a BTreeMap<String, SectionId>,
    pub(super) asset_sizes: &'a HashMap<&'a str, u64>,
}

/// One page file after the checks it needs no other page for.
pub(super) struct PreparedPage {
    pub(super) problems: Vec<Diagnostic>,
    /// Likely mistakes that cannot be refused.
    pub(super) warnings: Vec<Diagnostic>,
    /// When a future-dated, non-draft page comes due.
    pub(super) release: Option<Timestamp>,
    pub(super) outcome: Prepared,
}

pub(super) enum Prepared {
    /// Left out for a problem (reported).
    Dropped,
    /// A draft or future page, left out of this build: its content path.
    Excluded(String),
    Page(Box<PagePrep>),
}

/// A page before it has an id and tags.
pub(super) struct PagePrep {
    /// The page without its id (0) and tags (none) yet.
    pub(super) page: Page,
    /// Tag names, as written.
    pub(super) tag_names: Vec<String>,
    /// The `translation:` target and its position in the front matter.
    pub(super) translation: Option<(String, (usize, usize))>,
}

/// Where one page's problems go: its file (for positions in its front
/// matter) and the problems found so far.
struct Report<'d> {
    doc: &'d SourceDoc,
    problems: Vec<Diagnostic>,
}

impl Report<'_> {
    /// The position of `key` in the front matter (else the first line).
    fn at(&self, key: &str) -> (usize, usize) {
        yaml_key_position(self.doc.yaml(), key)
            .map(|(l, c)| (l + 1, c))
            .unwrap_or((1, 1))
    }

    /// The position of `item` under `key` in the front matter.
    fn item_at(&self, key: &str, item: &str) -> (usize, usize) {
        yaml_item_position(self.doc.yaml(), key, item)
            .map(|(l, c)| (l + 1, c))
            .unwrap_or((1, 1))
    }

    /// A problem at `pos`, with the page's source and an optional hint.
    fn err(&mut self, pos: (usize, usize), msg: impl Into<Msg>, hint: Option<Msg>) {
        let mut d = Diagnostic::new(&self.doc.shown, pos.0, pos.1, msg).with_source(&self.doc.text);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        self.problems.push(d);
    }
}

/// The checks and values of one page file that need no other page.
pub(super) fn prepare_page(mut doc: SourceDoc, cx: &PageContext<'_>) -> PreparedPage {
    let _processing = crate::bug::processing(&doc.shown);
    crate::bug::test_panic_point("model", &doc.shown);
    let fm = match std::mem::replace(&mut doc.front, Front::Page(Box::default())) {
        Front::Page(fm) => *fm,
        Front::Section(_) => unreachable!("only pages are prepared"),
    };
    let config = cx.config;
    let mut release = None;
    let mut r = Report {
        doc: &doc,
        problems: Vec::new(),
    };
    let warnings = silent_mistakes(&doc, &fm, cx);
    let done = |problems, release, outcome| PreparedPage {
        problems,
        warnings,
        release,
        outcome,
    };

    let (dir, stem, bundle) = page_location(&doc.rel);
    let (date_prefix, bare_stem) = split_date_prefix(stem);
    let slug_src = fm.slug.as_deref().unwrap_or(bare_stem);
    let slug = slugify(slug_src);
    if slug.is_empty() {
        r.err(
            r.at("slug"),
            msg!("page-empty-slug", slug = slug_src),
            Some(msg!("page-empty-slug-hint")),
        );
        return done(r.problems, release, Prepared::Dropped);
    }
    let (date, updated) = page_dates(&fm, date_prefix, config, &mut r);
    let future = date.is_some_and(|d| d.instant > cx.opts.now);
    // The page appears (or, with --drafts, enters feeds and search) then.
    if future
        && !fm.draft
        && let Some(d) = date
    {
        release = Some(d.instant);
    }
    if (fm.draft || future) && !cx.opts.drafts {
        let rel = doc.rel.clone();
        return done(r.problems, release, Prepared::Excluded(rel));
    }
    if fm.image.is_some()
        && fm
            .image_alt
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .is_empty()
    {
        r.err(
            r.at("image"),
            msg!("page-no-image-alt"),
            Some(msg!("page-no-image-alt-hint")),
        );
    }
    let gallery = page_gallery(&fm, &mut r);
    if let Some((message, hint)) = fm.image.as_deref().and_then(|i| refused("image", i)) {
        r.err(r.at("image"), message, Some(hint));
    }
    let lang = fm.lang.clone().unwrap_or_else(|| config.language.clone());
    if lang != "vi" && lang != "en" {
        r.err(
            r.at("lang"),
            msg!("page-bad-lang", lang = &lang),
            Some(msg!("page-bad-lang-hint")),
        );
    }

    let (page_indices, page_areas) = page_indices_and_areas(&fm, cx, &mut r);

    let section = nearest_section(cx.section_by_dir, dir);
    let path = format!("{}{}/", dir_path(dir), slug);
    let bundle_dir = bundle.then(|| parent_dir(&doc.rel).to_string());

    let document = fm
        .document
        .as_ref()
        .and_then(|d| page_document(d, cx, bundle_dir.as_deref().unwrap_or(dir), &mut r));
    let aliases = page_aliases(&fm.aliases, &mut r);
    let translation = fm
        .translation
        .as_ref()
        .map(|t| (t.clone(), r.item_at("translation", t)));
    let problems = r.problems;
    let page = PagePrep {
        page: Page {
            id: 0,
            title: fm.title.trim().to_string(),
            date,
            updated,
            summary: fm.summary,
            indices: page_indices,
            areas: page_areas,
            tags: Vec::new(),
            image: fm.image,
            image_alt: fm.image_alt,
            gallery,
            author: fm.author,
            draft: fm.draft,
            slug,
            path,
            section,
            weight: fm.weight,
            lang,
            translation: None,
            document,
            pinned: fm.pinned,
            aliases,
            bundle_dir,
            doc,
        },
        tag_names: fm.tags,
        translation,
    };
    done(problems, release, Prepared::Page(Box::new(page)))
}

/// Warnings for the values of `keys` (key, its Vietnamese name) written
/// unquoted with ` #` inside: YAML drops the rest of the line as a comment.
/// Found on the raw line, as the parsed value no longer holds the cut part.
pub(super) fn cut_by_comment(doc: &SourceDoc, keys: &[(&str, Msg)]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let yaml = doc.yaml();
    for (key, name) in keys {
        let key = *key;
        let Some((line, _)) = yaml_key_position(yaml, key) else {
            continue;
        };
        let raw = yaml.lines().nth(line - 1).unwrap_or("");
        let value = raw[key.len() + 1..].trim_start();
        if value.starts_with(['"', '\'', '|', '>']) {
            continue;
        }
        // `title: #3 Họp`: the whole value is a comment, the title empty.
        let cut = if value.starts_with('#') {
            Some(0)
        } else {
            value.find(" #")
        };
        if let Some(cut) = cut {
            let kept = value[..cut].trim_end();
            let whole = value.replace('\\', "\\\\").replace('"', "\\\"");
            let hash = raw.len() - value.len() + cut + usize::from(cut > 0);
            found.push(
                Diagnostic::new(
                    &doc.shown,
                    line + 1,
                    raw[..hash].chars().count() + 1,
                    if kept.is_empty() {
                        msg!("warn-emptied-by-comment", name = name.clone())
                    } else {
                        msg!("warn-cut-by-comment", name = name.clone(), kept = kept)
                    },
                )
                .with_source(&doc.text)
                .with_hint(msg!(
                    "yaml-quote-hint",
                    line = format!("{key}: \"{whole}\"")
                )),
            );
        }
    }
    found
}

/// What the editor most likely did not mean, though it is valid: a title or
/// summary cut at ` #` (YAML reads the rest as a comment), a summary ending
/// with `:`, a date in the future (the page stays hidden until then).
fn silent_mistakes(doc: &SourceDoc, fm: &PageFrontMatter, cx: &PageContext<'_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let yaml = doc.yaml();
    let warn = |pos: (usize, usize), msg: Msg, hint: Msg| {
        Diagnostic::new(&doc.shown, pos.0 + 1, pos.1, msg)
            .with_source(&doc.text)
            .with_hint(hint)
    };
    found.extend(cut_by_comment(
        doc,
        &[
            ("title", msg!("field-title")),
            ("summary", msg!("field-summary")),
        ],
    ));
    if let Some(summary) = &fm.summary
        && summary.trim_end().ends_with(':')
    {
        let pos = yaml_key_position(yaml, "summary").unwrap_or((1, 1));
        found.push(warn(
            pos,
            msg!("warn-summary-colon"),
            msg!("warn-summary-colon-hint"),
        ));
    }
    if !fm.draft
        && let Some(d) = fm
            .date
            .as_deref()
            .and_then(|s| PageDate::parse(s, cx.config.offset).ok())
        && d.instant > cx.opts.now
    {
        let pos = yaml_key_position(yaml, "date").unwrap_or((1, 1));
        found.push(warn(
            pos,
            msg!("warn-future-date", date = d.short_vi()),
            msg!("warn-future-date-hint"),
        ));
    }
    found
}

/// The page's `date` (else the date in its file name) and `updated`.
fn page_dates(
    fm: &PageFrontMatter,
    date_prefix: Option<&str>,
    config: &Config,
    r: &mut Report<'_>,
) -> (Option<PageDate>, Option<PageDate>) {
    let date = match (&fm.date, date_prefix) {
        (Some(s), _) => match PageDate::parse(s, config.offset) {
            Ok(d) => Some(d),
            Err(e) => {
                r.err(r.at("date"), e, Some(date_hint("date")));
                None
            }
        },
        (None, Some(prefix)) => PageDate::parse(prefix, config.offset).ok(),
        (None, None) => None,
    };
    let updated = fm
        .updated
        .as_ref()
        .and_then(|s| match PageDate::parse(s, config.offset) {
            Ok(d) => Some(d),
            Err(e) => {
                r.err(r.at("updated"), e, Some(date_hint("updated")));
                None
            }
        });
    (date, updated)
}

/// How to write a date, for the hint under a refused one.
fn date_hint(key: &str) -> Msg {
    msg!("date-hint", key = key)
}

/// The page's governance indices (by `indices:` key) and areas (each in one
/// of the listed indices).
fn page_indices_and_areas(
    fm: &PageFrontMatter,
    cx: &PageContext<'_>,
    r: &mut Report<'_>,
) -> (Vec<IndexId>, Vec<(IndexId, usize)>) {
    let indices = cx.indices;
    let mut page_indices = Vec::new();
    for key in &fm.indices {
        match cx.index_by_key.get(key) {
            Some(&ix) => page_indices.push(ix),
            None => {
                let hint = match did_you_mean(key, indices.iter().map(|i| i.key.as_str())) {
                    Some(s) => msg!("did-you-mean", name = s),
                    None if indices.is_empty() => msg!("page-no-indices"),
                    None => msg!(
                        "page-known-indices",
                        list = indices
                            .iter()
                            .map(|i| format!("`{}`", i.key))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                r.err(
                    r.item_at("indices", key),
                    msg!("page-unknown-index", key = key),
                    Some(hint),
                );
            }
        }
    }
    let mut page_areas = Vec::new();
    for key in &fm.areas {
        let found = page_indices.iter().find_map(|&ix| {
            indices[ix]
                .areas
                .iter()
                .position(|a| &a.key == key)
                .map(|ai| (ix, ai))
        });
        match found {
            Some(pair) => page_areas.push(pair),
            None => {
                let in_other = indices
                    .iter()
                    .find(|i| i.areas.iter().any(|a| &a.key == key));
                let hint = match in_other {
                    Some(other) => msg!("page-area-of", key = key, index = &other.key),
                    None => {
                        let candidates: Vec<&str> = page_indices
                            .iter()
                            .flat_map(|&ix| indices[ix].areas.iter().map(|a| a.key.as_str()))
                            .collect();
                        match did_you_mean(key, candidates.iter().copied()) {
                            Some(s) => msg!("did-you-mean", name = s),
                            None if page_indices.is_empty() => msg!("page-index-first"),
                            None => msg!("page-known-areas", list = candidates.join(", ")),
                        }
                    }
                };
                r.err(
                    r.item_at("areas", key),
                    msg!("page-unknown-area", key = key),
                    Some(hint),
                );
            }
        }
    }
    (page_indices, page_areas)
}

/// The page's attached document: its `issued` date and its file (a web
/// address, or a content file relative to `base`, with its size).
fn page_document(
    d: &DocumentFrontMatter,
    cx: &PageContext<'_>,
    base: &str,
    r: &mut Report<'_>,
) -> Option<Document> {
    let issued = match PageDate::parse(&d.issued, cx.config.offset) {
        Ok(x) => x,
        Err(e) => {
            r.err(
                r.item_at("document", &d.issued),
                msg!("page-document-issued", error = e),
                Some(date_hint("issued")),
            );
            return None;
        }
    };
    let file = match d.file.as_deref().map(|f| (f, crate::urls::classify(f))) {
        None => None,
        Some((_, UrlKind::Web(f))) => Some((f.into_owned(), 0)),
        Some((f, UrlKind::Refused(refusal))) => {
            let (l, c) =
                crate::urls::fields::position(r.doc.yaml(), "document", Some(("file", 0)), f);
            r.err(
                (l + 1, c),
                refusal.message("document.file", f),
                Some(refusal.hint()),
            );
            None
        }
        Some((f, UrlKind::SitePath(_))) => {
            match join_relative(base, f)
                .and_then(|rel| cx.asset_sizes.get(rel.as_str()).map(|s| (rel, *s)))
            {
                Some((rel, size)) => Some((rel, size)),
                None => {
                    r.err(
                        r.item_at("document", f),
                        msg!("page-missing-file", file = f),
                        Some(msg!("page-missing-file-hint", rel = &r.doc.rel)),
                    );
                    None
                }
            }
        }
    };
    let effective = d.effective.as_deref().and_then(|e| {
        PageDate::parse(e, cx.config.offset)
            .map_err(|why| {
                r.err(
                    r.item_at("document", e),
                    msg!("page-bad-effective", error = why),
                    Some(msg!("page-bad-effective-hint")),
                )
            })
            .ok()
    });
    let written = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    Some(Document {
        number: d.number.clone(),
        issued,
        issuer: d.issuer.clone(),
        kind: d.kind.clone(),
        file,
        effective,
        status: written(&d.status),
        excerpt: written(&d.excerpt),
    })
}

/// The page's aliases, as clean site paths (the others reported).
/// `gallery:` checked: every item needs an `alt`, and a file that is a photo
/// of the site (checked later, by the image stage) named by a site path or a
/// path relative to the page.
fn page_gallery(fm: &PageFrontMatter, r: &mut Report<'_>) -> Vec<super::GalleryItem> {
    let mut out = Vec::new();
    for g in &fm.gallery {
        let alt = g.alt.as_deref().map(str::trim).unwrap_or("");
        if alt.is_empty() {
            r.err(
                r.item_at("gallery", &g.file),
                crate::msg!("gallery-no-alt", file = &g.file),
                Some(crate::msg!("gallery-no-alt-hint")),
            );
            continue;
        }
        if let Some((message, hint)) = refused("gallery[].file", &g.file) {
            r.err(r.item_at("gallery", &g.file), message, Some(hint));
            continue;
        }
        out.push(super::GalleryItem {
            file: g.file.clone(),
            alt: alt.to_string(),
            caption: g.caption.clone().filter(|c| !c.trim().is_empty()),
        });
    }
    out
}

fn page_aliases(written: &[String], r: &mut Report<'_>) -> Vec<String> {
    let mut aliases = Vec::new();
    for a in written {
        let p = match crate::urls::fields::alias_path(a) {
            Ok(p) => p,
            Err((message, hint)) => {
                r.err(r.item_at("aliases", a), message, Some(hint));
                continue;
            }
        };
        if let Some(why) = checks::alias_problem(&p) {
            r.err(
                r.item_at("aliases", a),
                msg!(
                    "alias-not-clean-why",
                    alias = crate::paths::shown(a).to_string(),
                    why = why
                ),
                Some(msg!("alias-clean-hint")),
            );
            continue;
        }
        aliases.push(p);
    }
    aliases
}

/// (directory, file stem, is bundle) of a page's content path.
/// `tin-tuc/bai.md` → (`tin-tuc`, `bai`, false); `tin-tuc/bai/index.md` → (`tin-tuc`, `bai`, true).
pub(super) fn page_location(rel: &str) -> (&str, &str, bool) {
    let dir = parent_dir(rel);
    let file = last_segment(rel);
    if file == "index.md" && !dir.is_empty() {
        (parent_dir(dir), last_segment(dir), true)
    } else {
        (dir, file.trim_end_matches(".md"), false)
    }
}

/// `2024-07-16-ke-hoach` → (Some(`2024-07-16`), `ke-hoach`).
pub(super) fn split_date_prefix(stem: &str) -> (Option<&str>, &str) {
    let b = stem.as_bytes();
    let is_date = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && (b[10] == b'-' || b[10] == b'_');
    if is_date {
        (Some(&stem[..10]), &stem[11..])
    } else {
        (None, stem)
    }
}
