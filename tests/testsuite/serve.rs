//! `congxa serve`: incremental rebuilds must give the very bytes of a fresh
//! full build after every edit, add, rename and delete; the server must serve
//! them safely over HTTP and reload tabs.

use std::collections::BTreeMap;
use std::path::PathBuf;

use congxa::render::Body;
use congxa::serve::incremental::{Changes, Engine, Outcome};

use crate::support::*;

/// A fixture site with an incremental engine following its edits, the way the
/// watcher would report them.
struct Live {
    f: Fixture,
    engine: Engine,
    changes: Changes,
}

fn article(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n{extra}---\n\n{body}\n")
}

impl Live {
    fn new(f: Fixture) -> Live {
        Live::with_options(f, |_| {})
    }

    fn with_options(f: Fixture, tweak: impl Fn(&mut congxa::BuildOptions)) -> Live {
        let mut opts = f.opts();
        tweak(&mut opts);
        let mut engine = Engine::new(opts);
        if let Err(e) = engine.update(&Changes::default()) {
            panic!("first build failed:\n{e}");
        }
        let live = Live {
            f,
            engine,
            changes: Changes::default(),
        };
        live.assert_same_as_full_build();
        live
    }

    /// The site used by most cases: indices, a news section, tags, documents, assets.
    fn site() -> Live {
        let f = Fixture::with_indices();
        f.file("content/tin-tuc/2024-07-16-ke-hoach.md", &article("Kế hoạch 93", "2024-07-16", "indices: [sipas]\nareas: [tiep-can-dich-vu]\ntags: [tuyên truyền, một cửa]\naliases: [/tin-cu/ke-hoach/]\ndocument: {number: 93/KH-UBND, issued: 2024-07-16, issuer: UBND xã, type: Kế hoạch, file: kh-93.pdf}\n", "## Mục đích\n\nTuyên truyền về chỉ số SIPAS.\n\n## Nội dung\n\nXem [hướng dẫn](../huong-dan/index.md#cac-buoc)."));
        f.bytes("content/tin-tuc/kh-93.pdf", b"%PDF-1.4 test");
        f.file("content/tin-tuc/hoi-nghi.md", &article("Hội nghị tuyên truyền", "2024-08-01", "indices: [sipas, papi]\nareas: [thu-tuc-hanh-chinh, quan-tri-dien-tu]\ntags: [hội nghị, tuyên truyền]\n", "Hội nghị tại hội trường UBND xã."));
        f.file(
            "content/tin-tuc/loa.md",
            &article(
                "Loa truyền thanh",
                "2024-08-05",
                "tags: [tuyên truyền]\n",
                "Phát trên hệ thống loa.",
            ),
        );
        f.file("content/huong-dan/index.md", &article("Hướng dẫn nộp hồ sơ", "2024-06-01", "indices: [par-index]\nareas: [cai-cach-the-che]\nimage: anh.png\nimage_alt: Quầy một cửa\n", "## Các bước\n\nĐến bộ phận một cửa."));
        f.bytes("content/huong-dan/anh.png", &tiny_png(8, 6));
        Live::new(f)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.f.root().join(rel)
    }

    fn note(&mut self, rel: &str) {
        let p = self.path(rel);
        if rel == "site.yaml" {
            self.changes.config = true;
        } else if rel.starts_with("themes") {
            self.changes.theme = true;
        } else {
            self.changes.content.push(p);
        }
    }

    fn write(&mut self, rel: &str, text: &str) -> &mut Self {
        self.f.file(rel, text);
        self.note(rel);
        self
    }

    fn bytes(&mut self, rel: &str, bytes: &[u8]) -> &mut Self {
        self.f.bytes(rel, bytes);
        self.note(rel);
        self
    }

    fn edit(&mut self, rel: &str, from: &str, to: &str) -> &mut Self {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "`{from}` not in {rel}");
        let text = text.replacen(from, to, 1);
        self.write(rel, &text)
    }

    /// Replace the first line of `rel` starting with `prefix` by `line`.
    fn edit_line(&mut self, rel: &str, prefix: &str, line: &str) -> &mut Self {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        let old = text
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line `{prefix}…` in {rel}"))
            .to_string();
        self.edit(rel, &old, line)
    }

    fn remove(&mut self, rel: &str) -> &mut Self {
        self.f.remove(rel);
        self.note(rel);
        self
    }

    fn rename(&mut self, from: &str, to: &str) -> &mut Self {
        let (a, b) = (self.path(from), self.path(to));
        std::fs::create_dir_all(b.parent().unwrap()).unwrap();
        std::fs::rename(a, b).unwrap();
        self.note(from);
        self.note(to);
        self
    }

    /// Apply the pending changes; the result must equal a fresh full build.
    fn step(&mut self) -> Outcome {
        let changes = std::mem::take(&mut self.changes);
        match self.engine.update(&changes) {
            Ok(o) => {
                self.assert_same_as_full_build();
                o
            }
            Err(e) => panic!("incremental build failed:\n{e}"),
        }
    }

    /// Apply the pending changes, which must fail; the served files must not change.
    fn step_err(&mut self) -> String {
        let before = self.served();
        let changes = std::mem::take(&mut self.changes);
        let msg = match self.engine.update(&changes) {
            Ok(_) => panic!("build should have failed"),
            Err(e) => e.to_string(),
        };
        assert!(
            congxa::render_site(self.engine.options()).is_err(),
            "a full build fails too"
        );
        assert!(
            self.served() == before,
            "a failed build changed the served site"
        );
        msg
    }

    /// Output path → bytes (copied files that are gone from disk read as empty).
    fn served(&self) -> BTreeMap<String, Vec<u8>> {
        self.engine
            .files()
            .map(|(p, b)| {
                (
                    p.to_string(),
                    b.read().map(|b| b.to_vec()).unwrap_or_default(),
                )
            })
            .collect()
    }

    fn served_text(&self, path: &str) -> String {
        let b = self
            .engine
            .file(path)
            .unwrap_or_else(|| panic!("{path} not served"));
        String::from_utf8(b.read().unwrap().to_vec()).unwrap()
    }

    fn assert_same_as_full_build(&self) {
        let full = match congxa::render_site(self.engine.options()) {
            Ok(r) => r,
            Err(e) => panic!("full build failed:\n{e}"),
        };
        let expected: BTreeMap<String, Vec<u8>> = full
            .files
            .into_iter()
            .map(|f| {
                let bytes = match f.body {
                    Body::Bytes(b) => b,
                    Body::File(src) => src.read().unwrap().into_owned(),
                };
                (f.path, bytes)
            })
            .collect();
        let got = self.served();
        let missing: Vec<&String> = expected.keys().filter(|k| !got.contains_key(*k)).collect();
        let extra: Vec<&String> = got.keys().filter(|k| !expected.contains_key(*k)).collect();
        let differ: Vec<&String> = expected
            .iter()
            .filter(|(k, v)| got.get(*k).is_some_and(|g| g != *v))
            .map(|(k, _)| k)
            .collect();
        if !(missing.is_empty() && extra.is_empty() && differ.is_empty()) {
            let first = differ.first().map(|k| {
                format!(
                    "\n--- full build {k}:\n{}\n--- incremental:\n{}",
                    String::from_utf8_lossy(&expected[*k]),
                    String::from_utf8_lossy(&got[*k])
                )
            });
            panic!(
                "incremental site differs from a full build\nmissing: {missing:?}\nextra: {extra:?}\ndiffer: {differ:?}{}",
                first.unwrap_or_default()
            );
        }
    }
}

