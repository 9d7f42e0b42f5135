//! What the fuzz targets check, one function per target: each feeds arbitrary
//! bytes to a part of congxa and asserts its properties (no panic, positions
//! inside the file, slugs that are slugs, front matter escaped in the output, ...).
//!
//! Shared with the test suite, which replays every corpus file through the same
//! functions (`tests/testsuite/safety.rs` includes this file by path), so a
//! crash found once stays fixed without running the fuzzer in CI.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use congxa::config::Config;
use congxa::diagnostics::{Diagnostic, yaml_key_position};
use congxa::frontmatter::{PAGE_KEYS, SECTION_KEYS};
use congxa::load::{Sources, parse_doc};
use congxa::markdown::{self, LinkContext};
use congxa::model::{self, ModelOptions, Site, Target};
use congxa::render::Renderer;
use congxa::templating::{self, TemplatePaths};
use congxa::text::{VietnameseOrder, fold, nfc, slugify, truncate_words};
use congxa::theme::{self, ThemeFiles};
use congxa::urls::UrlMaker;

const SITE_YAML: &str =
    "title: Xã <fz> & \"Hòa Phú\"\ndescription: Trang thử\nbase_url: https://xa.example.vn/sub/\n";

/// The fixed "now" of every fuzzed build: 2026-01-01T00:00:00+07:00.
fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_767_200_400).expect("a valid instant")
}

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        Config::parse(
            Path::new("/nonexistent-congxa-fuzz"),
            Path::new("site.yaml"),
            SITE_YAML,
            None,
        )
        .expect("the fuzz site.yaml is valid")
    })
}

fn theme() -> &'static (ThemeFiles, tera::Tera, TemplatePaths) {
    static THEME: OnceLock<(ThemeFiles, tera::Tera, TemplatePaths)> = OnceLock::new();
    THEME.get_or_init(|| {
        // No `themes/` directory there: the embedded default theme.
        let files = theme::load_theme(Path::new("/nonexistent-congxa-fuzz"), "default")
            .expect("the embedded theme loads");
        let urls = urls(false);
        let (tera, paths) = templating::build_tera(
            &files,
            &urls,
            config().offset,
            congxa::messages::Lang::Vi,
            congxa::civic::register_helpers,
        )
        .expect("the embedded theme parses");
        (files, tera, paths)
    })
}

fn urls(relative: bool) -> UrlMaker {
    UrlMaker {
        base_path: config().base_path.clone(),
        base_url: config().base_url.clone(),
        relative,
    }
}

/// Render a diagnostic the way the binary prints it (exercises caret and excerpt
/// code); printed when `CONGXA_FUZZ_DEBUG` is set, to see why a seed stops early.
fn show(d: &Diagnostic) {
    static DEBUG: OnceLock<bool> = OnceLock::new();
    let s = d.to_string();
    assert!(!s.is_empty());
    if *DEBUG.get_or_init(|| std::env::var_os("CONGXA_FUZZ_DEBUG").is_some()) {
        eprintln!("{s}");
    }
}

/// Target `frontmatter`: `frontmatter::split` on text, `load::parse_doc` on bytes,
/// as a page and as a section.
pub fn frontmatter(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        match congxa::frontmatter::split(Path::new("a.md"), text) {
            Ok(s) => {
                assert!(s.body_line >= 3, "body starts after two fences");
                assert!(text.ends_with(s.body), "body is the end of the text");
                assert!(text.contains(s.yaml));
            }
            Err(d) => show(&d),
        }
    }
    for (rel, keys) in [("bai.md", PAGE_KEYS), ("_index.md", SECTION_KEYS)] {
        match parse_doc(PathBuf::from(format!("content/{rel}")), rel.into(), data) {
            Ok(doc) => {
                assert!(doc.text.is_char_boundary(doc.body_offset));
                assert!(doc.body_line >= 3);
                let yaml = doc.yaml();
                assert!(doc.text.contains(yaml));
                for key in keys {
                    if let Some((l, c)) = yaml_key_position(yaml, key) {
                        let d = Diagnostic::new(&doc.shown, l + 1, c, "x").with_source(&doc.text);
                        assert!(
                            d.source_line.is_some(),
                            "key `{key}` is on a line of the file"
                        );
                        show(&d);
                    }
                }
            }
            Err(all) => {
                assert!(!all.is_empty(), "a refused file has a problem");
                for d in &all {
                    assert!(d.line >= 1 && d.col >= 1, "{d}");
                    show(d);
                }
            }
        }
    }
}

