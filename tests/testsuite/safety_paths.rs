//! Nothing escapes the site or the output (issue 19): file names that hold
//! `\` or give no URL, `congxa new` outside `content/`, the writer's own
//! guard, unpublished pages' files, names too long for a file system, QR
//! codes that cannot be made, tag slugs that collide, aliases onto congxa's
//! own files. Each class is tried in several variants, with `build` and
//! `check` alike.

use std::path::Path;

use crate::support::*;

/// A sentinel tree outside every fixture: nothing may appear in it, nothing
/// in it may change.
fn sentinel() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("keep")).unwrap();
    std::fs::write(d.path().join("keep/precious.txt"), "giữ nguyên\n").unwrap();
    d
}

fn assert_untouched(s: &tempfile::TempDir) {
    assert_eq!(
        snapshot(s.path()),
        vec![(
            "keep/precious.txt".to_string(),
            "giữ nguyên\n".as_bytes().to_vec()
        )],
        "something outside the site was written or deleted"
    );
}

/// Build and check both fail, and both name `needle`.
fn both_refuse(f: &Fixture, needle: &str) -> String {
    let built = f.build_err_en();
    assert!(built.contains(needle), "build: `{needle}` not in\n{built}");
    let checked = match congxa::check(&f.opts()) {
        Ok(_) => panic!("check passed where build fails:\n{built}"),
        Err(e) => e.render(congxa::messages::Lang::En),
    };
    assert!(
        checked.contains(needle),
        "check: `{needle}` not in\n{checked}"
    );
    built
}

#[test]
fn backslash_names_are_refused_and_never_become_paths() {
    let out = sentinel();
    // `..\..\` as many times as it takes to reach `/`, then into the sentinel.
    let up = "..\\".repeat(12);
    let into = out
        .path()
        .to_string_lossy()
        .trim_start_matches('/')
        .replace('/', "\\");
    for (i, name) in [
        format!("content/a\\{up}{into}\\victim.md"),
        format!("content/{up}{into}\\keep.pdf"),
        format!("content/tin-tuc/x\\..\\..\\..\\{up}{into}\\keep\\precious.txt"),
        format!("themes/mau/static/{up}{into}\\evil.css"),
        "content/C:\\Users\\x.md".to_string(),
    ]
    .iter()
    .enumerate()
    {
        let f = Fixture::new();
        f.file(
            "content/tin-tuc/bai.md",
            "---\ntitle: Bài\ndate: 2024-07-16\n---\nThân.\n",
        );
        if name.starts_with("themes/") {
            f.file("site.yaml", &format!("{SITE_YAML}theme: mau\n"));
            f.file("themes/mau/theme.yaml", "extends: default\n");
        }
        f.build_ok();
        let before = snapshot(&f.out(""));
        f.file(name, "---\ntitle: Độc\n---\nx\n");
        // Three builds: the third reuses the staging tree, where deletions happen.
        for _ in 0..3 {
            let e = both_refuse(&f, "rename it without");
            assert!(e.contains("contains `"), "case {i}: {e}");
        }
        assert_eq!(
            snapshot(&f.out("")),
            before,
            "case {i}: the last good site changed"
        );
        assert_untouched(&out);
    }
}

#[test]
fn folders_whose_names_give_no_url_are_refused() {
    for dir in ["?", "---", "(!)", "…", "_"] {
        let f = Fixture::new();
        f.file(
            &format!("content/{dir}/x.md"),
            "---\ntitle: Bài\ndate: 2024-07-16\n---\nThân.\n",
        );
        f.file(&format!("content/{dir}/tep.pdf"), "%PDF-1.4\n");
        let e = f.build_err_en();
        assert!(
            e.contains("gives no URL") || e.contains("contains `?`"),
            "{dir}: {e}"
        );
        // One problem for the folder, none for the files below it.
        assert_eq!(e.matches(&format!("content/{dir}")).count(), 1, "{e}");
        assert!(congxa::check(&f.opts()).is_err());
    }
}