#[test]
fn editing_a_body_rerenders_only_what_shows_it() {
    let mut l = Live::site();
    // Deep in the body: the card (summary = first paragraph) stays the same
    // apart from the word count, so lists showing it re-render too.
    let o = l
        .edit(
            "content/tin-tuc/loa.md",
            "Phát trên hệ thống loa.",
            "Phát trên hệ thống loa.\n\nThêm một đoạn.",
        )
        .step();
    assert!(o.fast, "a body edit takes the fast path");
    assert!(o.changed.contains(&"tin-tuc/loa/index.html".to_string()));
    assert!(
        o.rendered < o.jobs / 2,
        "{} of {} jobs rendered",
        o.rendered,
        o.jobs
    );
    assert!(
        l.served_text("tin-tuc/loa/index.html")
            .contains("Thêm một đoạn.")
    );
    // Not shown anywhere but the article: pages not listing it are untouched.
    assert!(
        !o.changed.contains(&"sipas/index.html".to_string()),
        "{:?}",
        o.changed
    );
    assert!(!o.changed.contains(&"404.html".to_string()));

    // The first paragraph is the summary: every list showing the card changes.
    let o = l
        .edit(
            "content/tin-tuc/loa.md",
            "Phát trên hệ thống loa.",
            "Phát trên loa của 5 thôn.",
        )
        .step();
    assert!(o.fast);
    for p in [
        "tin-tuc/loa/index.html",
        "tin-tuc/index.html",
        "index.html",
        "the/tuyen-truyen/index.html",
    ] {
        assert!(
            o.changed.contains(&p.to_string()),
            "{p} not in {:?}",
            o.changed
        );
    }
    assert!(!o.changed.contains(&"the/hoi-nghi/index.html".to_string()));
    // Saving the same bytes again changes nothing.
    let o = l.edit("content/tin-tuc/loa.md", "5 thôn", "5 thôn").step();
    assert!(o.changed.is_empty(), "{:?}", o.changed);
    assert_eq!(o.rendered, 0);
}

#[test]
fn front_matter_edits_move_lists_and_stay_exact() {
    let mut l = Live::site();
    let o = l
        .edit(
            "content/tin-tuc/loa.md",
            "title: Loa truyền thanh",
            "title: A Loa truyền thanh mới",
        )
        .step();
    assert!(!o.fast);
    assert!(o.rendered < o.jobs, "{} of {} jobs", o.rendered, o.jobs);
    l.edit(
        "content/tin-tuc/loa.md",
        "date: 2024-08-05",
        "date: 2023-01-01",
    )
    .step();
    l.edit(
        "content/tin-tuc/loa.md",
        "tags: [tuyên truyền]",
        "tags: [môi trường, Tuyên truyền]",
    )
    .step();
    l.edit(
        "content/tin-tuc/hoi-nghi.md",
        "areas: [thu-tuc-hanh-chinh, quan-tri-dien-tu]",
        "areas: [tiep-can-dich-vu]",
    )
    .step();
    l.edit(
        "content/tin-tuc/hoi-nghi.md",
        "indices: [sipas, papi]",
        "indices: [sipas]\nslug: hoi-nghi-2024\naliases: [/cu/hoi-nghi/]",
    )
    .step();
    l.edit(
        "content/tin-tuc/hoi-nghi.md",
        "title: Hội nghị tuyên truyền",
        "title: Hội nghị\ndraft: true",
    )
    .step();
    assert!(
        l.engine.file("tin-tuc/hoi-nghi-2024/index.html").is_none(),
        "drafts leave"
    );
    l.edit("content/tin-tuc/hoi-nghi.md", "draft: true", "draft: false")
        .step();
    // A date in the future (the fixtures' now is 2026-01-01) hides the page.
    l.edit(
        "content/tin-tuc/loa.md",
        "date: 2023-01-01",
        "date: 2027-01-01",
    )
    .step();
    assert!(l.engine.file("tin-tuc/loa/index.html").is_none());
}

/// A front-matter edit that keeps every output path reuses the last run's
/// path claims; a clash that appears later is still found, and the claims are
/// made afresh after a failed run.
#[test]
fn title_edits_reuse_claims_and_clashes_are_still_found() {
    let mut l = Live::site();
    for title in ["Loa mới", "Loa mới hơn"] {
        let o = l
            .edit_line(
                "content/tin-tuc/loa.md",
                "title:",
                &format!("title: {title}"),
            )
            .step();
        assert!(!o.fast);
        assert!(l.served_text("tin-tuc/loa/index.html").contains(title));
    }
    // A content file where the theme's stylesheet goes: a duplicate path.
    let msg = l
        .write("content/style.css", "body { color: red }\n")
        .step_err();
    assert!(msg.contains("style.css"), "{msg}");
    let msg = l
        .edit_line("content/tin-tuc/loa.md", "title:", "title: Loa lỗi")
        .step_err();
    assert!(msg.contains("style.css"), "{msg}");
    l.remove("content/style.css").step();
    l.edit_line(
        "content/tin-tuc/loa.md",
        "title:",
        "title: Loa truyền thanh",
    )
    .step();
    // An alias onto another page's path: every path is claimed again.
    let msg = l
        .edit_line(
            "content/tin-tuc/loa.md",
            "title:",
            "title: Loa\naliases: [/tin-tuc/hoi-nghi/]",
        )
        .step_err();
    assert!(msg.contains("hoi-nghi"), "{msg}");
    l.edit_line("content/tin-tuc/loa.md", "aliases:", "slug: loa")
        .step();
}

#[test]
fn adding_renaming_and_deleting_articles() {
    let mut l = Live::site();
    let o = l
        .write(
            "content/tin-tuc/moi.md",
            &article("Bài mới", "2024-09-01", "tags: [mới]\n", "Nội dung mới."),
        )
        .step();
    // Page ids shift when a page comes in; outputs must not all re-render for that.
    assert!(
        o.rendered < o.jobs / 2,
        "{} of {} jobs rendered",
        o.rendered,
        o.jobs
    );
    assert!(l.served_text("the/moi/index.html").contains("Bài mới"));
    // Editor-style save: write a temp file, rename it over the article.
    l.write("content/tin-tuc/.moi.md.swp", "garbage")
        .bytes("content/tin-tuc/moi.md~", b"backup");
    l.step();
    l.write(
        "content/tin-tuc/moi.md.tmp",
        &article(
            "Bài mới sửa",
            "2024-09-01",
            "tags: [mới]\n",
            "Nội dung mới.",
        ),
    )
    .rename("content/tin-tuc/moi.md.tmp", "content/tin-tuc/moi.md")
    .step();
    assert!(
        l.served_text("tin-tuc/moi/index.html")
            .contains("Bài mới sửa")
    );
    l.remove("content/tin-tuc/.moi.md.swp")
        .remove("content/tin-tuc/moi.md~")
        .step();
    l.rename("content/tin-tuc/moi.md", "content/tin-tuc/moi-doi-ten.md")
        .step();
    assert!(l.engine.file("tin-tuc/moi/index.html").is_none());
    assert!(l.engine.file("tin-tuc/moi-doi-ten/index.html").is_some());
    l.remove("content/tin-tuc/moi-doi-ten.md").step();
    assert!(
        l.engine.file("the/moi/index.html").is_none(),
        "empty tag pages go"
    );
    // A bundle with its picture moves as a whole.
    l.rename("content/huong-dan", "content/tin-tuc/huong-dan")
        .step_err();
    l.edit(
        "content/tin-tuc/2024-07-16-ke-hoach.md",
        "../huong-dan/index.md",
        "huong-dan/index.md",
    )
    .step();
    assert!(l.engine.file("tin-tuc/huong-dan/anh-8.webp").is_some());
    assert!(l.engine.file("tin-tuc/huong-dan/anh.png").is_none());
}