/// Split a fuzz input into content files: the first file is `bai.md`; a line
/// `@@ <path>` starts another file at that content-relative path.
fn split_files(data: &[u8]) -> Vec<(String, &[u8])> {
    let mut files = Vec::new();
    let mut name = "bai.md".to_string();
    let mut start = 0;
    let mut i = 0;
    while i <= data.len() {
        let at_line_start = i == 0 || data[i - 1] == b'\n';
        if i == data.len() || (at_line_start && data[i..].starts_with(b"@@ ")) {
            if i > 0 || i == data.len() {
                files.push((name.clone(), &data[start..i]));
            }
            if i == data.len() {
                break;
            }
            let end = data[i..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(data.len(), |p| i + p);
            name = String::from_utf8_lossy(&data[i + 3..end])
                .trim()
                .to_string();
            start = (end + 1).min(data.len());
            i = start;
            continue;
        }
        i += 1;
    }
    files
        .into_iter()
        .filter_map(|(name, bytes)| clean_rel(&name).map(|n| (n, bytes)))
        .take(16)
        .collect()
}

/// A content-relative `.md` path as `load::walk_files` could produce, or `None`.
fn clean_rel(name: &str) -> Option<String> {
    let name = nfc(&name.replace('\\', "/"));
    let ok = name.ends_with(".md")
        && name
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != ".." && !seg.starts_with('.'))
        && !name.chars().any(congxa::text::controls::is_control);
    ok.then_some(name)
}

/// Target `page`: content files from bytes → model → Markdown → every template
/// of the default theme, in memory. A site that passes validation must render
/// (a template error on valid content is a bug in the default theme), and
/// front-matter markup must come out escaped.
pub fn page(data: &[u8]) {
    let mut sources = Sources::default();
    let mut seen = HashSet::new();
    for (rel, bytes) in split_files(data) {
        if !seen.insert(rel.clone()) {
            continue;
        }
        match parse_doc(PathBuf::from(format!("content/{rel}")), rel, bytes) {
            Ok(doc) => sources.docs.push(doc),
            Err(all) => all.iter().for_each(show),
        }
    }
    sources.docs.sort_by(|a, b| a.rel.cmp(&b.rel));
    // Body text may hold `"` raw (it is not in an attribute) and raw HTML: only
    // bodies without either let the escaping check below blame front matter.
    let bodies_have_markup = sources
        .docs
        .iter()
        .any(|d| d.body().contains('<') || d.body().to_ascii_lowercase().contains("onfz"));
    let (site, problems) = model::build_model(
        config().clone(),
        sources,
        ModelOptions {
            drafts: data.len().is_multiple_of(3),
            now: now(),
            sort_keys: None,
            feature: congxa::civic::FEATURE,
        },
    );
    problems.iter().for_each(show);
    let urls = urls(data.len() % 2 == 1);
    let (docs, md_problems) = congxa::pipeline::render_markdown(&site, &urls, true);
    md_problems.iter().for_each(show);
    // The broadcast paragraphs the Markdown stage collects are those a parse of
    // its own would give.
    for p in &site.pages {
        if congxa::civic::has_broadcast(p) {
            let collected = docs.pages[p.id].speech.clone().take();
            let parsed = congxa::civic::broadcast::body_paragraphs(p.doc.body()).join("\n");
            assert_eq!(collected, parsed, "speech of {}", p.doc.shown.display());
        }
    }
    if !problems.is_empty() || !md_problems.is_empty() {
        // `render_site` stops here too.
        return;
    }
    let (files, tera, paths) = theme();
    let renderer = Renderer::new(&site, &docs, tera, paths, &urls, files);
    // Every output: pages, lists, leaflets (QR codes), broadcast scripts, register pages.
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for o in congxa::pipeline::stages::outputs(&renderer) {
        match renderer.render_output(&o) {
            Ok(f) => out.push(f),
            Err(d) => problems.push(d),
        }
    }
    assert!(
        problems.is_empty(),
        "valid content must render with the default theme: {}",
        problems
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    if bodies_have_markup {
        return;
    }
    for f in &out {
        let congxa::render::Body::Bytes(b) = &f.body else {
            continue;
        };
        // Broadcast scripts are plain text (served as text/plain): a title's
        // `<script>` is read out as written there, never interpreted.
        if f.path.ends_with(".txt") {
            continue;
        }
        let text = String::from_utf8_lossy(b);
        check_escaped(&f.path, &text);
    }
}

/// No Markdown body holds `<` or `onfz`, so any markup beyond the theme's came
/// from front matter or `site.yaml` unescaped.
fn check_escaped(path: &str, text: &str) {
    let lower = text.to_lowercase();
    // The theme's own script elements load a file (search page, register) or
    // hold JSON-LD (escaped by `congxa::jsonld`); any other is injected.
    let lower = lower
        .replace("<script src=", "")
        .replace("<script type=\"application/ld+json\">", "");
    for bad in ["<script", "<fz", "\" onfz", "' onfz"] {
        assert!(!lower.contains(bad), "unescaped `{bad}` in {path}:\n{text}");
    }
    if path.ends_with(".html") {
        // Only the document's own <title>: SVG charts carry <title>s of their own.
        let head = lower.split("</head>").next().unwrap_or(&lower);
        assert_eq!(head.matches("</title>").count(), 1, "{path}:\n{text}");
    }
}

fn empty_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let (site, problems) = model::build_model(
            config().clone(),
            Sources::default(),
            ModelOptions {
                drafts: false,
                now: now(),
                sort_keys: None,
                feature: congxa::civic::FEATURE,
            },
        );
        assert!(problems.is_empty());
        site
    })
}

