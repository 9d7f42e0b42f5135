//! The command line: exit codes, summary line, `init`, `new`, `check`.

use crate::support::*;

#[test]
fn build_prints_a_summary_unless_quiet() {
    let f = Fixture::new();
    let out = f.cli(&["build"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.starts_with("Đã xây dựng") && s.contains(" ms"), "{s}");
    let out = f.cli(&["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let f = Fixture::new();
    assert_eq!(f.cli(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(f.cli(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(f.cli(&["build", "--help"]).status.code(), Some(0));
}

#[test]
fn content_errors_exit_1_and_name_file_and_line() {
    let f = Fixture::new();
    f.file("content/x.md", "---\ntitle: A\nbogus: 1\n---\n");
    let out = f.cli(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("content/x.md:3:1: khóa `bogus` không dùng được ở đây"),
        "{err}"
    );
}

#[test]
fn init_makes_a_buildable_site() {
    let f = Fixture::empty();
    let out = f.cli(&["init", "xa-moi"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = f.root().join("xa-moi");
    assert!(site.join("themes/default/templates/page.html").is_file());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_congxa"))
        .args(["build", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        site.join("output/sipas/tiep-can-dich-vu-hanh-chinh-cong/index.html")
            .is_file()
    );
    // Git ignores the output, the build's lock file beside it and the image cache.
    assert!(site.join(".output.congxa-lock").is_file());
    let ignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert_eq!(
        ignore.lines().collect::<Vec<_>>(),
        ["output/", ".output.congxa-*", ".congxa-cache/"]
    );
    // Refuses a non-empty directory.
    assert_eq!(f.cli(&["init", "xa-moi"]).status.code(), Some(1));
}

#[test]
fn new_article_passes_check() {
    let f = Fixture::with_indices();
    let out = f.cli(&[
        "new",
        "tin-tuc/hoi-nghi.md",
        "--title",
        "Hội nghị: \"SIPAS\" #1",
        "--index",
        "sipas",
        "--area",
        "tiep-can-dich-vu",
        "thu-tuc-hanh-chinh",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(f.root().join("content/tin-tuc/hoi-nghi.md")).unwrap();
    assert!(text.starts_with("---\ntitle:"), "{text}");
    let out = f.cli(&["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!f.out("").exists(), "check writes nothing");
    assert_eq!(
        f.cli(&["new", "tin-tuc/hoi-nghi.md"]).status.code(),
        Some(1),
        "never overwrites"
    );
}