#[test]
fn sections_come_and_go() {
    let mut l = Live::site();
    l.write(
        "content/thong-bao/_index.md",
        "---\ntitle: Thông báo\nmenu: 3\n---\nCác thông báo của UBND xã.\n",
    )
    .write(
        "content/thong-bao/lich.md",
        &article("Lịch tiếp dân", "2024-09-02", "", "Thứ Năm hằng tuần."),
    )
    .step();
    assert!(
        l.served_text("index.html").contains("Thông báo"),
        "menu shows the new section"
    );
    let o = l
        .edit(
            "content/thong-bao/_index.md",
            "Các thông báo",
            "Mọi thông báo",
        )
        .step();
    assert!(o.fast, "a section body edit takes the fast path");
    assert!(o.changed.contains(&"thong-bao/index.html".to_string()));
    l.edit(
        "content/thong-bao/_index.md",
        "menu: 3",
        "menu: 0\nsort_by: title",
    )
    .step();
    l.edit(
        "content/sipas/_index.md",
        "Tiếp cận dịch vụ hành chính công",
        "Tiếp cận dịch vụ",
    )
    .step();
    l.remove("content/thong-bao/_index.md").step();
    l.remove("content/thong-bao").step();
    assert!(l.engine.file("thong-bao/lich/index.html").is_none());
}

#[test]
fn pagination_follows_additions_and_deletions() {
    let f = Fixture::new();
    f.file("site.yaml", &format!("{SITE_YAML}paginate: 2\n"));
    f.file("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n");
    for d in 1..=4 {
        f.file(
            &format!("content/tin-tuc/bai-{d}.md"),
            &article(
                &format!("Bài {d}"),
                &format!("2024-01-0{d}"),
                "tags: [chung]\n",
                "Thân bài.",
            ),
        );
    }
    let mut l = Live::new(f);
    l.write(
        "content/tin-tuc/bai-5.md",
        &article("Bài 5", "2024-01-05", "tags: [chung]\n", "Thân bài."),
    )
    .step();
    assert!(l.engine.file("tin-tuc/trang/3/index.html").is_some());
    l.remove("content/tin-tuc/bai-1.md").step();
    assert!(l.engine.file("tin-tuc/trang/3/index.html").is_none());
    l.write("site.yaml", &format!("{SITE_YAML}paginate: 3\n"))
        .step();
}

#[test]
fn templates_theme_statics_and_site_yaml() {
    let mut l = Live::site();
    congxa::theme::write_embedded_default(&l.path("themes/default")).unwrap();
    l.changes.theme = true;
    l.step();
    let o = l
        .edit(
            "themes/default/templates/page.html",
            "</article>",
            "<p>Bản xem thử</p></article>",
        )
        .step();
    assert!(o.changed.iter().all(|p| p.ends_with(".html")));
    assert!(
        l.served_text("tin-tuc/loa/index.html")
            .contains("Bản xem thử")
    );
    l.edit("themes/default/static/style.css", "", "/* sửa */\n")
        .step();
    l.write("themes/default/static/them.js", "console.log(1);\n")
        .step();
    l.remove("themes/default/static/them.js").step();
    l.edit("site.yaml", "title: Xã Thử Nghiệm", "title: Xã Hòa Phú")
        .step();
    assert!(
        l.served_text("tin-tuc/loa/index.html")
            .contains("Xã Hòa Phú")
    );
    l.write(
        "site.yaml",
        &format!("{SITE_YAML}base_url: https://a.example.vn/xa/\n"),
    )
    .step_err(); // duplicate key
    l.write("site.yaml", "title: Xã Hòa Phú\nbase_url: https://a.example.vn/xa/\nmenu: [{title: Tin, url: /tin-tuc/}]\n")
        .step();
    assert!(l.served_text("index.html").contains("/xa/tin-tuc/"));
    // Going back to the embedded theme.
    l.remove("themes/default").step();
}

/// A theme extending `default`: its static files are added, shadow the
/// default theme's, change and go; one that sits where a section directory
/// must go (`tin-tuc` beside `tin-tuc/`) is refused by serve as by a build.
#[test]
fn theme_static_files_of_an_extending_theme() {
    let mut l = Live::site();
    l.write("themes/rieng/theme.yaml", "extends: default\n");
    l.edit(
        "site.yaml",
        "title: Xã Thử Nghiệm",
        "title: Xã Thử Nghiệm\ntheme: rieng",
    )
    .step();
    // A static file of its own, in a folder; one shadowing the default theme's.
    l.write("themes/rieng/static/js/them.js", "console.log(1);\n")
        .step();
    assert!(l.engine.file("js/them.js").is_some());
    l.write("themes/rieng/static/style.css", "body { color: red }\n")
        .step();
    l.edit("themes/rieng/static/style.css", "red", "blue")
        .step();
    assert!(l.served_text("style.css").contains("blue"));
    // Gone again: the default theme's file is served once more.
    l.remove("themes/rieng/static/style.css").step();
    assert!(!l.served_text("style.css").contains("blue"));
    // A file where the section's directory must go: refused, like a build does.
    let msg = l
        .write("themes/rieng/static/tin-tuc", "không phải thư mục\n")
        .step_err();
    assert!(msg.contains("`tin-tuc"), "{msg}");
    l.remove("themes/rieng/static/tin-tuc").step();
    // A directory where a page's file must go, and a duplicate of a content file.
    l.write("themes/rieng/static/tin-tuc/loa/index.html/x.txt", "x\n")
        .step_err();
    l.remove("themes/rieng/static/tin-tuc/loa/index.html")
        .step();
    l.write("themes/rieng/static/tin-tuc/kh-93.pdf", "%PDF-1.4 khác\n")
        .step_err();
    l.remove("themes/rieng/static/tin-tuc").step();
    l.remove("themes/rieng/static/js/them.js").step();
    assert!(l.engine.file("js/them.js").is_none());
    // A new article keeps every path of the last run: only its own paths are
    // claimed on top of that run's claims, and a clash among them is found.
    let new = article("Bài mới", "2024-09-01", "", "Nội dung mới.");
    l.write("content/tin-tuc/moi.md", &new).step();
    l.write(
        "themes/rieng/static/tin-tuc/moi-2/index.html",
        "<p>tĩnh</p>\n",
    )
    .step();
    let msg = l.write("content/tin-tuc/moi-2.md", &new).step_err();
    assert!(msg.contains("tin-tuc/moi-2/index.html"), "{msg}");
    l.remove("themes/rieng/static/tin-tuc/moi-2").step();
    assert!(
        l.served_text("tin-tuc/moi-2/index.html")
            .contains("Bài mới")
    );
    // A file where a new article's folder goes.
    l.write("themes/rieng/static/tin-tuc/moi-3", "không phải thư mục\n")
        .step();
    let msg = l.write("content/tin-tuc/moi-3.md", &new).step_err();
    assert!(msg.contains("tin-tuc/moi-3"), "{msg}");
    l.remove("themes/rieng/static/tin-tuc/moi-3").step();
}