fn render_body(body: &str) -> congxa::markdown::RenderedMarkdown {
    let urls = urls(false);
    let ctx = LinkContext {
        site: empty_site(),
        urls: &urls,
        rel_dir: "",
        self_path: "/bai/",
        self_target: Target::Generated,
        shown: Path::new("content/bai.md"),
        body_line: 4,
        file_text: body,
        speech: Some(congxa::civic::speech_observer),
        plain_text: true,
    };
    let md = markdown::render(body, &ctx);
    let parsed = congxa::civic::broadcast::body_paragraphs(body).join("\n");
    assert_eq!(md.speech.clone().take(), parsed, "speech of {body:?}");
    md
}

/// Target `slug_heading`: `text::slugify` and the heading ids of the Markdown stage.
pub fn slug_heading(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let slug = slugify(s);
    assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug:?}"
    );
    assert!(
        !slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"),
        "{slug:?}"
    );
    assert_eq!(slugify(&slug), slug, "slugs are fixed points");
    assert_eq!(slugify(&nfc(s)), slug, "NFC and NFD give the same slug");

    let line = s.replace(['\n', '\r'], " ");
    let body = format!("# {line}\n\n## {line}\n\n{line}\n---------\n\n{s}\n\n### {line}\n");
    let md = render_body(&body);
    // Ids are unique, or a given `{#id}` used twice is reported.
    let mut ids = HashSet::new();
    let unique = md.toc.iter().all(|t| ids.insert(t.id.as_str()));
    let reported = md
        .problems
        .iter()
        .any(|d| d.message.contains("được dùng hai lần"));
    assert_eq!(!unique, reported, "ids {:?}", md.toc);
    for t in &md.toc {
        assert!(!t.id.is_empty());
        if t.id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            assert!(
                md.html.as_str().contains(&format!("id=\"{}\"", t.id)),
                "id {:?} not in the HTML",
                t.id
            );
        }
    }
    let _ = render_body(s);
}

/// Target `fold`: search folding and the other text helpers search and lists use
/// (NFC, word counts).
pub fn fold_text(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // Another implementation of NFC as the oracle for `nfc` (ICU4X's).
    use unicode_normalization::UnicodeNormalization;
    assert_eq!(nfc(s), s.nfc().collect::<String>(), "NFC");
    assert_eq!(congxa::text::count_words(s), s.split_whitespace().count());
    let f = fold(s);
    assert!(!f.chars().any(|c| c.is_uppercase()), "{f:?}");
    assert_eq!(fold(&nfc(s)), f, "NFC and NFD fold alike");
    assert_eq!(fold(&f), f, "folding is idempotent");
    let cut = truncate_words(s, 30);
    assert!(cut.chars().count() <= 31);
    let (a, b) = s.split_at(
        s.char_indices()
            .nth(s.chars().count() / 2)
            .map_or(0, |(i, _)| i),
    );
    let order = vietnamese_order();
    assert_eq!(order.compare(a, b), order.compare(b, a).reverse());
    assert_eq!(order.compare(a, a), std::cmp::Ordering::Equal);
    // Ranks come from sort keys: they must order as the collator compares.
    let ranks = order.ranks(&[a, b, s]);
    assert_eq!(ranks[0].cmp(&ranks[1]), order.compare(a, b), "{a:?} {b:?}");
    assert_eq!(ranks[1].cmp(&ranks[2]), order.compare(b, s), "{b:?} {s:?}");
}

fn vietnamese_order() -> &'static VietnameseOrder {
    static ORDER: OnceLock<VietnameseOrder> = OnceLock::new();
    ORDER.get_or_init(VietnameseOrder::new)
}

/// Target `paths`: the two path guards. A content path the load guard
/// accepts becomes, by the model's rules, an output path the writer accepts;
/// and an output path the writer accepts never leaves its tree once joined
/// to it (no component climbs, none is absolute or a drive).
pub fn paths(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if congxa::paths::source_path_problem(text).is_none() {
        let parts: Vec<&str> = text.split('/').collect();
        for part in &parts {
            assert!(
                !part.is_empty() && *part != "." && *part != "..",
                "{text:?}"
            );
            assert!(!part.contains('\\'), "{text:?}");
        }
        let (file, dirs) = parts.split_last().expect("split gives a part");
        let dir = dirs.join("/");
        let out = format!("{}{file}", model::dir_path(&dir));
        let out = out.trim_start_matches('/');
        assert_eq!(
            congxa::paths::output_path_problem(out),
            None,
            "{text:?} → {out:?}"
        );
    }
    if congxa::paths::output_path_problem(text).is_none() {
        let stage = Path::new("/stage");
        let joined = stage.join(text);
        let mut depth = 0usize;
        for c in joined
            .strip_prefix(stage)
            .expect("joined below")
            .components()
        {
            match c {
                std::path::Component::Normal(_) => depth += 1,
                other => panic!("{text:?} has a component {other:?}"),
            }
        }
        assert!(depth >= 1, "{text:?}");
    }
}
