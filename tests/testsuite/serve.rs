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
        let mut engine = Engine::new(f.opts());
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
        f.bytes("content/huong-dan/anh.png", b"\x89PNG\r\n\x1a\nfake");
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
            congxa::render_site(&self.f.opts()).is_err(),
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
        let full = match congxa::render_site(&self.f.opts()) {
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

#[test]
fn adding_renaming_and_deleting_articles() {
    let mut l = Live::site();
    l.write(
        "content/tin-tuc/moi.md",
        &article("Bài mới", "2024-09-01", "tags: [mới]\n", "Nội dung mới."),
    )
    .step();
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
    assert!(l.engine.file("tin-tuc/huong-dan/anh.png").is_some());
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
    l.bytes("content/huong-dan/anh.png", b"\x89PNG\r\n\x1a\nnew")
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
    l.edit(
        "content/tin-tuc/loa.md",
        "title: [Loa",
        "title: Loa truyền thanh",
    )
    .step();
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
    let nfd = "content/Tin tu\u{301}c mơ\u{301}i/Ba\u{300}i đa\u{300}u.md";
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
    let mut names: Vec<String> = Vec::new();
    for step in 0..40 {
        let kind = next(6);
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
            _ => {
                l.edit("content/tin-tuc/loa.md", "Phát", "Phát lại");
            }
        }
        l.step();
    }
}