#[test]
fn the_writer_refuses_every_path_outside_its_tree() {
    use congxa::render::OutputFile;
    let out = sentinel();
    let f = Fixture::new();
    let stage = congxa::write::Stage::open(f.root(), &f.out("")).unwrap();
    let escape = format!(
        "{}{}/keep/precious.txt",
        "../".repeat(12),
        out.path().to_string_lossy().trim_start_matches('/')
    );
    for bad in [
        escape.as_str(),
        "../x.txt",
        "a/../../x.txt",
        "/tmp/x.txt",
        "a//b.txt",
        "a/./b.txt",
        "a\\..\\..\\x.txt",
        "c:x.txt",
        ".congxa-output",
        "",
    ] {
        let e = stage
            .write(&OutputFile::bytes(bad.to_string(), b"pwned".to_vec()))
            .expect_err(bad);
        assert!(e.message.contains("từ chối ghi"), "{bad}: {e}");
    }
    stage
        .write(&OutputFile::bytes("ok/index.html".into(), b"ok".to_vec()))
        .unwrap();
    stage.commit().unwrap();
    assert_eq!(f.read("ok/index.html"), "ok");
    assert_untouched(&out);
    assert!(!f.root().join("x.txt").exists());
}

#[test]
fn congxa_new_writes_only_inside_content() {
    let out = sentinel();
    let f = Fixture::new();
    std::os::unix::fs::symlink(out.path(), f.root().join("content/lien-ket")).unwrap();
    let abs = out.path().join("abs.md");
    // `../../x.md` from `content/` lands beside the fixture: not there before, nor after.
    let beside = f.root().parent().unwrap().join("x.md");
    let was_beside = beside.exists();
    for bad in [
        "../../x.md",
        "content/../../x.md",
        "tin-tuc/../../../x.md",
        abs.to_str().unwrap(),
        "a\\..\\..\\x.md",
        "lien-ket/x.md",
        "lien-ket/keep/precious.md",
        "?/x.md",
        "tin-tuc/x.txt",
    ] {
        let o = f.cli_en(&["new", bad]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{bad}: {err}");
        assert!(err.contains("hint"), "{bad}: no hint in {err}");
    }
    assert_untouched(&out);
    assert!(!f.root().join("x.md").exists());
    assert_eq!(
        beside.exists(),
        was_beside,
        "{} was written",
        beside.display()
    );
    let o = f.cli_en(&["new", "tin-tuc/hoi-nghi.md"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(f.root().join("content/tin-tuc/hoi-nghi.md").is_file());
    let again = f.cli_en(&["new", "tin-tuc/hoi-nghi.md"]);
    assert_eq!(again.status.code(), Some(1));
}

/// A section with a published page, a draft bundle and a future bundle, each
/// with a PDF and a picture.
fn site_with_unpublished() -> Fixture {
    let f = Fixture::new();
    f.file("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n");
    f.file(
        "content/tin-tuc/cong-khai.md",
        "---\ntitle: Công khai\ndate: 2024-07-16\n---\nĐã đăng.\n",
    );
    for (dir, extra) in [("nhap", "draft: true\n"), ("sap-toi", "")] {
        let date = if dir == "nhap" {
            "2024-07-17"
        } else {
            "2099-02-02"
        };
        f.file(
            &format!("content/tin-tuc/{dir}/index.md"),
            &format!(
                "---\ntitle: Chưa đăng {dir}\ndate: {date}\n{extra}image: anh-bi-mat.png\nimage_alt: Ảnh\ndocument: {{number: 1/KH, issued: {date}, issuer: UBND, type: Kế hoạch, file: van-ban-bi-mat.pdf}}\ntags: [bí mật]\n---\nNội dung chưa công bố {dir}.\n"
            ),
        );
        f.file(
            &format!("content/tin-tuc/{dir}/van-ban-bi-mat.pdf"),
            "%PDF-1.4 BI-MAT\n",
        );
        f.bytes(
            &format!("content/tin-tuc/{dir}/anh-bi-mat.png"),
            &tiny_png(8, 6),
        );
        f.file(
            &format!("content/tin-tuc/{dir}/phu-luc/bang.csv"),
            "BI-MAT\n",
        );
    }
    f
}

#[test]
fn nothing_of_an_unpublished_page_is_written() {
    let f = site_with_unpublished();
    f.build_ok();
    for (path, bytes) in snapshot(&f.out("")) {
        let text = String::from_utf8_lossy(&bytes);
        for secret in [
            "BI-MAT",
            "bi-mat",
            "Chưa đăng",
            "chưa công bố",
            "nhap",
            "sap-toi",
            "bí mật",
        ] {
            assert!(!text.contains(secret), "{path} holds `{secret}`");
            assert!(!path.contains(secret), "{path} was published");
        }
    }
    assert!(f.exists("tin-tuc/cong-khai/index.html"));
    // With --drafts the draft and its files are there, the future page too.
    let mut opts = f.opts();
    opts.drafts = true;
    congxa::build(&opts).unwrap();
    assert!(f.exists("tin-tuc/nhap/van-ban-bi-mat.pdf"));
    assert!(f.exists("tin-tuc/nhap/anh-bi-mat-8.webp"));
    assert!(f.exists("tin-tuc/sap-toi/phu-luc/bang.csv"));
}

#[test]
fn links_to_an_unpublished_pages_files_are_errors() {
    let f = site_with_unpublished();
    f.file(
        "content/tin-tuc/cong-khai.md",
        "---\ntitle: Công khai\ndate: 2024-07-16\ndocument: {number: 2/KH, issued: 2024-07-16, issuer: UBND, type: Kế hoạch, file: nhap/van-ban-bi-mat.pdf}\n---\n[Tệp](sap-toi/van-ban-bi-mat.pdf)\n",
    );
    let e = both_refuse(&f, "left out of this build");
    assert!(e.contains("content/tin-tuc/cong-khai.md:4:"), "{e}");
    assert!(e.contains("content/tin-tuc/cong-khai.md:6:"), "{e}");
}

#[test]
fn names_too_long_for_a_file_system_fail_check_too() {
    // A long `slug:`, and a long CJK file name (each character becomes a word).
    let long_slug = "a".repeat(300);
    let cjk: String = "越南河内应和县和富社行政改革".repeat(6);
    for (file, front) in [
        ("content/bai.md".to_string(), format!("slug: {long_slug}\n")),
        (format!("content/{cjk}.md"), String::new()),
    ] {
        let f = Fixture::new();
        f.file(&file, &format!("---\ntitle: Dài\n{front}---\nx\n"));
        let e = both_refuse(&f, "file systems take at most 255 bytes");
        assert!(e.contains(&file), "{e}");
        assert!(!f.out("").exists(), "a half-written site");
    }
}

#[test]
fn a_qr_code_that_cannot_be_made_fails_check_too() {
    let f = Fixture::new();
    let long = "x".repeat(250);
    let base = format!("https://xa.example.vn/{}/", [long.as_str(); 10].join("/"));
    f.file(
        "site.yaml",
        &format!("title: Xã\ndescription: d\nbase_url: {base}\n"),
    );
    f.file("content/bai.md", "---\ntitle: Bài\n---\nx\n");
    both_refuse(&f, "QR code cannot hold the article's address");
}

#[test]
fn tags_whose_names_differ_but_slugs_collide_are_reported() {
    let f = Fixture::new();
    for (i, tags) in ["[C++]", "[C#]", "[c]", "[Một cửa]", "[một  CỬA]"]
        .iter()
        .enumerate()
    {
        f.file(
            &format!("content/b{i}.md"),
            &format!("---\ntitle: Bài {i}\ndate: 2024-07-1{i}\ntags: {tags}\n---\nx\n"),
        );
    }
    let e = both_refuse(&f, "would share the URL `/the/c/`");
    assert_eq!(e.matches("would share the URL").count(), 2, "{e}");
    assert!(
        e.contains("content/b1.md:4:") && e.contains("content/b2.md:4:"),
        "{e}"
    );
    assert!(e.contains("first in `content/b0.md`"), "{e}");
    // Case and spacing alone are the same tag.
    f.remove("content/b1.md");
    f.remove("content/b2.md");
    f.build_ok();
    assert!(f.exists("the/mot-cua/index.html"));
}

#[test]
fn aliases_onto_congxas_own_files_or_outside_are_clear_errors() {
    for alias in [
        "/.congxa-output",
        "/.congxa-output/",
        "/../../x/",
        "/a/../../b/",
        "/tin?id=5/",
        "/a\\..\\b/",
    ] {
        let f = Fixture::new();
        f.file(
            "content/bai.md",
            &format!("---\ntitle: Bài\naliases: ['{alias}']\n---\nx\n"),
        );
        let e = both_refuse(&f, "is not a clean site path");
        assert!(e.contains("content/bai.md:3:"), "{alias}: {e}");
    }
}

#[test]
fn a_file_in_a_dot_folder_is_never_content() {
    // (Hidden folders were never walked; still true with the new guard.)
    let f = Fixture::new();
    f.file(".git/config", "secret");
    f.file("content/.hidden/x.md", "---\ntitle: Ẩn\n---\n");
    f.build_ok();
    assert!(!f.exists(".hidden") && !Path::new(&f.out(".git")).exists());
}
