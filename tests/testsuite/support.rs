//! Fixture sites in temp dirs, and helpers to build them and read their output.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use congxa::BuildOptions;
use congxa::diagnostics::Diagnostics;

/// "Now" for every test build: 2026-01-01T00:00:00+07:00.
pub fn fixed_now() -> jiff::Timestamp {
    "2025-12-31T17:00:00Z".parse().unwrap()
}

pub const SITE_YAML: &str =
    "title: Xã Thử Nghiệm\ndescription: Trang thử\nbase_url: https://xa.example.vn/\n";

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A site with `site.yaml` and a home page, nothing else.
    pub fn new() -> Fixture {
        let f = Fixture::empty();
        f.file("site.yaml", SITE_YAML);
        f.file(
            "content/_index.md",
            "---\ntitle: Trang chủ\n---\nXin chào.\n",
        );
        f
    }

    /// An empty directory.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A site with the three governance indices and a news section.
    pub fn with_indices() -> Fixture {
        let f = Fixture::new();
        f.file(
            "content/tin-tuc/_index.md",
            "---\ntitle: Tin tức\nmenu: 1\n---\n",
        );
        f.file(
            "content/sipas/_index.md",
            "---\ntitle: Chỉ số SIPAS\nmenu: 2\nindex:\n  code: SIPAS\n  name: Chỉ số hài lòng\n  publisher: Bộ Nội vụ\n  areas:\n    - {key: tiep-can-dich-vu, title: Tiếp cận dịch vụ hành chính công}\n    - {key: thu-tuc-hanh-chinh, title: Thủ tục hành chính}\n---\nSIPAS là gì.\n",
        );
        f.file(
            "content/par-index/_index.md",
            "---\ntitle: Chỉ số PAR INDEX\nindex:\n  code: PAR INDEX\n  name: Chỉ số cải cách hành chính\n  areas:\n    - {key: cai-cach-the-che, title: Cải cách thể chế}\n---\n",
        );
        f.file(
            "content/papi/_index.md",
            "---\ntitle: Chỉ số PAPI\nindex:\n  code: PAPI\n  name: Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh\n  areas:\n    - {key: quan-tri-dien-tu, title: Quản trị điện tử}\n---\n",
        );
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str, text: &str) -> &Self {
        self.bytes(rel, text.as_bytes())
    }

    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) {
        let p = self.root().join(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap()
        } else {
            std::fs::remove_file(p).unwrap()
        }
    }

    pub fn opts(&self) -> BuildOptions {
        let mut o = BuildOptions::new(self.root());
        o.now = fixed_now();
        o
    }

    pub fn build(&self) -> Result<congxa::BuildReport, Diagnostics> {
        congxa::build(&self.opts())
    }

    pub fn build_ok(&self) -> congxa::BuildReport {
        match self.build() {
            Ok(r) => r,
            Err(e) => panic!("build failed:\n{e}"),
        }
    }

    /// Build that must fail; returns the printed problems (in Vietnamese,
    /// the default language).
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("build should have failed"),
            Err(e) => e.to_string(),
        }
    }

    /// [`Fixture::build_err`], the problems in English (`--lang en`).
    pub fn build_err_en(&self) -> String {
        let mut opts = self.opts();
        opts.lang = congxa::messages::Lang::En;
        match congxa::build(&opts) {
            Ok(_) => panic!("build should have failed"),
            Err(e) => e.render(congxa::messages::Lang::En),
        }
    }

    pub fn out(&self, rel: &str) -> PathBuf {
        self.root().join("output").join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        let p = self.out(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out(rel).exists()
    }

    /// Run the real `congxa` binary in this site (in Vietnamese, whatever
    /// the environment says).
    pub fn cli(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_congxa"))
            .args(args)
            .current_dir(self.root())
            .env_remove("CONGXA_LANG")
            .output()
            .expect("run congxa")
    }

    /// [`Fixture::cli`] with `--lang en`: messages in English.
    pub fn cli_en(&self, args: &[&str]) -> Output {
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        self.cli(&all)
    }
}

/// `path` relative to `root`, as text.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// Every file of a directory tree with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| (relative(dir, e.path()), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

/// Every directory of a tree (relative paths, sorted): empty ones must not linger.
pub fn dirs(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_dir())
        .map(|e| relative(root, e.path()))
        .collect();
    out.sort();
    out
}

/// Position of `needle` in `hay`, or a panic showing `hay`.
pub fn pos(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found in:\n{hay}"))
}

/// A real (tiny) PNG photo, `w`x`h`, opaque: what a fixture's `image:` needs
/// now that photos are decoded and published as variants.
pub fn tiny_png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 40) as u8, (y * 40) as u8, 90])
    });
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}