#[test]
fn assets_added_changed_and_removed() {
    let mut l = Live::site();
    l.bytes(
        "content/tin-tuc/so-do.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .step();
    assert!(l.engine.file("tin-tuc/so-do.svg").is_some());
    l.bytes("content/tin-tuc/kh-93.pdf", b"%PDF-1.4 a longer attachment")
        .step();
    assert!(l.served_text("van-ban/index.html").contains("93/KH-UBND"));
    // The picture an article names disappears: an error, then put back.
    l.remove("content/huong-dan/anh.png").step_err();
    l.bytes("content/huong-dan/anh.png", &tiny_png(10, 6))
        .step();
    l.remove("content/tin-tuc/so-do.svg").step();
}

#[test]
fn errors_keep_the_last_good_site_and_clear_when_fixed() {
    let mut l = Live::site();
    let msg = l
        .edit(
            "content/tin-tuc/loa.md",
            "title: Loa truyền thanh",
            "title: [Loa",
        )
        .step_err();
    assert!(msg.contains("content/tin-tuc/loa.md"), "{msg}");
    let o = l
        .edit(
            "content/tin-tuc/loa.md",
            "title: [Loa",
            "title: Loa truyền thanh",
        )
        .step();
    // Back to the served text: nothing changes, and only the broadcast script
    // (which reads the source itself) is made again: the Markdown was kept.
    assert!(o.changed.is_empty(), "{:?}", o.changed);
    assert!(o.rendered <= 1, "{} rendered", o.rendered);
    // A body-only mistake (fast path): link to a missing anchor.
    let msg = l
        .edit("content/huong-dan/index.md", "## Các bước", "## Trình tự")
        .step_err();
    assert!(msg.contains("cac-buoc"), "{msg}");
    let msg = l
        .edit(
            "content/tin-tuc/loa.md",
            "Phát trên hệ thống loa.",
            "Xem [trang](/khong-co/).",
        )
        .step_err();
    assert!(msg.contains("khong-co"), "{msg}");
    l.edit(
        "content/tin-tuc/loa.md",
        "Xem [trang](/khong-co/).",
        "Phát trên hệ thống loa.",
    )
    .step_err();
    let o = l
        .edit("content/huong-dan/index.md", "## Trình tự", "## Các bước")
        .step();
    assert!(o.changed.is_empty() || o.changed.iter().all(|p| p.ends_with(".html")));
    // A template error.
    congxa::theme::write_embedded_default(&l.path("themes/default")).unwrap();
    l.changes.theme = true;
    l.step();
    l.edit(
        "themes/default/templates/page.html",
        "</article>",
        "{{ </article>",
    )
    .step_err();
    l.edit(
        "themes/default/templates/page.html",
        "{{ </article>",
        "</article>",
    )
    .step();
}

#[test]
fn many_files_at_once_like_git_checkout() {
    let mut l = Live::site();
    for i in 0..30 {
        l.write(
            &format!("content/luu-tru/nam-{}/bai-{i}.md", 2000 + i % 3),
            &article(
                &format!("Lưu trữ {i}"),
                &format!("2020-0{}-1{}", 1 + i % 9, i % 10),
                &format!("tags: [lưu trữ, nhóm {}]\n", i % 4),
                "Bài cũ.",
            ),
        );
    }
    l.edit("content/tin-tuc/loa.md", "Phát trên", "Đã phát trên")
        .remove("content/tin-tuc/hoi-nghi.md");
    l.step();
    // The whole folder goes at once (only the folder is reported).
    std::fs::remove_dir_all(l.path("content/luu-tru")).unwrap();
    l.changes.content.push(l.path("content/luu-tru"));
    l.step();
    // And comes back as a new folder holding files (only the folder is reported).
    std::fs::create_dir_all(l.path("content/luu-tru/cu")).unwrap();
    std::fs::write(
        l.path("content/luu-tru/cu/a.md"),
        article("A", "2020-01-01", "", "x"),
    )
    .unwrap();
    std::fs::write(
        l.path("content/luu-tru/cu/b.md"),
        article("B", "2020-01-02", "", "y"),
    )
    .unwrap();
    l.changes.content.push(l.path("content/luu-tru"));
    l.step();
    assert!(l.engine.file("luu-tru/cu/b/index.html").is_some());
    // A rescan (watcher overflow) finds the same site.
    l.changes.rescan = true;
    let o = l.step();
    assert!(o.changed.is_empty(), "{:?}", o.changed);
}

#[test]
fn nfd_file_names_are_picked_up() {
    let mut l = Live::site();
    let nfd = "content/Tin tu\u{31b}\u{301}c mơ\u{301}i/Ba\u{300}i đa\u{302}\u{300}u.md";
    l.write(nfd, &article("Bài đầu", "2024-09-09", "", "Chữ."))
        .step();
    assert!(l.engine.file("tin-tuc-moi/bai-dau/index.html").is_some());
    l.edit(nfd, "Chữ.", "Chữ mới.").step();
    l.remove(nfd).step();
    assert!(l.engine.file("tin-tuc-moi/bai-dau/index.html").is_none());
}

/// A long deterministic run of mixed edits, each compared with a full build.
#[test]
fn random_edit_sequence_matches_full_builds() {
    let mut l = Live::site();
    let mut seed: u64 = 0x2024_0716;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let tags = [
        "tuyên truyền",
        "một cửa",
        "hội nghị",
        "môi trường",
        "chuyển đổi số",
    ];
    let areas = [
        ("sipas", "tiep-can-dich-vu"),
        ("sipas", "thu-tuc-hanh-chinh"),
        ("papi", "quan-tri-dien-tu"),
        ("par-index", "cai-cach-the-che"),
    ];
    // A theme of its own, extending the default one, whose static files change too.
    l.write("themes/rieng/theme.yaml", "extends: default\n");
    l.edit(
        "site.yaml",
        "title: Xã Thử Nghiệm",
        "title: Xã Thử Nghiệm\ntheme: rieng",
    )
    .step();
    let mut statics: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for step in 0..40 {
        let kind = next(7);
        match kind {
            0 | 1 if !names.is_empty() && kind == 1 => {
                let n = names[next(names.len())].clone();
                l.edit(&n, "Đoạn", &format!("Đoạn {step}"));
            }
            0 | 1 => {
                let name = format!("content/tin-tuc/bai-{step}.md");
                let (ix, area) = areas[next(areas.len())];
                let extra = format!(
                    "indices: [{ix}]\nareas: [{area}]\ntags: [{}, {}]\n",
                    tags[next(tags.len())],
                    tags[next(tags.len())]
                );
                l.write(
                    &name,
                    &article(
                        &format!("Bài số {}", next(100)),
                        &format!("2024-0{}-1{}", 1 + next(9), next(10)),
                        &extra,
                        "Đoạn đầu.\n\nĐoạn hai.",
                    ),
                );
                names.push(name);
            }
            2 if !names.is_empty() => {
                let n = names.remove(next(names.len()));
                l.remove(&n);
            }
            3 if !names.is_empty() => {
                let i = next(names.len());
                let text = std::fs::read_to_string(l.path(&names[i])).unwrap();
                let title_line = text.lines().nth(1).unwrap().to_string();
                l.edit(
                    &names[i].clone(),
                    &title_line,
                    &format!("title: Đổi tên {}", next(100)),
                );
            }
            4 if !names.is_empty() => {
                let i = next(names.len());
                let to = format!("content/tin-tuc/doi-{step}.md");
                l.rename(&names[i].clone(), &to);
                names[i] = to;
            }
            6 => match next(3) {
                0 if !statics.is_empty() => {
                    let n = statics.remove(next(statics.len()));
                    l.remove(&n);
                }
                1 => {
                    l.write(
                        "themes/rieng/static/style.css",
                        &format!("body {{ margin: {step}px }}\n"),
                    );
                }
                _ => {
                    let name = format!("themes/rieng/static/tin-tuc/ghi-chu-{step}.txt");
                    l.write(&name, &format!("Ghi chú {}\n", next(100)));
                    statics.push(name);
                }
            },
            _ => {
                l.edit("content/tin-tuc/loa.md", "Phát", "Phát lại");
            }
        }
        l.step();
    }
}

// ---- The real server, driven over HTTP ---------------------------------------

mod over_http {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};

    use congxa::serve::{ServeOptions, Server};

    use super::*;

    /// Longest wait for the server to pick up an edit (never reached when it works).
    const PATIENCE: Duration = Duration::from_secs(20);

    struct Running {
        f: Fixture,
        server: Server,
        agent: ureq::Agent,
    }

    struct Reply {
        status: u16,
        content_type: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Reply {
        fn text(&self) -> String {
            String::from_utf8_lossy(&self.body).into_owned()
        }
        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    impl Running {
        fn start(f: Fixture) -> Running {
            let mut opts = ServeOptions::new(f.root());
            opts.port = 0;
            let server = Server::start(opts).expect("server starts");
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_global(Some(Duration::from_secs(10)))
                .build()
                .into();
            Running { f, server, agent }
        }

        fn url(&self, path: &str) -> String {
            format!("http://{}{path}", self.server.addr)
        }

        fn reply(mut r: ureq::http::Response<ureq::Body>) -> Reply {
            let headers = r
                .headers()
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
                .collect();
            Reply {
                status: r.status().as_u16(),
                content_type: r
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string(),
                headers,
                body: r.body_mut().read_to_vec().expect("body"),
            }
        }

        fn get(&self, path: &str) -> Reply {
            Self::reply(self.agent.get(&self.url(path)).call().expect("GET"))
        }

        fn head(&self, path: &str) -> Reply {
            Self::reply(self.agent.head(&self.url(path)).call().expect("HEAD"))
        }

        /// A request written byte for byte (no client normalises the path).
        fn raw_status(&self, target: &str) -> u16 {
            let mut s = TcpStream::connect(self.server.addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            write!(
                s,
                "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.server.addr
            )
            .unwrap();
            let mut out = String::new();
            let _ = s.read_to_string(&mut out);
            out.split_whitespace()
                .nth(1)
                .and_then(|c| c.parse().ok())
                .unwrap_or_else(|| panic!("no status for {target}: {out}"))
        }

        /// Wait until `path` is served containing `needle`.
        fn wait_for(&self, path: &str, needle: &str) -> Reply {
            let start = Instant::now();
            loop {
                let r = self.get(path);
                if r.status == 200 && r.text().contains(needle) {
                    return r;
                }
                assert!(
                    start.elapsed() < PATIENCE,
                    "{path} never showed `{needle}`; last reply {}:\n{}",
                    r.status,
                    r.text()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }

        fn wait_until(&self, what: &str, mut ok: impl FnMut() -> bool) {
            let start = Instant::now();
            while !ok() {
                assert!(start.elapsed() < PATIENCE, "gave up waiting: {what}");
                std::thread::sleep(Duration::from_millis(20));
            }
        }

        /// Every file of a fresh full build is served with the same bytes
        /// (HTML with the reload script taken out again).
        fn assert_serves_full_build(&self) {
            // Feeds, sitemap and search index follow the pages.
            self.wait_until("feeds, sitemap and search index", || self.server.settled());
            let mut opts = self.f.opts();
            opts.base_url = Some(self.server.url.clone());
            let full = congxa::render_site(&opts).unwrap_or_else(|e| panic!("{e}"));
            for file in full.files {
                let expected = match file.body {
                    Body::Bytes(b) => b,
                    Body::File(src) => src.read().unwrap().into_owned(),
                };
                let path = format!("/{}", file.path.trim_end_matches("index.html"));
                let r = self.get(&path);
                assert_eq!(r.status, 200, "{path}");
                let mut got = r.body;
                if r.content_type.starts_with("text/html") {
                    got = strip_script(&got);
                }
                assert!(
                    got == expected,
                    "{path} differs from the full build:\n{}",
                    String::from_utf8_lossy(&got)
                );
            }
        }

        /// Listen to the reload events of the tab showing `path`.
        fn listen(&self, path: &str) -> BufReader<TcpStream> {
            let mut r = self.listen_quietly(path);
            assert_eq!(next_event(&mut r).0, "hello");
            r
        }

        /// Open the event stream of the tab showing `path` (its first event not read yet).
        fn listen_quietly(&self, path: &str) -> BufReader<TcpStream> {
            let page = self.get(path).text();
            let generation = page
                .split("data-generation=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .expect("served HTML carries the reload script")
                .to_string();
            let mut s = TcpStream::connect(self.server.addr).unwrap();
            s.set_read_timeout(Some(PATIENCE)).unwrap();
            write!(
                s,
                "GET /__congxa/events?path={path}&generation={generation} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
                self.server.addr
            )
            .unwrap();
            BufReader::new(s)
        }
    }

    /// The next server-sent event: (name, data).
    fn next_event(r: &mut BufReader<TcpStream>) -> (String, String) {
        let mut name = String::new();
        let mut data = String::new();
        loop {
            let mut line = String::new();
            let n = r.read_line(&mut line).expect("event stream stays open");
            assert!(n > 0, "event stream closed");
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ").or(line.strip_prefix("data:")) {
                data.push_str(v);
                data.push('\n');
            } else if line.is_empty() && !name.is_empty() {
                return (name, data);
            }
        }
    }

    fn strip_script(html: &[u8]) -> Vec<u8> {
        let s = String::from_utf8_lossy(html).into_owned();
        let start = s
            .rfind("<script src=\"/__congxa/livereload.js\"")
            .expect("reload script injected");
        let end = start + s[start..].find("</script>").unwrap() + "</script>".len();
        format!("{}{}", &s[..start], &s[end..]).into_bytes()
    }

    fn news_site() -> Fixture {
        let f = Fixture::with_indices();
        f.file(
            "content/tin-tuc/loa.md",
            &article(
                "Loa truyền thanh",
                "2024-08-05",
                "tags: [tuyên truyền]\nindices: [sipas]\n",
                "Phát trên hệ thống loa.",
            ),
        );
        f.file(
            "content/tin-tuc/hoi-nghi.md",
            &article(
                "Hội nghị",
                "2024-08-01",
                "tags: [tuyên truyền]\n",
                "Hội nghị tại hội trường.\n\n![Hội trường](/tep/anh.png)",
            ),
        );
        let photo = tiny_png(8, 6);
        for (name, bytes) in [
            ("anh.png", &photo[..]),
            ("so-do.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            ("kh-93.pdf", b"%PDF-1.4"),
            ("du-lieu.json", b"{}"),
            ("ghi-chu.txt", b"ghi chu"),
            ("nguon.xml", b"<a/>"),
            ("tien-ich.js", b"1;"),
        ] {
            f.bytes(&format!("content/tep/{name}"), bytes);
        }
        f
    }

    #[test]
    fn serves_the_built_site_and_follows_edits() {
        let s = Running::start(news_site());
        s.assert_serves_full_build();
        let listener_loa = s.listen("/tin-tuc/loa/");
        let mut listener_other = s.listen("/tin-tuc/hoi-nghi/");
        let mut listener_loa = listener_loa;

        // An edit is served, identical to a full build, and the tab showing it reloads.
        s.f.file(
            "content/tin-tuc/loa.md",
            &article(
                "Loa truyền thanh",
                "2024-08-05",
                "tags: [tuyên truyền]\nindices: [sipas]\n",
                "Phát trên loa của 5 thôn.",
            ),
        );
        s.wait_for("/tin-tuc/loa/", "5 thôn");
        assert_eq!(next_event(&mut listener_loa).0, "reload");
        s.assert_serves_full_build();

        // A title change moves lists; the other article's tab reloads too when its related list changes.
        s.f.file(
            "content/tin-tuc/loa.md",
            &article(
                "Loa truyền thanh xã",
                "2024-08-05",
                "tags: [tuyên truyền]\nindices: [sipas]\n",
                "Phát trên loa của 5 thôn.",
            ),
        );
        s.wait_for("/the/tuyen-truyen/", "Loa truyền thanh xã");
        assert_eq!(next_event(&mut listener_other).0, "reload");
        s.assert_serves_full_build();

        // A new article in a new folder, then the folder goes.
        std::fs::create_dir_all(s.f.root().join("content/thong-bao")).unwrap();
        s.f.file(
            "content/thong-bao/lich.md",
            &article("Lịch tiếp dân", "2024-09-02", "", "Thứ Năm."),
        );
        s.wait_for("/thong-bao/lich/", "Thứ Năm");
        s.assert_serves_full_build();
        std::fs::remove_dir_all(s.f.root().join("content/thong-bao")).unwrap();
        s.wait_until("deleted folder leaves the site", || {
            s.get("/thong-bao/lich/").status == 404
        });
        s.assert_serves_full_build();
    }

    #[test]
    fn editors_temp_files_and_output_never_trigger_rebuilds() {
        let s = Running::start(news_site());
        let before = s.server.rebuilds();
        // Writes the watcher must ignore.
        std::fs::create_dir_all(s.f.root().join("output/tin-tuc")).unwrap();
        std::fs::write(s.f.root().join("output/tin-tuc/index.html"), "x").unwrap();
        std::fs::write(s.f.root().join("content/tin-tuc/.loa.md.swp"), "x").unwrap();
        std::fs::write(s.f.root().join("content/tin-tuc/loa.md~"), "x").unwrap();
        std::fs::write(s.f.root().join("content/tin-tuc/4913"), "x").unwrap();
        std::fs::write(s.f.root().join("README.md"), "x").unwrap();
        std::fs::write(s.f.root().join(".site.yaml.swp"), "x").unwrap();
        // Let those events pass the debouncer on their own.
        std::thread::sleep(Duration::from_millis(500));
        // Then an editor save: new text in a temp file renamed over the article.
        let tmp = s.f.root().join("content/tin-tuc/loa.md.tmp");
        std::fs::write(
            &tmp,
            article("Loa", "2024-08-05", "", "Bản lưu kiểu trình soạn thảo."),
        )
        .unwrap();
        std::fs::rename(&tmp, s.f.root().join("content/tin-tuc/loa.md")).unwrap();
        s.wait_for("/tin-tuc/loa/", "Bản lưu kiểu trình soạn thảo.");
        assert_eq!(
            s.server.rebuilds(),
            before + 1,
            "only the real save caused a rebuild"
        );
        s.assert_serves_full_build();
    }

    #[test]
    fn many_files_at_once_and_nfd_names() {
        let s = Running::start(news_site());
        // Like `git checkout`: many files written and removed in one go.
        for i in 0..40 {
            s.f.file(
                &format!("content/luu-tru/bai-{i}.md"),
                &article(
                    &format!("Lưu trữ {i}"),
                    "2020-01-01",
                    "tags: [lưu trữ]\n",
                    "Cũ.",
                ),
            );
        }
        s.f.remove("content/tin-tuc/hoi-nghi.md");
        let nfd = "content/Tin tu\u{31b}\u{301}c mơ\u{301}i/Ba\u{300}i đa\u{302}\u{300}u.md";
        s.f.file(nfd, &article("Bài đầu", "2024-09-09", "", "Chữ NFD."));
        s.wait_for("/tin-tuc-moi/bai-dau/", "Chữ NFD.");
        s.wait_for("/luu-tru/bai-39/", "Lưu trữ 39");
        s.wait_until("deleted article leaves", || {
            s.get("/tin-tuc/hoi-nghi/").status == 404
        });
        s.assert_serves_full_build();
    }

    #[test]
    fn errors_show_in_the_browser_and_clear_when_fixed() {
        let s = Running::start(news_site());
        let mut tab = s.listen("/tin-tuc/loa/");
        let good = s.get("/tin-tuc/loa/").text();
        s.f.file("content/tin-tuc/loa.md", "---\ntitle: [Loa\n---\nThân.\n");
        let (name, data) = next_event(&mut tab);
        assert_eq!(name, "problem");
        assert!(data.contains("content/tin-tuc/loa.md:2"), "{data}");
        // The last good site is still served.
        assert_eq!(
            strip_script(&s.get("/tin-tuc/loa/").body),
            strip_script(good.as_bytes())
        );
        s.f.file(
            "content/tin-tuc/loa.md",
            &article("Loa truyền thanh", "2024-08-05", "", "Đã sửa."),
        );
        assert_eq!(next_event(&mut tab).0, "reload");
        s.wait_for("/tin-tuc/loa/", "Đã sửa.");
        s.assert_serves_full_build();
    }

    #[test]
    fn a_site_that_never_built_still_serves_its_problems() {
        let f = Fixture::new();
        f.file("content/_index.md", "---\ntitle: [\n---\n");
        let s = Running::start(f);
        let r = s.get("/");
        assert_eq!(r.status, 503);
        assert!(r.text().contains("/__congxa/livereload.js"));
        let mut tab = s.listen_quietly("/");
        let (name, data) = next_event(&mut tab);
        assert_eq!(name, "problem");
        assert!(data.contains("content/_index.md:2"), "{data}");
        s.f.file(
            "content/_index.md",
            "---\ntitle: Trang chủ\n---\nXin chào.\n",
        );
        assert_eq!(next_event(&mut tab).0, "reload");
        s.wait_for("/", "Xin chào.");
        s.assert_serves_full_build();
    }

    #[test]
    fn security_types_head_and_404() {
        let s = Running::start(news_site());
        for bad in [
            "/../etc/passwd",
            "/tin-tuc/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/site.yaml",
            "/tin-tuc%2f..%2f..%2fsite.yaml",
            "/..%5c..%5csite.yaml",
            "/..\\..\\site.yaml",
            "//etc/passwd",
            "/tin-tuc/%00",
        ] {
            let status = s.raw_status(bad);
            assert!((400..500).contains(&status), "{bad} got {status}");
        }
        // Absolute paths and site sources are not files of the site.
        for missing in [
            "/etc/passwd",
            "/site.yaml",
            "/content/tin-tuc/loa.md",
            "/C:/Windows/win.ini",
        ] {
            assert_eq!(s.raw_status(missing), 404, "{missing}");
        }
        // An absolute-form request target stays inside the site too.
        let target = format!("http://{}/../../etc/passwd", s.server.addr);
        assert_eq!(s.raw_status(&target), 400);

        for (path, ctype) in [
            ("/", "text/html; charset=utf-8"),
            ("/style.css", "text/css; charset=utf-8"),
            ("/tep/tien-ich.js", "text/javascript; charset=utf-8"),
            ("/tep/so-do.svg", "image/svg+xml; charset=utf-8"),
            ("/tep/anh-8.jpg", "image/jpeg"),
            ("/tep/anh-8.webp", "image/webp"),
            ("/tep/kh-93.pdf", "application/pdf"),
            ("/tep/nguon.xml", "text/xml; charset=utf-8"),
            ("/tep/du-lieu.json", "application/json; charset=utf-8"),
            ("/tep/ghi-chu.txt", "text/plain; charset=utf-8"),
        ] {
            let r = s.get(path);
            assert_eq!((r.status, r.content_type.as_str()), (200, ctype), "{path}");
            let h = s.head(path);
            assert_eq!(h.status, 200, "HEAD {path}");
            assert_eq!(h.content_type, ctype, "HEAD {path}");
            assert!(h.body.is_empty(), "HEAD {path} has no body");
            assert_eq!(
                h.header("content-length")
                    .map(|l| l.parse::<usize>().unwrap()),
                Some(r.body.len()),
                "HEAD {path} announces the GET length"
            );
        }
        // Only HTML gets the reload script.
        assert!(!s.get("/style.css").text().contains("livereload"));
        assert!(s.get("/").text().contains("/__congxa/livereload.js"));

        // A photo's original is never served, only its variants.
        assert_eq!(s.get("/tep/anh.png").status, 404);
        let r = s.get("/khong-co-trang-nay/");
        assert_eq!(r.status, 404);
        assert!(r.content_type.starts_with("text/html"));
        let full = s.get("/404.html");
        assert_eq!(
            strip_script(&r.body),
            strip_script(&full.body),
            "the site's 404 page"
        );
        // A directory without its slash is redirected to it.
        let r = s.get("/tin-tuc");
        assert_eq!(r.status, 308);
        assert_eq!(r.header("location"), Some("/tin-tuc/"));
        // Other methods are refused.
        let r = Running::reply(s.agent.post(&s.url("/")).send_empty().unwrap());
        assert_eq!(r.status, 405);
    }

    #[test]
    fn build_output_never_carries_the_reload_script() {
        let s = Running::start(news_site());
        assert!(s.get("/").text().contains("livereload"));
        s.f.build_ok();
        for (path, bytes) in snapshot(&s.f.root().join("output")) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("__congxa"),
                "{path} carries the preview script"
            );
        }
    }
}

#[test]
fn links_follow_their_targets() {
    let mut l = Live::site();
    l.edit(
        "content/tin-tuc/loa.md",
        "Phát trên hệ thống loa.",
        "Phát trên hệ thống loa. Xem [kế hoạch](/tin-tuc/ke-hoach/#muc-dich), [hướng dẫn](/huong-dan/) và [ảnh](../huong-dan/anh.png).",
    )
    .step();
    // The link targets move: the pages linking to them change, and only those.
    let o = l
        .edit(
            "content/huong-dan/index.md",
            "image: anh.png",
            "slug: huong-dan-moi\nimage: anh.png",
        )
        .step_err(); // `/huong-dan/` is gone
    assert!(o.contains("/huong-dan/"), "{o}");
    let o = l
        .edit(
            "content/tin-tuc/loa.md",
            "(/huong-dan/)",
            "(/huong-dan-moi/)",
        )
        .step();
    assert!(
        o.changed
            .contains(&"tin-tuc/ke-hoach/index.html".to_string()),
        "{:?}",
        o.changed
    );
    assert!(
        l.served_text("tin-tuc/loa/index.html")
            .contains("/huong-dan-moi/anh-8.jpg")
    );
    // New pages shift every id; anchors must still be checked against the right page.
    l.write(
        "content/tin-tuc/a-truoc.md",
        &article("A trước", "2024-01-01", "", "Trước hết."),
    )
    .write("content/a.md", &article("A", "2024-01-02", "", "Gốc."))
    .step();
    let msg = l
        .edit(
            "content/tin-tuc/2024-07-16-ke-hoach.md",
            "## Mục đích",
            "## Mục tiêu",
        )
        .step_err();
    assert!(msg.contains("muc-dich"), "{msg}");
    l.edit("content/tin-tuc/loa.md", "#muc-dich", "#muc-tieu")
        .step();
    // A target turning into a draft breaks the link; back again, it works.
    let msg = l
        .edit(
            "content/tin-tuc/2024-07-16-ke-hoach.md",
            "title: Kế hoạch 93",
            "title: Kế hoạch 93\ndraft: true",
        )
        .step_err();
    assert!(msg.contains("ke-hoach"), "{msg}");
    l.edit(
        "content/tin-tuc/2024-07-16-ke-hoach.md",
        "draft: true",
        "draft: false",
    )
    .step();
    l.remove("content/tin-tuc/a-truoc.md").step();
}

#[test]
fn kiosk_and_drafts_builds_stay_exact_too() {
    let f = Fixture::with_indices();
    f.file("site.yaml", &format!("{SITE_YAML}paginate: 1\n"));
    f.file(
        "content/tin-tuc/a.md",
        &article(
            "A",
            "2024-01-01",
            "tags: [x]\n",
            "Xem [B](b.md) và [C](/tin-tuc/c/#muc).",
        ),
    );
    f.file(
        "content/tin-tuc/b.md",
        &article("B", "2024-01-02", "tags: [x]\n", "Thân B."),
    );
    f.file(
        "content/tin-tuc/c.md",
        &article("C", "2024-01-03", "draft: true\n", "## Mục\n\nThân C."),
    );
    f.file(
        "content/tin-tuc/_index.md",
        "---\ntitle: Tin tức\n---\nXem [A](a.md).\n",
    );
    let mut l = Live::with_options(f, |o| {
        o.relative = true;
        o.drafts = true;
    });
    l.edit("content/tin-tuc/a.md", "Xem [B]", "Đọc [B]").step();
    l.edit("content/tin-tuc/_index.md", "Xem [A]", "Đọc [A]")
        .step();
    l.edit(
        "content/tin-tuc/b.md",
        "title: B",
        "title: B mới\nslug: b-moi",
    )
    .step();
    l.write(
        "content/tin-tuc/d.md",
        &article("D", "2024-01-04", "tags: [x]\n", "Thân D."),
    )
    .step();
    l.edit("content/tin-tuc/c.md", "## Mục", "## Mục\n\nThêm.")
        .step();
    // A page dated in the future is in a --drafts build, but not in feeds and search.
    l.write(
        "content/tin-tuc/e.md",
        &article("E", "2030-01-01", "", "Tương lai."),
    )
    .step();
    l.remove("content/tin-tuc/a.md")
        .edit("content/tin-tuc/_index.md", "Đọc [A](a.md)", "Không còn A.")
        .step();
}

#[test]
fn refused_names_and_unpublished_bundles_while_serving() {
    let mut live = Live::site();
    // A folder that gives no URL, then a name holding `\`: refused as by a build.
    live.write("content/?/x.md", &article("Bài", "2024-08-06", "", "Thân."));
    assert!(live.step_err().contains("có ký tự `?`"));
    live.remove("content/?");
    live.step();
    live.write(
        "content/tin-tuc/a\\..\\..\\x.md",
        &article("Bài", "2024-08-06", "", "Thân."),
    );
    assert!(live.step_err().contains("có ký tự `\\`"));
    live.remove("content/tin-tuc/a\\..\\..\\x.md");
    live.step();
    // A bundle turned draft takes its files with it, and brings them back.
    live.write(
        "content/tin-tuc/hop/index.md",
        &article("Họp", "2024-08-07", "document: {number: 5/TB, issued: 2024-08-07, issuer: UBND, type: Thông báo, file: tb.pdf}\n", "Họp thôn."),
    );
    live.bytes("content/tin-tuc/hop/tb.pdf", b"%PDF-1.4 hop");
    live.step();
    assert!(live.served().contains_key("tin-tuc/hop/tb.pdf"));
    live.edit(
        "content/tin-tuc/hop/index.md",
        "document",
        "draft: true\ndocument",
    );
    live.step();
    assert!(!live.served().contains_key("tin-tuc/hop/tb.pdf"));
    live.edit("content/tin-tuc/hop/index.md", "draft: true\n", "");
    live.step();
    assert!(live.served().contains_key("tin-tuc/hop/tb.pdf"));
}

#[test]
fn photos_added_replaced_and_deleted_while_serving() {
    let mut l = Live::site();
    // A new photo shown by an article: its variants and the article change.
    l.bytes("content/tin-tuc/hop.png", &tiny_png(12, 8)).edit(
        "content/tin-tuc/loa.md",
        "Phát trên hệ thống loa.",
        "Phát trên hệ thống loa.\n\n![Loa thôn 3](hop.png \"Loa ở thôn 3\")",
    );
    let o = l.step();
    assert!(
        o.changed.contains(&"tin-tuc/loa/index.html".to_string()),
        "{:?}",
        o.changed
    );
    assert!(l.engine.file("tin-tuc/hop-12.webp").is_some());
    assert!(
        l.served_text("tin-tuc/loa/index.html")
            .contains(r#"width="12" height="8""#)
    );
    // Replaced by a photo of another size: new variants, the page shows the new size.
    l.bytes("content/tin-tuc/hop.png", &tiny_png(16, 8));
    let o = l.step();
    assert!(
        o.changed.contains(&"tin-tuc/loa/index.html".to_string()),
        "{:?}",
        o.changed
    );
    assert!(l.engine.file("tin-tuc/hop-12.webp").is_none());
    // Only what shows the photo is made again: its page (and its leaflet), and
    // the lists whose card of the article shows it (its first body photo).
    let pages: Vec<&String> = o.changed.iter().filter(|p| p.ends_with(".html")).collect();
    assert!(
        pages
            .iter()
            .all(|p| p.starts_with("tin-tuc/loa/") || l.served_text(p).contains("tin-tuc/hop-16.")),
        "{pages:?}"
    );
    assert!(
        pages.iter().any(|p| *p == "tin-tuc/index.html"),
        "{pages:?}"
    );
    assert!(
        l.served_text("tin-tuc/loa/index.html")
            .contains(r#"width="16" height="8""#)
    );
    // Deleted while still shown: an error, and the last good site stays.
    l.remove("content/tin-tuc/hop.png").step_err();
    l.edit(
        "content/tin-tuc/loa.md",
        "![Loa thôn 3](hop.png \"Loa ở thôn 3\")",
        "",
    )
    .step();
    assert!(l.engine.file("tin-tuc/hop-16.webp").is_none());
    // The front-matter photo replaced: lists' thumbnails follow.
    l.bytes("content/huong-dan/anh.png", &tiny_png(9, 6)).step();
    assert!(l.engine.file("huong-dan/anh-9.webp").is_some());
}

#[test]
fn a_body_edit_changing_the_first_photo_moves_the_cover() {
    let mut l = Live::site();
    l.bytes("content/tin-tuc/mot.png", &tiny_png(12, 8))
        .bytes("content/tin-tuc/hai.png", &tiny_png(14, 8))
        .edit(
            "content/tin-tuc/loa.md",
            "Phát trên hệ thống loa.",
            "Phát trên hệ thống loa.\n\n![Một](mot.png)\n\n![Hai](hai.png)",
        );
    l.step();
    assert!(
        l.served_text("tin-tuc/index.html")
            .contains("tin-tuc/mot-12.webp")
    );
    // The two photos swapped in the body alone: the cover follows.
    l.edit(
        "content/tin-tuc/loa.md",
        "![Một](mot.png)",
        "![Tạm](hai.png)",
    )
    .edit(
        "content/tin-tuc/loa.md",
        "![Hai](hai.png)",
        "![Một](mot.png)",
    );
    let o = l.step();
    assert!(!o.fast, "the body's photo links changed");
    assert!(
        l.served_text("tin-tuc/index.html")
            .contains("tin-tuc/hai-14.webp")
    );
    // Words edited around the same photos: the fast path, the cover stays.
    l.edit(
        "content/tin-tuc/loa.md",
        "Phát trên hệ thống loa.",
        "Phát trên loa.",
    );
    assert!(l.step().fast, "a body edit keeping its photo links");
    assert!(
        l.served_text("tin-tuc/index.html")
            .contains("tin-tuc/hai-14.webp")
    );
    // The first photo's alt text edited: the share image's alt follows.
    l.edit(
        "content/tin-tuc/loa.md",
        "![Tạm](hai.png)",
        "![Loa *mới*](hai.png)",
    )
    .step();
    assert!(
        l.served_text("tin-tuc/loa/index.html")
            .contains(r#"<meta property="og:image:alt" content="Loa mới">"#)
    );
    // A photo of the site no page showed yet, now shown by a body edit: its
    // variants are made (the wide path), never the original linked.
    l.bytes("content/tin-tuc/ba.png", &tiny_png(10, 8)).step();
    assert!(l.engine.file("tin-tuc/ba-10.webp").is_none());
    l.edit(
        "content/tin-tuc/loa.md",
        "![Loa *mới*](hai.png)",
        "![Ba](ba.png)",
    )
    .step();
    assert!(l.engine.file("tin-tuc/ba-10.webp").is_some());
    assert!(
        l.served_text("tin-tuc/loa/index.html")
            .contains("ba-10.webp")
    );
    // The body's photos removed: no cover left.
    l.edit("content/tin-tuc/loa.md", "![Ba](ba.png)", "")
        .edit("content/tin-tuc/loa.md", "![Một](mot.png)", "")
        .step();
    assert!(
        !l.served_text("tin-tuc/index.html")
            .contains("card-thumb\" href=\"/tin-tuc/loa/")
    );
}

#[test]
fn photo_links_kept_across_title_edits_and_found_in_body_edits() {
    let mut l = Live::site();
    l.bytes("content/tin-tuc/hop.png", &tiny_png(12, 8))
        .bytes("content/tin-tuc/loa-2.png", &tiny_png(10, 8))
        .edit(
            "content/tin-tuc/loa.md",
            "Phát trên hệ thống loa.",
            "Phát trên hệ thống loa.\n\n![Loa thôn 3](hop.png)",
        )
        .step();
    // A title edit: the bodies' links are kept from the last rebuild (the
    // texts are the same), the photo is still made and shown.
    l.edit_line(
        "content/tin-tuc/loa.md",
        "title:",
        "title: Loa truyền thanh mới",
    )
    .step();
    assert!(l.engine.file("tin-tuc/hop-12.webp").is_some());
    // Another article's title edit, then this body alone naming the other photo.
    l.edit_line(
        "content/tin-tuc/hoi-nghi.md",
        "title:",
        "title: Hội nghị mới",
    )
    .step();
    l.edit(
        "content/tin-tuc/loa.md",
        "![Loa thôn 3](hop.png)",
        "![Loa thôn 3](hop.png)\n\n![Loa thôn 2](loa-2.png)",
    )
    .step();
    assert!(l.engine.file("tin-tuc/loa-2-10.webp").is_some());
    // And a title edit after it: both photos stay.
    l.edit_line("content/tin-tuc/loa.md", "title:", "title: Loa")
        .step();
    assert!(l.engine.file("tin-tuc/loa-2-10.webp").is_some());
    assert!(l.engine.file("tin-tuc/hop-12.webp").is_some());
}
