use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

/// Create a new, complete commune site: the three governance indices with
/// all their areas, a commented `site.yaml`, CI files and a first article.
#[derive(Debug, Args)]
pub struct InitCommand {
    /// Directory to create (must be empty or absent).
    dir: PathBuf,
    /// The commune's name, e.g. `--xa "Hòa Phú"` (shown in the home page's title).
    #[arg(long = "xa", alias = "commune", value_name = "TÊN XÃ")]
    commune: Option<String>,
}

/// The governance index sections: the front matter of the project's own
/// site (public knowledge of each index, its areas and their summaries),
/// with a body that says nothing about any commune.
const INDEX_SECTIONS: &[(&str, &str, &str)] = &[
    (
        "content/par-index/_index.md",
        include_str!("../../content/par-index/_index.md"),
        PAR_INDEX_IMPACT,
    ),
    (
        "content/papi/_index.md",
        include_str!("../../content/papi/_index.md"),
        "",
    ),
    (
        "content/sipas/_index.md",
        include_str!("../../content/sipas/_index.md"),
        "",
    ),
];

/// PAR INDEX's eighth field, measured by survey (the project's own site lists
/// the seven of its commune plan).
const PAR_INDEX_IMPACT: &str = "    - key: tac-dong-cua-cai-cach-hanh-chinh
      title: Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế – xã hội
      summary: \"Được đánh giá qua điều tra xã hội học: người dân, tổ chức cảm nhận kết quả cải cách hành chính ra sao, và cải cách hành chính góp phần thế nào vào phát triển kinh tế – xã hội của địa phương.\"
";

const GITHUB_WORKFLOW: &str = include_str!("../../.github/workflows/site.yml");

const FILES: &[(&str, &str)] = &[
    ("site.yaml", include_str!("starter/site.yaml")),
    // The output, and what builds keep beside it (lock file, staging trees).
    (".gitignore", "output/\n.output.congxa-*\n.congxa-cache/\n"),
    (".github/workflows/site.yml", GITHUB_WORKFLOW),
    (".gitlab-ci.yml", include_str!("starter/gitlab-ci.yml")),
    (
        "content/_index.md",
        "---\ntitle: Trang thông tin điện tử xã {XA}\n---\n\nChào mừng bạn đến với Trang thông tin điện tử xã {XA}. Tại đây có tin tức, thông báo của xã và thông tin về các chỉ số [PAR INDEX](/par-index/), [PAPI](/papi/) và [SIPAS](/sipas/).\n",
    ),
    (
        "content/tin-tuc/_index.md",
        "---\ntitle: Tin tức – Thông báo\nsort_by: date\nmenu: 1\n---\n",
    ),
    (
        "content/tin-tuc/huong-dan-viet-bai.md",
        include_str!("starter/bai-dau-tien.md"),
    ),
];

impl InitCommand {
    pub fn run(self, lang: congxa::messages::Lang) -> ExitCode {
        if self.dir.exists()
            && std::fs::read_dir(&self.dir)
                .map(|mut d| d.next().is_some())
                .unwrap_or(true)
        {
            eprintln!(
                "{}: {}\n  = {}: {}",
                self.dir.display(),
                lang.text("init-not-empty"),
                lang.text("hint-label"),
                lang.text("init-not-empty-hint")
            );
            return ExitCode::from(1);
        }
        let commune = self
            .commune
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .unwrap_or("(đang cập nhật tên xã)");
        match write_site(&self.dir, commune) {
            Ok(()) => {
                let dir = self.dir.display().to_string();
                println!("{}", congxa::msg!("init-done", dir = dir).render(lang));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: {e}", self.dir.display());
                ExitCode::from(1)
            }
        }
    }
}

/// A governance index section for a new site: `source`'s front matter (with
/// `extra_areas` after its last area) and a body naming no commune.
fn index_section(source: &str, extra_areas: &str) -> String {
    let source = source.replace("\r\n", "\n");
    let end = source[4..]
        .find("\n---\n")
        .map(|i| i + 4)
        .unwrap_or(source.len());
    let front = &source[..end];
    let code = front
        .lines()
        .find_map(|l| l.trim().strip_prefix("code: "))
        .unwrap_or("");
    format!(
        "{front}\n{extra_areas}---\n\nTrang này giới thiệu Chỉ số {code} và các lĩnh vực được đánh giá; \
         mỗi lĩnh vực có trang riêng liệt kê các bài viết về nó. Ban biên tập bổ sung kết quả chỉ số \
         của tỉnh và việc xã triển khai khi có văn bản chính thức.\n"
    )
}

fn write_site(dir: &Path, commune: &str) -> std::io::Result<()> {
    let today = jiff::tz::Offset::from_hours(7)
        .map(|o| o.to_datetime(jiff::Timestamp::now()).date())
        .map(congxa::dates::short_vi)
        .unwrap_or_else(|_| "01/01/2025".into());
    let sections = INDEX_SECTIONS
        .iter()
        .map(|(rel, src, extra)| (*rel, index_section(src, extra)));
    let files = FILES.iter().map(|(rel, text)| {
        (
            *rel,
            text.replace("{XA}", commune).replace("{DATE}", &today),
        )
    });
    for (rel, text) in files.chain(sections) {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(p, text)?;
    }
    congxa::theme::write_embedded_default(&dir.join("themes").join("default"))
}
